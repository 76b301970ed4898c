"""The words beside edited values and metrics: a priority's own sense, numbers in French."""

from __future__ import annotations

from matcher.labels import metric_value
from matcher.outputs.views import edit_verdict


def test_edit_verdict_follows_each_priority_sense() -> None:
    """Maximised priorities (selection's sectors, the plan's expertise) are better when
    they rise; minimised ones (balance, the plan's travel) when they fall."""
    assert edit_verdict("sectors", 9, 8) == "edited_better"
    assert edit_verdict("expertise", 7, 8) == "edited_worse"
    assert edit_verdict("expertise", 9, 8) == "edited_better"
    assert edit_verdict("travel", 90, 45) == "edited_worse"
    assert edit_verdict("balance", 0, 2) == "edited_better"
    assert edit_verdict("load", 2, 2) == "edited_same"


def test_metric_values_read_as_people_write_them() -> None:
    """Shares in per cent, whole floats without a point, other floats with two decimals and
    a decimal comma in French, a missing value as a dash."""
    assert metric_value("first_choice_share", 0.333, "fr") == "33 %"
    # English writes no space before the sign (validate already did; the report did not).
    assert metric_value("first_choice_share", 0.333, "en") == "33%"
    assert metric_value("experience_spread", 1.25, "fr") == "1,25"
    assert metric_value("experience_spread", 1.25, "en") == "1.25"
    assert metric_value("time_s", 3.0, "fr") == "3"
    assert metric_value("worst_choice", 3, "fr") == "3"
    assert metric_value("worst_choice", None, "en") == "—"
