"""Figures of the book, drawn with matplotlib. One module per chapter's figures.

Every plotting function draws on a matplotlib Axes it is given (or makes one) and
returns the numbers it drew, so tests can check a figure without looking at pixels.
"""
from ._style import COLORS, new_axes, show_message

__all__ = ["COLORS", "new_axes", "show_message"]
