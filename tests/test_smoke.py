"""The package installs and the command line answers."""

from click.testing import CliRunner

from matcher.cli import main


def test_help_lists_every_command() -> None:
    result = CliRunner().invoke(main, ["--help"])
    assert result.exit_code == 0
    for command in ("validate", "select", "assign", "run", "whatif", "check", "generate"):
        assert command in result.output
