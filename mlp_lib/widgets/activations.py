r"""Explorer of the activation-function chapter (eqs. 2.14-2.20): swap sigma, keep the rest.

The same network, ``MLP(SIZES, activation, seed=SEED)``, is trained by gradient descent
(eq. 1.3) with the same learning rate and number of steps on :func:`mlp_lib.data.smooth_curve`,
once per activation of :data:`mlp_lib.ACTIVATIONS` by :func:`mlp_lib.train_mlp`, which
remembers the fits, so switching the dropdown only redraws.
"""
from ..activations import ACTIVATIONS
from ..data import smooth_curve
from ..plots.activations import activation_fit_artists, show_activation_fit
from ..training import train_mlp
from ._common import dropdown, interactive_figure

#: The training set: 80 noisy samples of sin(3x) on [-1, 1].
DATA = smooth_curve(n=80, noise=0.1, seed=0)
#: The architecture every activation gets: two hidden layers of 16 units (r = 3).
SIZES = [1, 16, 16, 1]
LR = 0.1
N_ITER = 2000
RECORD_EVERY = 20
SEED = 0



def activation_fits():
    """The trained ``(net, history)`` of every activation, by :func:`mlp_lib.train_mlp`
    (which remembers them: only the first call trains)."""
    X, y = DATA
    runs = {name: train_mlp(SIZES, X, y, name, SEED, lr=LR, n_iter=N_ITER, record_every=RECORD_EVERY)
            for name in ACTIVATIONS}
    return {name: (run["model"], run["history"]) for name, run in runs.items()}


#: Where the two panels go, [x0, y0, width, height] in figure fractions (for figsize (11, 4)).
FIT_POSITION = [0.07, 0.12, 0.4136, 0.8]
J_POSITION = [0.5664, 0.12, 0.4136, 0.8]


def _artists(fig):
    """The explorer's Axes and artists on this figure, made on its first update (kept on the figure)."""
    artists = getattr(fig, "_activation_artists", None)
    if artists is None or artists["ax_fit"] not in fig.axes:  # first update, or fig was cleared
        fig.clear()
        # fixed positions: tight_layout would cost more than the rest of the update
        axes = fig.add_axes(FIT_POSITION), fig.add_axes(J_POSITION)
        X, y = DATA
        artists = fig._activation_artists = activation_fit_artists(
            axes, list(ACTIVATIONS), X, y, n_iter=N_ITER, record_every=RECORD_EVERY)
    return artists


def update_activation(fig, activation="relu"):
    """Draw the chosen activation's fit and everyone's J during training.

    The Axes and their artists are made on the first call and only updated afterwards.

    Returns
    -------
    dict
        ``x``, ``h`` (activation -> outputs on the grid), ``J`` (activation -> final J),
        as :func:`mlp_lib.plots.activations.plot_activation_fit` returns, plus ``activation``.
    """
    drawn = show_activation_fit(_artists(fig), activation_fits(), activation)
    drawn["activation"] = activation
    return drawn


def activation_explorer(activation="relu"):
    """A dropdown of the activations; shows that net's fit and the training cost of all four."""
    controls = {"activation": dropdown("activation sigma", list(ACTIVATIONS), activation)}
    return interactive_figure(controls, update_activation, figsize=(11, 4))
