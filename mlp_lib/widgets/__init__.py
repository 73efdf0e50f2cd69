"""The book's explorers: anywidget widgets that compute and draw in the page.

Each chapter's explorer lives in its own module (``mlp_lib.widgets.optimization``,
``.neuron``, ``.stacking``, ...): a class built on :class:`mlp_lib.widgets._explorer.Explorer`
whose settings are traitlets, a front end in ``js/src/explorers/<name>.js`` (bundled into
``static/<name>.js``) that does the explorer's arithmetic with a JS core mirroring mlp_lib,
and a function ``<thing>_explorer(...)`` that a chapter calls. With a kernel, each explorer
hands its state back as the mlp_lib object (e.g. ``explorer.neuron()``). See
``js/README.md``.
"""
