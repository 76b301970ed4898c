"""Session 13 probe b: settings.toml variations (contract §4, §5) on hand-made cohorts.

Every run was compared with a brute force written apart from the product (every selection,
every assignment of 8-10 students): objectives, bounds and every metric agreed under
reordered and partial priorities, `max_per_institution = 2`, include/exclude, slot rules,
team sizes from [teams] and from the commissions' columns, `no_isolation` with accents and
French column names, `conflict_of_interest = false`. What the probe found:

- `any_slots = [[]]` (an empty group) was silently ignored, every proposal staying
  eligible, although "at least one slot of each group" cannot be met by an empty group;
  `required_slots = [""]` ended in exit 3 with a diagnosis naming nothing ("available on ,
  and on one of  , …"). Both are now invalid input naming the key.
- A key given twice (`count = 3` then `count = 4` under [selection]) was refused with the
  row but not the key ("row 3: not valid TOML: a key is given twice"); a section declared
  twice likewise. The message now names `selection.count` (or the section).
- `select` wrote `"min_size": null, "max_size": null` in summary.json's settings although
  it used floor(N/count) and ceil(N/count) to leave out proposals that could host no team
  (`run` wrote the numbers); now the numbers.
- `check` with `[teams] min_size = 4` where ceil(N/K) is 3 (max_size left to its default)
  said « l'équipe C1 compte 3 étudiants, attendu de 4 à 3 »; it now says no size fits,
  at least 4 and at most 3 being asked.
- `required_slots` / `any_slots` over a commissions.csv without a slots column were dropped
  without a word (every proposal eligible, as §5 says, but no warning); now a warning in
  validate, the terminal and summary.json.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from cohortfiles import invoke, write_cohort

COHORT = {
    "commissions.csv": "id,institution,sector,problem_type,slots\n"
    "C1,Alpha,CPAS,diagnostic,visit;oral_thu\n"
    "C2,Beta,handicap,évaluation,visit;oral_fri\n"
    "C3,Gamma,logement,diagnostic,visit;oral_thu\n",
    "students.csv": "id,name,background,choices\n"
    "S1,Ana,AS,C1;C2\nS2,Bob,AS,C2\nS3,Cléo,GRH,C1\nS4,Dan,GRH,C3;C1\n",
}


@pytest.mark.parametrize("lang", ["en", "fr"])
@pytest.mark.parametrize(
    ("selection", "key", "word"),
    [
        ("any_slots = [[]]", "selection.any_slots", "[]"),
        ('any_slots = [["oral_thu"], []]', "selection.any_slots", "[]"),
        ('any_slots = [["visit", " "]]', "selection.any_slots", '""'),
        ('required_slots = [""]', "selection.required_slots", '""'),
    ],
)
def test_blank_slot_or_empty_group_is_invalid(
    tmp_path: Path, lang: str, selection: str, key: str, word: str
) -> None:
    # Contract §5: "A proposal is eligible when its slots contain every `required_slots`
    # entry and at least one slot of each `any_slots` group"; §7: "A wrong settings value
    # names the key, the value found and what is expected".
    settings = f"[selection]\ncount = 2\n{selection}\n"
    cohort = write_cohort(tmp_path / "c", {**COHORT, "settings.toml": settings})
    out = tmp_path / "out"
    code, output = invoke(["run", str(cohort), "--out", str(out), "--lang", lang])
    assert code == 2, output
    assert key in output and word in output, output
    assert not out.exists()
    code, output = invoke(["validate", str(cohort), "--lang", lang])
    assert code == 2 and key in output, output


@pytest.mark.parametrize("lang", ["en", "fr"])
@pytest.mark.parametrize(
    ("body", "row", "key"),
    [
        ("[selection]\ncount = 2\ncount = 3\n", 3, "selection.count"),
        (
            '[selection]\ncount = 2\n[teams]\npriorities = []\n "priorities" = []\n',
            5,
            "teams.priorities",
        ),
        ("[selection]\ncount = 2\n[teams]\n[selection]\n", 4, "selection"),
    ],
)
def test_key_given_twice_is_named(tmp_path: Path, lang: str, body: str, row: int, key: str) -> None:
    # Contract §4: "Unknown keys and wrong types are invalid input (exit 2, naming the key)";
    # §7: "A wrong settings value names the key".
    cohort = write_cohort(tmp_path / "c", {**COHORT, "settings.toml": body})
    code, output = invoke(["validate", str(cohort), "--lang", lang])
    assert code == 2, output
    assert str(row) in output and key in output, output


def test_select_records_the_team_sizes_it_used(tmp_path: Path) -> None:
    # Contract §3: summary.json holds "settings": "the settings in force, defaults included";
    # §4: "min_size / max_size: default floor(N/K) and ceil(N/K)".
    settings = "[selection]\ncount = 3\n"
    cohort = write_cohort(tmp_path / "c", {**COHORT, "settings.toml": settings})
    code, output = invoke(["select", str(cohort), "--out", str(tmp_path / "out")])
    assert code == 0, output
    summary = json.loads((tmp_path / "out" / "summary.json").read_text(encoding="utf-8"))
    assert (summary["settings"]["teams"]["min_size"], summary["settings"]["teams"]["max_size"]) == (
        1,
        2,
    )
    code, output = invoke(["run", str(cohort), "--out", str(tmp_path / "run")])
    assert code == 0, output
    ran = json.loads((tmp_path / "run" / "summary.json").read_text(encoding="utf-8"))
    assert ran["settings"]["teams"] == summary["settings"]["teams"]


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_check_words_sizes_no_team_can_have(tmp_path: Path, lang: str) -> None:
    # Contract §4: "min_size / max_size: default floor(N/K) and ceil(N/K)"; §2: `check`
    # "checks a result ... against every rule", exit 3 when it breaks rules.
    cohort = write_cohort(tmp_path / "c", {**COHORT, "settings.toml": "[selection]\ncount = 2\n"})
    result = tmp_path / "out"
    code, output = invoke(["run", str(cohort), "--out", str(result)])
    assert code == 0, output
    (cohort / "settings.toml").write_text("[selection]\ncount = 2\n[teams]\nmin_size = 3\n")
    code, output = invoke(["check", str(cohort), "--result", str(result), "--lang", lang])
    assert code == 3, output
    assert "3 à 2" not in output and "3 to 2" not in output, output
    assert ("au moins 3 et au plus 2" if lang == "fr" else "at least 3 and at most 2") in output


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_slot_rules_without_slots_column_are_said(tmp_path: Path, lang: str) -> None:
    # Contract §5: "(when the `slots` column is absent every proposal is eligible)"; §2:
    # "no rule is ever dropped silently".
    commissions = "id,institution,sector,problem_type\nC1,A,s,p\nC2,B,t,p\nC3,C,u,q\n"
    settings = '[selection]\ncount = 2\nrequired_slots = ["visit"]\n'
    files = {**COHORT, "commissions.csv": commissions, "settings.toml": settings}
    cohort = write_cohort(tmp_path / "c", files)
    code, output = invoke(["validate", str(cohort), "--lang", lang])
    assert code == 0, output
    assert (
        "required_slots" in output and ("sans effet" if lang == "fr" else "not applied") in output
    )
    code, output = invoke(["run", str(cohort), "--out", str(tmp_path / "o"), "--lang", lang])
    assert code == 0, output
    summary = json.loads((tmp_path / "o" / "summary.json").read_text(encoding="utf-8"))
    assert any("required_slots" in w for w in summary["warnings"]), summary["warnings"]
    code, output = invoke(
        ["validate", str(write_cohort(tmp_path / "d", COHORT | {"settings.toml": settings}))]
    )
    assert "not applied" not in output, output
