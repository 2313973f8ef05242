"""Groundswell: hear what people say in public about care, and tell leaders once a week."""

__version__ = "0.1.0"
__all__ = ["__version__"]
