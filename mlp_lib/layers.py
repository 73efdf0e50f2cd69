"""A list numbered from 1, so that ``net.W[k]`` is the notes' :math:`W^{[k]}`."""
import numpy as np


class Layers:
    """Per-layer arrays indexed k = 1..r, as in the notes.

    Reading ``W[k]`` returns the array itself (changes to it change the model).
    Assigning ``W[k] = value`` copies value into the layer after checking its shape,
    so a model can never end up with inconsistent dimensions.
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
        return self._arrays[self._index(k)]

    def __setitem__(self, k, value):
        current = self._arrays[self._index(k)]
        arr = np.asarray(value, dtype=current.dtype)
        if arr.shape != current.shape:
            raise ValueError(
                f"{self._name}[{k}] must have shape {current.shape}, got shape {arr.shape}."
            )
        if not np.all(np.isfinite(arr)):
            raise ValueError(f"{self._name}[{k}] must contain only finite numbers.")
        current[...] = arr

    def __len__(self):
        return len(self._arrays)

    def __iter__(self):
        return iter(self._arrays)

    def __repr__(self):
        shapes = ", ".join(f"{k}: {a.shape}" for k, a in enumerate(self._arrays, start=1))
        return f"{self._name}{{{shapes}}}"
