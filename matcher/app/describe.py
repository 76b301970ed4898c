"""``validate``: what a valid instance holds, as data."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from matcher.errors import InputError, Problem
from matcher.labels import Text, counted, listing, text
from matcher.rules import default_size_bounds, together_groups, together_where
from matcher.schemas import Commission, Instance

if TYPE_CHECKING:
    from matcher.eligibility import Eligibility

# -- validate -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Description:
    """What ``validate`` finds in a valid instance, as data (front ends word it)."""

    name: str
    #: (commission, reason it is not eligible or ``""``) per proposal, in file order.
    proposals: tuple[tuple[Commission, str | Text], ...]
    num_institutions: int
    num_to_select: int
    num_students: int
    #: Students per background, most common first.
    backgrounds: tuple[tuple[str, int], ...]
    #: Counts of the optional student columns present: ``vae``, ``employed``, ``choices``.
    counts: dict[str, int]
    #: Students per gender (``?`` when blank), most common first, if the column exists.
    genders: tuple[tuple[str, int], ...] | None
    num_pinned: int
    #: (teams, smallest size, largest size) when both proposals and students are known.
    team_sizes: tuple[int, int, int] | None
    num_apart: int
    num_together: int
    #: Loading warnings, then rules that cannot hold looked at as a whole.
    warnings: tuple[str | Text, ...] = field(default=())
    #: Rules that cannot hold whatever the selection (``validate`` exits 3), to be worded.
    conflicts: tuple[Text, ...] = field(default=())

    @property
    def eligible(self) -> list[Commission]:
        """The eligible proposals, in file order."""
        return [c for c, reason in self.proposals if not reason]

    @property
    def ineligible(self) -> list[tuple[Commission, str | Text]]:
        """The proposals that are not eligible, with the reason."""
        return [(c, reason) for c, reason in self.proposals if reason]


def validate(instance: Instance, instance_path: Path | None = None) -> Description:
    """Describe ``instance`` and warn about rules that cannot hold together.

    Raises
    ------
    InputError
        When the instance holds neither commissions nor students (``instance_path`` lets
        the message suggest the workbook lying in that folder).
    """
    from matcher.conflicts import apart_beyond_teams, employers_out_of_reach
    from matcher.eligibility import eligibility, included_cannot_hold
    from matcher.text import fold_name

    if not instance.commissions and not instance.students:
        folder = instance_path if instance_path is not None and instance_path.is_dir() else None
        books = sorted(p.name for p in folder.glob("*.xlsx")) if folder is not None else []
        hint = text("val_give_workbook", book=books[0]) if books else ""
        raise InputError(
            Problem(str(instance_path or instance.name), text("val_nothing_here", hint=hint))
        )
    warnings: list[str | Text] = list(instance.warnings)
    selection, calendar = instance.settings.selection, instance.settings.calendar
    proposals = tuple((c, eligibility(c, selection, calendar)) for c in instance.commissions)
    eligible = [c for c, fate in proposals if fate.eligible]
    per_institution = Counter(fold_name(c.institution) for c in eligible)
    in_every, selection_conflicts = _every_selection(instance, eligible)
    students = instance.students
    num = len(students)
    columns = instance.student_columns
    counts = {
        "vae": sum(s.vae for s in students),
        "employed": sum(s.employed for s in students),
        "choices": sum(bool(s.choices) for s in students),
    }
    team_sizes = None
    size_conflicts: list[Text] = []
    if students and instance.commissions:
        teams = selection.count
        low, high = default_size_bounds(num, teams, instance.settings.teams)
        team_sizes = (teams, low, high)
        if num < teams:  # fewer students than commissions: some teams are empty (s19b)
            warnings.append(counted("val_empty_teams", teams - num, students=num, count=teams))
        cannot = sizes_cannot_hold(instance)
        if cannot is not None:
            # No teams whatever the selection: `run` answers 3 (until session 14 a warning).
            size_conflicts.append(cannot)
        else:
            for commission, rule in _sizes_out_of_reach(eligible, low, high):
                # In every selection: cannot hold; else only if it is selected.
                if commission.id in in_every:
                    size_conflicts.append(_pinned_unfit(instance, commission, rule))
                else:
                    warnings.append(text("val_size_if_selected", rule=rule))
            for commission, rule in employers_out_of_reach(instance, eligible, low):
                if commission.id in in_every:
                    size_conflicts.append(_pinned_unfit(instance, commission, rule))
                else:
                    warnings.append(text("val_employer_if_selected", rule=rule))
    _orals_out_of_reach(instance, eligible, in_every, size_conflicts, warnings)
    if not selection_conflicts:
        warnings = _one_selection_left(instance, eligible, in_every, size_conflicts, warnings)
    relations = _pair_relations(instance)
    conflicts = (
        tuple(selection_conflicts)
        + included_cannot_hold(instance, {c.id: fate for c, fate in proposals})
        + tuple(size_conflicts)
        + _groups_too_large(instance, eligible, team_sizes)
        + _cannot_hold(instance, {c.id: fate for c, fate in proposals})
        + tuple(apart_beyond_teams(instance, selection.count))
        + _plan_cannot_hold(instance)
    )
    return Description(
        name=instance.name,
        proposals=tuple((c, "" if fate.eligible else fate.reason) for c, fate in proposals),
        num_institutions=len(per_institution),
        num_to_select=selection.count,
        num_students=num,
        backgrounds=tuple(Counter(s.background for s in students).most_common()),
        counts={k: v for k, v in counts.items() if k in columns},
        genders=(
            tuple(Counter(s.gender or "?" for s in students).most_common())
            if "gender" in columns
            else None
        ),
        num_pinned=sum(s.pinned is not None for s in students),
        team_sizes=team_sizes,
        num_apart=relations["apart"],
        num_together=relations["together"],
        warnings=tuple(warnings),
        conflicts=conflicts,
    )


def _every_selection(instance: Instance, eligible: list[Commission]) -> tuple[set[str], list[Text]]:
    """The proposals every selection holds: those included, those students are pinned to
    (the teams need them: ``select`` takes them), and, when the institution cap leaves
    exactly `count` selectable, every proposal of an institution within the cap; and the
    rule no selection keeps when fewer than `count` are selectable (`select` and `run`
    answer 3: until session 14 validate warned, and said "input is valid")."""
    from matcher.text import fold_name

    selection = instance.settings.selection
    cap = selection.max_per_institution
    in_every = set(selection.include) | {s.pinned for s in instance.students if s.pinned}
    if not instance.commissions:
        return in_every, []
    capacity = _capacity(eligible, cap)
    if capacity == selection.count:
        per_institution = Counter(fold_name(c.institution) for c in eligible)
        in_every |= {c.id for c in eligible if per_institution[fold_name(c.institution)] <= cap}
    if capacity < selection.count:
        return in_every, [counted("val_selection_cannot", capacity, cap=cap, count=selection.count)]
    return in_every, []


def _one_selection_left(
    instance: Instance,
    eligible: list[Commission],
    in_every: set[str],
    conflicts: list[Text],
    warnings: list[str | Text],
) -> list[str | Text]:
    """``conflicts`` gains what no selection can avoid once the size rules hold: fewer
    proposals able to host a team than `count` (their warnings, "the selection leaves it
    out", are then dropped: it cannot leave them all out), and, when one selection only
    is left, a student or together-group every one of its commissions refuses. The
    warnings, as they stand."""
    from matcher.conflicts import groups_all_employers, nowhere_conflicts

    if not conflicts:
        too_few_fit = _too_few_fit(instance, eligible)
        if too_few_fit:
            conflicts += too_few_fit
            warnings = [w for w in warnings if not _if_selected(w)]
    fixed = [c for c in eligible if c.id in in_every]
    if len(fixed) == instance.settings.selection.count:
        conflicts += nowhere_conflicts(instance, fixed) + groups_all_employers(instance, fixed)
    return warnings


def sizes_cannot_hold(instance: Instance) -> Text | None:
    """Why the ``count`` teams within the size bounds (``[teams] min_size / max_size``)
    cannot hold the cohort's students, or ``None`` when they can (or nothing to hold)."""
    num, teams = len(instance.students), instance.settings.selection.count
    if not num or not instance.commissions:
        return None
    low, high = default_size_bounds(num, teams, instance.settings.teams)
    if teams * low <= num <= teams * high:
        return None
    if teams * low > num:
        # Too few students, said so ("7 students cannot fill 3 teams of at least 3", as
        # `run` says it), never "3 teams of 3 cannot hold 7"; and "at least 4", not "4 to 3".
        return text("val_teams_cannot_fill", teams=teams, low=low, n=num)
    if low > high:
        return text("val_teams_cannot_fit", teams=teams, high=high, n=num)
    if low == high:
        return text("val_teams_cannot_exact", teams=teams, size=low, n=num)
    return text("val_teams_cannot", teams=teams, low=low, high=high, n=num)


def _capacity(proposals: list[Commission], cap: int) -> int:
    """How many of ``proposals`` one selection can hold, at most ``cap`` per institution."""
    from matcher.text import fold_name

    per_institution = Counter(fold_name(c.institution) for c in proposals)
    return sum(min(n, cap) for n in per_institution.values())


def _if_selected(warning: str | Text) -> bool:
    """A warning that a proposal could host no team, so that the selection leaves it out."""
    return isinstance(warning, Text) and warning.key in (
        "val_size_if_selected",
        "val_oral_if_selected",
        "val_oral_year_if_selected",
        "val_plan_if_selected",
        "val_employer_if_selected",
    )


def _pinned_unfit(instance: Instance, commission: Commission, rule: Text) -> Text:
    """``rule`` (why ``commission`` could host no team), naming the students pinned to it
    first when there are: they are why every selection holds it."""
    from matcher.conflicts import pinned_unfit

    return pinned_unfit(instance, commission.id, rule) or rule


def fit_shortfall(instance: Instance) -> tuple[list[Text], list[Text]]:
    """``_too_few_fit`` of the instance's eligible proposals (``run``'s teams diagnosis says
    it first), with the rules of the proposals that could host no team (which it replaces
    there, rather than say them twice); two empty lists when enough proposals could."""
    from matcher.conflicts import unfit_rule
    from matcher.eligibility import eligibility

    selection, calendar = instance.settings.selection, instance.settings.calendar
    eligible = [c for c in instance.commissions if eligibility(c, selection, calendar).eligible]
    found = _too_few_fit(instance, eligible)
    if not found:
        return [], []
    rules = [unfit_rule(instance, c, selection.count) for c in eligible]
    return found, [rule for rule in rules if rule is not None]


def _too_few_fit(instance: Instance, eligible: list[Commission]) -> list[Text]:
    """When fewer eligible proposals than ``count`` could host a team of this cohort (own
    sizes out of reach, no oral slot), every selection holds one that cannot: the rule
    that fails, with those that could (``select`` leaves such proposals out only when a
    selection exists without them, and ``run`` then answers 3)."""
    from matcher.conflicts import unfit_rule

    selection = instance.settings.selection
    if not instance.students or not eligible:
        return []
    rules = {c.id: unfit_rule(instance, c, selection.count) for c in eligible}
    fit = [c for c in eligible if rules[c.id] is None]
    if len(fit) == len(eligible):
        return []
    capacity = _capacity(fit, selection.max_per_institution)
    if capacity >= selection.count:
        return []
    unfit = listing([r for r in rules.values() if r is not None], most=3, joiner="req_semicolon")
    values = {"ids": listing([c.id for c in fit], most=8), "count": selection.count, "rules": unfit}
    if capacity < len(fit):
        # Some of them share an institution: the cap, not their number, is short.
        cap = selection.max_per_institution
        return [text("val_too_few_fit_cap", n=capacity, cap=cap, **values)]
    return [counted("val_too_few_fit", capacity, **values)]


def _pair_relations(instance: Instance) -> Counter[str]:
    """Pairs per relation; a pair listed twice (also as b, a) is one pair, as the warning
    about the repeated row says."""
    distinct = {(frozenset((p.student_a, p.student_b)), p.relation) for p in instance.pairs}
    return Counter(relation for _, relation in distinct)


def _sizes_out_of_reach(
    eligible: list[Commission], low: int, high: int
) -> list[tuple[Commission, Text]]:
    """Eligible proposals whose own ``min_size``/``max_size`` leave no size within the
    cohort's ``low``…``high``, each with the sentence `run` would use for them."""
    from matcher.conflicts import size_out_of_reach  # as matcher.teams words it

    found: list[tuple[Commission, Text]] = []
    for commission in eligible:
        rule = size_out_of_reach(commission, low, high)
        if rule is not None:
            found.append((commission, rule))
    return found


def _orals_out_of_reach(
    instance: Instance,
    eligible: list[Commission],
    in_every: set[str],
    conflicts: list[Text],
    warnings: list[str | Text],
) -> None:
    """With supervisors.csv, eligible proposals whose team could defend on no oral slot:
    a conflict when every selection holds them, else a warning (the selection leaves them
    out, ``matcher.selection_needs.cannot_host``); none without students.csv, as there."""
    from matcher.conflicts import plan_out_of_reach

    for commission in eligible if instance.students else []:
        rule = plan_out_of_reach(instance, commission)
        if rule is not None and commission.id in in_every:
            conflicts.append(_pinned_unfit(instance, commission, rule))
        elif rule is not None:
            people = rule.key in ("td_tied_everyone", "td_oral_unattended")
            key = "val_plan_if_selected" if people else "val_oral_if_selected"
            if rule.key == "td_no_oral_slot_year":
                key = "val_oral_year_if_selected"  # not sent to its cell (probe s39i)
            warnings.append(text(key, rule=rule))


def _cannot_hold(instance: Instance, fates: dict[str, Eligibility]) -> tuple[Text, ...]:
    """Rules of pins, pairs and ``no_isolation`` that no selection and no teams can keep,
    as ``matcher run`` would find them (the teams' diagnosis words them the same way): a
    pin on a proposal that cannot be selected or on the student's employer, a pair both
    apart and together (directly or through a together-group), two students kept apart
    but pinned to one commission, a together-group pinned to several, a ``no_isolation``
    condition that only one student meets."""
    from matcher.conflicts import isolation_conflicts, pair_conflicts, pins_over, who
    from matcher.eligibility import include_crowded, include_full, pins_beyond_selection
    from matcher.text import fold_name

    students = {s.id: s for s in instance.students}
    commissions = {c.id: c for c in instance.commissions}
    sentences: list[Text] = []
    check_employer = instance.settings.teams.conflict_of_interest
    rules = instance.settings.selection
    pinned_to: dict[str, list[str]] = {}
    for student in instance.students:
        pin = student.pinned
        if pin is None or pin not in commissions:
            continue
        fate = fates[pin]
        if fate.eligible:
            pinned_to.setdefault(pin, []).append(who(student))
        if not fate.eligible:
            sentences.append(
                text("val_pin_ineligible", who=who(student), pin=pin, reason=fate.reason)
            )
        elif check_employer and fold_name(commissions[pin].institution) in student.employers():
            sentences.append(
                text(
                    "td_pin_employer",
                    who=who(student),
                    pin=pin,
                    institution=commissions[pin].institution,
                )
            )
    # include already naming count commissions: an eligible pin's cannot be selected too.
    for pin, named in pinned_to.items():
        full = include_full(rules, pin, named) or include_crowded(
            instance.commissions, rules, pin, named
        )
        if full is not None:
            sentences.append(full)
    pin_pairs = [
        (s.id, s.pinned)
        for s in instance.students
        if s.pinned is not None and s.pinned in pinned_to
    ]
    sentences += pins_beyond_selection(instance.commissions, pin_pairs, rules)
    highs: dict[str, int] = {}
    if instance.students and instance.commissions:
        # More students pinned to a proposal than its largest team.
        _, high = default_size_bounds(len(students), rules.count, instance.settings.teams)
        highs = {pin: high for pin in pinned_to}
        for pin in pinned_to:
            own = commissions[pin].max_size
            if own is not None:
                highs[pin] = min(high, own)
        sentences += pins_over(instance, highs)
    sentences += pair_conflicts(instance)
    for group in together_groups(instance):
        pinned = [sid for sid in group if students[sid].pinned is not None]
        if len({students[sid].pinned for sid in pinned}) > 1:
            pins = [text("td_pinned_to", id=sid, pin=students[sid].pinned) for sid in pinned]
            sentences.append(text("td_group_pins", group=listing(group), who=listing(pins, None)))
        elif pinned and (group_pin := str(students[pinned[0]].pinned)) in pinned_to:
            # The whole group goes where one of them is pinned: as the teams' diagnosis.
            sentences += _pinned_group(instance, group, group_pin, highs.get(group_pin))
    return (*sentences, *isolation_conflicts(instance, pinned_to))


def _pinned_group(instance: Instance, group: list[str], pin: str, high: int | None) -> list[Text]:
    """A together-group one of whose members is pinned to the eligible ``pin`` (whose team
    holds at most ``high``): larger than that team, or holding a student whose employer's
    institution it is; in the words of the teams' diagnosis."""
    from matcher.conflicts import who
    from matcher.text import fold_name

    students = {s.id: s for s in instance.students}
    commission = next(c for c in instance.commissions if c.id == pin)
    sentences: list[Text] = []
    if high is not None and len(group) > high:
        where = together_where(instance, group)
        members, n = listing(group), len(group)
        sentences.append(
            text("td_group_too_big", group=members, n=n, high=high, pin=pin, where=where)
        )
    if instance.settings.teams.conflict_of_interest:
        folded = fold_name(commission.institution)
        sentences += [
            text(
                "td_group_employer",
                who=who(students[sid]),
                group=listing(group),
                pin=pin,
                institution=commission.institution,
            )
            for sid in group
            if students[sid].pinned != pin and folded in students[sid].employers()
        ]
    return sentences


def _groups_too_large(
    instance: Instance, eligible: list[Commission], team_sizes: tuple[int, int, int] | None
) -> tuple[Text, ...]:
    """Together-groups larger than the largest team any selection could form (the
    cohort-wide largest size, narrowed by each eligible proposal's own ``max_size``)."""
    if team_sizes is None or not eligible:
        return ()
    high = team_sizes[2]
    largest = max(high if c.max_size is None else min(high, c.max_size) for c in eligible)
    return tuple(
        text(
            "together_too_large",
            members=listing(group),
            n=len(group),
            size=largest,
            where=together_where(instance, group),
        )
        for group in together_groups(instance)
        if len(group) > largest
    )


def _plan_cannot_hold(instance: Instance) -> tuple[Text, ...]:
    """With supervisors.csv, stage-3 rules no plan keeps whatever the selection and teams
    (``run`` then answers 3 at stage 3): the limits add up to fewer places than teams, nobody
    is free on the visit or any oral slot, or mornings or oral slots hold too few events."""
    from matcher.plan_visits import orals_short
    from matcher.results import supervisor_names
    from matcher.rules import supervisor_places
    from matcher.schemas import clock_of
    from matcher.text import slot_key

    supervisors = instance.supervisors
    if not supervisors or not instance.commissions:
        return ()
    settings, count = instance.settings, instance.settings.selection.count
    calendar, file = settings.calendar, instance.supervisors_file
    sentences: list[Text] = []
    named = supervisor_names(supervisors)  # homonyms with their ids (probe s39c)
    # A supervisor unavailable on the visit or on every oral slot takes no team (probe s15a).
    capacity = supervisor_places(supervisors, count, settings)
    able = [n > 0 for n in capacity]
    if any(able) and sum(capacity) < count:
        who = [
            text("val_supervisor_takes", name=named[s.id], n=n)
            if ok
            else text("val_supervisor_takes_none", name=named[s.id])
            for s, n, ok in zip(supervisors, capacity, able, strict=True)
        ]
        sentences.append(
            text(
                "val_supervisors_short",
                count=count,
                most=sum(capacity),
                file=file,
                who=listing(who, most=8),
            )
        )
    off = [calendar.slots_off(s.unavailable) for s in supervisors]
    visit = slot_key(calendar.visit_slot)
    if all(visit in slots for slots in off):
        sentences.append(text("val_visit_nobody", slot=calendar.visit_slot, file=file))
    elif sum(capacity) >= count:
        # The visits a supervisor's morning can hold, institutions as close as can be (the
        # same town; the same institution when the cap lets two teams share it).
        begin, end = calendar.visit_range
        gap = 0
        if settings.selection.max_per_institution < 2:
            gap = min(calendar.same_town_minutes, calendar.travel_minutes)
        each = (end - begin + gap) // (calendar.visit_minutes + gap)
        present = [
            (s, n)
            for s, n, slots in zip(supervisors, capacity, off, strict=True)
            if visit not in slots
        ]
        most = sum(min(each, n) for _, n in present)
        if most < count:
            sentences.append(
                text(
                    "plan_visits_total" if len(present) > 1 else "val_visits_single",
                    count=count,
                    slot=calendar.visit_slot,
                    names=listing([named[s.id] for s, _ in present], most=8),
                    most=most,
                    each=each,
                    window=f"{clock_of(begin)}–{clock_of(end)}",
                    length=end - begin,
                    minutes=calendar.visit_minutes,
                    gap=gap,
                )
            )
    orals = [slot_key(o) for o in calendar.oral_slots]
    if orals and all(all(o in slots for o in orals) for slots in off):
        slots = listing(calendar.oral_slots, "word_or")
        sentences.append(text("val_oral_nobody", slots=slots, file=file))
    sentences += [*_town_pairs_short(instance), *orals_short(instance, supervisors, capacity)]
    return tuple(sentences)


def _town_pairs_short(instance: Instance) -> list[Text]:
    """Where a visit morning holds two visits only for teams of one town (``rules.
    close_pairs_needed``): the pairs of one town the teams need beyond one visit per
    supervisor, against the most the eligible proposals offer (two institutions of one
    town a pair); the selection can do no better (``run`` answered 3 at stage 3)."""
    from matcher.eligibility import eligibility
    from matcher.rules import close_pairs_needed
    from matcher.schemas import clock_of
    from matcher.text import fold_name

    settings = instance.settings
    count = settings.selection.count
    close = close_pairs_needed(instance, count)
    if close is None:
        return []
    towns, needed = close
    per_town: dict[int, set[str]] = {}
    for p, commission in enumerate(instance.commissions):
        fate = eligibility(commission, settings.selection, settings.calendar)
        if towns[p] >= 0 and fate.eligible:
            per_town.setdefault(int(towns[p]), set()).add(fold_name(commission.institution))
    offered = sum(len(names) // 2 for names in per_town.values())
    if offered >= needed:
        return []
    calendar = settings.calendar
    begin, end = calendar.visit_range
    return [
        text(
            "val_town_pairs_short",
            count=count,
            slot=calendar.visit_slot,
            window=f"{clock_of(begin)}–{clock_of(end)}",
            minutes=calendar.visit_minutes,
            same=calendar.same_town_minutes,
            travel=calendar.travel_minutes,
            needed=needed,
            offered=offered,
        )
    ]
