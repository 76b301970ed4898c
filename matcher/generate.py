"""Synthetic cohorts with the programme's statistics, for demos, tests and benchmarks.

Everything drawn here is invented (institutions, names, choices); the proportions follow the
programme's recent years: about half assistants sociaux, a quarter éducateurs, 8–10 % VAE,
60–70 % employed in the sector (a few by an institution that proposes a commission), mostly
women, each student ranking about five proposals with a skew towards popular ones.

A cohort is feasible under its settings with high probability: about 2.5 proposals per
commission to select, from mostly distinct institutions, most available on every date;
pairs are disjoint (no together-chains, no pair both apart and together) and nobody is pinned.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from matcher import __version__
from matcher.outputs.csvwrite import write_csv, yes_no
from matcher.schemas import (
    CalendarSettings,
    Commission,
    Instance,
    Pair,
    SelectionSettings,
    Settings,
    Student,
    Supervisor,
)
from matcher.text import fold_name

#: Bumped whenever the same seed would give a different cohort.
GENERATOR_VERSION = "4"

#: The programme's fixed dates (2026–2027), used as slot names.
SLOTS = (
    "presentation-2026-10-01",
    "visit-2026-11-19",
    "feedback-2027-03-11",
    "oral-2027-05-20",
    "oral-2027-05-21",
)
REQUIRED_SLOTS = SLOTS[:3]
ANY_SLOTS = (SLOTS[3:],)

#: Initial trainings and their share of a cohort.
BACKGROUNDS = (
    ("assistant social", 0.50),
    ("éducateur", 0.25),
    ("GRH", 0.07),
    ("infirmier communautaire", 0.07),
    ("assistant en psychologie", 0.06),
    ("coopération internationale", 0.05),
)
VAE_SHARE = 0.09
EMPLOYED_SHARE = 0.65
#: Share of employed students working for an institution that proposes a commission.
CONFLICT_SHARE = 0.06
FEMALE_SHARE = 0.8
NO_CHOICE_SHARE = 0.03
#: Popularity of the proposal of relative rank r (0 ≤ r < 1): (1 + SCALE·r) ** -EXPONENT.
POPULARITY_SCALE = 25.0
POPULARITY_EXPONENT = 0.6
#: Share of proposals missing one of the programme's dates.
MISSING_SLOT_SHARE = 0.2
#: Share of proposals coming from an institution that already proposes another one.
SECOND_PROPOSAL_SHARE = 0.08

SECTORS = (
    "aide à la jeunesse",
    "CPAS / aide sociale",
    "handicap",
    "alphabétisation",
    "assuétudes",
    "santé mentale",
    "logement",
    "insertion socioprofessionnelle",
    "migrations",
    "personnes âgées",
    "petite enfance",
    "sans-abrisme",
)
PROBLEM_TYPES = (
    "évaluation",
    "étude de faisabilité",
    "diagnostic",
    "plan de communication",
    "recherche-action",
    "accompagnement du changement",
    "analyse des besoins",
    "projet de service",
)
TOPICS = (
    "l'accueil des nouveaux bénéficiaires",
    "le travail en réseau avec les partenaires locaux",
    "la participation des usagers",
    "le dispositif d'accompagnement à domicile",
    "les permanences sociales décentralisées",
    "le projet d'habitat solidaire",
    "la communication vers les familles",
    "le soutien aux travailleurs de première ligne",
    "l'orientation des jeunes en décrochage",
    "le partenariat avec les écoles du quartier",
    "la réduction des risques en milieu festif",
    "l'accès aux droits des personnes migrantes",
)
TOWNS = (
    "Namur", "Liège", "Charleroi", "Mons", "Tournai", "Arlon", "Dinant", "Wavre", "Nivelles",
    "Huy", "Verviers", "Ciney", "Gembloux", "Andenne", "Ottignies", "Louvain-la-Neuve",
    "Marche-en-Famenne", "Bastogne", "Philippeville", "Mouscron", "La Louvière", "Jambes",
    "Seraing", "Herstal", "Schaerbeek", "Anderlecht", "Ixelles", "Molenbeek", "Forest", "Soignies",
)  # fmt: skip
NAMES = (
    "Le Cercle", "Horizon", "La Passerelle", "Le Relais", "L'Étape", "Trait d'Union",
    "Le Phare", "La Boussole", "Arc-en-ciel", "Le Pont", "Les Tournesols", "L'Escale",
    "La Ruche", "Point Virgule", "Le Tremplin", "La Clé", "Entre-Deux", "Les Hirondelles",
    "Solidarité Nouvelle", "Le Fil", "La Maison Ouverte", "Babel", "Le Répit", "L'Envol",
)  # fmt: skip
#: Institution kinds: (name pattern, sector or None for any). {town} / {name} are filled in.
INSTITUTION_KINDS = (
    ("CPAS de {town}", "CPAS / aide sociale"),
    ("AMO {name} ({town})", "aide à la jeunesse"),
    ("SAJ de {town}", "aide à la jeunesse"),
    ("ASBL {name} ({town})", None),
    ("Ligue {name} ({town})", None),
    ("Réseau assuétudes {name} ({town})", "assuétudes"),
    ("Maison médicale {name} ({town})", "santé mentale"),
    ("Agence immobilière sociale de {town}", "logement"),
    ("Lire et Écrire {town}", "alphabétisation"),
    ("CISP {name} ({town})", "insertion socioprofessionnelle"),
    ("Service d'aide aux migrants {name} ({town})", "migrations"),
    ("Maison de repos {name} ({town})", "personnes âgées"),
)
FIRST_NAMES_F = (
    "Amélie", "Sarah", "Julie", "Camille", "Laura", "Marie", "Charlotte", "Manon", "Léa",
    "Emma", "Chloé", "Inès", "Fatima", "Yasmina", "Aïcha", "Sophie", "Élise", "Nathalie",
    "Céline", "Pauline", "Noémie", "Justine", "Mélanie", "Zoé", "Hélène", "Lucie",
)  # fmt: skip
FIRST_NAMES_M = (
    "Thomas", "Nicolas", "Maxime", "Julien", "Antoine", "Mehdi", "Karim", "Lucas", "Hugo",
    "Jérôme", "François", "Olivier", "Youssef", "Samuel", "Benoît", "Arnaud",
)  # fmt: skip
LAST_NAMES = (
    "Dubois", "Lambert", "Dupont", "Martin", "Peeters", "Leclercq", "Lejeune", "Renard",
    "Laurent", "Simon", "Mertens", "Claes", "Willems", "Hermans", "Goossens", "Collignon",
    "Delvaux", "Denis", "Lemaire", "Moreau", "Fontaine", "El Amrani", "Benali", "Nguyen",
    "Kabongo", "Mukendi", "Rossi", "Ferreira", "Yilmaz", "Wauters", "Gérard", "Michaux",
)  # fmt: skip


@dataclass(frozen=True)
class Cohort:
    """A generated cohort: the records of its three files and its settings."""

    seed: int
    commissions: tuple[Commission, ...]
    students: tuple[Student, ...]
    pairs: tuple[Pair, ...]
    settings: Settings
    #: Stage 3 (contract §11): empty for a cohort generated without supervisors.
    supervisors: tuple[Supervisor, ...] = ()

    def instance(self, name: str | None = None) -> Instance:
        """The cohort in memory, as :func:`matcher.loading.load_instance` would read it."""
        return Instance(
            name=name or f"synthetic-{self.seed}",
            commissions=self.commissions,
            students=self.students,
            pairs=self.pairs,
            settings=self.settings,
            supervisors=self.supervisors or None,
            has_slots=True,
            student_columns=frozenset(
                {"name", "vae", "employed", "employer", "gender", "experience_years", "choices"}
            ),
        )


def selection_count(num_students: int) -> int:
    """Commissions to select: 10 for a cohort of up to 75 students, else about one per 6."""
    return 10 if num_students <= 75 else round(num_students / 6)


_ELISION = re.compile(r"\bde ([AEIOUÉaeioué])")


def _institution_names(rng: np.random.Generator, count: int) -> list[tuple[str, str | None]]:
    """``count`` distinct invented institutions with their sector (``None``: any).

    Each kind of institution is equally likely; within a kind, names come in a random order
    without repetition, and once a kind's names are exhausted (cohorts of thousands) its
    institutions reappear as numbered antennas.
    """
    pools = []
    for pattern, _ in INSTITUTION_KINDS:
        names = sorted(
            {_ELISION.sub(r"d'\1", pattern.format(town=t, name=n)) for t in TOWNS for n in NAMES}
        )
        pools.append([names[i] for i in rng.permutation(len(names))])
    used = [0] * len(pools)
    result: list[tuple[str, str | None]] = []
    for kind in rng.integers(len(INSTITUTION_KINDS), size=count):
        pool = pools[kind]
        rank = used[kind]
        used[kind] += 1
        name = pool[rank % len(pool)]
        if rank >= len(pool):
            name = f"{name} – antenne {rank // len(pool) + 1}"
        result.append((name, INSTITUTION_KINDS[kind][1]))
    return result


def _commissions(rng: np.random.Generator, num_proposals: int, num_select: int) -> list[Commission]:
    """Proposals from mostly distinct institutions; some miss one of the programme's dates."""
    num_seconds = round(SECOND_PROPOSAL_SHARE * num_proposals)
    if num_proposals >= 12:
        num_seconds = max(num_seconds, 1)  # the cap of one per institution should matter
    # Keep enough distinct institutions for the selection, with a margin for unavailability.
    num_seconds = min(num_seconds, max(0, num_proposals - int(1.5 * num_select)))
    institutions = _institution_names(rng, num_proposals - num_seconds)
    owners = list(range(len(institutions)))
    owners += [int(i) for i in rng.integers(len(institutions), size=num_seconds)]
    owners = [owners[i] for i in rng.permutation(len(owners))]
    width = max(2, len(str(num_proposals)))
    commissions = []
    for idx, owner in enumerate(owners):
        institution, sector = institutions[owner]
        if sector is None:
            sector = SECTORS[rng.integers(len(SECTORS))]
        problem_type = PROBLEM_TYPES[rng.integers(len(PROBLEM_TYPES))]
        slots = list(SLOTS)
        if rng.random() < MISSING_SLOT_SHARE:
            slots.pop(int(rng.integers(len(slots))))
        topic = TOPICS[rng.integers(len(TOPICS))]
        commissions.append(
            Commission(
                id=f"C{idx + 1:0{width}d}",
                institution=institution,
                sector=sector,
                problem_type=problem_type,
                title=f"{problem_type[0].upper()}{problem_type[1:]} : {topic}",
                slots=tuple(slots),
                priority=int(rng.choice([0, 0, 1, 1, 2, 3])),
            )
        )
    return commissions


def _exact_mask(rng: np.random.Generator, size: int, share: float) -> np.ndarray:
    """A boolean mask with round(share·size) True entries at random places."""
    mask = np.zeros(size, dtype=bool)
    mask[rng.permutation(size)[: round(share * size)]] = True
    return mask


def _students(
    rng: np.random.Generator, num_students: int, commissions: list[Commission]
) -> list[Student]:
    """Students with the programme's proportions, employers, experience and ranked choices."""
    n = num_students
    labels = [b for b, _ in BACKGROUNDS]
    shares = np.array([s for _, s in BACKGROUNDS])
    counts = np.floor(shares * n).astype(int)
    counts[0] += n - counts.sum()  # the remainder goes to the largest group
    backgrounds = np.repeat(np.arange(len(labels)), counts)[rng.permutation(n)]
    vae = _exact_mask(rng, n, VAE_SHARE)
    employed = _exact_mask(rng, n, EMPLOYED_SHARE) | vae  # VAE presupposes sector experience
    female = rng.random(n) < FEMALE_SHARE

    employed_idcs = np.flatnonzero(employed)
    num_conflicts = round(CONFLICT_SHARE * len(employed_idcs))
    if n >= 20:
        num_conflicts = max(num_conflicts, 1)
    conflicted = set(rng.permutation(employed_idcs)[:num_conflicts].tolist())
    outside_employers = [name for name, _ in _institution_names(rng, max(8, n // 4))]
    proposing = sorted({c.institution for c in commissions})
    proposing_set = set(proposing)
    outside_employers = [e for e in outside_employers if e not in proposing_set] or ["ASBL"]

    num_proposals = len(commissions)
    # Popularity: a few proposals attract many choices, most attract some.
    # The shape depends on a proposal's relative rank, so that a big cohort is as skewed as a
    # year of the programme (~25 proposals), not dominated by a handful of proposals.
    relative_rank = np.arange(num_proposals) * (POPULARITY_SCALE / num_proposals)
    popularity = (1.0 + relative_rank) ** -POPULARITY_EXPONENT
    popularity = popularity[rng.permutation(num_proposals)]
    popularity /= popularity.sum()
    no_choice = _exact_mask(rng, n, NO_CHOICE_SHARE)
    width = max(3, len(str(n)))

    students = []
    for idx in range(n):
        if female[idx]:
            first = FIRST_NAMES_F[rng.integers(len(FIRST_NAMES_F))]
        else:
            first = FIRST_NAMES_M[rng.integers(len(FIRST_NAMES_M))]
        last = LAST_NAMES[rng.integers(len(LAST_NAMES))]
        employer = None
        if employed[idx]:
            pool = proposing if idx in conflicted else outside_employers
            employer = pool[rng.integers(len(pool))]
            low, high = (8, 26) if vae[idx] else (1, 16)
            experience = int(rng.integers(low, high))
        else:
            experience = int(rng.choice([0, 0, 0, 0, 1, 2]))
        choices: tuple[str, ...] = ()
        if not no_choice[idx]:
            num_choices = min(num_proposals, int(rng.choice([4, 5, 5, 5, 6])))
            picked = rng.choice(num_proposals, size=num_choices, replace=False, p=popularity)
            choices = tuple(commissions[int(j)].id for j in picked)
        students.append(
            Student(
                id=f"S{idx + 1:0{width}d}",
                name=f"{first} {last}",
                background=labels[backgrounds[idx]],
                vae=bool(vae[idx]),
                employed=bool(employed[idx]),
                employer=employer,
                gender="F" if female[idx] else "M",
                experience_years=experience,
                choices=choices,
            )
        )
    return students


def _pairs(rng: np.random.Generator, students: list[Student]) -> list[Pair]:
    """A few disjoint pairs, alternately apart and together (no chains, no contradiction)."""
    n = len(students)
    if n < 8:
        return []
    num_pairs = max(2, round(n / 30))
    order = rng.permutation(n)[: 2 * num_pairs]
    pairs = []
    for k in range(num_pairs):
        a, b = students[int(order[2 * k])], students[int(order[2 * k + 1])]
        pairs.append(
            Pair(student_a=a.id, student_b=b.id, relation="apart" if k % 2 == 0 else "together")
        )
    return pairs


def generate_cohort(
    seed: int,
    num_students: int = 60,
    num_proposals: int | None = None,
    *,
    supervisors: bool = True,
) -> Cohort:
    """Draw a synthetic cohort; the same seed (and generator version) gives the same cohort.

    Parameters
    ----------
    seed
        Random seed.
    num_students
        Students in the cohort (≥ 1).
    num_proposals
        Proposals received; default about 2.5 per commission to select.
    supervisors
        Also draw supervisors (``matcher.generate_supervisors``, from a generator of their
        own seeded with ``(seed, 3)``, so that the other files do not change), the towns of
        the institutions, and the ``[calendar]`` of the programme's dates.

    Returns
    -------
    Cohort
        Commissions, students, pairs and settings (count, the programme's dates), and
        supervisors when asked.
    """
    if num_students < 1:
        raise ValueError("a cohort needs at least one student")
    num_select = selection_count(num_students)
    if num_proposals is None:
        num_proposals = round(2.5 * num_select)
    if num_proposals < 1:
        raise ValueError("a cohort needs at least one proposal")
    rng = np.random.default_rng(seed)
    commissions = _commissions(rng, num_proposals, num_select)
    students = _students(rng, num_students, commissions)
    pairs = _pairs(rng, students)
    settings = Settings(
        selection=SelectionSettings(
            count=min(num_select, num_proposals),
            required_slots=REQUIRED_SLOTS,
            any_slots=ANY_SLOTS,
        )
    )
    if not supervisors:
        return Cohort(seed, tuple(commissions), tuple(students), tuple(pairs), settings)
    towns = with_towns(commissions)
    drawn = generate_supervisors(
        towns, np.random.default_rng([seed, 3]), num_teams=settings.selection.count
    )
    settings = settings.model_copy(update={"calendar": CALENDAR})
    return Cohort(seed, towns, tuple(students), tuple(pairs), settings, drawn)


# --- Supervisors and towns (stage 3, contract §11) -------------------------------------

#: The calendar of the generated cohorts: their slot labels carry the dates.
CALENDAR = CalendarSettings(
    visit_slot=SLOTS[1],
    oral_slots=SLOTS[3:],
    dates={slot: slot.split("-", 1)[1] for slot in (SLOTS[1], *SLOTS[3:])},
)
SUPERVISOR_HEADER = ("id", "name", "max_teams", "sectors", "ties", "unavailable")


def town_of(institution: str) -> str | None:
    """The town written in a generated institution's name (``CPAS de Huy`` → ``Huy``)."""
    folded = fold_name(institution)
    # Longest first: "La Louvière" before "Louvain-la-Neuve" is irrelevant, but "Forest"
    # must not match inside another name: compare whole words.
    for town in sorted(TOWNS, key=len, reverse=True):
        t = fold_name(town)
        if (
            folded.endswith(f" {t}")
            or f" {t})" in folded
            or f"({t})" in folded
            or f" {t} " in folded
            or f"d'{t}" in folded
        ):
            return town
    return None


def with_towns(commissions: Sequence[Commission]) -> tuple[Commission, ...]:
    """The commissions with ``town`` filled in from their institution's name when found."""
    return tuple(c.model_copy(update={"town": town_of(c.institution)}) for c in commissions)


def generate_supervisors(
    commissions: Sequence[Commission], rng: np.random.Generator, num_teams: int = 10
) -> tuple[Supervisor, ...]:
    """Realistic supervisors for a cohort planning ``num_teams`` teams.

    6–8 supervisors for a cohort of 10 teams (about one per 1.5 teams, at least 6), each
    taking 1–3 teams (``max_teams`` empty for about half: the setting applies), 1–3 sectors
    drawn among the cohort's sectors, a tie with one institution for about one in five,
    and one unavailable oral day for about one in four. Their total capacity always
    covers the teams: the visit morning fits at most two 90-minute visits in different
    towns, so ``max_teams`` is 3 only for a few.
    """
    count = (
        max(6, min(8, math.ceil(num_teams / 1.5)))
        if num_teams <= 12
        else math.ceil(num_teams / 1.6)
    )
    sectors = sorted({c.sector for c in commissions}) or list(SECTORS)
    institutions = sorted({c.institution for c in commissions})
    used: set[str] = set()
    supervisors = []
    for idx in range(count):
        while True:
            female = rng.random() < 0.6
            first = FIRST_NAMES_F if female else FIRST_NAMES_M
            name = f"{first[rng.integers(len(first))]} {LAST_NAMES[rng.integers(len(LAST_NAMES))]}"
            if name not in used:
                used.add(name)
                break
        num_sectors = int(rng.integers(1, 4))
        chosen = [
            sectors[i]
            for i in sorted(
                rng.choice(len(sectors), size=min(num_sectors, len(sectors)), replace=False)
            )
        ]
        max_teams = None if rng.random() < 0.5 else int(rng.choice([1, 2, 2, 2, 3]))
        ties: tuple[str, ...] = ()
        if institutions and rng.random() < 0.2:
            ties = (institutions[int(rng.integers(len(institutions)))],)
        unavailable: tuple[str, ...] = ()
        if rng.random() < 0.25:
            unavailable = (SLOTS[3 + int(rng.integers(2))],)
        supervisors.append(
            Supervisor(
                id=f"A{idx + 1:02d}",
                name=name,
                max_teams=max_teams,
                sectors=tuple(chosen),
                ties=ties,
                unavailable=unavailable,
            )
        )
    # Enough room: empty max_teams resolve to ceil(K / S) ≥ 2 when K > S; make sure the
    # explicit ones leave at least num_teams places, two per supervisor being the morning's limit.
    default = max(2, math.ceil(num_teams / count))
    room = sum(min(2, s.max_teams or default) for s in supervisors)
    for i, s in enumerate(supervisors):
        if room >= num_teams:
            break
        if s.max_teams == 1:
            supervisors[i] = s.model_copy(update={"max_teams": 2})
            room += 1
    return tuple(supervisors)


def supervisor_rows(supervisors: Sequence[Supervisor]) -> list[list[str]]:
    """Rows of supervisors.csv (``SUPERVISOR_HEADER``)."""
    return [
        [
            s.id,
            s.name,
            "" if s.max_teams is None else str(s.max_teams),
            "; ".join(s.sectors),
            "; ".join(s.ties),
            "; ".join(s.unavailable),
        ]
        for s in supervisors
    ]


# --- Writing ------------------------------------------------------------------------------

#: Files written by :func:`write_cohort` (and only these are ever overwritten).
COHORT_FILES = (
    "commissions.csv",
    "students.csv",
    "pairs.csv",
    "supervisors.csv",
    "settings.toml",
    "README.md",
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


def write_cohort(cohort: Cohort, out: Path) -> None:
    """Write commissions.csv, students.csv, pairs.csv, settings.toml and README.md in ``out``,
    and supervisors.csv when the cohort has supervisors.

    Only those files are written (the folder is created if needed); refusing an
    occupied folder is the caller's decision (``matcher generate`` does).
    """
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    with_town = any(c.town for c in cohort.commissions)
    write_csv(
        out / "commissions.csv",
        ["id", "institution", "sector", "problem_type", "title", "slots", "priority"]
        + (["town"] if with_town else []),
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
    if cohort.supervisors:
        write_csv(
            out / "supervisors.csv",
            list(SUPERVISOR_HEADER),
            supervisor_rows(cohort.supervisors),
            spreadsheet=False,
        )
    write_csv(
        out / "students.csv",
        [
            "id",
            "name",
            "background",
            "vae",
            "employed",
            "employer",
            "gender",
            "experience_years",
            "choices",
        ],
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
    write_csv(
        out / "pairs.csv",
        ["student_a", "student_b", "relation"],
        [[p.student_a, p.student_b, p.relation] for p in cohort.pairs],
        spreadsheet=False,
    )
    (out / "settings.toml").write_text(settings_toml(cohort), encoding="utf-8")
    (out / "README.md").write_text(readme_text(cohort), encoding="utf-8")


# --- The cohorts shipped in instances/ ----------------------------------------------------

#: (seed, students, proposals) of the demo cohort.
DEMO_COHORT = (2026, 60, 25)
#: (first year = seed, students, proposals) of the twelve historical-style cohorts.
HISTORICAL_COHORTS = (
    (2014, 58, 22),
    (2015, 61, 27),
    (2016, 55, 20),
    (2017, 63, 31),
    (2018, 60, 24),
    (2019, 57, 35),
    (2020, 64, 26),
    (2021, 59, 29),
    (2022, 62, 23),
    (2023, 56, 38),
    (2024, 65, 25),
    (2025, 60, 33),
)
_DEMO_NOTE = """
What makes it interesting: proposals missing one of the programme's dates are not
eligible (see `matcher validate instances/demo`), one institution proposes two commissions
(at most one can be selected), a few employed students work for a proposing institution
(conflict of interest), and `pairs.csv` keeps one pair apart and one together.
"""


def write_shipped_instances(root: Path) -> None:
    """(Re)write ``root/demo`` and ``root/historical/*``: ``python -m matcher.generate DIR``."""
    seed, num_students, num_proposals = DEMO_COHORT
    demo = generate_cohort(seed, num_students, num_proposals)
    write_cohort(demo, root / "demo")
    title = f"Demo cohort (SYNTHETIC, {num_students} students, {num_proposals} proposals)"
    (root / "demo" / "README.md").write_text(
        readme_text(demo, title) + _DEMO_NOTE, encoding="utf-8"
    )
    for year, num_students, num_proposals in HISTORICAL_COHORTS:
        # The historical cohorts keep their files of before stage 3 (no supervisors).
        cohort = generate_cohort(year, num_students, num_proposals, supervisors=False)
        out = root / "historical" / f"{year}-{year + 1}"
        write_cohort(cohort, out)
        title = f"Historical-style cohort {year}–{year + 1} (SYNTHETIC)"
        (out / "README.md").write_text(readme_text(cohort, title), encoding="utf-8")


if __name__ == "__main__":
    import sys

    write_shipped_instances(Path(sys.argv[1] if len(sys.argv) > 1 else "instances"))
