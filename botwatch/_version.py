"""The one place botwatch's version is defined."""

__version__ = "0.1.0"
