"""Session 15 probe a: metamorphic invariances, the same cohort written differently.

Three hand-written cohorts (40 students x 16 proposals with dates as slots, pins, pairs,
employers and ``no_isolation``; 24 x 12 with own sizes, supervisors.csv, towns and a dated
calendar; 66 x 22 with ``max_per_institution = 2`` and decimal experience) and the demo were
written 16 ways each (``;`` + Windows-1252 + CRLF, tab, BOM, one workbook in English and in
French, typed workbook cells, French headers, ``Choix 1…n``, reversed columns, unknown
columns, booleans oui/x/1/VRAI, ``Prénom`` + ``Nom``, days as ``1/10/2026``, ``|`` lists,
all at once): ``run`` gave byte-identical teams.csv, selection.csv, schedule.csv,
supervision.csv and calendar.ics, equal objectives and metrics, each time; ids renamed
gave the same teams; institutions, sectors and employers in another case, accents or
spacing, students shuffled, a duplicated pair, an ineligible proposal added kept the
objectives (and teams, where the row order held); ``check`` of each result under every
other writing exited 0; removing a pair, an employer, a pin, ``no_isolation``, a
commission's own sizes, loosening sizes, the institution cap, ``exclude`` or a slot rule
never made a proven optimum worse. What it found:

- a supervisor listed in supervisors.csv who can take no team (unavailable on the visit
  slot, or on every oral slot: on leave this year) lowered the default limit of everyone
  else (``[supervision] max_teams = 0``: the teams shared among the supervisors, rounded
  up): four teams planned by three supervisors (at most 2 each) became "no plan" (exit 3,
  each at most 1) once the absent fourth was added. Session 15 shared the teams among the
  supervisors who can take one; session 28 went back to contract §11's ceil(K / number
  of supervisors), the diagnosis naming who can take none and how to raise the limit.
"""

from __future__ import annotations

import json
from pathlib import Path

from cohortfiles import invoke, write_cohort

COMMISSIONS = (
    "id,institution,sector,problem_type,slots,town\n"
    "C1,CPAS de Namur,CPAS,diagnostic,visit;oral_thu;oral_fri,Namur\n"
    "C2,AMO Le Cercle,jeunesse,évaluation,visit;oral_thu;oral_fri,Namur\n"
    "C3,ASBL Horizon,handicap,étude,visit;oral_thu;oral_fri,Liège\n"
    "C4,Maison médicale Éclat,santé,recherche,visit;oral_thu;oral_fri,Liège\n"
)
STUDENTS = "id,background,choices\n" + "".join(f"S{i + 1},AS,C{i % 4 + 1}\n" for i in range(12))
SUPERVISORS = "id,name,max_teams,sectors,ties,unavailable\nA1,Ann,,,,\nA2,Bob,,,,\nA3,Cat,,,,\n"
SETTINGS = "[selection]\ncount = 4\n"


def _cohort(folder: Path, absent: str) -> Path:
    return write_cohort(
        folder,
        {
            "commissions.csv": COMMISSIONS,
            "students.csv": STUDENTS,
            "supervisors.csv": SUPERVISORS + absent,
            "settings.toml": SETTINGS,
        },
    )


def _plan(out: Path) -> list[tuple[str, int]]:
    """The plan's status and priority values (equal supervisors may swap teams)."""
    stage = json.loads(out.joinpath("summary.json").read_text(encoding="utf-8"))["plan"]
    return [(stage["status"], 0)] + [(o["name"], o["value"]) for o in stage["objectives"]]


def test_a_supervisor_who_can_take_no_team_counts_in_the_shared_limit(tmp_path: Path) -> None:
    # Three supervisors share the four teams: at most ceil(4/3) = 2 each, a plan exists.
    # Dan, unavailable on the visit slot (every team visits with its supervisor), can take
    # no team. Session 15 left him out of the share; contract §11 says ceil(K / number of
    # supervisors), so with him listed each takes at most ceil(4/4) = 1: three places for
    # four teams, no plan (exit 3), and the diagnosis names Dan and the way out (probe s28a:
    # a checker of the contract's limit saw Ann with 2 teams where 1 was allowed).
    base = _cohort(tmp_path / "base", "")
    code, output = invoke(["run", str(base), "--out", str(tmp_path / "r0"), "--lang", "en"])
    assert code == 0, output
    for absent, who in (("A4,Dan,,,,visit\n", "Dan"), ("A4,Dan,,,,oral_thu;oral_fri\n", "Dan")):
        wider = _cohort(tmp_path / "wider", absent)
        out = tmp_path / "r1"
        code, output = invoke(["run", str(wider), "--out", str(out), "--lang", "en"])
        assert code == 3, output
        assert not out.exists()
        said = " ".join(output.split())
        limit = "takes at most 1 team (no max_teams of their own in supervisors.csv: 4 teams "
        assert limit in said
        assert f"shared among the 4 supervisors it lists, rounded up, {who} included" in said
        # The director's way out: Ann, Bob and Cat given 2 each, the plan is back.
        raised = SUPERVISORS.replace(",,,,\n", ",2,,,\n")
        folder = write_cohort(
            tmp_path / "raised",
            {
                "commissions.csv": COMMISSIONS,
                "students.csv": STUDENTS,
                "supervisors.csv": raised + absent,
                "settings.toml": SETTINGS,
            },
        )
        code, output = invoke(["run", str(folder), "--out", str(tmp_path / "r2"), "--lang", "en"])
        assert code == 0, output
        assert _plan(tmp_path / "r2") == _plan(tmp_path / "r0")


def test_the_shared_limit_names_who_can_take_none(tmp_path: Path) -> None:
    # Ann's default limit is the 4 teams shared among the 3 supervisors of the file,
    # rounded up: 2 (Dan, who cannot come to the visit, counts, contract §11); with Bob's 1
    # and Dan's none, three teams at most: no plan, and the sentence names Dan.
    folder = write_cohort(
        tmp_path / "c",
        {
            "commissions.csv": COMMISSIONS,
            "students.csv": STUDENTS,
            "supervisors.csv": "id,name,max_teams,sectors,ties,unavailable\n"
            "A1,Ann,,,,\nA2,Bob,1,,,\nA4,Dan,,,,visit\n",
            "settings.toml": SETTINGS,
        },
    )
    code, output = invoke(["run", str(folder), "--out", str(tmp_path / "r"), "--lang", "en"])
    assert code == 3, output
    assert (
        "Ann takes at most 2 teams (no max_teams of their own in supervisors.csv: 4 teams "
        "shared among the 3 supervisors it lists, rounded up, Dan included, who can take "
        "none" in " ".join(output.split())
    )
    code, output = invoke(["run", str(folder), "--out", str(tmp_path / "r"), "--lang", "fr"])
    assert code == 3, output
    assert "y compris Dan, qui ne peut en prendre aucune" in " ".join(output.split())


def test_validate_counts_no_places_for_a_supervisor_on_leave(tmp_path: Path) -> None:
    """Ann and Bob take at most one team each; Dan, without a limit of his own, is away on
    both oral days, so he can take none: 2 places for 4 teams. `run` answers 3 at stage 3;
    `validate` said the input was valid (exit 0), counting Dan's default limit as places.
    Now it exits 3 saying Dan takes none, and why."""
    commissions = "id,institution,sector,problem_type\n" + "".join(
        f"C{i},I{i},s{i},p{i}\n" for i in range(1, 5)
    )
    students = "id,background,choices\n" + "".join(f"S{i},AS,C{1 + i % 4}\n" for i in range(1, 9))
    cohort = write_cohort(
        tmp_path / "c",
        {
            "commissions.csv": commissions,
            "students.csv": students,
            "supervisors.csv": "id,name,max_teams,unavailable\nA,Ann,1,\nB,Bob,1,\n"
            "D,Dan,,oral_thu;oral_fri\n",
            "settings.toml": "[selection]\ncount = 4\n",
        },
    )
    code, output = invoke(["validate", str(cohort), "--lang", "fr"])
    assert code == 3, output
    assert "au plus 2 ensemble" in output
    assert "Dan aucune (indisponible à la visite ou à tous les créneaux d'oral)" in output
