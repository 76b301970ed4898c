"""A whole synthetic cohort drawn from one seed: its commissions, students, pairs, settings
and, for stage 3, supervisors and calendar."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from matcher.eligibility import eligibility
from matcher.generate.commissions import draw_commissions, with_towns
from matcher.generate.programme import ANY_SLOTS, CALENDAR, REQUIRED_SLOTS, SLOTS
from matcher.generate.students import draw_pairs, draw_students
from matcher.generate.supervisors import generate_supervisors
from matcher.schemas import (
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
    commissions = draw_commissions(rng, num_proposals, num_select)
    students = draw_students(rng, num_students, commissions)
    pairs = draw_pairs(rng, students)
    selection = SelectionSettings(required_slots=REQUIRED_SLOTS, any_slots=ANY_SLOTS)
    # Never more than the proposals drawn can fill (eligible, one per institution): with
    # `--proposals` given, one per 6 students may exceed them, and `run` would answer 3.
    fillable = {fold_name(c.institution) for c in commissions if eligibility(c, selection).eligible}
    if not fillable:
        # None available on every date (``--proposals 1``, seed 4: probe s29f, « no
        # proposal is eligible »): the first one is, without a draw (other seeds unchanged).
        commissions[0] = commissions[0].model_copy(update={"slots": SLOTS})
        fillable = {fold_name(commissions[0].institution)}
    settings = Settings(
        selection=selection.model_copy(update={"count": max(1, min(num_select, len(fillable)))})
    )
    if settings.selection.count == 1:
        students, pairs = _one_team(students, pairs, fillable)
    if not supervisors:
        return Cohort(seed, tuple(commissions), tuple(students), tuple(pairs), settings)
    towns = with_towns(commissions)
    drawn = generate_supervisors(
        towns, np.random.default_rng([seed, 3]), num_teams=settings.selection.count
    )
    settings = settings.model_copy(update={"calendar": CALENDAR})
    return Cohort(seed, towns, tuple(students), tuple(pairs), settings, drawn)


def _one_team(
    students: list[Student], pairs: list[Pair], fillable: set[str]
) -> tuple[list[Student], list[Pair]]:
    """A cohort of one team (``--proposals 1``, say) keeps its rules: no pair apart, and no
    student employed by the institution that team may be for, who works elsewhere instead
    (an employer of another student, as drawn). Before (probe s29f), ``run`` answered 3."""
    elsewhere = [
        s.employer for s in students if s.employer and fold_name(s.employer) not in fillable
    ]
    employer = elsewhere[0] if elsewhere else "ASBL Le Relais"
    kept = [
        s.model_copy(update={"employer": employer})
        if s.employer and fold_name(s.employer) in fillable
        else s
        for s in students
    ]
    return kept, [p for p in pairs if p.relation != "apart"]
