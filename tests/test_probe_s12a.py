"""What the first acceptance probe of session 12 found wrong, each case checked against
the contract's words (§1 input, §2 exit codes, §5 rules, §6 what-if, §7 language)."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner
from cohortfiles import write_cohort

from matcher.cli import main


def test_one_more_unselectable_proposal_is_named_not_counted_in_the_plural(
    tmp_path: Path,
) -> None:
    """Eleven proposals that cannot be selected, each among a student's choices: ten were
    named, and the eleventh said '1 autres commandes qui ne peuvent pas être retenues
    figurent…' (French plural on one). Now the eleventh is named as the ten."""
    commissions = ["id,institution,sector,problem_type,slots"]
    commissions += [f"C{k:02d},Inst {k},s{k},t{k},visit" for k in range(1, 11)]
    commissions += [f"C{k:02d},Inst {k},s{k},t{k},oral" for k in range(11, 22)]
    students = ["id,background,choices"]
    students += [f"S{k:02d},AS,C{k:02d}" for k in range(11, 22)]
    cohort = write_cohort(
        tmp_path / "c",
        {
            "commissions.csv": "\n".join(commissions) + "\n",
            "students.csv": "\n".join(students) + "\n",
            "settings.toml": '[selection]\nrequired_slots = ["visit"]\n',
        },
    )
    result = CliRunner().invoke(main, ["validate", str(cohort), "--lang", "fr"])
    assert result.exit_code == 0, result.output
    assert "1 autres" not in result.output
    assert all(f"C{k} ne peut pas être retenue" in result.output for k in range(11, 22))


def test_the_only_commission_withdrawn_without_replacement_names_no_employer(
    tmp_path: Path,
) -> None:
    """One commission selected (count = 1), withdrawn with --no-replace: no team is left.
    The answer (exit 3) said so, then 'S1 (Ann) works for the institution of every selected
    commission (None)' for every student, none of whom has an employer."""
    cohort = write_cohort(
        tmp_path / "k1",
        {
            "commissions.csv": "id,institution,sector,problem_type\nA,Inst A,s1,t1\n"
            "B,Inst B,s2,t2\n",
            "students.csv": "id,name,background,choices\nS1,Ann,AS,B;A\nS2,Bob,ED,A\n",
            "settings.toml": "[selection]\ncount = 1\n",
        },
    )
    runner = CliRunner()
    first = runner.invoke(main, ["run", str(cohort), "--out", str(tmp_path / "r"), "--quiet"])
    assert first.exit_code == 0, first.output
    args = ["whatif", str(cohort), "--from", str(tmp_path / "r"), "--out", str(tmp_path / "w")]
    result = runner.invoke(main, [*args, "--withdraw-commission", "A", "--no-replace"])
    assert result.exit_code == 3, result.output
    assert "no commission is selected for the 2 students" in result.output
    assert "None" not in result.output and "works for" not in result.output
    assert not (tmp_path / "w").exists()


def test_a_team_of_one_is_one_student_in_the_diagnosis(tmp_path: Path) -> None:
    """Three students, three commissions (teams of exactly 1) and ``no_isolation`` on a
    value two students hold: exit 3 said 'taille de l'équipe P2 : 1 étudiants'."""
    cohort = write_cohort(
        tmp_path / "one",
        {
            "commissions.csv": "id,institution,sector,problem_type\nP1,A,s1,t1\nP2,B,s1,t2\n"
            "P3,C,s2,t1\n",
            "students.csv": "id,nom,formation,genre\nS1,Ann,AS,F\nS2,Bob,ED,M\nS3,Cy,AS,F\n",
            "settings.toml": '[selection]\ncount = 3\n[teams]\nno_isolation = ["genre=F"]\n',
        },
    )
    for lang, wrong in (("fr", "1 étudiants"), ("en", "1 students")):
        args = ["run", str(cohort), "--out", str(tmp_path / "r"), "--lang", lang]
        result = CliRunner().invoke(main, args)
        assert result.exit_code == 3, result.output
        assert "no_isolation genre=F" in result.output
        assert wrong not in result.output, result.output


def test_f_reads_as_no_as_t_reads_as_yes(tmp_path: Path) -> None:
    """A students.csv exported from a database writes its flags t/f: 't' was read as yes,
    and 'f' refused ('« f » n'est pas une valeur oui/non'), one half of the pair."""
    cohort = write_cohort(
        tmp_path / "tf",
        {
            "commissions.csv": "id,institution,sector,problem_type\nA,I,s,t\nB,J,s,u\n",
            "students.csv": "id,background,vae,employed\nS1,AS,t,f\nS2,AS,f,T\nS3,ED,F,t\n",
            "settings.toml": "[selection]\ncount = 2\n",
        },
    )
    result = CliRunner().invoke(main, ["validate", str(cohort), "--lang", "fr"])
    assert result.exit_code == 0, result.output
    assert "VAE : 1 (33 %)" in result.output and "en emploi : 2 (67 %)" in result.output


def test_validate_answers_3_for_an_include_no_selection_can_hold(tmp_path: Path) -> None:
    """``include`` naming a proposal that is not available, and two proposals of one
    institution: ``select`` answers 3 naming both, but ``validate`` said 'les données sont
    valides' (exit 0), though it answers 3 for more includes than ``count``."""
    cohort = write_cohort(
        tmp_path / "inc",
        {
            "commissions.csv": "id,institution,sector,problem_type,slots\n"
            "C1,A,s1,t1,visit\nC2,B,s2,t2,visit\nC3,Les Tilleuls,s3,t3,visit\n"
            "C4,les  tilleuls,s4,t4,visit\nC5,Hôpital,s5,t5,oral\n",
            "students.csv": "id,background\nS1,AS\nS2,ED\nS3,AS\n",
            "settings.toml": '[selection]\ncount = 3\nrequired_slots = ["visit"]\n'
            'include = ["C5", "C3", "C4"]\n',
        },
    )
    result = CliRunner().invoke(main, ["validate", str(cohort), "--lang", "fr"])
    assert result.exit_code == 3, result.output
    assert "C5 (Hôpital) est dans include mais non disponible : visit" in result.output
    assert "C3 et C4 sont toutes deux dans include" in result.output


def test_a_setting_above_every_section_is_told_where_it_belongs(tmp_path: Path) -> None:
    """``count = 3`` written at the top of settings.toml, before any [section]: the message
    said 'section inconnue (connues : selection, teams, …)', as if count were a section."""
    cohort = write_cohort(
        tmp_path / "top",
        {
            "commissions.csv": "id,institution,sector,problem_type\nA,I,s,t\nB,J,s,u\n",
            "students.csv": "id,background\nS1,AS\n",
            "settings.toml": "count = 3\n",
        },
    )
    result = CliRunner().invoke(main, ["validate", str(cohort), "--lang", "fr"])
    assert result.exit_code == 2, result.output
    assert "clé « count » : réglage hors de sa section : écrivez-le sous [selection]" in (
        result.output
    )
    assert "section inconnue" not in result.output


def test_an_arrival_pinned_to_a_commission_withdrawn_earlier_is_released(
    tmp_path: Path,
) -> None:
    """A chain: C1 withdraws (replaced by C3), then a student arrives pinned to C1. A pin to
    a withdrawn commission is released (README, what-if), and it was for the students of
    the cohort and for an arrival in the what-if withdrawing C1; arriving one what-if later,
    the answer was exit 3, 'N9 est imposé dans C1, qui n'est pas une commande retenue (pour
    la garder, ajoutez C1 à [selection] include…)': advice no director can follow."""
    cohort = write_cohort(
        tmp_path / "chain",
        {
            "commissions.csv": "id,institution,sector,problem_type\nC1,A,s1,t1\nC2,B,s2,t2\n"
            "C3,C,s3,t3\n",
            "students.csv": "id,background,choices\nS1,AS,C1\nS2,ED,C2\nS3,AS,C1\nS4,ED,C2\n",
            "settings.toml": "[selection]\ncount = 2\n",
            "late.csv": "matricule,formation,imposé\nN9,GRH,C1\n",
        },
    )
    runner = CliRunner()
    run = runner.invoke(main, ["run", str(cohort), "--out", str(tmp_path / "r"), "--quiet"])
    assert run.exit_code == 0, run.output
    first = ["whatif", str(cohort), "--from", str(tmp_path / "r"), "--out", str(tmp_path / "w")]
    withdrawn = runner.invoke(main, [*first, "--withdraw-commission", "C1", "--quiet"])
    assert withdrawn.exit_code == 0, withdrawn.output
    later = ["whatif", str(cohort), "--from", str(tmp_path / "w"), "--out", str(tmp_path / "w2")]
    args = [*later, "--add-students", str(cohort / "late.csv"), "--lang", "fr"]
    result = runner.invoke(main, args)
    assert result.exit_code == 0, result.output
    assert "les affectations imposées à une commande retirée sont levées" in result.output
    assert "N9 (C1)" in result.output
    check = runner.invoke(main, ["check", str(cohort), "--result", str(tmp_path / "w2")])
    assert check.exit_code == 0, check.output
