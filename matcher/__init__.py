"""matcher: commission selection and team formation for the social-engineering lab."""

#: The one place the version is written: ``pyproject.toml`` reads it from here
#: (``[tool.setuptools.dynamic]``). Not looked up with ``importlib.metadata``: that import
#: (email, zipfile, csv…) took ~30 ms of every command's start-up.
__version__ = "0.1.0"

__all__ = ["__version__"]
