"""The command line's own words in the reader's language (contract §7): click's usage errors
and ``--help``, worded by ``matcher.cli.words`` from the catalogue.

The language is ``--lang`` wherever it stands on the command line (a usage error happens
before click reads it), else ``MATCHER_LANG``, else the locale. Every usage error exits 2
without a traceback and names the option as typed, the value found and what is expected.
"""

from __future__ import annotations

import inspect
import subprocess
import sys
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from matcher.cli import COMMANDS, main
from matcher.cli.words import argv_lang, spoken
from matcher.labels import has_label, label

DEMO = str(Path(__file__).resolve().parents[1] / "instances" / "demo")

#: click's English frames, none of which may reach a French reader.
ENGLISH = ("Usage:", "Error:", "Try '", "Invalid value", "No such", "Missing", "Traceback")


def _invoke(*args: str, env: dict[str, str] | None = None) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args), env=env, prog_name="matcher")
    return result.exit_code, result.output


@pytest.fixture(autouse=True)
def _in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Relative paths (``--out o``) land in a temporary folder, should a command run."""
    monkeypatch.chdir(tmp_path)


def _french(output: str) -> None:
    for frame in ENGLISH:
        assert frame not in output, (frame, output)


#: (command line, French words the error must hold): one per kind of usage error.
FRENCH_ERRORS = [
    # Not a number: the option as typed and the value found.
    (("run", DEMO, "--out", "o", "--seed", "abc"), ("« --seed »", "« abc » n'est pas un nombre")),
    # Out of range (contract §2): the value and the limits.
    (("run", DEMO, "--out", "o", "--seed", "-1"), ("-1 est hors des limites", "0<=x<=2147483647")),
    (("run", DEMO, "--out", "o", "--workers", "99"), ("99 est hors des limites", "1<=x<=64")),
    (("run", DEMO, "--out", "o", "--time-limit", "0"), ("« 0 » n'est pas un nombre de secondes",)),
    (("run", DEMO, "--out", "o", "--time-limit", "inf"), ("« inf » n'est pas un nombre",)),
    # An unknown option, with the nearest one.
    (("run", DEMO, "--out", "o", "--bogus"), ("Option inconnue : « --bogus »", "« --out »")),
    # Missing argument and missing option.
    (("run",), ("Argument manquant « INSTANCE »",)),
    (("run", DEMO), ("Option manquante « --out »",)),
    # A path that does not exist, and a folder where a file is expected.
    (("run", "nowhere", "--out", "o"), ("« INSTANCE »", "« nowhere » n'existe pas")),
    (("run", DEMO, "--out", "o", "--settings", DEMO), ("est un dossier : un fichier est attendu",)),
    # Extra arguments, an option without its value, a flag given a value.
    (("run", DEMO, "--out", "o", "extra"), ("Argument en trop : extra",)),
    (("run", DEMO, "--out"), ("L'option « --out » attend une valeur",)),
    (("run", DEMO, "--out", "o", "--quiet=1"), ("« --quiet » ne prend pas de valeur",)),
    # An unknown command.
    (("rnu",), ("Commande inconnue : « rnu »",)),
]


@pytest.mark.parametrize(("args", "words"), FRENCH_ERRORS)
def test_usage_errors_are_french_with_lang_fr(
    args: tuple[str, ...], words: tuple[str, ...]
) -> None:
    """``--lang fr`` on the line (before the faulty option, which click meets first): the
    error, its frame (``Utilisation :``, ``Erreur :``) and the hint are French; exit 2."""
    code, output = _invoke(args[0], "--lang", "fr", *args[1:])
    assert code == 2, output
    for word in words:
        assert word in output, (word, output)
    assert "Erreur : " in output
    _french(output)


@pytest.mark.parametrize(("args", "words"), FRENCH_ERRORS)
def test_usage_errors_are_french_under_matcher_lang(
    args: tuple[str, ...], words: tuple[str, ...]
) -> None:
    """``MATCHER_LANG=fr`` without ``--lang``: the same French errors."""
    code, output = _invoke(*args, env={"MATCHER_LANG": "fr"})
    assert code == 2, output
    for word in words:
        assert word in output, (word, output)
    _french(output)


def test_a_language_outside_the_choices_is_refused_in_french() -> None:
    """``--lang de`` under ``MATCHER_LANG=fr``: the unknown language cannot choose the
    words, so the environment does; the error names the value and the choices."""
    code, output = _invoke("run", DEMO, "--out", "o", "--lang", "de", env={"MATCHER_LANG": "fr"})
    assert code == 2
    assert "Valeur invalide pour « --lang » : « de » n'est pas l'une des valeurs" in output
    assert "« en », « fr »" in output  # French quotes since session 34
    _french(output)


def test_usage_errors_stay_english_in_english() -> None:
    """In English, click's own words (and the usage line) are kept."""
    code, output = _invoke("run", DEMO, "--out", "o", "--seed", "abc")
    assert code == 2
    assert "Usage: matcher run" in output and "Error: Invalid value for '--seed'" in output
    code, output = _invoke("run", DEMO, "--out", "o", "--time-limit", "-3")
    assert code == 2
    assert "'-3' is not a positive finite number of seconds" in output
    code, output = _invoke("run", DEMO, "--out", "o", "--bogus", env={"MATCHER_LANG": "fr"})
    assert code == 2 and "Option inconnue" in output  # the environment's French…
    code, output = _invoke(
        "run", DEMO, "--out", "o", "--bogus", "--lang", "en", env={"MATCHER_LANG": "fr"}
    )
    assert code == 2 and "No such option '--bogus'" in output  # …yields to --lang


def test_the_usage_line_and_hint_are_french() -> None:
    """The usage line and the hint to --help name the command as typed."""
    code, output = _invoke("run", "--lang", "fr")
    assert code == 2
    assert "Utilisation : matcher run [OPTIONS] INSTANCE" in output
    assert "Essayez « matcher run --help » pour l'aide." in output


def test_lang_after_the_faulty_option_still_counts() -> None:
    """``--seed abc --lang fr``: click fails on --seed before it reads --lang, yet the error
    is French (the language comes from the raw command line)."""
    code, output = _invoke("run", DEMO, "--out", "o", "--seed", "abc", "--lang", "fr")
    assert code == 2
    assert "Erreur : Valeur invalide pour « --seed » : « abc » n'est pas un nombre" in output
    _french(output)


def test_the_language_is_read_from_the_raw_command_line() -> None:
    """``--lang`` and ``--lang=`` count wherever they are, but not after ``--``; an unknown
    language falls back on the environment."""
    assert argv_lang(["run", "x", "--lang", "fr"]) == "fr"
    assert argv_lang(["--lang=fr", "run"]) == "fr"
    assert argv_lang(["run", "--", "--lang", "fr"]) == "en"  # MATCHER_LANG=en (conftest)
    assert argv_lang(["run", "--lang", "de"]) == "en"
    # Outside a command line the language is the environment's again.
    _invoke("run", "--lang", "fr")
    assert spoken() == "en"


@pytest.mark.parametrize(
    "args",
    [
        ("run", "--help", "--lang", "fr"),
        ("--lang", "fr", "run", "--help"),
        ("run", "--lang", "fr", "--help"),
    ],
)
def test_help_is_french(args: tuple[str, ...]) -> None:
    """``--help`` under a French language: usage line, the command's help, every option's
    help, the help option itself."""
    code, output = _invoke(*args)
    assert code == 0, output
    assert "Utilisation : matcher run [OPTIONS] INSTANCE" in output
    assert "Les deux étapes : choisit les commandes d'INSTANCE" in output
    assert "Graine aléatoire (remplace [solver] seed)." in output
    assert "Affiche cette aide et quitte." in output
    assert "--seed ENTIER" in output and "[obligatoire]" in output
    for english in ("Usage:", "Show this message", "Random seed", "Both stages", "[required]"):
        assert english not in output, english


def test_help_is_french_under_matcher_lang() -> None:
    """``MATCHER_LANG=fr matcher --help``: the group's help and its list of commands."""
    code, output = _invoke("--help", env={"MATCHER_LANG": "fr"})
    assert code == 0
    assert "Code de sortie : 0 résolu" in output
    assert "Affiche la version et quitte." in output
    assert "Étape 1 : choisit les commandes parmi les propositions" in output
    assert "Commandes :" in output and "Commands:" not in output


def test_help_stays_english_in_english() -> None:
    """In English the help is the commands' own (their docstrings and option help)."""
    code, output = _invoke("run", "--help")
    assert code == 0
    assert "Usage: matcher run" in output and "Both stages:" in output
    assert "Show this message and exit." in output and "Random seed" in output


def _commands() -> list[click.Command]:
    ctx = click.Context(main)
    commands = [main.get_command(ctx, name) for name in COMMANDS]
    return [c for c in commands if c is not None]


def _paragraphs(doc: str) -> str:
    """A docstring as the catalogue holds it: paragraphs joined by one blank line, each on
    one line."""
    return "\n\n".join(" ".join(p.split()) for p in inspect.cleandoc(doc).split("\n\n"))


def test_every_command_and_option_has_its_help_in_both_languages() -> None:
    """The catalogue words every command and every option, and its English is the
    command's own (the docstring and the ``help=`` of the option): the two cannot drift."""
    assert label("cli_doc_group", "en") == _paragraphs(main.help or "")
    for command in _commands():
        assert label(f"cli_doc_{command.name}", "en") == _paragraphs(command.help or "")
        for param in command.params:
            if not isinstance(param, click.Option):
                continue
            keys = (f"cli_opt_{command.name}_{param.name}", f"cli_opt_{param.name}")
            key = next((k for k in keys if has_label(k)), None)
            assert key is not None, (command.name, param.name)
            assert label(key, "en") == param.help, key
            assert label(key, "fr") != param.help or param.help == "Port.", key


def test_help_lists_the_commands_without_importing_them() -> None:
    """``matcher --help`` (in French too) words the list of commands from the catalogue:
    no command module, hence neither the application nor the engine, is imported (only
    the words, the command's clock, ``matcher.cli.started``, its start-up Ctrl-C,
    ``matcher.cli.early``, and its stdout whose reader may leave, ``matcher.cli.streams``:
    a few lines each, the standard library's only)."""
    code = """
        import sys
        from matcher.cli import main
        try:
            main(["--help", "--lang", "fr"])
        except SystemExit:
            pass
        loaded = [m for m in sys.modules if m.startswith(("matcher.app", "matcher.cli.", "models"))]
        print(loaded, file=sys.stderr)
        expected = [
            "matcher.cli.early", "matcher.cli.started", "matcher.cli.streams", "matcher.cli.words"
        ]
        assert sorted(loaded) == expected, loaded
        """
    done = subprocess.run(
        [sys.executable, "-c", inspect.cleandoc(code)],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert "Étape 2 : forme une équipe" in done.stdout


def test_an_unknown_student_to_explain_is_refused_in_french(tmp_path: Path) -> None:
    """``explain --student S99`` (no such student) is a usage error worded in French."""
    instance = str(Path(DEMO).parent / "tiny" / "teams-choices")
    result = str(tmp_path / "result")
    code, output = _invoke("run", instance, "--out", result, "--no-explain", "--workers", "1")
    assert code == 0, output
    code, output = _invoke(
        "explain", instance, "--result", result, "--student", "S99", "--lang", "fr"
    )
    assert code == 2
    assert "erreur : --student S99 : pas un étudiant de la cohorte" in output
    _french(output)
