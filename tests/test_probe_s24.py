"""What `run` says when no selection or no teams exist, as an acceptance probe found it wrong
(session 24), on one nine-student cohort: P1 and P4 are one institution (written two ways),
P5 is not available on the visit, so at most three proposals can be selected (P1 or P4,
P2, P3)."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from matcher.cli import main

COMMISSIONS = """id,institution,sector,problem_type,slots,max_size
P1,CPAS de Namur,CPAS,évaluation,visit;oral_thu,
P2,AMO Le Cercle,jeunesse,diagnostic,visit;oral_fri,
P3,Maison Handi,handicap,évaluation,visit;oral_thu,{p3_max}
P4,CPAS de  namur,CPAS,faisabilité,visit;oral_fri,
P5,Foyer Horizon,handicap,diagnostic,oral_thu,
"""

STUDENTS = "id,background\n" + "".join(f"S{i},AS\n" for i in range(1, 10))


def _run(tmp_path: Path, lang: str, *, count: int, teams: str, p3_max: str = "") -> str:
    folder = tmp_path / f"cohort-{lang}"
    folder.mkdir()
    (folder / "commissions.csv").write_text(COMMISSIONS.format(p3_max=p3_max), encoding="utf-8")
    (folder / "students.csv").write_text(STUDENTS, encoding="utf-8")
    (folder / "settings.toml").write_text(
        f'[selection]\ncount = {count}\nrequired_slots = ["visit"]\n[teams]\n{teams}\n',
        encoding="utf-8",
    )
    out = tmp_path / f"out-{lang}"
    result = CliRunner().invoke(
        main, ["run", str(folder), "--out", str(out), "--lang", lang, "--no-explain"]
    )
    assert result.exit_code == 3, result.output
    assert not out.exists()
    return " ".join(result.stderr.split())


@pytest.mark.parametrize(
    ("lang", "said", "not_said"),
    [
        (
            "en",
            "only 3 commissions can be selected: 4 proposals are eligible",
            "only 4 commissions",
        ),
        (
            "fr",
            "on ne peut retenir que 3 commandes : 4 commandes sont éligibles",
            "que 4 commandes",
        ),
    ],
)
def test_the_selectable_number_counts_only_eligible_proposals(
    tmp_path: Path, lang: str, said: str, not_said: str
) -> None:
    # count = 5: the cap alone (4 institutions) already forbids it, but P5 is not eligible
    # either, so 3 can be selected, not 4; P5's missing slot is named.
    message = _run(tmp_path, lang, count=5, teams="min_size = 1")
    assert said in message
    assert not_said not in message
    assert "P5" in message


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        ("en", "team sizes: 9 students cannot fill 3 teams of at least 4"),
        ("fr", "9 étudiants ne suffisent pas à remplir 3 équipes d'au moins 4"),
    ],
)
def test_sizes_that_cannot_hold_the_cohort_are_said_before_a_commissions_own(
    tmp_path: Path, lang: str, said: str
) -> None:
    # 9 students in 3 teams of at least 4 (12 places to fill): that is the cause. P3's own
    # max_size 3 against "every team holds 4", and which proposals could host a team under
    # sizes that cannot be, were said instead.
    message = _run(tmp_path, lang, count=3, teams="min_size = 4\nmax_size = 4", p3_max="3")
    assert said in message
    assert "P3" not in message


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        (
            "en",
            "the eligible proposals that could host a team of this cohort (P1, P2 and P4) "
            "allow only 2 in one selection (at most 1 per institution), but count is 3",
        ),
        (
            "fr",
            "les commandes éligibles qui pourraient accueillir une équipe de cette cohorte "
            "(P1, P2 et P4) ne permettent d'en retenir que 2 ensemble (au plus 1 par "
            "institution), mais count vaut 3",
        ),
    ],
)
def test_too_few_hosts_by_the_institution_cap_say_the_cap(
    tmp_path: Path, lang: str, said: str
) -> None:
    # P3 (at most 1 student) cannot host a team of 2 to 4; three proposals can, but P1 and
    # P4 are one institution: 2 in one selection. Said before as "only 2 eligible proposals
    # could host a team (P1, P2 and P4)", a number that did not match the list.
    message = _run(tmp_path, lang, count=3, teams="min_size = 2\nmax_size = 4", p3_max="1")
    assert said in message
    assert "P3" in message
