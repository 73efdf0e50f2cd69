"""Small pieces every explorer shares: controls that look the same in ipywidgets 7.7
(Colab) and 8.x, and the wiring of controls to a figure."""
import io

import ipywidgets as widgets
from IPython.display import Image, display
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

_STYLE = {"description_width": "initial"}
_LAYOUT = {"width": "360px"}


def float_slider(description, value, min, max, step, readout_format=".2f"):
    """A FloatSlider that updates when released (continuous_update=False keeps it cheap)."""
    return widgets.FloatSlider(value=value, min=min, max=max, step=step, description=description,
                               continuous_update=False, readout_format=readout_format,
                               style=_STYLE, layout=widgets.Layout(**_LAYOUT))


def log_slider(description, value, min_exp, max_exp, step=0.1, readout_format=".3g"):
    """A slider over 10**min_exp .. 10**max_exp, for learning rates."""
    return widgets.FloatLogSlider(value=value, base=10, min=min_exp, max=max_exp, step=step,
                                  description=description, continuous_update=False,
                                  readout_format=readout_format, style=_STYLE,
                                  layout=widgets.Layout(**_LAYOUT))


def int_slider(description, value, min, max, step=1):
    """An IntSlider that updates when released."""
    return widgets.IntSlider(value=value, min=min, max=max, step=step, description=description,
                             continuous_update=False, style=_STYLE, layout=widgets.Layout(**_LAYOUT))


def dropdown(description, options, value=None):
    """A Dropdown; options is a list of names or of (label, value) pairs."""
    kwargs = {} if value is None else {"value": value}
    return widgets.Dropdown(options=options, description=description, style=_STYLE, **kwargs)


def two_axes(fig, left, right):
    """The two Axes of a two-panel explorer, placed at fixed positions [x0, y0, width, height]
    (fixed margins draw about 3x faster than tight_layout). Makes them on first use."""
    if len(fig.axes) != 2:
        fig.clear()
        fig.subplots(1, 2)
    ax_left, ax_right = fig.axes
    ax_left.set_position(left)
    ax_right.set_position(right)
    return ax_left, ax_right


def explorer_figure(figsize, ncols=1):
    """A Figure with `ncols` Axes and its own Agg canvas, outside pyplot.

    The canvas stays with the figure for the explorer's whole life, so matplotlib's caches
    of text layout (kept per renderer) are reused from one redraw to the next, and pyplot
    never shows the figure behind the explorer's back.
    """
    fig = Figure(figsize=figsize)
    FigureCanvasAgg(fig)
    fig.subplots(1, ncols)
    return fig


def render_png(fig):
    """The figure as PNG bytes, exactly as an explorer shows it.

    The whole canvas, without ``bbox_inches="tight"``: tight cropping draws the figure
    twice (once to measure it), and the explorers place their Axes at fixed positions anyway.
    """
    buf = io.BytesIO()
    fig.canvas.print_png(buf)
    return buf.getvalue()


def interactive_figure(controls, draw, figsize=(7, 4), ncols=1, buttons=()):
    """Wire named controls to a drawing function and return the widget to display.

    Parameters
    ----------
    controls : dict name -> ipywidgets control
        Their values are passed to draw as keyword arguments.
    draw : callable(fig, **values)
        Redraws the figure (made here by :func:`explorer_figure`, with `ncols` Axes).
    buttons : sequence of (ipywidgets.Button, callable(fig, **values))
        Optional actions (e.g. "fit by SGD") that draw too when clicked.

    Returns
    -------
    ipywidgets.VBox
        The controls above an Output that shows the figure as a PNG; the figure is drawn
        once before this returns, so a saved notebook shows it. It carries ``.figure``,
        ``.controls``, ``.redraw(show=False)`` (draw with the current control values
        without displaying) and ``.render()`` (the PNG bytes that would be shown), used by
        the tests and the benchmarks.
    """
    fig = explorer_figure(figsize, ncols)
    out = widgets.Output()

    def redraw(action=draw, show=True):
        values = {name: c.value for name, c in controls.items()}
        action(fig, **values)
        if show:
            png = render_png(fig)
            with out:
                out.clear_output(wait=True)
                display(Image(data=png, format="png"))

    for c in controls.values():
        c.observe(lambda change: redraw(), names="value")
    for button, action in buttons:
        button.on_click(lambda _b, action=action: redraw(action))
    redraw()
    rows = [widgets.HBox(list(controls.values())[i:i + 2]) for i in range(0, len(controls), 2)]
    if buttons:
        rows.append(widgets.HBox([b for b, _ in buttons]))
    box = widgets.VBox(rows + [out])
    # For tests and benchmarks: the figure, the controls, a redraw that needs no kernel,
    # and the rendering the reader sees.
    box.figure, box.controls, box.redraw = fig, controls, redraw
    box.render = lambda: render_png(fig)
    return box
