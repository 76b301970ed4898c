"""A generated cohort as the files a programme director would hand in: commissions.csv,
students.csv, pairs.csv, supervisors.csv, settings.toml, and a README.md that says the data
are synthetic and how to regenerate them."""

from __future__ import annotations

import json
from pathlib import Path

from matcher import __version__
from matcher.generate.cohort import GENERATOR_VERSION, Cohort
from matcher.generate.supervisors import SUPERVISOR_HEADER, supervisor_rows
from matcher.labels import Lang, counted, label, text
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


def write_cohort(cohort: Cohort, out: Path, *, lang: Lang = "en") -> None:
    """Write commissions.csv, students.csv, pairs.csv, settings.toml and README.md in ``out``,
    and supervisors.csv when the cohort has supervisors; what a person reads (the README, the
    comments of settings.toml) in ``lang``, the CSV headers and values as the contract has them.

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
    (out / "settings.toml").write_text(settings_toml(cohort, lang), encoding="utf-8")
    (out / "README.md").write_text(readme_text(cohort, lang=lang), encoding="utf-8")


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


def settings_toml(cohort: Cohort, lang: Lang = "en") -> str:
    """The cohort's settings.toml: what differs from the defaults, with comments in ``lang``."""
    selection = cohort.settings.selection
    any_slots = "[" + ", ".join(_toml_list(g) for g in selection.any_slots) + "]"
    text = (
        f"# {label('gen_toml_header', lang, seed=cohort.seed)}\n"
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
            f"\n# {label('gen_toml_calendar', lang)}\n"
            "[calendar]\n"
            f"visit_slot = {json.dumps(calendar.visit_slot, ensure_ascii=False)}\n"
            f"oral_slots = {_toml_list(calendar.oral_slots)}\n"
            f"dates = {{ {dates} }}\n"
        )
    return text


def readme_text(cohort: Cohort, title: str | None = None, *, lang: Lang = "en") -> str:
    """README.md of a generated cohort in ``lang``: labelled synthetic, seed and versions
    recorded, and the command that writes it again."""
    n = len(cohort.students)
    num_proposals = len(cohort.commissions)
    command = f"matcher generate --seed {cohort.seed} --students {n} --proposals {num_proposals}"
    figures = {
        "proposals": counted(
            "gen_readme_proposals", num_proposals, count=cohort.settings.selection.count
        ),
        "students": counted(
            "gen_readme_students",
            n,
            vae=sum(s.vae for s in cohort.students),
            employed=sum(s.employed for s in cohort.students),
        ),
        "pairs": counted("gen_readme_pairs", len(cohort.pairs)),
    }
    figures_key = "gen_readme_figures"
    if cohort.supervisors:
        figures["supervisors"] = counted("gen_readme_supervisors", len(cohort.supervisors))
        figures_key = "gen_readme_figures_supervisors"
    items = [
        label("gen_readme_seed", lang, seed=cohort.seed),
        label("gen_readme_version", lang, generator=GENERATOR_VERSION, version=__version__),
        label("gen_readme_regenerate", lang, command=command),
        text(figures_key, **figures).words(lang),
    ]
    heading = title or label("gen_readme_title", lang, seed=cohort.seed)
    lines = [f"# {heading}", "", label("gen_readme_synthetic", lang), ""]
    return "\n".join([*lines, *(f"- {item}" for item in items)]) + "\n"
