"""What the third acceptance probe of session 12 found wrong, each case checked against
the contract's words (§6 what-if, §7 language, §10 the workbench, §11 the plan), on small
cohorts written by hand."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from click.testing import CliRunner
from webrun import locks_cohort, solved_workbench

from matcher.cli import main

TINY = Path(__file__).resolve().parent.parent / "instances" / "tiny"


def _invoke(args: list[str]) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, args)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result.exit_code, result.stdout, result.stderr


def _arrivals_cohort(tmp_path: Path, arrivals: str, name: str = "Late.csv") -> tuple[Path, Path]:
    """The tiny what-if cohort (C1, C2, C3 selected, teams of two) and an arrivals file."""
    cohort = tmp_path / "cohort"
    shutil.copytree(TINY / "whatif-arrivals", cohort)
    late = tmp_path / name
    late.write_text(arrivals, encoding="utf-8")
    return cohort, late


def test_a_released_pin_of_an_arrival_names_the_arrivals_file(tmp_path: Path) -> None:
    """A1 arrives pinned (``imposé``) to C1, which withdraws: the pin is released, and the
    warning asked to update students.csv although the pin was read from Late.csv."""
    cohort, late = _arrivals_cohort(
        tmp_path,
        "id,name,background,gender,employer,choices,imposé\n"
        "A1,Hugo Renard,assistant social,M,,C1;C2,C1\n"
        "A2,Inès Leroy,éducateur,F,,C2;C3,\n",
    )
    args = ["whatif", str(cohort), "--from", str(cohort / "previous"), "--out"]
    args += [str(tmp_path / "after"), "--add-students", str(late), "--withdraw-commission"]
    code, _, err = _invoke([*args, "C1", "--lang", "fr", "--no-explain", "--quiet"])
    assert code == 0, err
    # The file as typed on the command line (since probe s40d D5: its base name alone).
    assert f"levées (mettez à jour {late}) : A1 (C1)" in err
    assert "students.csv" not in err


def test_arrivals_without_choices_are_said_to_have_none_not_the_cohort(tmp_path: Path) -> None:
    """An arrivals file without a choices column warned « Late.csv ne contient aucun choix :
    les choix ne jouent aucun rôle dans les équipes », although the cohort's choices do play
    their part: the arriving students are the ones without choices."""
    cohort, late = _arrivals_cohort(
        tmp_path,
        "id,name,background,gender,employer\n"
        "A1,Hugo Renard,assistant social,M,\n"
        "A2,Inès Leroy,éducateur,F,\n",
    )
    args = ["whatif", str(cohort), "--from", str(cohort / "previous"), "--out"]
    args += [str(tmp_path / "after"), "--add-students", str(late)]
    code, _, err = _invoke([*args, "--lang", "fr", "--no-explain", "--quiet"])
    assert code == 0, err
    assert "ne jouent aucun rôle" not in err
    assert "Late.csv ne contient aucun choix : 2 étudiants qui arrivent sans choix" in err
    assert "ne comptent dans aucun indicateur de choix) : A1, A2" in err


def _six_students(tmp_path: Path, settings: str, pins: dict[str, str] | None = None) -> Path:
    """Three commissions and six students (S1, S3, S5 men), teams of exactly two."""
    cohort = tmp_path / "six"
    cohort.mkdir()
    (cohort / "commissions.csv").write_text(
        "id,institution,sector,problem_type\n"
        "C1,ASBL Alpha,jeunesse,évaluation\nC2,CPAS Beta,cpas,diagnostic\n"
        "C3,Service Gamma,handicap,étude\n",
        encoding="utf-8",
    )
    rows = ["id,name,background,gender,choices,pinned"]
    for n, profile in enumerate(["asM", "asF", "edM", "edF", "asM", "edF"], 1):
        pin = (pins or {}).get(f"S{n}", "")
        rows.append(f"S{n},Prénom{n} Nom{n},{profile[:2]},{profile[2]},C{(n + 1) // 2},{pin}")
    (cohort / "students.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    (cohort / "settings.toml").write_text(f"[selection]\ncount = 3\n{settings}", encoding="utf-8")
    return cohort


def test_no_isolation_diagnosis_lists_its_students_as_other_messages_do(tmp_path: Path) -> None:
    """No team assignment keeps ``no_isolation = ["gender=M"]`` with three men in teams of
    two: the diagnosis named them « (S1,S3,S5) », ids joined without a space."""
    cohort = _six_students(tmp_path, '[teams]\nno_isolation = ["gender=M"]\n')
    args = ["run", str(cohort), "--out", str(tmp_path / "out"), "--lang", "fr", "--quiet"]
    code, _, err = _invoke(args)
    assert code == 3, err
    assert "ses 3 étudiants (S1, S3 et S5) doivent être 0 ou au moins 2" in err


def test_a_together_group_pinned_apart_is_listed_as_other_messages_do(tmp_path: Path) -> None:
    """S1 and S2 must be together but are pinned to C1 and C2: « le groupe à réunir S1,S2 »."""
    cohort = _six_students(tmp_path, "", pins={"S1": "C1", "S2": "C2"})
    (cohort / "pairs.csv").write_text(
        "student_a,student_b,relation\nS1,S2,together\n", encoding="utf-8"
    )
    for command in ("validate", "run"):
        args = [command, str(cohort), "--lang", "fr"]
        if command == "run":
            args += ["--out", str(tmp_path / "out"), "--quiet"]
        code, out, err = _invoke(args)
        assert code == 3, (out, err)
        assert "le groupe à réunir S1 et S2 est imposé dans plusieurs" in out + err, (out, err)


def test_the_workbench_refuses_a_supervisor_withdrawal_no_plan_allows(tmp_path: Path) -> None:
    """Two teams, two supervisors taking one team each: without A1 no plan exists, and
    ``matcher whatif --withdraw-supervisor A1`` answers 3. The page showed the changes with
    « Accepter »; accepted and saved, summary.json did not record A1 as withdrawn (a later
    ``matcher plan`` gave A1 a team again). Now the page refuses it, saying why, in French."""
    cohort = locks_cohort(tmp_path / "cohort", plan=True)
    (cohort / "supervisors.csv").write_text(
        "id,name,max_teams\nA1,Anne,1\nA2,Marc,1\n", encoding="utf-8"
    )
    out = tmp_path / "out"
    client, bench = solved_workbench(cohort, out)
    assert bench.outcome is not None and bench.outcome.plan is not None
    html = client.post("/whatif", data={"supervisor": "A1"}).get_data(as_text=True)
    assert 'data-action="accept"' not in html and bench.pending is None
    assert "ne peuvent pas être acceptés" in html, html
    assert "Marc prend au plus 1 équipe" in html, html
    client.post("/whatif/accept")
    assert bench.outcome.plan is not None and "A1" not in bench.outcome.plan.withdrawn
    client.post("/save")
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert summary["plan"]["status"] in ("OPTIMAL", "FEASIBLE")


def test_no_oral_slot_names_the_slots_column_as_written(tmp_path: Path) -> None:
    """C2's « Créneaux » cell has the visit but no oral slot: no plan (exit 3). The French
    diagnosis said « dans sa colonne des disponibilités », not the director's header."""
    cohort = locks_cohort(tmp_path / "cohort", plan=True)
    (cohort / "commandes.csv").write_text(
        "id,institution,sector,problem_type,priority,Créneaux\n"
        "C1,CPAS de Namur,CPAS,évaluation,1,visit;oral_thu\n"
        "C2,AMO Le Cercle,aide à la jeunesse,diagnostic,1,visit\n"
        "C3,SAJ de Huy,handicap,diagnostic,0,visit\n",
        encoding="utf-8",
    )
    (cohort / "commissions.csv").unlink()
    args = ["run", str(cohort), "--out", str(tmp_path / "out"), "--no-explain", "--quiet"]
    code, _, err = _invoke([*args, "--lang", "fr"])
    assert code == 3, err
    assert "dans sa colonne « Créneaux » de commandes.csv : son équipe" in err, err
    assert "disponibilités" not in err, err
    code, _, err = _invoke([*args, "--lang", "en"])
    assert code == 3 and "in its column 'Créneaux' of commandes.csv: its team" in err, err
