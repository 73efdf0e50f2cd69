r"""The fully-connected network of eqs. (2.12)-(2.13), vectorized over examples.

The notes write one example as a column vector x and a layer as :math:`z = W x + b`
(eq. 2.9). Here, as in numpy and PyTorch, the n examples are the ROWS of a matrix X of
shape (n, d); the layer then reads ``Z = A @ W[k].T + b[k]``, which is eq. (2.9) written
for all rows at once (transpose both sides of :math:`z = W a + b`).
"""
import numpy as np

from ._checks import as_rng, check_sizes, check_X, check_y
from .activations import get_activation
from .layers import Layers, Pieces, cuts
from .losses import mean_cost, squared_loss_gradient

#: The variance gain of the initial weights, He for ReLU and LeCun for the others.
INIT_GAIN = {"relu": 2.0, "sigmoid": 1.0, "tanh": 1.0, "identity": 1.0}
#: The most parameters an MLP may have, 800 MB in float64. Larger sizes are refused at once
#: rather than left to exhaust the memory.
MAX_PARAMS = 10**8


def param_count(sizes):
    r"""Number of parameters of a network with layer widths ``sizes = [d, m_1, ..., m_r]``.

    Layer k has :math:`m_k m_{k-1}` weights and :math:`m_k` biases, so the total is
    :math:`\sum_{k=1}^{r} (m_{k-1} + 1)\, m_k`. (The notes print this count with one
    extra term; see the errata page.)
    """
    sizes = check_sizes(sizes)
    return sum((m_prev + 1) * m for m_prev, m in zip(sizes[:-1], sizes[1:]))


def notes_param_count(sizes):
    r"""The parameter count exactly as the notes print it under eq. (2.12).

    The notes write :math:`(d+1)m_1 + (m_1+1)m_2 + m_2 + \dots + (m_{r-2}+1)m_{r-1} + m_{r-1} + 1`
    for ``sizes = [d, m_1, ..., m_{r-1}, 1]``. Read term by term, that is the true count
    :func:`param_count` plus the stray ``+ m_2``, except when r <= 3, where the formula is
    short enough that the ``m_2`` is the final ``m_{r-1}`` (r = 3) or absent (r = 2). So it
    overcounts by :math:`m_2` exactly when r >= 4 (see the errata page).

    Parameters
    ----------
    sizes : sequence of int, ``[d, m_1, ..., m_r]`` with m_r = 1 as in the notes.
    """
    sizes = check_sizes(sizes)
    r = len(sizes) - 1
    return param_count(sizes) + (sizes[2] if r >= 4 else 0)


def parameter_counts(net):
    """The parameter count three ways: the arrays, the closed form, the notes' printed formula.

    Returns
    -------
    dict
        ``num_params`` (``net.num_params``), ``param_count`` (:func:`param_count`),
        ``notes_formula`` (:func:`notes_param_count`) and ``notes_excess`` (their difference).
    """
    counts = {"num_params": net.num_params, "param_count": param_count(net.sizes),
              "notes_formula": notes_param_count(net.sizes)}
    counts["notes_excess"] = counts["notes_formula"] - counts["param_count"]
    return counts


def shape_rows(net, X):
    """The shapes of every W^[k], b^[k] and a^[k], k = 0..r, for the batch X (a forward pass).

    Returns
    -------
    list of dict
        ``{"k": k, "W": shape or None, "b": shape or None, "a": shape}``; k = 0 has no
        parameters (a^[0] is X itself).
    """
    with np.errstate(all="ignore"):
        _, a = net._forward(check_X(X, net.d, net.dtype))
    rows = [{"k": 0, "W": None, "b": None, "a": a[0].shape}]
    for k in range(1, net.r + 1):
        rows.append({"k": k, "W": net.W[k].shape, "b": net.b[k].shape, "a": a[k].shape})
    return rows


class Backprop:
    r"""Every value one backpropagation computed (:meth:`MLP.backprop`), indexed as in the notes.

    Attributes
    ----------
    z, a : list
        Arrays indexed k = 0..r: ``z[k]``, ``a[k]`` of shape (n, m_k), one row per example;
        ``a[0]`` is X, ``z[0]`` None.
    h : array
        The predictions :math:`h_\theta(x)`, ``a[r]`` (eq. 2.12): shape (n,) when m_r = 1,
        else (n, m_r).
    J : float
        The mean cost of eq. (1.2).
    dz : list
        ``dz[k]`` is :math:`\delta^{[k]} = \partial J/\partial z^{[k]}`, shape (n, m_k), k = 1..r
        (``dz[0]`` None).
    da : list
        ``da[k]`` is :math:`\partial J/\partial a^{[k]}`, shape (n, m_k), for k = 1..r-1, and for
        k = 0 when asked for (else None); ``da[r]`` is None (a[r] = z[r], so it is ``dz[r]``).
    grad_W, grad_b : Layers
        :math:`\partial J/\partial W^{[k]}` and :math:`\partial J/\partial b^{[k]}`, k = 1..r.
    """

    def __init__(self, z, a, h, J, dz, da, grad_W, grad_b):
        self.z, self.a, self.h, self.J = z, a, h, J
        self.dz, self.da, self.grad_W, self.grad_b = dz, da, grad_W, grad_b

    def __repr__(self):
        return f"Backprop(r={len(self.z) - 1}, n={self.a[0].shape[0]}, J={self.J:.6g})"


class MLP:
    r"""A fully-connected network :math:`h_\theta` with r layers, eq. (2.12).

    Parameters
    ----------
    sizes : sequence of int, ``[d, m_1, ..., m_r]``
        Input dimension d, then the width of every layer; r = len(sizes) - 1.
        The last layer is linear (eq. 2.12); all others apply the activation (eq. 2.13).
    activation : {"relu", "sigmoid", "tanh", "identity"}
        The activation sigma of the hidden layers (eqs. 2.1, 2.14, 2.15, 2.16).
    seed : int, numpy.random.Generator or None
        Seed for the initial parameters.
    dtype : numpy float dtype
        float64 (default; exact gradient checks) or float32 (faster).

    Notes
    -----
    Initialization: :math:`W^{[k]}_{ij} \sim N(0, g / m_{k-1})` with gain g = 2 for
    ReLU (He et al., 2015) and g = 1 otherwise (LeCun), so the activations keep a
    stable scale through the layers; biases :math:`b^{[k]}_j \sim U(-1/\sqrt{m_{k-1}},
    1/\sqrt{m_{k-1}})`, so that the kinks of ReLU units (where :math:`w x + b = 0`) are
    spread over the inputs instead of all sitting at x = 0.

    Attributes
    ----------
    W, b : Layers
        ``W[k]`` has shape (m_k, m_{k-1}) and ``b[k]`` shape (m_k,), k = 1..r.
    theta : array
        Shape (num_params,): all the parameters in one vector, the notes' :math:`\theta`:
        W[1] (row by row), b[1], W[2], b[2], ... . ``W[k]`` and ``b[k]`` are views of it,
        so the optimizers update all of theta with one vector operation, as eq. (1.3) is
        written.
    """

    def __init__(self, sizes, activation="relu", seed=None, dtype=np.float64):
        self.sizes = check_sizes(sizes)
        self.sigma, self.sigma_derivative = get_activation(activation)
        self.activation = activation
        try:
            self.dtype = np.dtype(dtype)
        except TypeError:
            self.dtype = None
        if self.dtype is None or self.dtype.kind != "f":
            raise ValueError(f"dtype must be a floating-point type such as np.float64, got {dtype!r:.80}.")
        if param_count(self.sizes) > MAX_PARAMS:
            raise ValueError(
                f"sizes {self.sizes} make {param_count(self.sizes):,} parameters, more than the "
                f"{MAX_PARAMS:,} an MLP may have (mlp_lib.model.MAX_PARAMS); use narrower layers.")
        rng = as_rng(seed)
        gain = INIT_GAIN[activation]
        shapes = []
        for m_prev, m in zip(self.sizes[:-1], self.sizes[1:]):
            shapes += [(m, m_prev), (m,)]  # W[k], b[k]
        self._cuts = cuts(shapes)  # where W[1], b[1], ..., W[r], b[r] lie in theta
        self.theta = np.empty(param_count(self.sizes), self.dtype)
        self.W, self.b = self._layers(self.theta, "W", "b")
        for W, b in zip(self.W, self.b):
            m, m_prev = W.shape
            W[...] = rng.standard_normal((m, m_prev)) * np.sqrt(gain / m_prev)
            b[...] = rng.uniform(-1, 1, m) / np.sqrt(m_prev)

    def _layers(self, vector, name_W, name_b):
        """Cut a vector laid out like theta into W[k], b[k] (views: writing to them writes to it)."""
        pieces = Pieces(vector, self._cuts)
        return Layers(pieces[0::2], name_W), Layers(pieces[1::2], name_b)

    def __getstate__(self):  # copy.deepcopy and pickle: W and b are rebuilt as views of theta
        state = self.__dict__.copy()
        del state["W"], state["b"]
        return state

    def __setstate__(self, state):
        self.__dict__.update(state)
        self.W, self.b = self._layers(self.theta, "W", "b")

    # ----------------------------------------------------------------- shapes
    @property
    def r(self):
        """Number of layers r (weight matrices), eq. (2.12)."""
        return len(self.sizes) - 1

    @property
    def d(self):
        """Input dimension d = m_0."""
        return self.sizes[0]

    @property
    def num_params(self):
        """The number of parameters in theta, counting every entry of every W[k] and b[k]."""
        return sum(W.size + b.size for W, b in zip(self.W, self.b))

    def __repr__(self):
        return f"MLP(sizes={self.sizes}, activation={self.activation!r}, dtype={self.dtype.name})"

    # ---------------------------------------------------------------- forward
    def _forward(self, X):
        """Forward pass on a checked (n, d) array: ``z[k]`` and ``a[k]`` for k = 1..r, one
        row per example, with ``a[0] = X`` (there is no z[0])."""
        z, a = [None], [X]
        for k in range(1, self.r + 1):
            z.append(a[k - 1] @ self.W[k].T + self.b[k])  # (2.9), one row per example
            a.append(self.sigma(z[k]) if k < self.r else z[k])  # (2.13); last layer linear (2.12)
        return z, a

    def _output(self, H):
        return H[:, 0] if self.sizes[-1] == 1 else H

    def forward(self, X):
        r""":math:`h_\theta(x)` for every row of X, eq. (2.12).

        Parameters
        ----------
        X : array, shape (n, d); shape (n,) is accepted when d = 1.

        Returns
        -------
        array, shape (n,) when m_r = 1, else (n, m_r).
        """
        with np.errstate(all="ignore"):  # outputs too large for the dtype are inf or nan, silently
            _, a = self._forward(check_X(X, self.d, self.dtype))
        return self._output(a[self.r])

    __call__ = forward

    def features(self, X):
        r"""The learned features :math:`a^{[r-1]} = \phi_\beta(x)` of eq. (2.21), shape (n, m_{r-1}).

        For r = 1 there is no hidden layer and the features are x itself.
        """
        with np.errstate(all="ignore"):
            _, a = self._forward(check_X(X, self.d, self.dtype))
        return a[self.r - 1]

    def cost(self, X, y):
        """The mean cost J(theta) of eq. (1.2) on (X, y): inf when it is too large for the dtype."""
        X, y = self.check_data(X, y)
        with np.errstate(all="ignore"):
            return self._cost(X, y)

    def _cost(self, X, y):
        """J of eq. (1.2) on checked arrays (what the optimizers call after every update)."""
        _, a = self._forward(X)
        return mean_cost(self._output(a[self.r]), y)  # (1.2)

    # --------------------------------------------------------------- backward
    def _backprop(self, X, y, grad_W, grad_b, input_gradient=False):
        """Backpropagation on checked arrays, writing dJ/dW[k] and dJ/db[k] into grad_W[k] and
        grad_b[k]; returns every value it computed, a :class:`Backprop`. The numbers (BP1)-(BP5)
        are those of the chapter "Backpropagation, a preview"."""
        z, a = self._forward(X)  # (2.9), (2.13), (2.12)
        r = self.r
        h = self._output(a[r])
        J = mean_cost(h, y)  # (1.2)
        dz, da = [None] * (r + 1), [None] * (r + 1)
        dz[r] = squared_loss_gradient(h, y).reshape(a[r].shape)  # (BP1) dJ/dz[r] = (h - y)/n: layer r is linear
        for k in range(r, 0, -1):
            if k < r:
                dz[k] = da[k] * self.sigma_derivative(z[k])  # (BP5) dJ/dz[k] = dJ/da[k] * sigma'(z[k])
            np.matmul(dz[k].T, a[k - 1], out=grad_W[k])  # (BP2) dJ/dW[k] = dz[k]^T a[k-1], shape (m_k, m_{k-1})
            dz[k].sum(axis=0, out=grad_b[k])  # (BP3) dJ/db[k] = the sum of dz[k] over examples
            if k > 1 or input_gradient:
                da[k - 1] = dz[k] @ self.W[k]  # (BP4) dJ/da[k-1] = dz[k] W[k]
        return Backprop(z, a, h, J, dz, da, grad_W, grad_b)

    def _backward(self, X, y):
        """Backpropagation on checked arrays: J and its gradient, ``(J, grad, grad_W, grad_b)``.

        ``grad`` is a new vector laid out like theta (a Pieces); ``grad_W[k]``, ``grad_b[k]``
        (k = 1..r) are views of it, shaped like ``W[k]``, ``b[k]``.
        """
        grad = Pieces(np.empty_like(self.theta), self._cuts)
        grad_W, grad_b = Layers(grad[0::2], "grad_W"), Layers(grad[1::2], "grad_b")
        J = self._backprop(X, y, grad_W, grad_b).J
        return J, grad, grad_W, grad_b

    def backprop(self, X, y, input_gradient=False):
        r"""Every number backpropagation computes for (X, y), forward and backward.

        The forward pass (eqs. 2.9, 2.13, 2.12) keeps :math:`z^{[k]}` and :math:`a^{[k]}`;
        the backward pass goes from k = r down to 1:
        :math:`\delta^{[k]} = \partial J/\partial z^{[k]}` (BP1 for k = r, BP5 below),
        :math:`\partial J/\partial W^{[k]}` (BP2), :math:`\partial J/\partial b^{[k]}` (BP3) and
        :math:`\partial J/\partial a^{[k-1]}` (BP4), the equations of the chapter
        "Backpropagation, a preview". :meth:`gradients` returns the last two kinds.

        Parameters
        ----------
        X : array, shape (n, d)
        y : array, shape (n,) when m_r = 1, else (n, m_r)
        input_gradient : bool
            Also compute :math:`\partial J/\partial a^{[0]} = \partial J/\partial X` (training
            never needs it: X is data, not a parameter).

        Returns
        -------
        Backprop
            ``z[k]``, ``a[k]``, ``dz[k]``, ``da[k]`` have shape (n, m_k), one row per example.
        """
        X, y = self.check_data(X, y)
        grad_W = Layers([np.empty_like(W) for W in self.W], "grad_W")
        grad_b = Layers([np.empty_like(b) for b in self.b], "grad_b")
        with np.errstate(all="ignore"):  # a finite input that overflows gives inf, as cost() does
            return self._backprop(X, y, grad_W, grad_b, input_gradient)

    def gradients(self, X, y):
        r"""Gradient of the mean cost J (eq. 1.2) by backpropagation.

        Parameters
        ----------
        X : array, shape (n, d)
        y : array, shape (n,) when m_r = 1, else (n, m_r)

        Returns
        -------
        grad_W, grad_b : Layers
            ``grad_W[k]`` has the shape of ``W[k]`` and holds :math:`\partial J / \partial W^{[k]}`;
            likewise ``grad_b[k]``. (:meth:`backprop` returns every other value it took.)
        """
        values = self.backprop(X, y)
        return values.grad_W, values.grad_b

    # ------------------------------------------- the interface the optimizers use
    def parameters(self):
        """theta as a list [W[1], b[1], ..., W[r], b[r]] of the model's own arrays.

        A :class:`~mlp_lib.layers.Pieces`: they are pieces of one vector, ``.vector`` (theta).
        """
        return Pieces(self.theta, self._cuts)

    def cost_and_gradients(self, X, y):
        """(J, [dJ/dW[1], dJ/db[1], ...]) on already-checked arrays, in the order of parameters().

        The gradients are new arrays, pieces of one vector laid out like theta (``.vector``).
        """
        J, grad, _, _ = self._backward(X, y)
        return J, grad

    def check_data(self, X, y):
        """Validate (X, y) once, before training; returns float arrays of the model's dtype."""
        X = check_X(X, self.d, self.dtype)
        return X, check_y(y, X.shape[0], self.sizes[-1], self.dtype)

    def copy(self):
        """An independent copy of the network (same sizes, activation and parameters)."""
        new = MLP.__new__(MLP)
        new.__dict__.update(self.__dict__)
        new.theta = self.theta.copy()
        new.W, new.b = new._layers(new.theta, "W", "b")
        return new
