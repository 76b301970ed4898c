"""Session 32's probes: what they found, each a test that failed before its fix."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from test_probe_s31 import _cohort

from matcher.cli import main
from matcher.loading import load_instance
from matcher.loading.columns import choice_rank
from matcher.text import fold_header, slot_key
from matcher.verify.teams import team_violations


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("visite 01/10/2026", "visite 1/10/2026"),
        ("visite 1/10/2026", "Visite 2026-10-01"),
        ("visite_2026-10-01", "visite 1-10-2026"),
        ("oral 20/05/2027", "oral-2027-05-20"),  # the demo's spelling, retyped
        ("oral jeudi 20/05/2027", "oral 20/5/2027"),
    ],
)
def test_words_then_a_date_compare_by_the_date(first: str, second: str) -> None:
    """Probe s32f: « visite 01/10/2026 » and « visite 1/10/2026 » were two slots (only a
    label that is a date alone was read as one), so three institutions writing the same
    visit day were all « non disponible »."""
    assert slot_key(first) == slot_key(second)


@pytest.mark.parametrize(
    ("first", "second"),
    [("visite 01/10/2026", "visite 02/10/2026"), ("oral 1", "oral 2"), ("oral 2026", "oral 2027")],
)
def test_other_labels_stay_apart(first: str, second: str) -> None:
    assert slot_key(first) != slot_key(second)


def test_a_proposal_written_with_another_spelling_of_its_dated_slot_is_eligible(
    tmp_path: Path,
) -> None:
    """The probe's cohort: required slot « visite 1/10/2026 », any of « oral 20/05/2027 »;
    three proposals write the same two days three ways. All three are eligible now (0 were)."""
    inst = _cohort(
        tmp_path / "c",
        "id\nS1\nS2\nS3\nS4\nS5\nS6",
        "id,institution,slots\n"
        'C01,A,"visite 01/10/2026;oral 20/05/2027"\n'
        'C02,B,"visite 1/10/2026;oral 20/5/2027"\n'
        'C03,C,"visite 2026-10-01;oral 2027-05-20"',
        '[selection]\ncount = 3\nrequired_slots = ["visite 1/10/2026"]\n'
        'any_slots = [["oral 20/05/2027"]]\n',
    )
    result = CliRunner().invoke(main, ["validate", str(inst), "--lang", "en"])
    assert result.exit_code == 0, result.output
    assert "eligible: 3 from 3 institutions" in result.output


@pytest.mark.parametrize(
    ("header", "rank"),
    [
        ("1er choix", 1),
        ("2e choix", 2),
        ("3ème choix", 3),
        ("Premier choix", 1),
        ("Deuxième vœu", 2),
        ("Vœu 4", 4),  # œ was dropped: « v u 4 »
        ("1st choice", 1),
        ("Choix 5", 5),
        ("Nom", None),
        ("choix", None),
    ],
)
def test_choice_columns_headed_by_their_rank_first(header: str, rank: int | None) -> None:
    """Probe s32f: « 1er choix, 2e choix, 3e choix » were not read (the file then « ne
    contient aucun choix »), nor « Premier choix » or « Vœu 1 »."""
    assert choice_rank(header) == rank


def test_a_ligature_in_a_header_is_its_two_letters() -> None:
    assert fold_header("Vœu 1") == "voeu_1"
    assert fold_header("Curriculum Æ") == "curriculum_ae"


@pytest.mark.parametrize("header", ["Nom et prénom", "Nom Prénom", "Prénom Nom", "Nom - Prénom"])
def test_one_column_holding_the_whole_name(tmp_path: Path, header: str) -> None:
    """Probe s32f: « Nom et prénom » was dropped without a word, every name empty."""
    folder = tmp_path / "c"
    folder.mkdir()
    (folder / "students.csv").write_text(
        f"id,{header},background,1er choix,2e choix\nS1,Marie Dupont,as,C1,C2\n"
        "S2,Jean Martin,as,C2,C1\n",
        encoding="utf-8",
    )
    (folder / "commissions.csv").write_text(
        "id,institution,sector,problem_type\nC1,A,s,p\nC2,B,s,p\n", encoding="utf-8"
    )
    instance = load_instance(folder)
    assert [s.name for s in instance.students] == ["Marie Dupont", "Jean Martin"]
    assert [s.choices for s in instance.students] == [("C1", "C2"), ("C2", "C1")]


@pytest.mark.parametrize(
    ("written", "relation"),
    [
        ("à séparer", "apart"),
        ("à réunir", "together"),
        ("réunir", "together"),
        ("Réunis", "together"),
    ],
)
def test_pairs_in_matchers_own_words(tmp_path: Path, written: str, relation: str) -> None:
    """Probe s32f: `validate` says « paires : 1 (1 à séparer, 0 à réunir) », yet « à séparer »
    in pairs.csv was refused as no relation."""
    inst = _cohort(tmp_path / "c", "id\nS1\nS2\nS3\nS4", "id,institution\nC1,A\nC2,B")
    (inst / "pairs.csv").write_text(
        f"student_a,student_b,relation\nS1,S2,{written}\n", encoding="utf-8"
    )
    assert [p.relation for p in load_instance(inst).pairs] == [relation]


def test_broken_rules_name_the_students(tmp_path: Path) -> None:
    """Probes s32a and s32e: « E051 n'a pas d'équipe » and « E-1000 et E-1007 doivent être
    séparés » beside « E031 (Élodie Lemaire) est dans … »: now each with their name."""
    folder = tmp_path / "c"
    folder.mkdir()
    (folder / "students.csv").write_text(
        "id,name,background\nS1,Ana Lima,as\nS2,Bo Ek,as\nS3,,as\n", encoding="utf-8"
    )
    (folder / "commissions.csv").write_text(
        "id,institution,sector,problem_type\nC1,A,s,p\nC2,B,s,p\n", encoding="utf-8"
    )
    (folder / "pairs.csv").write_text(
        "student_a,student_b,relation\nS1,S2,apart\nS1,S3,together\n", encoding="utf-8"
    )
    instance = load_instance(folder)
    said = [str(t) for t in team_violations(instance, ["C1", "C2"], {"S1": "C1", "S2": "C1"})]
    assert "S3 has no team" in said  # no name given: the id alone
    assert "S1 (Ana Lima) and S2 (Bo Ek) must be apart but are both in C1" in said
    assert any(line.startswith("S1 (Ana Lima) and S3 must be together") for line in said)


def test_one_student_per_team_is_said_in_the_singular(tmp_path: Path) -> None:
    """Probe s32f: « équipes : 3 de 1 étudiants »."""
    inst = _cohort(tmp_path / "c", "id\nS1\nS2\nS3", "id,institution\nC1,A\nC2,B\nC3,C")
    (inst / "settings.toml").write_text("[selection]\ncount = 3\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["validate", str(inst), "--lang", "fr"])
    assert "équipes : 3 de 1 étudiant\n" in result.output, result.output


def test_the_edit_cost_table_writes_experience_as_numbers(tmp_path: Path) -> None:
    """Probe s32e: in « Ce que la modification a coûté », the experience row held the texts
    « 14,1 » and « 9,6 » among numbers (left-aligned, "number stored as text" in Excel)."""
    import csv

    import openpyxl

    demo = Path(__file__).resolve().parent.parent / "instances" / "demo"
    out, edited = tmp_path / "r", tmp_path / "e"
    ran = CliRunner().invoke(main, ["run", str(demo), "--out", str(out), "--no-explain"])
    assert ran.exit_code == 0, ran.output
    with (out / "teams.csv").open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    other = next(r for r in rows if r["commission_id"] != rows[0]["commission_id"])
    rows[0]["commission_id"], other["commission_id"] = (
        other["commission_id"],
        rows[0]["commission_id"],
    )
    with (out / "teams.csv").open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    reported = CliRunner().invoke(
        main, ["report", str(demo), "--result", str(out), "--out", str(edited), "--no-explain"]
    )
    assert reported.exit_code == 0, reported.output
    sheet = openpyxl.load_workbook(edited / "result.xlsx")["Summary"]
    cells = [
        row
        for row in sheet.iter_rows()
        if row[0].value == "largest distance from the fair share of experience (years)"
    ]
    assert cells, [row[0].value for row in sheet.iter_rows()]
    value, solver = cells[0][1], cells[0][2]
    assert isinstance(value.value, float) and isinstance(solver.value, float)
    assert value.number_format.startswith("0.0")
    # Its verdict column headed (probe s32i: LibreOffice ran figures into « 5inchangé »).
    headings = [[c.value for c in row[:4]] for row in sheet.iter_rows()]
    assert ["Priority", "Now", "Solver's result", "Compared with the solver's"] in headings


def test_the_composition_table_fits_the_page_on_screen(tmp_path: Path, browser: object) -> None:
    """Probe s32e: seven backgrounds, VAE, employment and three genders (16 columns) made
    the composition table wider than the page at 1400 px; its last column, « Genre : X »,
    was hidden behind a scroll bar."""
    backgrounds = [
        "assistant social",
        "éducateur",
        "GRH",
        "enseignant",
        "infirmier",
        "psychologue",
        "criminologue",
    ]
    folder = tmp_path / "c"
    folder.mkdir()
    lines = ["id,formation,vae,employé,genre"]
    for i in range(58):
        vae = "x" if i % 8 == 0 else ""
        lines.append(
            f"S{i:02d},{backgrounds[i % 7]},{vae},{'oui' if i % 3 else 'non'},{'FMX'[i % 3]}"
        )
    (folder / "students.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    rows = [f"C{i:02d},Institution {i},secteur {i},type {i % 4}" for i in range(10)]
    (folder / "commissions.csv").write_text(
        "id,institution,sector,problem_type\n" + "\n".join(rows) + "\n", encoding="utf-8"
    )
    out = tmp_path / "r"
    args = ["run", str(folder), "--out", str(out), "--no-explain", "--lang", "fr"]
    ran = CliRunner().invoke(main, [*args, "--time-limit", "10"])
    assert ran.exit_code == 0, ran.output
    page = browser.new_page(viewport={"width": 1400, "height": 900})  # type: ignore[attr-defined]
    try:
        page.goto((out / "report.html").as_uri())
        widths = page.evaluate(
            "() => { const s = document.querySelector('#composition ~ .scroll');"
            " return [s.scrollWidth, s.clientWidth, s.querySelectorAll('thead th').length]; }"
        )
    finally:
        page.close()
    scroll_width, client_width, columns = widths
    assert columns == 16
    assert scroll_width <= client_width


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        (
            "en",
            "only if the what-if moved more students (moves count from the teams before the "
            "what-if: going back to one's team before it, arriving, or leaving a team that "
            "withdrew is no move): 1 instead of 0 (3 other students would move)",
        ),
        (
            "fr",
            "qu'en déplaçant plus d'étudiants dans la simulation (les déplacements se comptent "
            "depuis les équipes d'avant la simulation : revenir dans son équipe d'avant, "
            "arriver, ou quitter une équipe retirée n'en est pas un) : 1 au lieu de 0 (3 autres "
            "étudiants changeraient d'équipe)",
        ),
    ],
)
def test_movers_the_whatif_does_not_count_are_said_not_counted(lang: str, said: str) -> None:
    """Probe s32a: "only if the what-if moved more students: 1 instead of 0 (3 other students
    would move)" read as a contradiction; the three came from a withdrawn team, which the
    what-if's moves do not count (contract §6)."""
    from matcher.explanation import Explanation

    cost = Explanation("S2", "Léa", "C2", "C1", 1, "costs", "moves", 0, 1, 3)
    assert said in cost.reason(lang)
    fewer = Explanation("S2", "Léa", "C2", "C1", 1, "costs", "moves", 0, 2, 1)
    assert "not counted" not in fewer.reason("en")


DATA = Path(__file__).resolve().parent / "data" / "s32c"


def test_no_team_priority_explains_every_wish(tmp_path: Path) -> None:
    """Probe s32c: ``[teams] priorities = []`` (accepted: teams that keep the rules, any of
    them) made ``assign`` and ``explain`` end in an internal error (exit 1, "argmin of an
    empty sequence"). With nothing to optimise, a wish some assignment keeping the rules
    grants is ``free``: Stu1 in C2 and Stu6 in C1 (both sizes 3, the together pair S1-S3
    and each team's two VAE students kept by moving the others)."""
    cohort = DATA / "crash"
    out = tmp_path / "out"
    args = ["assign", str(cohort), "--selection", str(cohort / "selection.csv")]
    ran = CliRunner().invoke(main, [*args, "--out", str(out), "--lang", "en"])
    assert ran.exit_code == 0, ran.output
    rows = (out / "explanations.csv").read_text(encoding="utf-8-sig").splitlines()[1:]
    assert rows and all(",free," in row for row in rows), rows


def test_no_team_priority_and_a_wish_no_assignment_grants_is_impossible(tmp_path: Path) -> None:
    """Probe s32c: the same setting said S1 → C1 « not settled within the time limit » after
    1 s of 30. No assignment places S1 in C1: S1 and S4 are the only VAE students (none
    alone, ``no_isolation``), so S4 would join C1 too; S2 and S5 work for C2's institution,
    so C1 would hold S1, S4, S2, S5 and S3 (S2's together partner): five, at most three."""
    cohort = DATA / "unknown"
    out = tmp_path / "out"
    args = ["assign", str(cohort), "--selection", str(cohort / "selection.csv")]
    ran = CliRunner().invoke(main, [*args, "--out", str(out), "--lang", "en"])
    assert ran.exit_code == 0, ran.output
    rows = (out / "explanations.csv").read_text(encoding="utf-8-sig").splitlines()
    wished = [row for row in rows if row.startswith("S1,")]
    assert len(wished) == 1 and ",C1,1,impossible," in wished[0], rows


def test_a_progress_line_says_no_time_left_beyond_a_day() -> None:
    """Probe s32b: ``--time-limit 1e308`` is a finite limit, accepted; its progress lines
    read « encore 1000000000…(309 digits) s au plus ». Beyond a day they say none."""
    import io

    from matcher.outputs.progress import ProgressPrinter

    for limit, said in ((1e308, False), (3600.0, True)):
        stream = io.StringIO()
        printer = ProgressPrinter(stream, delay=0.0, lang="fr", deadline=limit, clock=lambda: 0.0)
        printer("choices", 12.0, 11.5, 3.25)
        assert ("au plus" in stream.getvalue()) is said, stream.getvalue()
        assert len(stream.getvalue()) < 200


def test_a_pinned_member_is_said_pinned_in_the_report(tmp_path: Path) -> None:
    """Probe s32e: E011, pinned to P05, read only « non listé » in the team's table; only
    the selection's reason named the pin."""
    inst = _cohort(
        tmp_path / "c",
        "id,choices,pinned\nS1,C1,C2\nS2,C1,\nS3,C2,\nS4,C2,",
        "id,institution\nC1,A\nC2,B",
        "[selection]\ncount = 2\n",
    )
    out = tmp_path / "r"
    ran = CliRunner().invoke(main, ["run", str(inst), "--out", str(out), "--lang", "fr"])
    assert ran.exit_code == 0, ran.output
    page = (out / "report.html").read_text(encoding="utf-8")
    assert page.count("imposé·e ici") == 1
    assert "non listé (imposé·e ici)" in page


def test_a_whatifs_plan_has_what_the_limit_leaves_not_the_team_stages_limit_again() -> None:
    """Probe s32d: under load, ``whatif --withdraw-supervisor --time-limit 30`` gave stage 3
    « 0,4 s » 15 s in, and ended exit 4 (or a plan far from optimal) on cohorts the oracle
    plans at once: its time was counted from the team stage's limit (already less what
    came before the teams, and less stage 3's own share), the time before taken off again.
    Here the command began 10 s ago (loading on a loaded machine): stage 3 now has the 30 s
    limit less those 10 s and the writing's reserve, about 20 s, not about 10."""
    import time

    from matcher.app.solve import _finish_reserve, teams_clock
    from models.outcome import SolveParams

    demo = Path(__file__).resolve().parent.parent / "instances" / "demo"
    instance = load_instance(demo)
    clock = teams_clock(SolveParams(time_limit=30.0), instance, time.perf_counter() - 10.0)
    plan = clock.plan(instance, None)
    expected = 30.0 - 10.0 - _finish_reserve(instance, False) * clock.slowness
    assert abs(plan.time_limit - expected) < 1.0, (plan.time_limit, expected)


@pytest.mark.parametrize(
    ("first", "second", "same"),
    [
        ("visite 15 avril 2027", "visite 15/04/2027", True),
        ("visite 15 avril 2027", "oral 15 avril 2027", False),  # read as one bare date
        ("visite 15 avril 2027", "15/04/2027", False),
        ("jeudi 15 avril 2027", "15/04/2027", True),  # a weekday is no word of the label
        ("visite 1er octobre 2026", "visite 1/10/26", True),
        ("oral 15/04/2027 9h", "oral 15/04/2027 14h", False),  # two hours of one day
        ("oral 15/04/2027 9h", "oral 15/04/2027 09:00", True),
    ],
)
def test_words_before_a_day_in_words_are_the_labels(first: str, second: str, same: bool) -> None:
    """Probe s32h: any word before a day written in words was taken for a day of the week
    and dropped, so « visite 15 avril 2027 » and « oral 15 avril 2027 » were one slot and
    « visite 15/04/2027 » another; a time after a labelled day merged 9h and 14h."""
    assert (slot_key(first) == slot_key(second)) is same


def test_a_slot_named_by_words_and_a_day_is_dated_by_its_name() -> None:
    """Probe s32h: ``visit_slot = "visite 01/10/2026"`` had no date in schedule.csv (a slot
    named by a day alone had one)."""
    from matcher.schemas import Settings

    settings = Settings.model_validate(
        {"calendar": {"visit_slot": "visite 01/10/2026", "oral_slots": ["oral 15/04/2027 9h"]}}
    )
    days = settings.calendar.dates_by_day
    assert days[slot_key("visite 1/10/2026")] == "2026-10-01"
    assert days[slot_key("oral 15/04/2027 09:00")] == "2027-04-15"


@pytest.mark.parametrize(
    ("written", "relation"),
    [("Réunies", "together"), ("séparées", "apart"), ("Réuni·e·s", "together")],
)
def test_pairs_in_feminine_and_inclusive_forms(tmp_path: Path, written: str, relation: str) -> None:
    """Probe s32h: « Séparés » was read, « séparées » and « Réunies » refused."""
    inst = _cohort(tmp_path / "c", "id\nS1\nS2\nS3\nS4", "id,institution\nC1,A\nC2,B")
    (inst / "pairs.csv").write_text(
        f"student_a,student_b,relation\nS1,S2,{written}\n", encoding="utf-8"
    )
    assert [p.relation for p in load_instance(inst).pairs] == [relation]


def test_a_whole_name_column_beside_a_first_name_is_refused(tmp_path: Path) -> None:
    """Probe s32h: « Prénom » beside « Nom de l'étudiant » wrote « Ana Ana Lima »."""
    inst = _cohort(
        tmp_path / "c", "id,Prénom,Nom et prénom\nS1,Ana,Ana Lima", "id,institution\nC1,A"
    )
    result = CliRunner().invoke(main, ["validate", str(inst), "--lang", "fr"])
    assert result.exit_code == 2
    assert "« Nom et prénom » (C) contient le nom entier et « Prénom » (B)" in result.output


def test_every_broken_rule_names_the_student_once(tmp_path: Path) -> None:
    """Probe s32h: « S4 is pinned to C2 but is in C1 » beside « S4 (Zoé Durand) » in the
    pair's sentence, and « S3 (S3) » for a student whose name is their id."""
    folder = tmp_path / "c"
    folder.mkdir()
    (folder / "students.csv").write_text(
        "id,name,background,pinned\nS1,Ana Lima,as,\nS2,S2,as,\nS3,,as,\nS4,Zoé Durand,as,C2\n",
        encoding="utf-8",
    )
    (folder / "commissions.csv").write_text(
        "id,institution,sector,problem_type\nC1,A,s,p\nC2,B,s,p\n", encoding="utf-8"
    )
    (folder / "pairs.csv").write_text(
        "student_a,student_b,relation\nS2,S1,together\n", encoding="utf-8"
    )
    instance = load_instance(folder)
    assignment = {"S1": "C1", "S2": "C2", "S3": "C1", "S4": "C1"}
    said = [str(t) for t in team_violations(instance, ["C1", "C2"], assignment)]
    assert "S4 (Zoé Durand) is pinned to C2 but is in C1" in said
    assert "S2 and S1 (Ana Lima) must be together but are in C2 and C1" in said


def test_two_columns_of_one_choice_rank_are_named(tmp_path: Path) -> None:
    """Probe s32h: « Choix 1 » and « 1er choix » were « le choix 1 figure dans 2 colonnes »,
    neither named."""
    inst = _cohort(tmp_path / "c", "id,Choix 1,1er choix\nS1,C1,C1", "id,institution\nC1,A")
    result = CliRunner().invoke(main, ["validate", str(inst), "--lang", "fr"])
    assert result.exit_code == 2
    assert "le choix 1 figure dans 2 colonnes : Choix 1 (B), 1er choix (C)" in result.output


@pytest.mark.parametrize(("lang", "unit"), [("fr", '"an"'), ("en", '"years"')])
def test_the_workbooks_years_round_and_agree_as_the_report(
    tmp_path: Path, lang: str, unit: str
) -> None:
    """Probe s32g: the workbook's new numeric years were rounded by Python (ties to even on
    the float): a gap of 0.25 years read 0.2 there and 0.3 in the report and on the
    terminal; and French read « 0,2 ans » where the report says « an » below two. Four
    students, experience 1, 0.5, 0 and 0, two teams of two fixed by the choices and the
    sizes: {1, 0} and {0.5, 0}, totals 1 and 0.5 against a fair share of 0.75: 0.25."""
    import openpyxl

    inst = _cohort(
        tmp_path / "c",
        "id,experience_years,choices\nE1,1,K1\nE2,0.5,K2\nE3,0,K1\nE4,0,K2",
        "id,institution\nK1,A\nK2,B",
        "[selection]\ncount = 2\n[teams]\nmin_size = 2\nmax_size = 2\nbalance = []\n",
    )
    out = tmp_path / "r"
    ran = CliRunner().invoke(main, ["run", str(inst), "--out", str(out), "--lang", lang])
    assert ran.exit_code == 0, ran.output
    sheet = openpyxl.load_workbook(out / "result.xlsx").worksheets[0]
    cells = [row for row in sheet.iter_rows() if isinstance(row[1].value, float)]
    assert cells, "no experience figure"
    assert cells[0][1].value == 0.3
    assert cells[0][1].number_format == f"0.0 {unit}"


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("visite: 1/10/2026", "visite 1/10/2026"),
        ("visite (1/10/2026)", "visite 01/10/2026"),
        ("oral 15/04/2027 à 9h", "oral 15/04/2027 9h"),
        ("oral 15/04/2027 at 14:00", "oral 15/04/2027 14h"),
    ],
)
def test_punctuation_and_a_before_a_time_are_no_words_of_the_label(first: str, second: str) -> None:
    """Probe s32i: « visite: 1/10/2026 » kept its colon as a word, « visite (1/10/2026) »
    was no dated label, « oral 15/04/2027 à 9h » kept « à 9h » as text."""
    assert slot_key(first) == slot_key(second)
