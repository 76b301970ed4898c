"""What-if: which reserve takes the place of a withdrawn commission, and the selection after.

The rules a replacement keeps are those of the decisions in :mod:`matcher.whatif`: the
best ranked reserve that is eligible, keeps the institution cap with the selection that
remains, does not belong to a withdrawn institution and, once teams exist, keeps every rule
for the team it takes over.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace

from matcher.eligibility import eligibility
from matcher.labels import Text, counted, listing, text
from matcher.results import SelectionRow, Status, TeamResult
from matcher.rules import default_size_bounds
from matcher.schemas import Commission, Instance, SelectionSettings, Student
from matcher.text import fold_name

__all__ = [
    "Replacement",
    "barred_reserves",
    "choose_replacements",
    "preview",
    "renumbered",
    "replacement_notes",
    "selection_rows",
    "unfit_reserve",
    "unreplaced_first",
]


@dataclass(frozen=True)
class Replacement:
    """The fate of the withdrawn commissions: replaced ones and the reasons reserves failed."""

    replaced: dict[str, str]
    #: withdrawn commission id → why each reserve tried could not take its place.
    refusals: dict[str, list[Text]]
    #: replaced commission id → why each reserve ranked before its replacement did not
    #: take its place (empty: the first reserve did).
    passed: dict[str, list[Text]] = field(default_factory=dict)


def preview(items: Sequence[str], limit: int = 6) -> str | Text:
    """The first ``limit`` ids, and how many there are in all when more."""
    shown = ", ".join(items[:limit])
    if len(items) > limit:
        return text("w_preview_more", shown=shown, n=len(items))
    return shown


def _reserve_order(rows: Sequence[SelectionRow]) -> list[SelectionRow]:
    """Reserve rows, best replacement first."""
    reserves = [row for row in rows if not row.selected and row.reserve_rank is not None]
    return sorted(reserves, key=lambda row: row.reserve_rank or 0)


def _team_refusal(
    reserve: Commission,
    members: Sequence[Student],
    instance: Instance,
) -> Text | None:
    """Why ``reserve`` cannot take over a team of ``members`` whole, or None when it can."""
    if instance.settings.teams.conflict_of_interest:
        institution = fold_name(reserve.institution)
        kept_off = [s for s in members if institution in s.employers()]
        # Their employer is the reserve's institution, or one written ambiguously (several
        # institutions fit it alike, ``employer_also``) may be it: said as written.
        employed = [s.id for s in kept_off if fold_name(s.employer or "") == institution]
        if employed:
            return counted(
                "w_refuse_employer",
                len(employed),
                id=reserve.id,
                students=preview(employed),
                institution=reserve.institution,
            )
        if kept_off:
            written = sorted({s.employer or "" for s in kept_off})
            return counted(
                "w_refuse_employer_may",
                len(kept_off),
                id=reserve.id,
                students=preview([s.id for s in kept_off]),
                institution=reserve.institution,
                employer=", ".join(written),
            )
    size = len(members)
    if reserve.min_size is not None and size < reserve.min_size:
        return counted("w_refuse_small", reserve.min_size, id=reserve.id, size=size)
    if reserve.max_size is not None and size > reserve.max_size:
        return counted("w_refuse_large", reserve.max_size, id=reserve.id, size=size)
    return None


def choose_replacements(
    instance: Instance,
    previous_rows: Sequence[SelectionRow],
    withdraw: Sequence[str],
    replace: bool,
    members_of: Mapping[str, list[Student]] | None,
    withdrawn_before: Iterable[str] = (),
    supervisors_gone: Iterable[str] = (),
) -> Replacement:
    """The best fitting reserve for each commission of ``withdraw``, in the order they withdrew.

    ``withdrawn_before``: the commissions earlier what-ifs of the chain withdrew: their
    institutions left too, whatever the (edited) selection rows now say.
    ``supervisors_gone``: the supervisors withdrawn so far, left out of the check that a
    plan exists with the replacements (supervisors.csv).

    None is replaced when ``replace`` is false (``WhatIf.replace``). ``members_of``
    (withdrawn commission id → its remaining members) is given once teams exist: then a
    reserve must also keep every rule for that team, so a reserve may fit one withdrawn team
    and not another. As many withdrawn commissions as possible are replaced; among the ways
    to replace that many, each withdrawn commission in turn gets the best ranked reserve that
    still allows it (a team is never dissolved for want of a reserve that an earlier
    withdrawal could have done without).
    """
    settings = instance.settings.selection
    by_id = {c.id: c for c in instance.commissions}
    withdrawn = set(withdraw)
    # The selection that remains: each institution's room under the cap.
    kept = [row.id for row in previous_rows if row.selected and row.id not in withdrawn]
    room: dict[str, int] = {}
    for row in previous_rows:
        if row.id in by_id:
            room[fold_name(by_id[row.id].institution)] = settings.max_per_institution
    for commission_id in kept:
        room[fold_name(by_id[commission_id].institution)] -= 1
    if not replace:
        return Replacement({}, {})
    # An institution withdraws with its commission: none of its proposals may replace it.
    before = set(withdrawn_before)
    gone = {fold_name(by_id[cid].institution) for cid in withdrawn | before if cid in by_id}
    reserves = [
        row
        for row in _reserve_order(previous_rows)
        if row.id in by_id and row.id not in withdrawn | before
    ]
    institution_of = {row.id: fold_name(by_id[row.id].institution) for row in reserves}
    # Before teams, the team sizes the cohort will have with as many commissions as before.
    sizes = None
    if members_of is None and instance.students:
        num_teams = len(kept) + len(withdrawn)
        sizes = default_size_bounds(len(instance.students), num_teams, instance.settings.teams)
    # Whether each reserve may take each withdrawn commission's place, the shared cap apart.
    refusal: dict[tuple[str, str], Text] = {}
    fits: dict[str, list[str]] = {}
    holds = _sizes_hold(instance, kept, members_of is None and len(withdraw) == 1)
    for commission_id in withdraw:
        members = None if members_of is None else members_of[commission_id]
        fits[commission_id] = []
        for row in reserves:
            why = _refusal(row, by_id[row.id], settings, gone, room, members, instance, sizes)
            if (why := why or holds(row.id)) is None:
                fits[commission_id].append(row.id)
            else:
                refusal[commission_id, row.id] = why
    replaced = _best_replacements(withdraw, fits, institution_of, dict(room))
    if instance.supervisors and replaced:
        gone_ids = set(supervisors_gone)
        staying = tuple(s for s in instance.supervisors if s.id not in gone_ids)
        planned = instance.model_copy(update={"supervisors": staying})
        replaced = _with_a_plan(
            planned, kept, withdraw, replaced, fits, institution_of, room, refusal
        )
    holder = {new: old for old, new in replaced.items()}
    taken_by = [institution_of[new] for new in replaced.values()]

    def why_not(commission_id: str, reserve_id: str) -> Text:
        if (commission_id, reserve_id) in refusal:
            return refusal[commission_id, reserve_id]
        if reserve_id in holder:
            return text("w_refuse_taken", id=reserve_id, other=holder[reserve_id])
        key = institution_of[reserve_id]
        if commission_id not in replaced or room[key] - taken_by.count(key) <= 0:
            reserve = by_id[reserve_id]
            cap = settings.max_per_institution
            return text("w_refuse_cap", id=reserve_id, institution=reserve.institution, cap=cap)
        # It fits, but taking it would leave another withdrawal without a reserve.
        return text("w_refuse_for_others", id=reserve_id)

    refusals: dict[str, list[Text]] = {}
    passed: dict[str, list[Text]] = {}
    for commission_id in withdraw:
        if commission_id not in replaced:
            refusals[commission_id] = [why_not(commission_id, row.id) for row in reserves]
            continue
        # The reserves ranked before the one taken: why each was passed over (probe s25:
        # reserve 2 took the place with nothing saying why reserve 1 did not).
        ranked = [row.id for row in reserves]
        ahead = ranked[: ranked.index(replaced[commission_id])]
        passed[commission_id] = [why_not(commission_id, reserve_id) for reserve_id in ahead]
    return Replacement(replaced, refusals, passed)


def _sizes_hold(
    instance: Instance, kept: Sequence[str], before_teams: bool
) -> Callable[[str], Text | None]:
    """Before teams, one commission withdrawn: why a reserve taking its place would leave
    teams whose sizes cannot hold the students (their minimums above, or maximums below,
    the cohort), as ``select`` keeps them (probe s35g: a reserve of at most 5 took the place
    of one of 7, and ``assign`` refused the selection: 58 students, room for 57); ``None``
    when they can (always once teams exist, or several withdrawn: ``before_teams`` false)."""
    from matcher.selection_needs import room, team_sizes

    sizes = team_sizes(instance, len(kept) + 1) if before_teams else None
    index = {c.id: p for p, c in enumerate(instance.commissions)}
    students = len(instance.students)
    if sizes is None:
        return lambda reserve_id: None
    staying = [index[c] for c in kept]

    def why(reserve_id: str) -> Text | None:
        least, most = room(sizes, [*staying, index[reserve_id]])
        if least <= students <= most:
            return None
        return text("w_refuse_sizes", id=reserve_id, n=students, least=least, most=most)

    return why


def replacement_notes(
    replacement: Replacement,
    withdraw: Sequence[str],
    replace: bool,
    *,
    teams_exist: bool,
    num_selected: int,
    num_asked: int,
) -> list[Text]:
    """The warnings about the withdrawn commissions: each one no reserve replaced, and why;
    each one replaced by a reserve ranked after others, and why those were passed over.

    ``num_selected``: the commissions selected after the changes; ``num_asked``: the
    selection count of the settings, before any withdrawal.
    """
    notes: list[Text] = []
    for commission_id in withdraw:
        passed = replacement.passed.get(commission_id)
        if commission_id in replacement.replaced:
            if passed:
                new = replacement.replaced[commission_id]
                reasons = listing(passed[:4], joiner="req_semicolon")
                notes.append(text("w_replaced_passed", id=commission_id, new=new, reasons=reasons))
            continue
        refusals = replacement.refusals.get(commission_id, [])
        why: Text
        if not replace:
            # Plain words: each front end has its own way of asking for no replacement.
            why = text("w_replace_not_asked")
        elif refusals:
            why = text("w_no_reserve_fits", refusals=listing(refusals[:4], joiner="req_semicolon"))
        else:
            why = text("w_no_reserve_left")
        after = text("w_after_teams" if teams_exist else "w_after_select")
        notes.append(
            counted(
                "w_not_replaced",
                num_selected,
                id=commission_id,
                why=why,
                asked=num_asked,
                after=after,
            )
        )
    return notes


def _best_replacements(
    withdraw: Sequence[str],
    fits: Mapping[str, Sequence[str]],
    institution_of: Mapping[str, str],
    room: dict[str, int],
) -> dict[str, str]:
    """As many of ``withdraw`` replaced as can be, each in turn by the best ranked reserve
    of ``fits`` that still allows it (``room`` is used up)."""
    replaced: dict[str, str] = {}
    left = _most_replaced(list(withdraw), fits, institution_of, room)
    for i, commission_id in enumerate(withdraw):
        rest = list(withdraw[i + 1 :])
        for reserve_id in fits[commission_id]:
            key = institution_of[reserve_id]
            if reserve_id in replaced.values() or room[key] <= 0:
                continue
            room[key] -= 1
            taken = {**replaced, commission_id: reserve_id}
            if 1 + _most_replaced(rest, fits, institution_of, room, taken.values()) == left:
                replaced[commission_id] = reserve_id
                left -= 1
                break
            room[key] += 1
    return replaced


def _with_a_plan(
    instance: Instance,
    kept: Sequence[str],
    withdraw: Sequence[str],
    replaced: dict[str, str],
    fits: dict[str, list[str]],
    institution_of: Mapping[str, str],
    room: Mapping[str, int],
    refusal: dict[tuple[str, str], Text],
) -> dict[str, str]:
    """``replaced`` (``_best_replacements``), none making the supervision plan impossible
    (supervisors.csv): while the selection with them has no plan, the replacement of the
    latest withdrawal among a smallest set of its commissions no plan holds is refused
    (``fits`` and ``refusal`` updated) and the replacements chosen again. A set of only
    the commissions that stay is left to stage 3 to name."""
    from matcher.selection_plan import MAX_TRIES, plan_conflict_ids

    for _ in range(MAX_TRIES):
        conflict = plan_conflict_ids(instance, [*kept, *replaced.values()])
        barred = [cid for cid in withdraw if replaced.get(cid) in (conflict or ())]
        if not barred:
            break
        reserve_id = replaced[barred[-1]]
        fits[barred[-1]].remove(reserve_id)
        refusal[barred[-1], reserve_id] = text("w_refuse_plan", id=reserve_id)
        replaced = _best_replacements(withdraw, fits, institution_of, dict(room))
    return replaced


def _refusal(
    row: SelectionRow,
    reserve: Commission,
    settings: SelectionSettings,
    gone: set[str],
    room: Mapping[str, int],
    members: Sequence[Student] | None,
    instance: Instance,
    sizes: tuple[int, int] | None = None,
) -> Text | None:
    """Why ``reserve`` may not take a withdrawn commission's place whatever the other
    withdrawals get, or None when it may (``members``: that team's members, once teams
    exist; ``sizes``: before teams, the cohort's team sizes, which a reserve's own
    ``min_size``/``max_size`` must meet, as ``select`` requires of every proposal it
    selects). With supervisors.csv, its slots must offer an oral slot."""
    verdict = eligibility(reserve, settings, instance.settings.calendar)
    if not row.eligible or not verdict.eligible:
        return text("w_refuse", id=row.id, why=verdict.reason or text("w_not_eligible"))
    key = fold_name(reserve.institution)
    if key in gone:
        return text("w_refuse_withdrawn", id=row.id, institution=reserve.institution)
    if room.get(key, 0) <= 0:
        cap = settings.max_per_institution
        return text("w_refuse_cap", id=row.id, institution=reserve.institution, cap=cap)
    from matcher.conflicts import plan_out_of_reach, size_out_of_reach

    # It could host no team of this cohort, or its team could defend nowhere or be
    # supervised by nobody: the selection would break a rule of the teams (or of the plan),
    # as ``select`` never lets it.
    unfit = plan_out_of_reach(instance, reserve)
    if unfit is None and sizes is not None:
        unfit = size_out_of_reach(reserve, *sizes)
    if unfit is not None:
        return text("w_refuse", id=row.id, why=unfit)
    if members is not None:
        return _team_refusal(reserve, members, instance)
    return None


def _most_replaced(
    withdraw: Sequence[str],
    fits: Mapping[str, Sequence[str]],
    institution_of: Mapping[str, str],
    room: Mapping[str, int],
    taken: Iterable[str] = (),
) -> int:
    """How many of ``withdraw`` can be replaced at most: each by a reserve that fits it,
    no reserve twice (nor one of ``taken``), no institution beyond its ``room``.

    A maximum flow from the withdrawn commissions through the reserves (one place each) to
    their institutions (``room`` places each), by augmenting paths: a handful of withdrawals
    against a few dozen reserves.
    """
    taken = set(taken)
    holder: dict[str, str] = {}  # reserve → the withdrawn commission it replaces
    load: dict[str, list[str]] = {}  # institution → its reserves in use

    def augment(commission_id: str, seen: set[str]) -> bool:
        for reserve_id in fits[commission_id]:
            if reserve_id in taken or reserve_id in seen:
                continue
            seen.add(reserve_id)
            key = institution_of[reserve_id]
            if reserve_id in holder:
                # The reserve is in use: free it if its holder can take another one.
                if augment(holder[reserve_id], seen):
                    holder[reserve_id] = commission_id
                    return True
                continue
            in_use = load.setdefault(key, [])
            if len(in_use) < room.get(key, 0):
                in_use.append(reserve_id)
                holder[reserve_id] = commission_id
                return True
            # The institution is full: free one of its places if that holder can move.
            for other in list(in_use):
                if other in seen:
                    continue
                seen.add(other)
                if augment(holder[other], seen):
                    in_use.remove(other)
                    del holder[other]
                    in_use.append(reserve_id)
                    holder[reserve_id] = commission_id
                    return True
        return False

    return sum(augment(commission_id, set()) for commission_id in withdraw)


_RESERVE_PREFIX = re.compile(r"^(reserve|réserve) \d+")


def renumbered(reason: str | Text, rank: int) -> str | Text:
    """A reserve's ``reason`` for its new ``rank``: matcher's own reason worded again with
    it, a reason typed by hand with its "reserve N" / "réserve N" renumbered."""
    if isinstance(reason, Text) and reason.key == "reason_reserve":
        return text("reason_reserve", **{**reason.values, "rank": rank})
    return _RESERVE_PREFIX.sub(rf"\g<1> {rank}", str(reason))


def selection_rows(
    previous_rows: Sequence[SelectionRow],
    withdrawn: Iterable[str],
    replaced: Mapping[str, str],
    institution_gone: Mapping[str, tuple[str, tuple[str, ...]]] | None = None,
    barred: Mapping[str, str] | None = None,
) -> tuple[SelectionRow, ...]:
    """The new selection.csv rows: withdrawals, replacements, reserves renumbered.

    ``institution_gone`` (:func:`institutions_gone`: proposal id → its institution and the
    commissions it withdrew so far) names the proposals whose institution withdrew with one
    of its commissions: none of them is a reserve any more, since none may replace a
    withdrawal (contract §2). ``barred`` (reserve id → institution as the
    selection writes it) names the reserves of an institution the new selection holds to
    the cap: they replace no withdrawal, so they come after the others, as ``select`` ranks
    them.
    """
    withdrawn = set(withdrawn)
    gone = {cid: institution for cid, (institution, _) in (institution_gone or {}).items()}
    chain = {cid: ids for cid, (_, ids) in (institution_gone or {}).items()}
    # An institution keeping another selected commission (max_per_institution = 2): its
    # reserves say which commission it withdrew, not that it left (probe s37d).
    kept = {
        gone[r.id] for r in previous_rows if r.id in gone and r.selected and r.id not in withdrawn
    }
    barred = dict(barred or {})
    replacement_of = {new: old for old, new in replaced.items()}
    still = [
        row
        for row in _reserve_order(previous_rows)
        if row.id not in replacement_of and row.id not in gone
    ]
    still.sort(key=lambda row: (unfit_reserve(row), row.id in barred))
    new_rank = {row.id: rank for rank, row in enumerate(still, start=1)}
    rows = []
    for row in previous_rows:
        # A proposal never eligible keeps its reason (probe s28e: "no longer a reserve" of
        # one that never was).
        if row.id in gone and not row.selected and row.id not in withdrawn and row.eligible:
            institution = gone[row.id]
            reason_gone = text("reason_institution_gone", institution=institution)
            if institution in kept and chain[row.id]:
                # Every commission it withdrew along the chain (probe s37e: the second
                # what-if of a chain named none, and `report` read it as a reserve again).
                ids = listing(chain[row.id])
                reason_gone = text(
                    "reason_institution_withdrew", institution=institution, withdrawn=ids
                )
            rows.append(SelectionRow(row.id, row.eligible, False, None, reason_gone))
        elif row.id in withdrawn:
            # The replacement's row says "replaces …", so the link reads from either side.
            rows.append(SelectionRow(row.id, row.eligible, False, None, text("reason_withdrawn")))
        elif row.id in replacement_of:
            reason: str | Text = text("reason_replaces", id=replacement_of[row.id])
            rows.append(SelectionRow(row.id, row.eligible, True, None, reason))
        elif row.id in new_rank:
            rank = new_rank[row.id]
            if row.id in barred:
                why = text("why_institution", institution=barred[row.id])
                reason = text("reason_reserve", rank=rank, why=why)
            else:
                reason = renumbered(row.reason, rank)
            rows.append(SelectionRow(row.id, row.eligible, False, rank, reason))
        else:
            rows.append(row)
    return tuple(rows)


def unfit_reserve(row: SelectionRow) -> bool:
    """Whether ``row`` is a reserve ``select`` ranked last as it could host no team of the
    cohort (its reason: "reserve N: it could host no team …"): it stays after the others,
    those of an institution at the cap included."""
    reason = row.reason
    if not isinstance(reason, Text) or reason.key != "reason_reserve":
        return False
    why = reason.values.get("why")
    return isinstance(why, Text) and why.key == "why_cannot_host"


def barred_reserves(
    instance: Instance,
    previous_rows: Sequence[SelectionRow],
    withdrawn: Sequence[str],
    replaced: Mapping[str, str],
) -> dict[str, str]:
    """Reserve id → institution (as a selected commission writes it), for the reserves of
    an institution that the selection after the changes holds to the cap."""
    by_id = {c.id: c for c in instance.commissions}
    selected = [r.id for r in previous_rows if r.selected and r.id not in withdrawn]
    selected += list(replaced.values())
    held: dict[str, list[str]] = {}
    for commission_id in selected:
        if commission_id in by_id:
            institution = by_id[commission_id].institution
            held.setdefault(fold_name(institution), []).append(institution)
    cap = instance.settings.selection.max_per_institution
    barred = {}
    for row in previous_rows:
        commission = by_id.get(row.id)
        if row.selected or commission is None:
            continue
        names = held.get(fold_name(commission.institution), [])
        if len(names) >= cap:
            barred[row.id] = names[0]
    return barred


def unreplaced_first(teams: TeamResult, notes: Iterable[str | Text]) -> TeamResult:
    """``teams`` found to break the rules, with the what-if's ``notes`` that say a withdrawn
    commission was not replaced first in its diagnosis: the rules that conflict are those
    of K − 1 teams only because no reserve took its place (or none was asked)."""
    if teams.stage.status != Status.INFEASIBLE:
        return teams
    fewer = tuple(n for n in notes if isinstance(n, Text) and n.key == "w_not_replaced")
    diagnosis = tuple(_pin_in_whatif(d) for d in teams.stage.diagnosis)
    stage = replace(teams.stage, diagnosis=(*fewer, *diagnosis))
    return replace(teams, stage=stage)


#: A pin to a commission not selected, and the remedy a run gives (select it again).
_PIN_REMEDIES = {
    "td_pin_unselected": 1,
    "td_pins_unselected": 2,
    "td_pin_include_full": 1,
    "td_pins_include_full": 2,
    "td_pin_include_crowded": 1,  # probe s37e: « take them out of include »
    "td_pins_include_crowded": 2,
}


def _pin_in_whatif(sentence: str | Text) -> str | Text:
    """A pin to a commission not selected, with a what-if's remedy: a what-if keeps the
    selection, so « add it to include and select again » (probe s37d) is not one."""
    if not isinstance(sentence, Text) or sentence.key not in _PIN_REMEDIES:
        return sentence
    key = "wi_pin_unselected" if _PIN_REMEDIES[sentence.key] == 1 else "wi_pins_unselected"
    return text(key, who=sentence.values["who"], pin=sentence.values["pin"])
