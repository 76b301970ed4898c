"""Cohorts shaped unlike ``matcher generate``'s, for the scale benchmarks (issue 17).

Written independently of ``matcher/generate.py`` (its own distributions, its own code):
a benchmark that only ever sees the project's own generator can be fitted to it. Every
cohort is an ordinary instance folder (``commissions.csv``, ``students.csv``,
``pairs.csv``, ``settings.toml``) that ``matcher validate`` accepts.

Shapes (``SHAPES``):

- ``all-proposals``: students rank among *all* proposals before the selection, with a
  log-normal popularity, so many choices point at proposals that will not be selected
  (160 proposals for 100 selected: at least 18-20 % of choices whatever is selected,
  about 37 % for a selection blind to popularity);
- ``selected-only``: the selected commissions are fixed in advance (``include``) and
  students rank only among them;
- ``skewed``: as ``selected-only``, with Zipf-like popularity (weight 1 / rank^1.1): a few
  commissions are listed by most students;
- ``pins-pairs``: as ``all-proposals``, plus ≈3 % of students pinned (to commissions put in
  ``include``) and ≈5 % in pairs: apart pairs, together pairs and together groups of three
  (two together pairs sharing a student);
- ``own-sizes``: as ``all-proposals``, with cohort bounds widened to N/K ± 2 and ≈20 % of
  proposals carrying their own ``min_size``/``max_size`` (small, large or exact teams).

Students follow the programme's shares: ≈50 % assistants sociaux, ≈25 % éducateurs, the rest
GRH / infirmiers / psychologie / coopération; 8–10 % VAE; 60–70 % employed; mostly women;
≈6 % employed by an institution that proposes a commission (conflict of interest).

Sizes: ``count`` is 10 up to 75 students, else round(N / 10) (100 for 1,000, 200 for
2,000, 1,000 for 10,000); ``proposals`` is 25 for count 10, else round(1.6 × count).
Usage::

    python benchmarks/shapes.py --shape skewed --students 1000 --seed 0 --out DIR
"""

from __future__ import annotations

import argparse
import csv
from dataclasses import dataclass
from pathlib import Path

import numpy as np

SHAPES = ("all-proposals", "selected-only", "skewed", "pins-pairs", "own-sizes")

#: (background, share): the programme's recent cohorts.
BACKGROUNDS = (
    ("assistant social", 0.50),
    ("éducateur", 0.25),
    ("GRH", 0.07),
    ("infirmier", 0.07),
    ("psychologie", 0.06),
    ("coopération", 0.05),
)
SECTORS = (
    "aide à la jeunesse", "CPAS", "handicap", "santé mentale", "logement", "migrations",
    "personnes âgées", "assuétudes", "insertion", "petite enfance", "sans-abrisme",
    "alphabétisation", "violences intrafamiliales", "détention",
)  # fmt: skip
PROBLEM_TYPES = (
    "évaluation", "diagnostic", "étude de faisabilité", "recherche-action",
    "analyse des besoins", "projet de service", "plan de communication",
    "accompagnement du changement", "cartographie",
)  # fmt: skip
KINDS = ("ASBL", "CPAS", "AMO", "Maison médicale", "CISP", "Service", "Centre", "Foyer")
TOWNS = (
    "Namur", "Liège", "Charleroi", "Mons", "Tournai", "Arlon", "Wavre", "Huy", "Verviers",
    "Dinant", "Nivelles", "Bruxelles", "Eupen", "Bastogne", "Ath", "Spa",
)  # fmt: skip
#: How many proposals a student ranks, and how often.
CHOICE_COUNTS = (3, 4, 5, 6, 7)
CHOICE_COUNT_SHARES = (0.10, 0.20, 0.35, 0.20, 0.15)
NO_CHOICE_SHARE = 0.02
VAE_SHARE = 0.09
EMPLOYED_SHARE = 0.65
FEMALE_SHARE = 0.82
#: Share of students employed by an institution that proposes a commission.
CONFLICT_SHARE = 0.06
PIN_SHARE = 0.03
PAIR_SHARE = 0.05
OWN_SIZE_SHARE = 0.20
ZIPF_EXPONENT = 1.1
STUDENT_COLUMNS = [
    "id", "name", "background", "vae", "employed", "employer", "gender",
    "experience_years", "choices", "pinned",
]  # fmt: skip


def default_count(students: int) -> int:
    """Commissions to select: 10 up to 75 students, else one per ten students."""
    return 10 if students <= 75 else round(students / 10)


def default_proposals(count: int) -> int:
    """Proposals received: 25 for 10 selected, else 1.6 per selected commission."""
    return 25 if count <= 10 else round(1.6 * count)


@dataclass(frozen=True)
class Cohort:
    """What was written, for callers and tests (the files are the real output)."""

    path: Path
    shape: str
    students: int
    proposals: int
    count: int
    include: tuple[str, ...]


def _weighted_sample(rng: np.random.Generator, weights: np.ndarray, k: int) -> list[int]:
    """k distinct indices drawn one after another with probability ∝ weight."""
    chosen = rng.choice(len(weights), size=min(k, len(weights)), replace=False, p=weights)
    return [int(i) for i in chosen]


def _write(path: Path, header: list[str], rows: list[list[str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)


def _toml(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, str):
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    if isinstance(value, list | tuple):
        return "[" + ", ".join(_toml(v) for v in value) + "]"
    raise TypeError(value)


def generate(
    out: Path,
    *,
    shape: str,
    students: int,
    seed: int,
    proposals: int | None = None,
    count: int | None = None,
) -> Cohort:
    """Write one cohort of ``shape`` into ``out`` (created; existing files overwritten)."""
    if shape not in SHAPES:
        raise ValueError(f"unknown shape {shape!r}; one of {', '.join(SHAPES)}")
    count = count or default_count(students)
    proposals = proposals or default_proposals(count)
    if shape in ("selected-only", "skewed"):
        proposals = max(proposals, count)
    if proposals < count:
        raise ValueError("fewer proposals than commissions to select")
    # One stream per shape and seed: the same arguments always give the same files.
    rng = np.random.default_rng([seed, SHAPES.index(shape), students, proposals, count])
    out.mkdir(parents=True, exist_ok=True)

    # --- Proposals: one institution each (max_per_institution = 1 always holds).
    ids = [f"P{i + 1:04d}" for i in range(proposals)]
    institutions = [
        f"{KINDS[rng.integers(len(KINDS))]} n°{i + 1} ({TOWNS[rng.integers(len(TOWNS))]})"
        for i in range(proposals)
    ]
    sectors = rng.integers(len(SECTORS), size=proposals)
    problems = rng.integers(len(PROBLEM_TYPES), size=proposals)
    priorities = rng.choice(4, size=proposals, p=[0.4, 0.3, 0.2, 0.1])

    # --- Which proposals students rank among, and how popular each is.
    include: list[int] = []
    if shape in ("selected-only", "skewed"):
        include = sorted(int(i) for i in rng.choice(proposals, size=count, replace=False))
        pool = np.array(include)
    else:
        pool = np.arange(proposals)
    if shape == "skewed":
        ranks = rng.permutation(len(pool)) + 1
        popularity = 1.0 / ranks.astype(float) ** ZIPF_EXPONENT
    else:
        popularity = rng.lognormal(mean=0.0, sigma=0.6, size=len(pool))
    popularity = popularity / popularity.sum()

    # --- Pins: ≈3 % of students, onto a fifth of the selected (forced in by include).
    num_pinned = round(PIN_SHARE * students) if shape == "pins-pairs" else 0
    pin_targets: list[int] = []
    if num_pinned:
        pin_targets = sorted(
            int(i) for i in rng.choice(proposals, size=max(1, count // 5), replace=False)
        )
        include = sorted(set(include) | set(pin_targets))

    # --- Own size bounds: ≈20 % of proposals, within the widened cohort bounds.
    low = students // count
    high = -(-students // count)
    own: dict[int, tuple[int, int]] = {}
    cohort_bounds: tuple[int, int] | None = None
    if shape == "own-sizes":
        cohort_bounds = (max(1, low - 2), high + 2)
        for i in rng.choice(proposals, size=round(OWN_SIZE_SHARE * proposals), replace=False):
            kind = rng.integers(3)
            if kind == 0:  # a small team
                own[int(i)] = (cohort_bounds[0], max(cohort_bounds[0], low - 1))
            elif kind == 1:  # a large team
                own[int(i)] = (high + 1, cohort_bounds[1])
            else:  # exactly the average size
                own[int(i)] = (low, low)

    commission_rows = []
    for i in range(proposals):
        row = [
            ids[i],
            institutions[i],
            SECTORS[sectors[i]],
            PROBLEM_TYPES[problems[i]],
            f"Commande {i + 1} : {PROBLEM_TYPES[problems[i]]}",
            str(int(priorities[i])),
        ]
        if shape == "own-sizes":
            row += [str(own[i][0]), str(own[i][1])] if i in own else ["", ""]
        commission_rows.append(row)
    header = ["id", "institution", "sector", "problem_type", "title", "priority"]
    if shape == "own-sizes":
        header += ["min_size", "max_size"]
    _write(out / "commissions.csv", header, commission_rows)

    # --- Students.
    background_names = [b for b, _ in BACKGROUNDS]
    background_shares = np.array([s for _, s in BACKGROUNDS])
    background = rng.choice(len(BACKGROUNDS), size=students, p=background_shares)
    vae = rng.random(students) < VAE_SHARE
    # VAE students are admitted on their work experience: employed more often.
    employed = rng.random(students) < np.where(vae, 0.9, EMPLOYED_SHARE - 0.025)
    female = rng.random(students) < FEMALE_SHARE
    experience = np.where(
        employed | vae,
        np.minimum(rng.gamma(2.0, 3.0, size=students), 30.0),
        rng.integers(0, 3, size=students),
    ).round()
    employer: list[str] = [""] * students
    employed_ids = np.flatnonzero(employed)
    conflicted = rng.choice(
        employed_ids, size=min(len(employed_ids), round(CONFLICT_SHARE * students)), replace=False
    )
    for j in employed_ids:
        employer[j] = f"Employeur externe {rng.integers(10 * students) + 1}"
    for j in conflicted:
        employer[int(j)] = institutions[int(rng.integers(proposals))]

    no_choice = rng.random(students) < NO_CHOICE_SHARE
    sizes = rng.choice(CHOICE_COUNTS, size=students, p=CHOICE_COUNT_SHARES)
    choices: list[list[str]] = []
    for j in range(students):
        if no_choice[j]:
            choices.append([])
            continue
        picked = _weighted_sample(rng, popularity, int(sizes[j]))
        choices.append([ids[int(pool[p])] for p in picked])

    # --- Pins and pairs on distinct students (a pinned student is in no pair).
    order = [int(j) for j in rng.permutation(students)]
    pinned: dict[int, int] = {}
    pin_load = dict.fromkeys(pin_targets, 0)
    cursor = 0
    while len(pinned) < num_pinned and cursor < len(order):
        j = order[cursor]
        cursor += 1
        open_targets = [t for t in pin_targets if pin_load[t] < max(1, low // 3)]
        target = open_targets[int(rng.integers(len(open_targets)))] if open_targets else None
        if target is None:
            break
        if employer[j] == institutions[target]:
            continue
        pinned[j] = target
        pin_load[target] += 1
    pairs: list[tuple[int, int, str]] = []
    if shape == "pins-pairs":
        budget = max(4, round(PAIR_SHARE * students))
        free = order[cursor:]
        groups = budget // 12 if students >= 100 else 0
        take = 0
        for _ in range(groups):
            a, b, c = free[take : take + 3]
            take += 3
            pairs += [(a, b, "together"), (b, c, "together")]
        rest = (budget - 3 * groups) // 2
        for k in range(rest):
            a, b = free[take : take + 2]
            take += 2
            pairs.append((a, b, "apart" if k % 2 == 0 else "together"))

    student_rows = []
    for j in range(students):
        student_rows.append(
            [
                f"S{j + 1:05d}",
                f"Étudiant·e {j + 1}",
                background_names[background[j]],
                "yes" if vae[j] else "no",
                "yes" if employed[j] else "no",
                employer[j],
                "F" if female[j] else "M",
                str(int(experience[j])),
                ";".join(choices[j]),
                ids[pinned[j]] if j in pinned else "",
            ]
        )
    _write(
        out / "students.csv",
        STUDENT_COLUMNS,
        student_rows,
    )
    _write(
        out / "pairs.csv",
        ["student_a", "student_b", "relation"],
        [[f"S{a + 1:05d}", f"S{b + 1:05d}", relation] for a, b, relation in pairs],
    )

    include_ids = tuple(ids[i] for i in include)
    lines = [
        f"# benchmarks/shapes.py --shape {shape} --students {students} --seed {seed}"
        f" (proposals {proposals}, count {count})",
        "[selection]",
        f"count = {count}",
    ]
    if include_ids:
        lines.append(f"include = {_toml(list(include_ids))}")
    if cohort_bounds is not None:
        lines += ["", "[teams]", f"min_size = {cohort_bounds[0]}", f"max_size = {cohort_bounds[1]}"]
    (out / "settings.toml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return Cohort(out, shape, students, proposals, count, include_ids)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--shape", choices=SHAPES, required=True)
    parser.add_argument("--students", type=int, required=True)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--proposals", type=int, default=None)
    parser.add_argument("--count", type=int, default=None)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args(argv)
    cohort = generate(
        args.out,
        shape=args.shape,
        students=args.students,
        seed=args.seed,
        proposals=args.proposals,
        count=args.count,
    )
    print(f"wrote {cohort.path} ({cohort.students} students, {cohort.proposals} proposals)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
