"""Interactive explorers for the book, built with ipywidgets (7.7 as in Colab, or 8.x).

Each chapter's explorer lives in its own module (``mlp_lib.widgets.neuron``, ...). The
pattern is the same everywhere: a plain ``update_...`` function takes the control
values and an Axes, draws, and returns the numbers it drew (tests call it without a
browser); a ``..._explorer()`` function builds the controls and wires them to it with
:func:`mlp_lib.widgets._common.interactive_figure`.
"""
