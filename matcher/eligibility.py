"""Which proposals can be selected at all: availability on the programme's dates, exclusions."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from matcher.errors import Problem
from matcher.labels import Listing, Text, counted, listing, text
from matcher.schemas import CalendarSettings, Commission, Instance, SelectionSettings
from matcher.text import fold_name, printable, slot_key


@dataclass(frozen=True)
class Eligibility:
    """Whether a proposal may be selected, and if not, why (a short sentence)."""

    eligible: bool
    reason: str | Text
    #: Required slots and any-of groups the proposal misses (for diagnoses).
    missing: tuple[str | Listing, ...] = ()


def eligibility(
    commission: Commission, settings: SelectionSettings, calendar: CalendarSettings | None = None
) -> Eligibility:
    """Eligibility of one proposal under the selection settings (contract §5).

    Slots are compared by :func:`matcher.text.slot_key`: dates as dates (``1/10/2026`` is
    ``01/10/2026`` and ``2026-10-01``), other labels after folding case, accents and
    spaces; a slot ``calendar``'s ``dates`` puts on a day is that day (``oral_thu`` dated
    15/4/2027 is offered by a proposal writing ``15-04-2027``, as stage 3 reads it; probe
    s19e). Without a slots column
    (``commission.slots is None``) every proposal is available.
    """
    missing: list[str | Listing] = []
    if commission.slots is not None:
        day = slot_days(calendar)
        slots = {day(s) for s in commission.slots}
        missing += [s for s in settings.required_slots if day(s) not in slots]
        lacking = {day(s) for s in missing if isinstance(s, str)}
        # A group holding a required slot already missing says nothing more (probe s29e:
        # « oral_thu, oral_thu ou oral_fri »).
        missing += [
            Listing(tuple(group), "word_or") if len(group) > 1 else group[0]
            for group in settings.any_slots
            if group and not any(day(s) in slots or day(s) in lacking for s in group)
        ]
    excluded = commission.id in settings.exclude
    if not missing and not excluded:
        return Eligibility(True, "")
    # Each slot missing and each group of which none is offered: « visit et l'un des
    # créneaux oral_thu ou oral_fri », not « visit, oral_thu ou oral_fri » (one "or").
    slots_missing: str | Listing | Text = Listing(
        tuple(text("elig_one_of", slots=m) if isinstance(m, Listing) else m for m in missing)
    )
    if len(missing) == 1:
        slots_missing = missing[0]
    if missing and excluded:
        reason = text("elig_missing_excluded", slots=slots_missing)
    elif missing:
        reason = text("elig_missing", slots=slots_missing)
    else:
        reason = text("elig_excluded")
    return Eligibility(False, reason, tuple(missing))


def slot_days(calendar: CalendarSettings | None) -> Callable[[str], str]:
    """What a slot label means for comparing slots: :func:`matcher.text.slot_key`, and a
    slot ``calendar``'s ``dates`` puts on a day (``oral_thu = "15/4/2027"``) that day, so
    that the slot and its date written in another file are one (contract §7)."""
    dated = {} if calendar is None else calendar.dates_by_day
    days = {slot: slot_key(date) for slot, date in dated.items()}

    def day(label: str) -> str:
        key = slot_key(label)
        return days.get(key, key)

    return day


def count_problem(
    instance: Instance, settings_file: Path | None = None, *, default_too: bool = True
) -> Problem | None:
    """``[selection] count`` larger than the proposals received: invalid input, else None.

    Only when proposals were read (``commissions.csv`` present): asking for more
    commissions than were proposed is a usage error (contract, "Faults and hostile
    input"), the default count (10) too: no selection can ever be made until the
    settings give a count the cohort can meet, which the message says how to write.
    ``default_too=False``: only a count the settings give (the workbench's form).
    """
    selection = instance.settings.selection
    count, received = selection.count, len(instance.commissions)
    if not instance.commissions or count <= received:
        return None
    written = "count" in selection.model_fields_set
    if not written and not default_too:
        return None
    # ``--settings`` as typed (its control characters escaped, as load_instance names it):
    # « autre/settings.toml » is not the instance's own (probe s40d D5).
    name = printable(str(settings_file)) if settings_file is not None else instance.settings_file
    # The proposals' file as named on disk (commandes.csv, a workbook's sheet).
    words = {
        "count": count,
        "received": received,
        "file": instance.commissions_file,
        "settings": name,
    }
    if written:
        what = counted("el_count_above_received", received, **words)
    else:
        what = counted("el_default_count_above_received", received, **words)
    return Problem(name, what, column="selection.count")


def crowded_includes(included: Sequence[Commission], cap: int) -> list[Text]:
    """One sentence per institution (names folded) with more proposals in ``include`` than
    ``max_per_institution`` (``cap``) allows: no selection can hold them all."""
    by_institution: dict[str, list[Commission]] = {}
    for commission in included:
        by_institution.setdefault(fold_name(commission.institution), []).append(commission)
    return [
        text(
            "diag_include_same_both" if len(members) == 2 else "diag_include_same_all",
            ids=listing([c.id for c in members]),
            institution=members[0].institution,
            cap=counted("n_proposals", cap),
        )
        for members in by_institution.values()
        if len(members) > cap
    ]


def include_full(rules: SelectionSettings, pin: str, named: Sequence[str | Text]) -> Text | None:
    """Why the students ``named`` (pinned to the eligible proposal ``pin``) lose their pin
    when ``include`` already names ``count`` other commissions: no selection can add ``pin``,
    so "add it to include" is no remedy (``validate`` and the teams' diagnosis). None when
    ``include`` leaves room."""
    included = [c for c in rules.include if c != pin]
    if len(included) < rules.count:
        return None
    key = "td_pin_include_full" if len(named) == 1 else "td_pins_include_full"
    ids = listing(included, most=8)
    return text(key, who=listing(list(named), most=8), pin=pin, count=rules.count, ids=ids)


def include_crowded(
    commissions: Sequence[Commission],
    rules: SelectionSettings,
    pin: str,
    named: Sequence[str | Text],
) -> Text | None:
    """Why the students ``named`` (pinned to the eligible proposal ``pin``) lose their pin
    when ``include`` already names ``max_per_institution`` other proposals of its
    institution (names folded): no selection can add ``pin``, so "add it to include" is no
    remedy (``validate`` and the teams' diagnosis). None when the institution has room."""
    by_id = {c.id: c for c in commissions}
    target = by_id.get(pin)
    if target is None:
        return None
    institution = fold_name(target.institution)
    others = [
        cid
        for cid in dict.fromkeys(rules.include)
        if cid != pin and cid in by_id and fold_name(by_id[cid].institution) == institution
    ]
    if len(others) < rules.max_per_institution:
        return None
    key = "td_pin_include_crowded" if len(named) == 1 else "td_pins_include_crowded"
    return text(
        key,
        who=listing(list(named), most=8),
        pin=pin,
        ids=listing(others),
        institution=target.institution,
        cap=rules.max_per_institution,
    )


def pins_beyond_selection(
    commissions: Sequence[Commission],
    pins: Sequence[tuple[str, str]],
    rules: SelectionSettings,
) -> list[Text]:
    """Why no selection holds every proposal students are pinned to (``pins``: student id,
    eligible proposal id) beside ``include``: more of them than ``count``, or more of one
    institution (names folded) than ``max_per_institution``; the cases ``include`` alone
    explains (``include_full``, ``include_crowded``, ``crowded_includes``) are left to them.
    "Add it to include" would be no remedy here either."""
    by_id = {c.id: c for c in commissions}
    pinned = [(sid, pin) for sid, pin in pins if pin in by_id]
    included = [cid for cid in dict.fromkeys(rules.include) if cid in by_id]
    needed = list(dict.fromkeys([*included, *(pin for _, pin in pinned)]))

    def what(ids: Sequence[str]) -> Listing:
        items: list[str | Text | Listing] = [
            text("td_pinned_to", id=sid, pin=pin) for sid, pin in pinned if pin in ids
        ]
        shown = [cid for cid in included if cid in ids]
        if shown:
            items.append(counted("td_in_include", len(shown), ids=listing(shown)))
        return listing(items, most=8)

    sentences: list[Text] = []
    if len(needed) > rules.count and len(included) < rules.count:
        sentences.append(
            counted("td_pins_over_count", len(needed), what=what(needed), count=rules.count)
        )
    groups: dict[str, list[str]] = {}
    for cid in needed:
        groups.setdefault(fold_name(by_id[cid].institution), []).append(cid)
    for group in groups.values():
        if len(group) <= rules.max_per_institution:
            continue
        if sum(cid in included for cid in group) >= rules.max_per_institution:
            continue  # include alone fills the institution's places: said by include_crowded
        sentences.append(
            text(
                "td_pins_same_institution",
                what=what(group),
                n=len(group),
                institution=by_id[group[0]].institution,
                cap=rules.max_per_institution,
            )
        )
    return sentences


def _too_many_included(instance: Instance) -> tuple[Text, ...]:
    """More proposals in ``include`` than ``count``: no selection at all (``run`` answers
    3 with this very sentence)."""
    selection = instance.settings.selection
    if not instance.commissions or len(selection.include) <= selection.count:
        return ()
    included, ids = len(selection.include), listing(selection.include, most=8)
    return (counted("diag_too_many_includes", selection.count, included=included, ids=ids),)


def included_cannot_hold(
    instance: Instance, fates: dict[str, Eligibility] | None = None
) -> tuple[Text, ...]:
    """Proposals in ``include`` that no selection can hold: more than ``count``, one not
    eligible (not available, or excluded too; ``fates``: computed when not given), more of
    one institution than ``max_per_institution``; in the words ``select`` and ``run`` answer
    3 with (the page's settings check says them beside the field too: probe s29c)."""
    selection = instance.settings.selection
    by_id = {c.id: c for c in instance.commissions}
    included = [by_id[cid] for cid in dict.fromkeys(selection.include) if cid in by_id]
    if fates is None:  # those forced in only: the page asks on every request
        fates = {c.id: eligibility(c, selection, instance.settings.calendar) for c in included}
    sentences = list(_too_many_included(instance))
    sentences += [
        text("diag_include_ineligible", id=c.id, institution=c.institution, reason=fate.reason)
        for c in included
        if not (fate := fates[c.id]).eligible
    ]
    sentences += crowded_includes(included, selection.max_per_institution)
    return tuple(sentences)
