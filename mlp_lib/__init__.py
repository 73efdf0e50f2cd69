"""mlp_lib: the models and algorithms of the CS229 "Deep Learning" notes, in numpy.

Every equation of the notes that computes something is one line here, with its number
beside it. Start with :class:`MLP` (eqs. 2.12-2.13) and :mod:`mlp_lib.optimizers`
(eqs. 1.3-1.5); :func:`train` is the one helper the chapters and explorers train with.
Importing mlp_lib imports numpy only; ``mlp_lib.plots`` (matplotlib) and
``mlp_lib.widgets`` (ipywidgets) are imported on demand.
"""
from . import activations, data, features, gradcheck, losses, optimizers, selfcheck, timing
from .activations import ACTIVATIONS, get_activation, identity, relu, sigmoid, tanh
from .errors import TrainingDiverged
from .layers import Layers
from .loops import forward_loops
from .losses import mean_squared_cost, squared_loss
from .model import MLP, notes_param_count, param_count, parameter_counts, shape_rows
from .neuron import SingleNeuron
from .optimizers import batch_sgd, epoch_sgd, gd, minibatch_sgd, momentum_sgd, recorded_iterations, sgd
from .quadratic_model import QuadraticModel
from .stacking import housing_net, housing_theta
from .training import train, train_mlp

__version__ = "0.1.0"

__all__ = [
    "ACTIVATIONS", "Layers", "MLP", "QuadraticModel", "SingleNeuron", "TrainingDiverged",
    "activations", "batch_sgd", "data", "epoch_sgd", "features", "forward_loops", "gd", "get_activation",
    "gradcheck", "selfcheck", "timing",
    "housing_net", "housing_theta", "identity", "losses", "mean_squared_cost", "minibatch_sgd",
    "momentum_sgd", "notes_param_count", "optimizers", "param_count", "parameter_counts",
    "recorded_iterations", "relu", "sgd", "shape_rows", "sigmoid", "squared_loss", "tanh",
    "train", "train_mlp",
]
