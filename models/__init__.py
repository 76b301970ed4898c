"""CP-SAT formulations. The only package that imports OR-Tools.

Each formulation takes an index-based problem data object (ints and NumPy arrays) and
returns index-based results; ``matcher`` maps them back to ids.
"""
