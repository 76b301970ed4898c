"""What a probe of exit 3 and its diagnosis (contract §2) found in session 14 (j).

About forty small cohorts written by hand, each with no solution for one clear reason (or
two interacting ones), covering every rule of the selection, the teams and the plan, were
run through ``validate``, ``select``, ``run``, ``assign``, ``plan``, ``whatif``, ``check``
and ``report`` in French and English. What was wrong:

1. ``validate`` answered "input is valid" (exit 0) where no selection, no teams or no plan
   can exist whatever the solver does: too few eligible proposals for ``count`` (or
   institutions capped below it), ``[teams]`` sizes that cannot hold the students (a
   min_size alone said "teams of 4 to 3"), fewer proposals able to host a team than
   ``count`` (each warned "the selection leaves it out", which none could), a pin on a
   proposal that could host no team, more students pinned to a commission than its team
   holds, a pin crowded out by an ``include`` of its institution, pins needing more
   proposals than ``count`` or than an institution may give, ``no_isolation`` students
   pinned alone, a student every team of the only possible selection refuses, a
   together-group pinned where it cannot go, supervisors too few, unavailable on the
   visit or every oral slot, or whose mornings cannot hold the visits.
2. ``run`` said several of these badly: a size rule without the pin that forced the
   proposal in; four students pinned to a team of three as the other teams' sizes; "add
   C4 to [selection] include", which only leaves out another pin; three size rules where
   fixing one was enough; apart pairs one by one where four students all apart for three
   teams is a count; a student every team refuses as five rules.
3. ``run`` selected a proposal nobody could supervise (every supervisor tied to its
   institution, or unavailable on its only oral day) and answered 3 at stage 3 although
   another selection had a plan; ``plan`` never named that team.
4. ``check``/``report`` of a result holding a selection and no teams said it kept every
   rule when the selection (edited by hand) left out a pinned proposal or took one that
   could host no team.
5. Plan sentences read "cannot attend all of 2 × visit on visit".
"""

from __future__ import annotations

from pathlib import Path

import pytest
from cohortfiles import invoke, write_cohort

PROPOSALS = [
    ("C1", "CPAS de Namur", "CPAS", "évaluation"),
    ("C2", "AMO Le Cercle", "aide à la jeunesse", "diagnostic"),
    ("C3", "Maison médicale Esperanza", "santé", "étude de faisabilité"),
    ("C4", "ASBL Horizon", "handicap", "évaluation"),
    ("C5", "Foyer Saint-Joseph", "aide à la jeunesse", "recherche-action"),
]
NAMES = ["Ana Lopez", "Bruno Petit", "Chloé Martin", "David Leroy", "Emma Dubois"]


def cohort(
    folder: Path,
    settings: str = "[selection]\ncount = 3\n",
    *,
    own: dict[str, tuple[str, str]] | None = None,
    slots: dict[str, str] | None = None,
    institution: dict[str, str] | None = None,
    pinned: dict[str, str] | None = None,
    vae: tuple[str, ...] = (),
    employer: dict[str, str] | None = None,
    students: int = 9,
) -> Path:
    """Five proposals, nine students (three teams of three), changed as asked."""
    own, slots, institution, pinned = own or {}, slots or {}, institution or {}, pinned or {}
    employer = employer or {}
    commissions = "id,institution,sector,problem_type,slots,min_size,max_size\n" + "".join(
        f"{cid},{institution.get(cid, inst)},{sector},{kind},"
        f"{slots.get(cid, 'visit;oral_thu;oral_fri')},{','.join(own.get(cid, ('', '')))}\n"
        for cid, inst, sector, kind in PROPOSALS
    )
    rows = "".join(
        f"S{i},{NAMES[(i - 1) % 5]},{('AS', 'ES', 'GRH')[i % 3]},C1;C2;C3,"
        f"{pinned.get(f'S{i}', '')},{'oui' if f'S{i}' in vae else 'non'},"
        f"{employer.get(f'S{i}', '')}\n"
        for i in range(1, students + 1)
    )
    return write_cohort(
        folder,
        {
            "commissions.csv": commissions,
            "students.csv": "id,name,background,choices,pinned,vae,employer\n" + rows,
            "settings.toml": settings,
        },
    )


def refused(args: list[str], lang: str, *needles: str) -> str:
    """``matcher ARGS --lang LANG`` exits 3 saying every needle."""
    code, output = invoke([*args, "--lang", lang])
    assert code == 3, output
    for needle in needles:
        assert needle in output, output
    return output


# Contract §2: "3 no solution satisfies the rules"; README: "validate exits 3 when a rule
# cannot hold whatever the selection".
@pytest.mark.parametrize(
    ("lang", "needle"),
    [
        ("en", "only 2 eligible proposals can be selected together (at most 1 per institution)"),
        ("fr", "seulement 2 commandes éligibles peuvent être retenues ensemble"),
    ],
)
def test_validate_answers_3_when_too_few_proposals_are_eligible(
    tmp_path: Path, lang: str, needle: str
) -> None:
    folder = cohort(
        tmp_path / "c",
        '[selection]\ncount = 3\nrequired_slots = ["visit"]\n',
        slots={"C3": "oral_thu", "C4": "oral_thu", "C5": "oral_thu"},
    )
    output = refused(["validate", str(folder)], lang, needle)
    assert "input is valid" not in output and "données sont valides" not in output


# Contract §2: "for no solution, which rules conflict, in the cohort's own terms".
def test_validate_answers_3_when_institutions_are_capped_below_count(tmp_path: Path) -> None:
    folder = cohort(
        tmp_path / "c",
        institution={"C2": "CPAS de Namur", "C3": "cpas de  NAMUR", "C5": "ASBL Horizon"},
    )
    refused(["validate", str(folder)], "en", "only 2 eligible proposals can be selected")
    refused(["select", str(folder), "--out", str(tmp_path / "o")], "en", "CPAS de Namur")
    assert not (tmp_path / "o").exists()


# Contract §2: "3 no solution satisfies the rules" (validate: README, a rule that
# cannot hold whatever the selection).
def test_validate_answers_3_when_the_team_sizes_cannot_hold_the_students(tmp_path: Path) -> None:
    folder = cohort(tmp_path / "c", "[selection]\ncount = 3\n[teams]\nmin_size = 4\n")
    # Too few students said so since probe s19b ("ne peuvent pas accueillir" read as room).
    refused(["validate", str(folder)], "fr", "9 étudiants ne suffisent pas à remplir 3 équipes")
    refused(["run", str(folder), "--out", str(tmp_path / "o")], "fr", "au moins 4")
    assert not (tmp_path / "o").exists()


# Contract §2: "for no solution, which rules conflict, in the cohort's own terms (ids,
# names, slots, counts)".
@pytest.mark.parametrize(
    ("lang", "needles"),
    [
        (
            "en",
            ("only 2 eligible proposals could host a team", "(C4 and C5)", "C1 asks for at most 2"),
        ),
        (
            "fr",
            (
                "seulement 2 commandes éligibles pourraient accueillir",
                "(C4 et C5)",
                "C3 demande au plus 2",
            ),
        ),
    ],
)
def test_validate_answers_3_when_too_few_proposals_could_host_a_team(
    tmp_path: Path, lang: str, needles: tuple[str, ...]
) -> None:
    own = {cid: ("", "2") for cid in ("C1", "C2", "C3")}
    folder = cohort(tmp_path / "c", own=own)
    output = refused(["validate", str(folder)], lang, *needles)
    # Not "the selection leaves it out": no selection can leave all three out.
    assert "leaves it out" not in output and "laisse donc de côté" not in output
    # run says it first too, in place of the three size rules said one by one (fixing one
    # proposal's sizes is enough).
    refused(["run", str(folder), "--out", str(tmp_path / "o")], lang, *needles)


# Contract §2: "for no solution, which rules conflict, in the cohort's own terms".
@pytest.mark.parametrize("lang", ["en", "fr"])
def test_a_pin_on_a_proposal_that_can_host_no_team_is_named(tmp_path: Path, lang: str) -> None:
    folder = cohort(tmp_path / "c", own={"C4": ("", "2")}, pinned={"S1": "C4"})
    pinned = (
        "S1 (Ana Lopez) is pinned to C4" if lang == "en" else "S1 (Ana Lopez) est imposé·e dans C4"
    )
    size = "C4 asks for at most 2" if lang == "en" else "C4 demande au plus 2"
    refused(["validate", str(folder)], lang, pinned, size)
    refused(["run", str(folder), "--out", str(tmp_path / "o")], lang, pinned, size)
    assert not (tmp_path / "o").exists()


# Contract §2: "for no solution, which rules conflict, in the cohort's own terms (ids,
# names, slots, counts)".
@pytest.mark.parametrize(
    ("lang", "needle"),
    [
        ("en", "4 students are pinned to C1 (S1, S2, S3 and S4), but its team holds at most 3"),
        (
            "fr",
            "4 étudiants sont imposé·e·s dans C1 (S1, S2, S3 et S4), mais son équipe en compte au "
            "plus 3",
        ),
    ],
)
def test_more_students_pinned_than_a_team_holds(tmp_path: Path, lang: str, needle: str) -> None:
    folder = cohort(tmp_path / "c", pinned={f"S{i}": "C1" for i in range(1, 5)})
    refused(["validate", str(folder)], lang, needle)
    refused(["run", str(folder), "--out", str(tmp_path / "o")], lang, needle)


# Contract §2: "for no solution, which rules conflict, in the cohort's own terms"; a
# message "a programme director can act on" (adding C4 to include cannot help).
@pytest.mark.parametrize(
    ("lang", "needle"),
    [
        ("en", "include already names C1 of the same institution (CPAS de Namur)"),
        ("fr", "include nomme déjà C1 de la même institution (CPAS de Namur)"),
    ],
)
def test_a_pin_crowded_out_by_an_include_of_its_institution(
    tmp_path: Path, lang: str, needle: str
) -> None:
    folder = cohort(
        tmp_path / "c",
        '[selection]\ncount = 3\ninclude = ["C1"]\n',
        institution={"C4": "CPAS de Namur"},
        pinned={"S1": "C4"},
    )
    refused(["validate", str(folder)], lang, needle)
    output = refused(["run", str(folder), "--out", str(tmp_path / "o")], lang, needle)
    assert "add C4 to" not in output and "ajoutez C4" not in output


# Contract §2: "3 ... (or, for check, the result breaks rules)"; §5: "pins honoured";
# §8: report "writes every output for the result as it now stands, even when it breaks
# rules: ... the exit status is 3".
@pytest.mark.parametrize(
    ("lang", "needle"),
    [
        ("en", "S1 is pinned to C5, which the selection leaves out"),
        ("fr", "S1 est imposé·e dans C5, que la sélection laisse de côté"),
    ],
)
def test_a_selection_edited_to_leave_out_a_pinned_proposal_breaks_the_pin(
    tmp_path: Path, lang: str, needle: str
) -> None:
    folder = cohort(tmp_path / "c", pinned={"S1": "C5"})
    result = tmp_path / "sel"
    code, output = invoke(["select", str(folder), "--out", str(result), "--quiet"])
    assert code == 0, output
    written = (result / "selection.csv").read_text(encoding="utf-8-sig").splitlines()
    edited = []
    for line in written:
        cells = line.split(",")
        if cells[0] in ("C5", "C4"):
            # C5 (S1's pin) unselected by hand, C4 selected in its place.
            cells[5] = "no" if cells[0] == "C5" else "yes"
        edited.append(",".join(cells))
    assert edited != written
    (result / "selection.csv").write_text("\ufeff" + "\n".join(edited) + "\n", encoding="utf-8")
    (result / "result.xlsx").unlink()
    code, output = invoke(["check", str(folder), "--result", str(result), "--lang", lang])
    assert code == 3 and needle in output, output
    out = tmp_path / "rep"
    code, output = invoke(
        ["report", str(folder), "--result", str(result), "--out", str(out), "--lang", lang]
    )
    assert code == 3 and needle in output, output
    assert needle in (out / "summary.json").read_text(encoding="utf-8")


# Contract §2: "for no solution, which rules conflict, in the cohort's own terms (ids,
# names, slots, counts)", a message a director "can act on": "add C4 to [selection]
# include" cannot keep pins that need more places than count or than an institution has.
@pytest.mark.parametrize(
    ("lang", "pinned", "needle"),
    [
        (
            "en",
            {"S1": "C1", "S2": "C2", "S3": "C3", "S4": "C4"},
            "the pins S1 to C1, S2 to C2, S3 to C3 and S4 to C4 need 4 proposals selected, "
            "but count is 3",
        ),
        (
            "fr",
            {"S1": "C1", "S2": "C2", "S3": "C3", "S4": "C4"},
            "les impositions S1 dans C1, S2 dans C2, S3 dans C3 et S4 dans C4 demandent de "
            "retenir 4 commandes, mais count vaut 3",
        ),
        (
            "en",
            {"S1": "C1", "S2": "C4"},
            "the pins S1 to C1 and S2 to C4 need 2 proposals of one institution (CPAS de Namur)",
        ),
        (
            "fr",
            {"S1": "C1", "S2": "C4"},
            "les impositions S1 dans C1 et S2 dans C4 demandent 2 commandes d'une même "
            "institution (CPAS de Namur)",
        ),
    ],
)
def test_pins_that_no_selection_can_hold_together(
    tmp_path: Path, lang: str, pinned: dict[str, str], needle: str
) -> None:
    folder = cohort(tmp_path / "c", institution={"C4": "CPAS de Namur"}, pinned=pinned)
    refused(["validate", str(folder)], lang, needle)
    output = refused(["run", str(folder), "--out", str(tmp_path / "o")], lang, needle)
    assert "add C" not in output and "ajoutez C" not in output
    assert not (tmp_path / "o").exists()


# Contract §2: "for no solution, which rules conflict, in the cohort's own terms"; §4:
# no_isolation "0 or at least 2 per team".
@pytest.mark.parametrize(
    ("lang", "needle"),
    [
        (
            "en",
            "no_isolation vae=yes: the pins S5 to C1 and S6 to C2 leave 2 teams with a single "
            "such student each, and no other student meets it",
        ),
        (
            "fr",
            "no_isolation vae=yes : les impositions S5 dans C1 et S6 dans C2 laissent 2 équipes "
            "avec un seul étudiant de ce profil, et aucun autre étudiant n'en est",
        ),
    ],
)
def test_no_isolation_with_pins_leaving_a_student_alone(
    tmp_path: Path, lang: str, needle: str
) -> None:
    folder = cohort(
        tmp_path / "c",
        '[selection]\ncount = 3\n[teams]\nno_isolation = ["vae=yes"]\n',
        pinned={"S5": "C1", "S6": "C2"},
        vae=("S5", "S6"),
    )
    refused(["validate", str(folder)], lang, needle)
    refused(["run", str(folder), "--out", str(tmp_path / "o")], lang, needle)
    # A third such student, free, lets one of them join: one team still alone.
    folder = cohort(
        tmp_path / "d",
        '[selection]\ncount = 3\n[teams]\nno_isolation = ["vae=yes"]\n',
        pinned={"S5": "C1", "S6": "C2", "S4": "C3"},
        vae=("S4", "S5", "S6", "S7"),
    )
    only = "only 1 other student meets it" if lang == "en" else "seulement 1 autre étudiant en est"
    refused(["validate", str(folder)], lang, only)


# Contract §11: "a supervisor has at most their max_teams teams", "never given an event on
# a slot in their unavailable"; "No plan satisfies the rules: exit 3 naming the conflicting
# rules in the cohort's terms" (validate: README, a rule that cannot hold whatever).
@pytest.mark.parametrize(
    ("lang", "rows", "needle"),
    [
        (
            "en",
            "A1,Alice Roy,1,\nA2,Marc Noël,1,\n",
            "the 3 teams each need a supervisor, but the supervisors of accompagnateurs.csv take "
            "at most 2 together (Alice Roy at most 1 and Marc Noël at most 1)",
        ),
        (
            "fr",
            "A1,Alice Roy,,visit\nA2,Marc Noël,,visit\n",
            "aucun·e accompagnateur·rice d'accompagnateurs.csv n'est disponible au créneau visit",
        ),
        (
            "en",
            "A1,Alice Roy,,oral_thu;oral_fri\nA2,Marc Noël,,oral_fri;oral_thu\n",
            "every team defends on oral_thu or oral_fri with its supervisor, but no supervisor "
            "of accompagnateurs.csv is available on any of them",
        ),
    ],
)
def test_validate_answers_3_when_no_plan_can_hold(
    tmp_path: Path, lang: str, rows: str, needle: str
) -> None:
    settings = (
        '[selection]\ncount = 3\n[calendar]\nvisit_slot = "visit"\n'
        'oral_slots = ["oral_thu", "oral_fri"]\n'
    )
    folder = cohort(tmp_path / "c", settings)
    header = "identifiant,nom,équipes max,indisponible\n"
    write_cohort(folder, {"accompagnateurs.csv": header + rows})
    refused(["validate", str(folder)], lang, needle)
    refused(["run", str(folder), "--out", str(tmp_path / "o")], lang)
    assert not (tmp_path / "o").exists()


# Contract §11: "never a team whose institution is in their ties"; "No plan satisfies the
# rules: exit 3 naming the conflicting rules in the cohort's terms" (the team, not only
# each supervisor's ties).
@pytest.mark.parametrize(
    ("lang", "needle"),
    [
        (
            "en",
            "nobody may supervise C1 (CPAS de Namur): every supervisor is tied to its "
            "institution (Alice Roy and Marc Noël)",
        ),
        (
            "fr",
            "personne ne peut accompagner C1 (CPAS de Namur) : chaque accompagnateur·rice a des "
            "liens avec son institution (Alice Roy et Marc Noël)",
        ),
    ],
)
def test_a_team_every_supervisor_is_tied_to(tmp_path: Path, lang: str, needle: str) -> None:
    folder = cohort(tmp_path / "c", '[selection]\ncount = 3\ninclude = ["C1"]\n')
    result = tmp_path / "res"
    assert invoke(["run", str(folder), "--out", str(result), "--no-explain"])[0] == 0
    rows = "A1,Alice Roy,cpas de namur\nA2,Marc Noël,CPAS de Namur;AMO Le Cercle\n"
    write_cohort(folder, {"supervisors.csv": "id,name,ties\n" + rows})
    out = tmp_path / "plan"
    refused(["plan", str(folder), "--result", str(result), "--out", str(out)], lang, needle)
    assert not out.exists()
    # C1 included: no selection can leave it out, validate and run answer 3 naming it.
    refused(["validate", str(folder)], lang, needle.split(": ")[0].split(" : ")[0])
    # Not included: run leaves C1 out (it selected C1, the staff's favourite, and answered
    # 3 at stage 3 although a selection without it has a plan), and says why.
    write_cohort(folder, {"settings.toml": "[selection]\ncount = 3\n"})
    code, output = invoke(["run", str(folder), "--out", str(tmp_path / "o"), "--lang", lang])
    assert code == 0, output
    selection = (tmp_path / "o" / "selection.csv").read_text(encoding="utf-8-sig")
    (c1,) = [line for line in selection.splitlines() if line.startswith("C1,")]
    # The last reserve (probe s25: no rank, against contract §3), saying why.
    assert ",yes,no,2," in c1 and needle.split(": ")[0].split(" : ")[0] in c1, c1


# Contract §5: "no student on a commission whose institution is their employer", "pairs
# and pins honoured"; §2: "for no solution, which rules conflict, in the cohort's own terms".
@pytest.mark.parametrize(
    ("lang", "needle"),
    [
        (
            "en",
            "S1 (Ana Lopez) can join none of the 3 teams: C1 is their employer's (CPAS de "
            "Namur); S2, to keep apart from them, is pinned to C2; S3, to keep apart from them, "
            "is pinned to C3",
        ),
        (
            "fr",
            "S1 (Ana Lopez) ne peut rejoindre aucune des 3 équipes : C1 est celle de son "
            "employeur (CPAS de Namur) ; S2, qui doit en être séparé·e, est imposé·e dans C2",
        ),
    ],
)
def test_a_student_every_team_refuses(tmp_path: Path, lang: str, needle: str) -> None:
    folder = cohort(
        tmp_path / "c",
        '[selection]\ncount = 3\ninclude = ["C1", "C2", "C3"]\n',
        pinned={"S2": "C2", "S3": "C3"},
        employer={"S1": "CPAS de Namur"},
    )
    pairs = "student_a,student_b,relation\nS1,S2,apart\nS3,S1,séparer\n"
    write_cohort(folder, {"pairs.csv": pairs})
    refused(["validate", str(folder)], lang, needle)
    refused(["run", str(folder), "--out", str(tmp_path / "o")], lang, needle)
    # One selection only (count = 1, C1 included): the employer alone, validate says it too.
    folder = cohort(
        tmp_path / "d",
        '[selection]\ncount = 1\ninclude = ["C1"]\n',
        employer={"S1": "CPAS de Namur"},
    )
    everywhere = "S1 (Ana Lopez) works for the institution of every selected commission"
    if lang == "en":
        refused(["validate", str(folder)], lang, everywhere)


# Contract §11: "every team's oral lies inside oral_window of one of the oral_slots that its
# commission has in its slots"; "a supervisor is never given an event on a slot in their
# unavailable"; §2: exit 3 only when "no solution satisfies the rules".
@pytest.mark.parametrize(
    ("lang", "needle"),
    [
        ("en", "C1 can host its oral only on oral_thu, when no supervisor of supervisors.csv"),
        ("fr", "C1 ne peut accueillir la soutenance qu'au créneau oral_thu, où aucun·e"),
    ],
)
def test_a_proposal_whose_only_oral_day_nobody_can_attend(
    tmp_path: Path, lang: str, needle: str
) -> None:
    settings = (
        '[selection]\ncount = 3\n[calendar]\nvisit_slot = "visit"\n'
        'oral_slots = ["oral_thu", "oral_fri"]\n'
    )
    folder = cohort(tmp_path / "c", settings, slots={"C1": "visit;oral_thu"})
    rows = "A1,Alice Roy,oral_thu\nA2,Marc Noël,oral_thu\n"
    write_cohort(folder, {"supervisors.csv": "id,name,unavailable\n" + rows})
    code, output = invoke(["run", str(folder), "--out", str(tmp_path / "o"), "--lang", lang])
    assert code == 0, output
    selection = (tmp_path / "o" / "selection.csv").read_text(encoding="utf-8-sig")
    (c1,) = [line for line in selection.splitlines() if line.startswith("C1,")]
    assert ",yes,no,2," in c1 and needle in c1, c1  # the last reserve (probe s25)
    write_cohort(
        folder, {"settings.toml": settings.replace("count = 3", 'count = 3\ninclude = ["C1"]')}
    )
    refused(["validate", str(folder)], lang, needle)


# Contract §5: "pairs and pins honoured", "no student on a commission whose institution is
# their employer"; §2 Faults: a together group larger than the team "exit 3 from validate
# too"; README: "validate exits 3 ... with the words run would use".
@pytest.mark.parametrize("lang", ["en", "fr"])
def test_a_together_group_pinned_where_it_cannot_go(tmp_path: Path, lang: str) -> None:
    pairs = "student_a,student_b,relation\nS1,S2,ensemble\nS2,S3,together\nS3,S4,together\n"
    # Ten students in three teams of 3 to 4; C1 hosts at most 3: the group of four cannot.
    folder = cohort(tmp_path / "c", own={"C1": ("", "3")}, pinned={"S1": "C1"}, students=10)
    write_cohort(folder, {"pairs.csv": pairs})
    too_big = (
        "together-group S1, S2, S3 and S4 (4) exceeds max size 3 of C1"
        if lang == "en"
        else "le groupe à réunir S1, S2, S3 et S4 (4) dépasse la taille maximale 3 de C1"
    )
    refused(["validate", str(folder)], lang, too_big)
    refused(["run", str(folder), "--out", str(tmp_path / "o")], lang, too_big)
    # S2 works for C1's institution: the group pinned there takes them to their employer.
    folder = cohort(tmp_path / "d", pinned={"S1": "C1"}, employer={"S2": "cpas de namur"})
    write_cohort(folder, {"pairs.csv": "student_a,student_b,relation\nS1,S2,together\n"})
    employer = (
        "S2 (Bruno Petit) must be together with together-group S1 and S2 pinned to C1, whose "
        "institution is their employer (CPAS de Namur)"
        if lang == "en"
        else "S2 (Bruno Petit) doit être avec le groupe à réunir S1 et S2 imposé dans C1"
    )
    refused(["validate", str(folder)], lang, employer)
    refused(["run", str(folder), "--out", str(tmp_path / "o")], lang, employer)


# Contract §2: "for no solution, which rules conflict, in the cohort's own terms (ids,
# names, slots, counts)": four students all apart for three teams is a count, not six rules.
@pytest.mark.parametrize(
    ("lang", "needle"),
    [
        (
            "en",
            "S1, S2, S3 and S4 must all be kept apart from one another (4 students), but "
            "there are only 3 teams",
        ),
        (
            "fr",
            "S1, S2, S3 et S4 doivent tou·te·s être séparé·e·s les un·e·s des autres (4 "
            "étudiants), mais il n'y a que 3 équipes",
        ),
    ],
)
def test_more_students_all_apart_than_teams(tmp_path: Path, lang: str, needle: str) -> None:
    folder = cohort(tmp_path / "c")
    pairs = "".join(f"S{a},S{b},apart\n" for a in range(1, 5) for b in range(a + 1, 5))
    write_cohort(folder, {"pairs.csv": "student_a,student_b,relation\n" + pairs})
    refused(["run", str(folder), "--out", str(tmp_path / "o")], lang, needle)
    assert not (tmp_path / "o").exists()


# Contract §2: "check ... checks a result, possibly edited by hand, against every rule"
# (3 when it breaks rules); §5: "team sizes within the bounds".
def test_a_selection_edited_to_take_a_proposal_that_can_host_no_team(tmp_path: Path) -> None:
    folder = cohort(tmp_path / "c", own={"C5": ("", "2")})
    result = tmp_path / "sel"
    assert invoke(["select", str(folder), "--out", str(result), "--quiet"])[0] == 0
    lines = (result / "selection.csv").read_text(encoding="utf-8-sig").splitlines()
    edited = [lines[0]]
    for line in lines[1:]:
        cells = line.split(",")
        cells[5] = "yes" if cells[0] in ("C1", "C2", "C5") else "no"
        edited.append(",".join(cells))
    (result / "selection.csv").write_text("\ufeff" + "\n".join(edited) + "\n", encoding="utf-8")
    (result / "result.xlsx").unlink()
    for lang, needle in (
        ("en", "a selected commission could host no team of this cohort: team sizes: C5 asks"),
        ("fr", "une commande retenue ne pourrait accueillir aucune équipe de cette cohorte"),
    ):
        code, output = invoke(["check", str(folder), "--result", str(result), "--lang", lang])
        assert code == 3 and needle in output, output


# Contract §10: the workbench does "all that the commands do", in its own words (its
# settings form's names, not settings.toml's keys).
def test_the_workbench_says_the_shortfall_in_its_own_words(tmp_path: Path) -> None:
    import re

    from matcher.web import create_app

    folder = cohort(tmp_path / "c", own={cid: ("", "2") for cid in ("C1", "C2", "C3")})
    app = create_app(folder, tmp_path / "out", "fr", explain=False)
    client = app.test_client()
    client.post("/run")
    bench = app.extensions["workbench"]
    assert bench.worker is not None
    bench.worker.join(timeout=120)
    client.get("/progress")
    html = client.get("/").get_data(as_text=True)
    found = re.search(r'data-role="solve-error">(.*?)</p>', html, re.S)
    assert found is not None, html
    said = found.group(1)
    assert "seulement 2 commandes éligibles pourraient accueillir" in said, said
    assert "Nombre de commandes à retenir" in said and "count vaut" not in said, said


# Contract §11: "between two of their events at different institutions on the same slot
# leaves the travel time"; "No plan satisfies the rules: exit 3 naming the conflicting rules
# in the cohort's terms" (said as people say it: "all of 2 × visit on visit" was not).
@pytest.mark.parametrize(
    ("lang", "needle"),
    [
        ("en", "Alice Roy cannot attend the 2 visits on visit: C1 in Namur and C2 in Liège"),
        ("fr", "Alice Roy ne peut assister aux 2 visites du créneau visit : C1 à Namur et C2"),
    ],
)
def test_two_visits_travel_cannot_fit(tmp_path: Path, lang: str, needle: str) -> None:
    settings = (
        '[selection]\ncount = 2\ninclude = ["C1", "C2"]\n[calendar]\nvisit_slot = "visit"\n'
        'oral_slots = ["oral_thu", "oral_fri"]\nvisit_window = ["09:00", "12:30"]\n'
    )
    folder = cohort(tmp_path / "c", settings, students=6)
    commissions = (folder / "commissions.csv").read_text(encoding="utf-8").splitlines()
    towns = {"C1": "Namur", "C2": "Liège"}
    commissions = [commissions[0] + ",town"] + [
        line + "," + towns.get(line.split(",")[0], "") for line in commissions[1:]
    ]
    write_cohort(
        folder,
        {
            "commissions.csv": "\n".join(commissions) + "\n",
            "supervisors.csv": "id,name,max_teams\nA1,Alice Roy,2\n",
        },
    )
    output = refused(["run", str(folder), "--out", str(tmp_path / "o")], lang, needle)
    assert "×" not in output, output


# Contract §11: "every team's visit lies inside visit_window and lasts visit_minutes"; "a
# supervisor ... is never in two events at once" (validate: a rule no plan can keep).
@pytest.mark.parametrize(
    ("lang", "needle"),
    [
        (
            "en",
            "the 3 teams each need a visit on visit, but Alice Roy can make at most 2: the "
            "window 09:00–13:00 (240 minutes) holds 2 visits of 90 minutes",
        ),
        (
            "fr",
            "les 3 équipes ont chacune besoin d'une visite au créneau visit, mais Alice Roy peut "
            "en faire au plus 2",
        ),
    ],
)
def test_validate_counts_the_visits_a_morning_holds(tmp_path: Path, lang: str, needle: str) -> None:
    settings = (
        '[selection]\ncount = 3\n[calendar]\nvisit_slot = "visit"\n'
        'oral_slots = ["oral_thu", "oral_fri"]\n'
    )
    folder = cohort(tmp_path / "c", settings)
    write_cohort(folder, {"supervisors.csv": "id,name,max_teams\nA1,Alice Roy,3\n"})
    refused(["validate", str(folder)], lang, needle)
    refused(["run", str(folder), "--out", str(tmp_path / "o")], lang, "Alice Roy")
