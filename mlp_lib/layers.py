"""A list numbered from 1, so that ``net.W[k]`` is the notes' :math:`W^{[k]}`; and the one
vector theta cut into those layers."""
import numpy as np

from ._checks import as_float_array


class Layers:
    """Per-layer arrays indexed k = 1..r, as in the notes.

    Reading ``W[k]`` returns the array itself (changes to it change the model).
    Assigning ``W[k] = value`` copies value into the layer after checking its shape and
    that it is finite, so a model can never end up with inconsistent dimensions.

    ``W[k] -= alpha * grad_W[k]`` costs what it costs in numpy: Python runs ``-=`` in place
    on the layer itself, then assigns that same array back, which has nothing left to copy
    or check (the new numbers are already in the model: a check could not undo them).
    """

    def __init__(self, arrays, name):
        self._arrays = list(arrays)
        self._name = name

    def _index(self, k):
        r = len(self._arrays)
        if isinstance(k, (bool, np.bool_)) or not isinstance(k, (int, np.integer)):
            raise TypeError(f"{self._name}[k] needs an integer layer number k, got {k!r}.")
        if not 1 <= k <= r:
            raise IndexError(
                f"{self._name}[{k}] does not exist: layers are numbered 1 to {r}, as in the notes."
            )
        return int(k) - 1

    def __getitem__(self, k):
        if type(k) is int and 0 < k <= len(self._arrays):  # the common case, checked cheaply
            return self._arrays[k - 1]
        return self._arrays[self._index(k)]

    def __setitem__(self, k, value):
        current = self[k]
        if value is current:  # W[k] -= step: numpy has already updated the layer in place
            return
        arr = as_float_array(value, f"{self._name}[{k}]", current.dtype)  # real, finite numbers
        if arr.shape != current.shape:
            raise ValueError(
                f"{self._name}[{k}] must have shape {current.shape}, got shape {arr.shape}."
            )
        current[...] = arr

    def __len__(self):
        return len(self._arrays)

    def __iter__(self):
        return iter(self._arrays)

    def __repr__(self):
        shapes = ", ".join(f"{k}: {a.shape}" for k, a in enumerate(self._arrays, start=1))
        return f"{self._name}{{{shapes}}}"


class Pieces(list):
    """Arrays cut out of one vector (kept as ``.vector``): each is a view, so writing to a
    piece writes to the vector, and one operation on the vector acts on every piece.

    :class:`mlp_lib.MLP` stores theta this way, W[1], b[1], ..., W[r], b[r] one after the
    other, and its gradient too; that is how the optimizers update all of theta at once,
    theta := theta - alpha grad (eq. 1.3). `cuts` lists (start, stop, shape) of each piece.
    """

    def __init__(self, vector, cuts):
        super().__init__(vector[start:stop].reshape(shape) for start, stop, shape in cuts)
        self.vector = vector


def cuts(shapes):
    """(start, stop, shape) of arrays of these shapes laid one after the other in a vector."""
    out, start = [], 0
    for shape in shapes:
        stop = start + int(np.prod(shape))
        out.append((start, stop, tuple(shape)))
        start = stop
    return out
