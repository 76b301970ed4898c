"""Why stage 3 found no plan, in the cohort's terms: the rules of a minimal conflict
(``models.plan_diagnose``) as sentences naming teams, supervisors, slots and settings
(``matcher.labels``, keys ``plan_*``); ``PlanContext`` maps the problem's indices back to
the cohort (``matcher.planning.build_plan_data`` makes it).
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from matcher.labels import Lang, label, long_date
from matcher.plan_visits import least_minutes
from matcher.schemas import Commission, Settings, Supervisor, clock_of
from models.plan_data import VISIT_SLOT, PlanData

if TYPE_CHECKING:
    from models.plan import PlanSolution

__all__ = ["PlanContext", "explain"]


def _t(key: str, lang: Lang, **values: object) -> str:
    """A stage-3 sentence of the catalogue (``plan_<key>``)."""
    return label(f"plan_{key}", lang, **values)


def _at_slots(slots: Sequence[str], lang: Lang, word: str = "and") -> str:
    """``on X and Y``; in French the noun agrees: « au créneau X », « aux créneaux X et Y »,
    but one slot of several is singular: « au créneau X ou Y »."""
    key = "at_slots_many" if len(slots) > 1 and word == "and" else "at_slots_one"
    return _t(key, lang, slots=_join(slots, lang, word))


def _join(items: Sequence[str], lang: Lang, word: str = "and") -> str:
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} {_t(word, lang)} {items[-1]}"


@dataclass(frozen=True)
class PlanContext:
    """What maps the indices of a PlanData back to the cohort."""

    commissions: tuple[Commission, ...]
    supervisors: tuple[Supervisor, ...]
    slots: tuple[str, ...]
    settings: Settings
    #: The supervisors' file as named on disk (``Instance.supervisors_file``).
    supervisors_file: str = "supervisors.csv"
    #: Supervisors of the file left out of this plan (withdrawn by what-ifs).
    withdrawn: tuple[str, ...] = ()
    #: commissions.csv as named on disk and its slots column as written.
    slots_column: tuple[str, str] = ("commissions.csv", "slots")
    #: Each supervisor's name as read, homonyms with their ids (``results.supervisor_names``).
    names: Mapping[str, str] = field(default_factory=dict)

    def name_of(self, s: int) -> str:
        """Supervisor ``s`` as the diagnosis names them: « Anne Martin (É01) » beside a
        « anne  martin » (probe s39c), as the report and calendar.ics do."""
        person = self.supervisors[s]
        return self.names.get(person.id, person.display_name)


def _one_place_sentence(
    name: str, data: PlanData, context: PlanContext, slot: int, teams: Sequence[int], lang: Lang
) -> str:
    length = data.visit_minutes if slot == VISIT_SLOT else data.oral_minutes
    begin, end = data.visit_window if slot == VISIT_SLOT else data.oral_window
    total, order = least_minutes(data, teams, length)
    window = f"{clock_of(begin)}–{clock_of(end)}"
    # Not every team: one plan's among others, an example (probe s28a).
    example = "" if len(order) == data.num_teams else "_example"
    chained = length * len(order) + sum(data.gap(a, b) for a, b in itertools.pairwise(order))
    if len(order) > 3 or chained != total:  # no sum of the next gaps says it: « at least »
        kind = _t("visits" if slot == VISIT_SLOT else "orals", lang)
        return _t(
            "one_place_many" + example,
            lang,
            name=name,
            count=len(order),
            events=kind,
            slot=context.slots[slot],
            teams=", ".join(context.commissions[t].id for t in teams),
            sum=total,
            window=window,
            length=end - begin,
        )
    parts = [str(length)]
    for a, b in itertools.pairwise(order):
        parts += [str(data.gap(a, b)), str(length)]
    places = []
    for t in order:
        c = context.commissions[t]
        places.append(
            f"{c.id} {_t('in', lang)} {c.town}" if c.town else f"{c.id} ({c.institution})"
        )
    kind = _t("visits" if slot == VISIT_SLOT else "orals", lang)  # never one (settings)
    return _t(
        "one_place" + example,
        lang,
        name=name,
        events=f"{len(order)} {kind}",
        slot=context.slots[slot],
        places=_join(places, lang),
        sum=" + ".join(parts) + (f" = {total}" if len(order) > 1 else ""),
        window=window,
        length=end - begin,
    )


def explain(
    data: PlanData, context: PlanContext, solution: PlanSolution, lang: Lang = "en"
) -> list[str]:
    """Sentences naming the conflicting rules in the cohort's terms."""
    if not context.supervisors and context.withdrawn:
        ids = _join(list(context.withdrawn), lang)
        return [_t("all_withdrawn", lang, file=context.supervisors_file, ids=ids)]
    if not context.supervisors:
        return [_t("no_supervisors", lang, file=context.supervisors_file)]
    nowhere = [t for t in range(data.num_teams) if not data.oral_allowed[t].any()]
    if nowhere:  # each such team is a conflict on its own: all named, not the solver's first
        return [_oral_none_sentence(context, t, lang) for t in nowhere]
    names = _join([context.name_of(s) for s in range(len(context.supervisors))], lang)
    tied = [context.commissions[t] for t in range(data.num_teams) if not data.allowed[t].any()]
    if tied:  # as above: a team every supervisor's ties keep away, named with them
        return [
            _t("tied_everyone", lang, team=c.id, institution=c.institution, names=names)
            for c in tied
        ]
    if solution.conflict is None:
        return [_t("unknown", lang)]
    lines, core = _opening(data, context, solution.conflict, lang)
    for name in core:
        sentence = _rule_sentence(name, data, context, solution, lang)
        if sentence is not None:
            lines.append(sentence)
    headers = (_t("conflict", lang), _t("conflict_teams", lang, count=data.num_teams))
    if len(core) == 1 and len(lines) == 2 and lines[0] in headers:
        return lines[1:]  # one rule alone: its sentence says it all
    return lines


def _opening(
    data: PlanData, context: PlanContext, core: Sequence[str], lang: Lang
) -> tuple[list[str], Sequence[str]]:
    """The first sentence of a conflict, and the rules of ``core`` still to name after it.

    One oral that no supervisor can take, or visit mornings too short for the visits, tell
    the story of the rules around them in one sentence; otherwise the rules simply conflict.
    """
    from models.plan import FAMILY_CAPACITY, FAMILY_ORAL_SLOTS, FAMILY_TIES, FAMILY_UNAVAILABLE

    K, S = data.num_teams, data.num_supervisors
    capacities = [n for n in core if n.startswith(FAMILY_CAPACITY)]
    if len(capacities) == len(core) == S and int(data.capacity.sum()) < K:
        # The limits alone leave teams without a supervisor: counted, but for those who
        # can take none (probe s33c: « at most 3 together » where 1 could be taken).
        able = [context.settings.calendar.takes_teams(p.unavailable) for p in context.supervisors]
        most = sum(int(data.capacity[s]) for s in range(S) if able[s])
        return [_t("capacity_total", lang, count=K, most=most)], core
    if (
        K
        and len(core) == S
        and all(n.startswith(FAMILY_UNAVAILABLE) for n in core)
        and bool(data.unavailable[:, VISIT_SLOT].all())
    ):
        # Nobody can come on the visit day, which every team needs.
        return [_t("visit_nobody", lang, slot=context.slots[VISIT_SLOT])], core
    oral = [n for n in core if n.startswith(FAMILY_ORAL_SLOTS)]
    rest = [n for n in core if not n.startswith(FAMILY_ORAL_SLOTS)]
    if len(oral) == 1 and all(
        n.startswith((FAMILY_UNAVAILABLE, FAMILY_TIES, FAMILY_CAPACITY)) for n in rest
    ):
        return [_oral_nobody_sentence(data, context, oral[0], lang)], rest
    from matcher.plan_visits import counted_opening

    counted = counted_opening(
        data,
        core,
        context.slots,
        lambda ss: _join([context.name_of(s) for s in ss], lang),
        lambda key, **values: _t(key, lang, **values),
    )
    if counted is not None:  # mornings or oral windows too short: how many events fit
        return counted
    if capacities:
        # A limit conflicts with the rule that is always there: one supervisor per team.
        return [_t("conflict_teams", lang, count=K)], core
    return [_t("conflict", lang)], core


def _offered_orals(data: PlanData, context: PlanContext, team: int) -> list[str]:
    """The oral slots allowed to a team, as the cohort names them."""
    return [context.slots[1 + o] for o in range(data.num_orals) if data.oral_allowed[team, o]]


def _oral_none_sentence(context: PlanContext, team: int, lang: Lang) -> str:
    """A team whose commission offers none of the oral slots in its ``slots`` cell."""
    c, (file, column) = context.commissions[team], context.slots_column
    slots = _join(list(context.slots[1:]), lang, "or")
    values = {"team": c.id, "institution": c.institution, "file": file, "column": column}
    slip = context.settings.calendar.year_slip(c.slots or ())
    if slip is not None:  # the settings' year, not the cell, is most likely wrong (s39c)
        written, slot, day = slip
        values |= {"date": written, "slot": slot, "day": long_date(day, lang)}
        return _t("oral_none_year", lang, slots=slots, **values)
    return _t("oral_none", lang, slots=slots, **values)


def _oral_nobody_sentence(data: PlanData, context: PlanContext, name: str, lang: Lang) -> str:
    """No supervisor can take the oral of the team the rule ``name`` names, in any of its slots."""
    from models.plan import family_index

    (t,) = family_index(name)
    c = context.commissions[t]
    offered = _offered_orals(data, context, t)  # never empty: ``explain`` names those first
    return _t(
        "oral_nobody",
        lang,
        at_slots=_at_slots(offered, lang, "or"),
        team=c.id,
        institution=c.institution,
    )


def _capacity_sentence(data: PlanData, context: PlanContext, s: int, lang: Lang) -> str:
    """A supervisor's limit; one their row leaves empty says where it comes from."""
    count = int(data.capacity[s])
    person = context.supervisors[s]
    takes = context.settings.calendar.takes_teams
    if not takes(person.unavailable):  # no visit or no oral: no limit helps (probe s33c)
        return _t("capacity_none", lang, name=context.name_of(s))
    values = {"name": context.name_of(s), "count": count, "s": "s" if count > 1 else ""}
    if person.max_teams is not None:
        return _t("capacity", lang, **values)
    file = context.supervisors_file
    if context.settings.supervision.max_teams:
        return _t("capacity_setting", lang, file=file, **values)
    shared = {"file": file, "teams": data.num_teams, "supervisors": data.num_supervisors}
    unable = [
        context.name_of(p)
        for p, who in enumerate(context.supervisors)
        if not takes(who.unavailable)
    ]
    if not unable:
        return _t("capacity_shared", lang, **shared, **values)
    # Those who can take no team count in the share (contract §11): said, with the way out.
    who = _t("take_none_" + ("one" if len(unable) == 1 else "many"), lang)
    return _t(
        "capacity_shared_unable", lang, unable=_join(unable, lang), who=who, **shared, **values
    )


def _rule_sentence(
    name: str, data: PlanData, context: PlanContext, solution: PlanSolution, lang: Lang
) -> str | None:
    """The sentence of one conflicting rule (its family is the prefix of ``name``)."""
    from models.plan import (
        FAMILY_CAPACITY,
        FAMILY_ONE_PLACE,
        FAMILY_ORAL_SLOTS,
        FAMILY_TIES,
        FAMILY_UNAVAILABLE,
        family_index,
    )

    idx = family_index(name)
    if name.startswith(FAMILY_CAPACITY):
        return _capacity_sentence(data, context, idx[0], lang)
    if name.startswith(FAMILY_TIES):
        s = idx[0]
        tied = sorted(
            {
                context.commissions[t].institution
                for t in range(data.num_teams)
                if not data.allowed[t, s]
            }
        )
        return _t("ties", lang, name=context.name_of(s), institutions=_join(tied, lang))
    if name.startswith(FAMILY_UNAVAILABLE):
        s = idx[0]
        off = [context.slots[k] for k in range(len(context.slots)) if data.unavailable[s, k]]
        return _t("unavailable", lang, name=context.name_of(s), at_slots=_at_slots(off, lang))
    if name.startswith(FAMILY_ORAL_SLOTS):
        c = context.commissions[idx[0]]
        offered = _offered_orals(data, context, idx[0])  # never empty (``explain``)
        return _t(
            "oral_slots",
            lang,
            team=c.id,
            institution=c.institution,
            at_slots=_at_slots(offered, lang, "or"),
        )
    if name.startswith(FAMILY_ONE_PLACE):
        s, slot = idx
        teams = solution.witness.get(name)
        if teams:
            return _one_place_sentence(context.name_of(s), data, context, slot, teams, lang)
        return _t(
            "one_place_plain",
            lang,
            slot=context.slots[slot],
            travel=data.travel_minutes,
            same_town=data.same_town_minutes,
        )
    return None
