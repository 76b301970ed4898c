"""What I found in session 13 beside the helpers' probes, each case checked against the
contract's words."""

from __future__ import annotations

from pathlib import Path

import pytest
from cohortfiles import invoke, write_cohort

from matcher.labels import text

# A student pinned to C3 while include already names count = 2 commissions (C1, C2).
PIN_BEYOND_INCLUDE = {
    "commissions.csv": "id,institution,sector,problem_type\nC1,A,s1,p1\nC2,B,s2,p2\nC3,C,s3,p3\n",
    "students.csv": "id,background,pinned\nS1,AS,C3\nS2,AS,\nS3,AS,\nS4,AS,\n",
    "settings.toml": '[selection]\ncount = 2\ninclude = ["C1", "C2"]\n',
}


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_a_pin_beyond_a_full_include_is_said_as_such(tmp_path: Path, lang: str) -> None:
    # Contract §2: on exit 3 "which rules conflict, in the cohort's own terms", a message
    # "a programme director can act on". The advice was "add C3 to [selection] include",
    # which would name 3 commissions for a count of 2 (probe s13b); validate said the data
    # were valid.
    cohort = write_cohort(tmp_path / "c", PIN_BEYOND_INCLUDE)
    out = tmp_path / "out"
    code, output = invoke(["run", str(cohort), "--out", str(out), "--lang", lang])
    assert code == 3 and not out.exists(), output
    said = {
        "fr": "include nomme déjà 2 commandes (C1 et C2), autant que count : pour garder "
        "l'imposition, mettez C3 dans include à la place de l'une d'elles, ou augmentez count",
        "en": "include already names 2 commissions (C1 and C2), as many as count: to keep the "
        "pin, put C3 in include in place of one of them, or raise count",
    }[lang]
    assert said in " ".join(output.split()), output
    code, output = invoke(["validate", str(cohort), "--lang", lang])
    assert code == 3 and said in " ".join(output.split()), output


def test_the_page_says_it_with_its_fields() -> None:
    message = text("td_pin_include_full", who="S1", pin="C3", count=2, ids="C1, C2")
    page = message.words("fr", page=True)
    assert "« Toujours retenir » nomme déjà 2 commandes" in page and "include" not in page


def test_days_are_written_as_people_read_them() -> None:
    from matcher.labels import long_date

    assert long_date("2027-05-20", "fr") == "jeudi 20 mai 2027"
    assert long_date("2026-10-01", "fr") == "jeudi 1er octobre 2026"
    assert long_date("2027-05-20", "en") == "Thursday 20 May 2027"
    assert long_date("oral_thu", "fr") == "oral_thu"


def test_the_french_reports_plan_dates_its_days_in_french(tmp_path: Path) -> None:
    # Contract §7: "In French, everything a person reads is French: … the report". The
    # plan's headings and table wrote schedule.csv's ISO day (« Soutenance : oral-2027-05-20
    # (2027-05-20) »); schedule.csv keeps it.
    demo = Path(__file__).resolve().parents[1] / "instances" / "demo"
    out = tmp_path / "out"
    code, output = invoke(["run", str(demo), "--out", str(out), "--lang", "fr", "--no-explain"])
    assert code == 0, output
    report = (out / "report.html").read_text(encoding="utf-8")
    assert "(jeudi 20 mai 2027)" in report and "(2027-05-20)" not in report
    assert 'jeudi 19 novembre 2026</span> <span class="nowrap">09:00' in report
    assert "2027-05-20" in (out / "schedule.csv").read_text(encoding="utf-8-sig")


@pytest.mark.parametrize("command", ["run", "select"])
def test_control_characters_dropped_are_said_by_every_command(
    tmp_path: Path, command: str
) -> None:
    # Contract §2: "Control characters in any cell (escape sequences, NUL, bell) never
    # reach the terminal or an output raw: they are shown escaped or dropped, with a
    # warning". Only validate said it (probe s13f); run and select said nothing.
    cohort = write_cohort(
        tmp_path / "c",
        {
            "commissions.csv": "id,institution,sector,problem_type\n"
            "C1,A\x1b[31m,s1,p1\nC2,B,s2,p2\n",
            "students.csv": "id,name,background\nS1,Ann\x07e,AS\nS2,Bob,AS\nS3,Cy,AS\n",
            "settings.toml": "[selection]\ncount = 2\n",
        },
    )
    code, output = invoke([command, str(cohort), "--out", str(tmp_path / "out"), "--lang", "fr"])
    assert code == 0, output
    assert "\x1b" not in output and "\x07" not in output
    said = "commissions.csv, ligne 2, colonne « institution » : caractères de contrôle retirés"
    assert said in output, output
    # validate lists it once, among its warnings (not also on stderr).
    code, output = invoke(["validate", str(cohort), "--lang", "fr"])
    assert output.count(said) == 1, output


def test_select_counts_its_limit_from_the_commands_start(monkeypatch: pytest.MonkeyPatch) -> None:
    # Contract (issue 17): an overshoot of --time-limit of at most 5 %. `select` gave the
    # selection the whole limit after start-up and loading (10,000 students: 3.5-4.0 s for
    # 3, probe s13h). Its wall clock now counts from the command's start; its work budget,
    # which decides, stays the whole limit's, so its result is the same on every machine.
    import time

    import matcher.selection
    from matcher import app
    from matcher.loading import load_instance

    demo = Path(__file__).resolve().parents[1] / "instances" / "demo"
    instance = load_instance(demo)
    seen = []
    real = matcher.selection.select_commissions

    def spy(inst, params):  # type: ignore[no-untyped-def]
        seen.append(params)
        return real(inst, params)

    monkeypatch.setattr(matcher.selection, "select_commissions", spy)
    app.select(instance)
    app.select(instance, started=time.perf_counter() - 20.0)  # 20 s of the 60 gone
    whole, late = seen
    assert whole.time_limit == 60 and late.time_limit <= 40
    assert late.work_limit == whole.work()


def test_control_characters_dropped_from_settings_are_said_too(tmp_path: Path) -> None:
    # The same contract line for a string of settings.toml (an escape written in TOML).
    cohort = write_cohort(
        tmp_path / "c",
        {
            "commissions.csv": "id,institution,sector,problem_type\nC1,A,s1,p1\nC2,B,s2,p2\n",
            "students.csv": "id,background\nS1,AS\nS2,AS\n",
            "settings.toml": '[selection]\ncount = 1\nexclude = ["C2\\u001b"]\n',
        },
    )
    code, output = invoke(["run", str(cohort), "--out", str(tmp_path / "out"), "--lang", "fr"])
    assert code == 0 and "\x1b" not in output, output
    assert "settings.toml, clé « selection.exclude » : caractères de contrôle retirés" in output
