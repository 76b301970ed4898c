"""Numbers at the terminal in the reader's language (contract §7): a decimal comma in French
(``0,33``, ``1,2 s``), a point in English; machine files keep the point."""

from __future__ import annotations

import io
import re

from test_writers_sample import sample_outcome

from matcher.labels import Number, counted, decimal, text
from matcher.outputs.progress import ProgressPrinter, metric_lines, summary_lines


def test_decimal_writes_a_comma_in_french() -> None:
    """One helper for every number a person reads: fixed decimals or as short as it goes."""
    assert decimal(1 / 3, "fr", 2) == "0,33" and decimal(1 / 3, "en", 2) == "0.33"
    # Halves go up as written (probe s29a): 1.25 (exact in binary) and 1.65 (a little below
    # in binary) alike, as experience_years' tenths are rounded.
    assert decimal(1.25, "fr", 1) == "1,3" and decimal(1.65, "en", 1) == "1.7"
    assert decimal(60.0, "fr", None) == "60" and decimal(0.5, "fr", None) == "0,5"
    assert decimal(7, "fr", 0) == "7"


def test_a_number_in_a_message_is_worded_in_the_reader_language() -> None:
    """A time limit in a diagnosis (worded when the language is known) follows it."""
    message = text("td_timeout", seconds=Number(2.5, None))
    assert message.words("fr").startswith("l'étape des équipes disposait de 2,5 s de la limite")
    assert message.words("en").startswith("the team stage had 2.5 s of the time limit")
    message = text("timeout_selection", seconds=Number(0.75, 1))
    assert "les 0,8 s" in message.words("fr") and "the 0.8 s" in message.words("en")


def test_a_selection_out_of_time_says_its_seconds_once_and_agrees_its_count() -> None:
    """Exit 4 of the selection: the seconds are the header's (« dans les 0,1 s que la limite
    de temps lui laissait »); the line below said « … en 0,1 s » with another figure (the
    main solve's share) and « 1 commandes » (probe s15e)."""
    one, ten = counted("diag_sel_timeout", 1), counted("diag_sel_timeout", 10)
    assert "sélection de 1 commande respectant" in one.words("fr")
    assert "selection of 1 proposal keeping" in one.words("en")
    assert "sélection de 10 commandes" in ten.words("fr")
    assert " s" not in ten.words("fr").replace(" sélection", "")


def test_progress_lines_use_a_decimal_comma_in_french() -> None:
    """Best, bound and elapsed seconds of a progress line: ``11,50`` and ``3,2 s``."""
    stream = io.StringIO()
    ProgressPrinter(stream, delay=0.0, lang="fr")("choices", 12.0, 11.5, 3.2)
    line = stream.getvalue()
    assert "11,50" in line and "3,2 s" in line and "11.50" not in line
    stream = io.StringIO()
    ProgressPrinter(stream, delay=0.0, lang="en")("choices", 12.0, 11.5, 3.2)
    assert "11.50" in stream.getvalue() and "3.2 s" in stream.getvalue()


def test_summary_times_use_a_decimal_comma_in_french() -> None:
    """The summary's times: the sample's teams took 1.25 s, shown ``1,3 s`` in French (half up,
    since session 29)."""
    french = "\n".join(summary_lines(sample_outcome(), "fr"))
    english = "\n".join(summary_lines(sample_outcome(), "en"))
    assert "1,3 s" in french and "1.3 s" not in french
    assert "1.3 s" in english


def test_fractional_metrics_use_a_decimal_comma_in_french() -> None:
    """A metric that is not a whole number (e.g. a mean) is written ``2,50`` in French."""
    lines = metric_lines({"teams": {"mean_size": 2.5, "num_students": 5}}, "fr")
    assert lines[1].endswith("2,50") and lines[2].endswith("5")
    assert metric_lines({"teams": {"mean_size": 2.5}}, "en")[1].endswith("2.50")


def test_the_experience_priority_is_said_in_years_on_the_terminal() -> None:
    """The terminal table gave the experience priority as the solver's integer (6450 on a
    62-student cohort), which no director can read; it now says it in years from the fair
    share, as the report does: the value divided by 10·N. Nine students here: 270 is
    270 / 90 = 3.0 years, the bound 45 is 0.5 year ("an" in French below two)."""
    import dataclasses

    from matcher.results import ObjectiveResult

    outcome = sample_outcome()
    assert outcome.teams is not None
    stage = outcome.teams.stage
    stage = dataclasses.replace(
        stage, objectives=(*stage.objectives, ObjectiveResult("experience", 270, 45, "min"))
    )
    outcome = dataclasses.replace(outcome, teams=dataclasses.replace(outcome.teams, stage=stage))
    french = "\n".join(summary_lines(outcome, "fr"))
    english = "\n".join(summary_lines(outcome, "en"))
    assert re.search(r"\(min\) +3,0 ans +0,5 an", french) and "270" not in french, french
    assert re.search(r"\(min\) +3\.0 years +0\.5 years", english), english
