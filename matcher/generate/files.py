"""A generated cohort as the files a programme director would hand in: commissions.csv,
students.csv, pairs.csv, supervisors.csv, settings.toml, and a README.md that says the data
are synthetic and how to regenerate them."""

from __future__ import annotations

import json
from pathlib import Path

from matcher import __version__
from matcher.generate.cohort import GENERATOR_VERSION, Cohort
from matcher.generate.supervisors import SUPERVISOR_HEADER, supervisor_rows
from matcher.outputs.csvwrite import write_csv, yes_no

#: Files written by :func:`write_cohort` (and only these are ever overwritten).
COHORT_FILES = (
    "commissions.csv",
    "students.csv",
    "pairs.csv",
    "supervisors.csv",
    "settings.toml",
    "README.md",
)
COMMISSION_HEADER = ("id", "institution", "sector", "problem_type", "title", "slots", "priority")
STUDENT_HEADER = (
    "id",
    "name",
    "background",
    "vae",
    "employed",
    "employer",
    "gender",
    "experience_years",
    "choices",
)


def write_cohort(cohort: Cohort, out: Path) -> None:
    """Write commissions.csv, students.csv, pairs.csv, settings.toml and README.md in ``out``,
    and supervisors.csv when the cohort has supervisors.

    Only those files are written (the folder is created if needed); refusing an
    occupied folder is the caller's decision (``matcher generate`` does).
    """
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    _write_commissions(cohort, out / "commissions.csv")
    if cohort.supervisors:
        write_csv(
            out / "supervisors.csv",
            list(SUPERVISOR_HEADER),
            supervisor_rows(cohort.supervisors),
            spreadsheet=False,
        )
    _write_students(cohort, out / "students.csv")
    write_csv(
        out / "pairs.csv",
        ["student_a", "student_b", "relation"],
        [[p.student_a, p.student_b, p.relation] for p in cohort.pairs],
        spreadsheet=False,
    )
    (out / "settings.toml").write_text(settings_toml(cohort), encoding="utf-8")
    (out / "README.md").write_text(readme_text(cohort), encoding="utf-8")


def _write_commissions(cohort: Cohort, path: Path) -> None:
    """commissions.csv, with a ``town`` column when some commission has a town."""
    with_town = any(c.town for c in cohort.commissions)
    write_csv(
        path,
        list(COMMISSION_HEADER) + (["town"] if with_town else []),
        [
            [
                c.id,
                c.institution,
                c.sector,
                c.problem_type,
                c.title,
                ";".join(c.slots or ()),
                str(c.priority),
            ]
            + ([c.town or ""] if with_town else [])
            for c in cohort.commissions
        ],
        spreadsheet=False,
    )


def _write_students(cohort: Cohort, path: Path) -> None:
    """students.csv, flags as yes/no and choices in the order written."""
    write_csv(
        path,
        list(STUDENT_HEADER),
        [
            [
                s.id,
                s.name,
                s.background,
                yes_no(s.vae),
                yes_no(s.employed),
                s.employer or "",
                s.gender or "",
                "" if s.experience_years is None else f"{s.experience_years:g}",
                ";".join(s.choices),
            ]
            for s in cohort.students
        ],
        spreadsheet=False,
    )


def _toml_list(items: tuple[str, ...]) -> str:
    return "[" + ", ".join(json.dumps(i, ensure_ascii=False) for i in items) + "]"


def settings_toml(cohort: Cohort) -> str:
    """The cohort's settings.toml: what differs from the defaults, with a comment."""
    selection = cohort.settings.selection
    any_slots = "[" + ", ".join(_toml_list(g) for g in selection.any_slots) + "]"
    text = (
        f"# Synthetic cohort (matcher generate --seed {cohort.seed}); "
        "other settings take the defaults.\n"
        "[selection]\n"
        f"count = {selection.count}\n"
        f"required_slots = {_toml_list(selection.required_slots)}\n"
        f"any_slots = {any_slots}\n"
    )
    if cohort.supervisors:
        calendar = cohort.settings.calendar
        dates = ", ".join(
            f"{json.dumps(slot, ensure_ascii=False)} = {json.dumps(day)}"
            for slot, day in calendar.dates.items()
        )
        text += (
            "\n# Stage 3: the visit morning and the two oral days of the programme.\n"
            "[calendar]\n"
            f"visit_slot = {json.dumps(calendar.visit_slot, ensure_ascii=False)}\n"
            f"oral_slots = {_toml_list(calendar.oral_slots)}\n"
            f"dates = {{ {dates} }}\n"
        )
    return text


def readme_text(cohort: Cohort, title: str | None = None) -> str:
    """README.md of a generated cohort: labelled synthetic, seed and versions recorded."""
    n = len(cohort.students)
    employed = sum(s.employed for s in cohort.students)
    vae = sum(s.vae for s in cohort.students)
    heading = title or f"Synthetic cohort (seed {cohort.seed})"
    return (
        f"# {heading}\n\n"
        "**SYNTHETIC DATA.** Every institution, person and choice here is invented by "
        "`matcher generate`; only the proportions follow the programme's recent years.\n\n"
        f"- seed: {cohort.seed}\n"
        f"- generator version: {GENERATOR_VERSION} (matcher {__version__})\n"
        f"- regenerate: `matcher generate --seed {cohort.seed} --students {n} "
        f"--proposals {len(cohort.commissions)} --out DIR`\n"
        f"- {len(cohort.commissions)} proposals, {cohort.settings.selection.count} to select; "
        f"{n} students ({vae} VAE, {employed} employed); {len(cohort.pairs)} pairs"
        + (f"; {len(cohort.supervisors)} supervisors" if cohort.supervisors else "")
        + "\n"
    )
