"""Independent checkers of a result, in ids: rules broken, metrics, each priority's value.

They never import the engine (``models/``, OR-Tools, the stage drivers): agreeing with the
solver is then evidence, not a tautology (``tests/test_architecture.py`` holds this).
"""
