"""``python -m matcher``: the same command line as the ``matcher`` script."""

from matcher.cli import main

if __name__ == "__main__":
    main(prog_name="matcher")
