"""A selection.csv written in one language and read back under the other: every reason of
matcher's own is worded again in the reader's language (README "Outputs"), also the one
reason without a placeholder, "excluded by settings"."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner
from csvrows import read_rows

from matcher.cli import main
from matcher.labels import Text
from matcher.loading.reasons import reason_read_back
from matcher.schemas import Commission, SelectionSettings, Settings


def test_excluded_by_settings_is_read_back_as_matchers_sentence() -> None:
    """C3 is in ``exclude``: its reason, written in English, is matcher's own sentence, so it
    comes back as a message (worded in French for a French reader), not as typed text. It
    came back as the English string: the label has no placeholder, so its match was an
    empty dict, which the eligibility branch took for no match."""
    commission = Commission(id="C3", institution="C", sector="s", problem_type="p")
    # The whole settings since probe s19e: eligibility reads [calendar] dates too.
    settings = Settings(selection=SelectionSettings(count=1, exclude=["C3"]))
    read = reason_read_back("excluded by settings", commission, settings)
    assert isinstance(read, Text)
    assert read.words("fr") == "exclue par les paramètres"


def test_report_in_french_of_an_english_result_words_the_exclusion_in_french(
    tmp_path: Path,
) -> None:
    """Three proposals, C3 excluded by the settings, two selected, four students: the run
    writes C3's reason in English; ``report --lang fr`` must write it in French."""
    cohort = tmp_path / "c"
    cohort.mkdir()
    (cohort / "commissions.csv").write_text(
        "id,institution,sector,problem_type\nC1,A,s,p\nC2,B,t,q\nC3,C,u,r\n"
    )
    (cohort / "students.csv").write_text("id,background\nS1,AS\nS2,AS\nS3,educ\nS4,educ\n")
    (cohort / "settings.toml").write_text('[selection]\ncount = 2\nexclude = ["C3"]\n')
    runner = CliRunner()
    ran = runner.invoke(main, ["run", str(cohort), "--out", str(tmp_path / "r"), "--lang", "en"])
    assert ran.exit_code == 0, ran.output
    reasons = {r["id"]: r["reason"] for r in read_rows(tmp_path / "r" / "selection.csv")}
    assert reasons["C3"] == "excluded by settings"
    args = ["report", str(cohort), "--result", str(tmp_path / "r"), "--lang", "fr"]
    again = runner.invoke(main, [*args, "--out", str(tmp_path / "f")])
    assert again.exit_code == 0, again.output
    reasons = {r["id"]: r["reason"] for r in read_rows(tmp_path / "f" / "selection.csv")}
    assert reasons["C3"] == "exclue par les paramètres"
