"""Stage 3's diagnosis when the visit mornings cannot hold every team's visit: how many the
supervisors of the conflict can make, counted from the teams' towns; and when the oral
windows cannot hold every team's oral, how many they can (``matcher.planning``)."""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable, Sequence

from matcher.labels import Text, listing, text
from matcher.schemas import Instance, Supervisor, clock_of
from models.plan_data import VISIT_SLOT, PlanData

__all__ = [
    "counted_opening",
    "least_minutes",
    "orals_short",
    "orals_total_sentence",
    "visits_total_sentence",
]


def _pairs(data: PlanData, longest: int) -> int:
    """How many disjoint pairs of teams have at most ``longest`` minutes between them: the
    teams joined by such gaps (one institution, one town: gaps nest) in groups, ``n // 2``
    pairs in a group of ``n``."""
    group = list(range(data.num_teams))

    def root(t: int) -> int:
        while group[t] != t:
            group[t] = group[group[t]]
            t = group[t]
        return t

    for a in range(data.num_teams):
        for b in range(a + 1, data.num_teams):
            if data.gap(a, b) <= longest:
                group[root(a)] = root(b)
    sizes: dict[int, int] = {}
    for t in range(data.num_teams):
        sizes[root(t)] = sizes.get(root(t), 0) + 1
    return sum(n // 2 for n in sizes.values())


def visits_total_sentence(
    data: PlanData,
    core: Sequence[str],
    slot: str,
    names_of: Callable[[list[int]], str],
    say: Callable[..., str],
) -> str:
    """How many visits the mornings of the supervisors in ``core`` hold, against how many
    (``slot`` the visit slot's label, ``names_of`` the supervisors' names joined, ``say`` a
    stage-3 sentence of the catalogue in the reader's language: ``matcher.planning``'s).

    Where a morning holds two visits only when the teams are close (their institution or
    town: 80 + 15 + 80 minutes in a 180-minute morning, not 80 + 45 + 80), the count is one
    each plus one per pair of close teams, as many as the supervisors who may take two:
    "two each" alone would promise 12 places for 10 teams where the towns allow 8.
    """
    from models.plan import FAMILY_CAPACITY, FAMILY_ONE_PLACE, family_index

    placing = [family_index(n)[0] for n in core if n.startswith(FAMILY_ONE_PLACE)]
    capped = {family_index(n)[0] for n in core if n.startswith(FAMILY_CAPACITY)}
    K = data.num_teams
    gaps = [data.gap(a, b) for a in range(K) for b in range(a + 1, K)]
    gap, widest = min(gaps, default=0), max(gaps, default=0)
    begin, end = data.visit_window
    each = (end - begin + gap) // (data.visit_minutes + gap)
    caps = [min(each, int(data.capacity[s])) if s in capped else each for s in placing]
    most = sum(caps)
    # What both sentences say: the teams, the slot, who, the window and the visits' length.
    told = {
        "count": K,
        "slot": slot,
        "names": names_of(placing),
        "window": f"{clock_of(begin)}–{clock_of(end)}",
        "minutes": data.visit_minutes,
    }
    longest = end - begin - 2 * data.visit_minutes
    if each == 2 and widest > longest:
        pairs = _pairs(data, longest)
        close = sum(min(c, 1) for c in caps) + min(pairs, caps.count(2))
        if close < most:
            place = say("same_town" if data.same_town_minutes <= longest else "same_place")
            return say("visits_pairs", most=close, pairs=pairs, far=widest, place=place, **told)
    # The count by the sets that fit, when it says fewer than counting each morning alone:
    # that count promised every team a place (probe s31e), or held for few ("6 together: 3
    # each" where only one institution's two teams fit three, at most 4; probe s32h).
    if (sets := _sets_sentence(data, placing, caps, say, most)) is not None:
        return say("visits_sets", **sets, length=end - begin, **told)
    return say("visits_total", most=most, each=each, length=end - begin, gap=gap, **told)


def _sets_sentence(
    data: PlanData, placing: list[int], caps: list[int], say: Callable[..., str], counted: int
) -> dict[str, object] | None:
    """What ``plan_visits_sets`` says when counting each morning alone says more than the
    sets that fit allow: few sets of teams fit the most visits in one morning (one
    institution, one town), and they share teams (probe s31e: five times 3 visits counted
    for 12 teams, two each but for one set of three). ``None`` when the sets model does not
    say fewer than ``counted`` and than the teams."""
    from models.plan_patterns import most_visits

    found = most_visits(data, placing, caps)
    if found is None or found[0] >= min(data.num_teams, counted):
        return None
    most, largest = found

    def named(teams: tuple[int, ...]) -> str:
        return _joined([data.team_label(t) for t in teams], say, "and")

    shown = say("semicolon").join(named(teams) for teams in largest[:3])
    if len(largest) > 3:
        shown = say("teams_more", items=shown, n=len(largest) - 3)
    each = len(largest[0])
    # Every set of that size fits: « seulement pour » would list them all (probe s32i).
    only = "" if len(largest) == math.comb(data.num_teams, each) else shown
    return {
        "most": most,
        "each": each,
        "only": say("visits_only", each=each, sets=only) if only else "",
        "same_town": data.same_town_minutes,
        "travel": data.travel_minutes,
    }


def _mornings_only(core: Sequence[str]) -> bool:
    """Whether a conflict is between visit mornings (two or more) and capacities alone."""
    from models.plan_data import FAMILY_CAPACITY, FAMILY_ONE_PLACE, family_index

    mornings = [n for n in core if n.startswith(FAMILY_ONE_PLACE)]
    return (
        len(mornings) >= 2
        and all(family_index(n)[1] == VISIT_SLOT for n in mornings)
        and all(n.startswith((FAMILY_ONE_PLACE, FAMILY_CAPACITY)) for n in core)
    )


def counted_opening(
    data: PlanData,
    core: Sequence[str],
    slots: Sequence[str],
    names_of: Callable[[list[int]], str],
    say: Callable[..., str],
) -> tuple[list[str], list[str]] | None:
    """The first sentence of a conflict that counting tells (visit mornings, or oral windows,
    too short) and the rules of ``core`` still to name after it; ``None`` for another
    conflict. ``slots`` are the slot labels (visit first), the rest as
    ``visits_total_sentence``."""
    from models.plan_data import (
        FAMILY_CAPACITY,
        FAMILY_ONE_PLACE,
        FAMILY_ORAL_SLOTS,
        orals_too_short,
    )

    if _mornings_only(core):
        # Only mornings (and some capacities) conflict: every other rule switched off, these
        # supervisors are all there are; say how many visits fit, not one example each.
        sentence = visits_total_sentence(data, core, slots[VISIT_SLOT], names_of, say)
        return [sentence], [n for n in core if n.startswith(FAMILY_CAPACITY)]
    if core and list(core) == orals_too_short(data):
        # The sentence names the oral slots and the teams; the limits and absences follow.
        rest = [n for n in core if not n.startswith((FAMILY_ONE_PLACE, FAMILY_ORAL_SLOTS))]
        return [orals_total_sentence(data, slots[1:], names_of, say)], rest
    return None


def orals_total_sentence(
    data: PlanData,
    orals: Sequence[str],
    names_of: Callable[[list[int]], str],
    say: Callable[..., str],
) -> str:
    """How many orals the supervisors can attend on the oral slots of the counted conflict
    (``models.plan_data.orals_short_slots``; ``orals`` every oral slot's label), against how
    many teams need one there: the window's minutes against the orals' and the travel
    between institutions. Teams whose commissions offer only some oral slots are named."""
    from models.plan_data import least_gap, orals_each, orals_most, orals_short_slots

    found = orals_short_slots(data)
    assert found is not None  # the conflict was counted
    slots, teams = found
    present = [
        s
        for s in range(data.num_supervisors)
        if any(not data.unavailable[s, 1 + o] for o in slots)
        and not data.unavailable[s, VISIT_SLOT]
    ]
    begin, end = data.oral_window
    values = {
        "count": len(teams),
        "at_slots": say("at_slots_one", slots=_joined([orals[o] for o in slots], say)),
        "names": names_of(present),
        "can": say("can_many" if len(present) > 1 else "can_one"),
        # Away on the visit slot, they take no team (probe s33h: « au plus 3 » for 1).
        "most": sum(n for s, n in enumerate(orals_most(data, slots)) if s in present),
        "each": orals_each(data),
        "window": f"{clock_of(begin)}–{clock_of(end)}",
        "length": end - begin,
        "minutes": data.oral_minutes,
        "needed": len(teams) * data.oral_minutes,
        "gap": least_gap(data),
    }
    # Nobody there: « mais — peut en suivre au plus 0 » (probe s33c); said as it is.
    nobody = "_nobody" if not present else ""
    if len(slots) == data.num_orals:
        return say(f"orals_total{nobody}", **values)
    # At most 8 named, as other lists are (``labels.listing``): never "and 1 more".
    shown = teams if len(teams) <= 9 else teams[:8]
    named = ", ".join(data.team_label(t) for t in shown)
    if len(shown) < len(teams):
        named = say("teams_more", items=named, n=len(teams) - len(shown))
    return say(f"orals_only{nobody}", teams=named, **values)


def _joined(items: list[str], say: Callable[..., str], word: str = "or") -> str:
    """``a, b or c`` (``word``: ``and`` for ``a, b and c``) in the reader's language."""
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} {say(word)} {items[-1]}"


def orals_short(
    instance: Instance, supervisors: Sequence[Supervisor], places: Sequence[int]
) -> list[Text]:
    """For ``validate``: the oral slots cannot hold ``count`` orals whatever the teams, each
    supervisor attending at most ``(window + gap) // (oral + gap)`` per oral slot they are
    available on (``gap`` as close as institutions can be: 0 when two teams may share one,
    else the least travel), and at most their ``places`` (``rules.supervisor_places``)."""
    from matcher.results import supervisor_names
    from matcher.text import slot_key

    settings = instance.settings
    calendar, count = settings.calendar, settings.selection.count
    if not calendar.oral_slots or sum(places) < count:
        return []  # no oral asked, or the limits already say it
    gap = 0
    if settings.selection.max_per_institution < 2:
        gap = min(calendar.same_town_minutes, calendar.travel_minutes)
    begin, end = calendar.oral_range
    each = max(end - begin + gap, 0) // (calendar.oral_minutes + gap)
    orals = [slot_key(o) for o in calendar.oral_slots]
    present = []
    most = 0
    named = supervisor_names(instance.supervisors or supervisors)
    for person, n in zip(supervisors, places, strict=True):
        attended = sum(o not in calendar.slots_off(person.unavailable) for o in orals)
        if attended:
            present.append(named[person.id])
            most += min(n, each * attended)
    if most >= count:
        return []
    return [
        text(
            "val_orals_total",
            count=count,
            slots=listing(list(calendar.oral_slots), "word_or"),
            needed=count * calendar.oral_minutes,
            names=listing(present, most=8),
            most=most,
            each=each,
            window=f"{clock_of(begin)}–{clock_of(end)}",
            length=end - begin,
            minutes=calendar.oral_minutes,
            gap=gap,
        )
    ]


def least_minutes(data: PlanData, teams: Sequence[int], length: int) -> tuple[int, list[int]]:
    """Fewest minutes from the first start to the last end for these events, and the order
    (every order for up to 7 events; beyond, a bound: the smallest gap between each two).
    The gap holds between every two events, not only the next (probe s33c: P1 and P3 of
    Namur keep their 90 minutes around P2 of Huy when same_town_minutes > travel_minutes)."""
    if len(teams) > 7:
        smallest = min(data.gap(a, b) for a, b in itertools.combinations(teams, 2))
        return length * len(teams) + smallest * (len(teams) - 1), list(teams)
    best: tuple[int, list[int]] = (10**9, list(teams))
    for order in itertools.permutations(teams):
        starts: list[int] = []
        for b in order:
            after = [s + length + data.gap(a, b) for a, s in zip(order, starts, strict=False)]
            starts.append(max(after, default=0))
        if starts[-1] + length < best[0]:
            best = (starts[-1] + length, list(order))
    return best
