"""Contradictions of pairs and ``no_isolation`` that hold whatever the selection and the
teams: worded once for ``validate`` (``matcher.app.describe``) and for the teams'
diagnosis (``matcher.teams``), in the cohort's terms."""

from __future__ import annotations

from collections.abc import Collection, Sequence

from matcher.labels import Listing, Text, counted, listing, text
from matcher.rules import default_size_bounds, together_groups
from matcher.schemas import Commission, Instance, Student
from matcher.verify.teams import matches_condition


def who(student: Student) -> str:
    """A student as messages name them: ``S012 (Lina Haddad)``, or the id alone."""
    return f"{student.id} ({student.name})" if student.name else student.id


def pair_conflicts(instance: Instance) -> list[Text]:
    """Apart pairs that cannot hold: also together (directly or through a together-group),
    or both pinned to one commission; in pairs.csv order."""
    students = {s.id: s for s in instance.students}
    group_of = {sid: group for group in together_groups(instance) for sid in group}
    together = {
        frozenset((p.student_a, p.student_b)) for p in instance.pairs if p.relation == "together"
    }
    sentences: list[Text] = []
    for pair in instance.pairs:
        a, b = pair.student_a, pair.student_b
        if pair.relation != "apart" or a == b or a not in students or b not in students:
            continue
        if frozenset((a, b)) in together:
            # Where to fix it (probe s30b: no file named).
            file = instance.pairs_file
            sentences.append(text("td_together_and_apart", a=a, b=b, file=file))
        elif a in group_of and b in group_of[a]:
            sentences.append(text("td_apart_tied", a=a, b=b, group=listing(group_of[a])))
        pin_a, pin_b = students[a].pinned, students[b].pinned
        if pin_a is not None and pin_a == pin_b:
            key = "td_apart_locked" if {a, b} & instance.locked else "td_apart_pinned"
            sentences.append(text(key, a=a, b=b, pin=pin_a))
    return sentences


def apart_beyond_teams(instance: Instance, teams: int) -> list[Text]:
    """Students every two of whom are kept apart, more of them than ``teams`` (two apart
    pairs' students and ``count = 1``): no teams whatever the selection, in the words of
    the teams' diagnosis. The group is grown greedily from each student (a small graph);
    one missed is still found by ``run``'s diagnosis."""
    students = {s.id for s in instance.students}
    near: dict[str, set[str]] = {}
    for pair in instance.pairs:
        a, b = pair.student_a, pair.student_b
        if pair.relation == "apart" and a != b and a in students and b in students:
            near.setdefault(a, set()).add(b)
            near.setdefault(b, set()).add(a)
    order = sorted(near, key=lambda sid: (-len(near[sid]), sid))
    best: list[str] = []
    for start in order:
        group = [start]
        for other in order:
            if other not in group and all(other in near[m] for m in group):
                group.append(other)
        if len(group) > len(best):
            best = group
    if len(best) <= teams:
        return []
    ids = [s.id for s in instance.students if s.id in best]
    return [counted("td_apart_all", teams, who=listing(ids, most=8), students=len(best))]


def isolation_conflicts(instance: Instance, pinned_in: Collection[str] = ()) -> list[Text]:
    """``no_isolation`` conditions that exactly one student meets: that student is alone
    in their team whatever it is; and conditions whose students pinned to the commissions
    ``pinned_in`` leave more teams with a single one of them than there are students
    meeting it, unpinned, to join them."""
    sentences: list[Text] = []
    for condition in instance.settings.teams.no_isolation:
        matching = [s for s in instance.students if matches_condition(s, condition)]
        if len(matching) == 1:
            sentences.append(text("td_isolation_alone", condition=condition, who=who(matching[0])))
            continue
        if len(matching) == 2 and _apart(instance, matching[0].id, matching[1].id):
            # Both in one team or neither isolated: kept apart, each is alone (probe s35a:
            # ``validate`` said the data valid, ``run`` answered 3).
            a, b = (who(s) for s in matching)
            sentences.append(text("td_isolation_pair_apart", condition=condition, a=a, b=b))
            continue
        by_team: dict[str, list[Student]] = {}
        for student in matching:
            if student.pinned is not None and student.pinned in pinned_in:
                by_team.setdefault(student.pinned, []).append(student)
        alone = [members[0] for members in by_team.values() if len(members) == 1]
        free = sum(s.pinned is None for s in matching)
        # (Not said of the workbench's locks: its solver's conflict names them as locks.)
        if len(alone) > free and not any(s.id in instance.locked for s in alone):
            pins = listing([text("td_pinned_to", id=s.id, pin=s.pinned) for s in alone], most=8)
            sentences.append(
                counted(
                    "td_isolation_pinned_alone",
                    free,
                    condition=condition,
                    pins=pins,
                    teams=len(alone),
                )
            )
    return sentences


def _apart(instance: Instance, a: str, b: str) -> bool:
    """Whether pairs.csv keeps ``a`` and ``b`` apart."""
    return any(
        p.relation == "apart" and {p.student_a, p.student_b} == {a, b} for p in instance.pairs
    )


def pinned_unfit(instance: Instance, pin: str, rule: Text) -> Text | None:
    """``rule`` (why the commission ``pin`` could host no team) naming the students pinned
    to it, who keep it in every selection; None when nobody is pinned to it."""
    named = [who(s) for s in instance.students if s.pinned == pin]
    if not named:
        return None
    key = "td_pin_unfit" if len(named) == 1 else "td_pins_unfit"
    return text(key, who=listing(named, most=8), pin=pin, rule=rule)


def nowhere_conflicts(instance: Instance, commissions: Sequence[Commission]) -> list[Text]:
    """Students (neither pinned nor in a together-group) whom every one of ``commissions``
    (the teams there will be) refuses: their employer's (``conflict_of_interest``), or one
    where a student to keep apart from them is pinned; all employers: as the teams'
    diagnosis says it, else each commission with its reason."""
    from matcher.text import fold_name

    if not commissions:
        return []
    ids = {c.id for c in commissions}
    grouped = {sid for group in together_groups(instance) for sid in group}
    students = {s.id: s for s in instance.students}
    apart: dict[str, list[str]] = {}
    for pair in instance.pairs:
        if pair.relation == "apart":
            apart.setdefault(pair.student_a, []).append(pair.student_b)
            apart.setdefault(pair.student_b, []).append(pair.student_a)
    employer_rule = instance.settings.teams.conflict_of_interest
    sentences: list[Text] = []
    for student in instance.students:
        if student.pinned is not None or student.id in grouped:
            continue
        employers = student.employers() if employer_rule else frozenset()
        partners_in: dict[str, str] = {}
        for other in apart.get(student.id, ()):
            pin = students[other].pinned if other in students else None
            if pin is not None and pin in ids and other not in instance.locked:
                partners_in.setdefault(pin, other)
        reasons: list[str | Text | Listing] = []
        for c in commissions:
            if fold_name(c.institution) in employers:
                reasons.append(text("td_nowhere_employer", id=c.id, institution=c.institution))
            elif c.id in partners_in:
                reasons.append(text("td_nowhere_apart", id=c.id, other=partners_in[c.id]))
            else:
                break
        else:
            if not partners_in:
                employer = student.employer or ""
                sentences.append(
                    text("td_employer_everywhere", who=who(student), employer=employer)
                )
            else:
                sentences.append(
                    counted(
                        "td_nowhere",
                        len(commissions),
                        who=who(student),
                        reasons=listing(reasons, joiner="req_semicolon"),
                    )
                )
    return sentences


def groups_all_employers(instance: Instance, commissions: Sequence[Commission]) -> list[Text]:
    """Together-groups every one of ``commissions`` (the teams there will be) refuses, each
    the employer of one of its members: as the teams' diagnosis words it (``validate``
    said "input is valid" where only those commissions could be selected, probe s26)."""
    from matcher.text import fold_name

    if not commissions or not instance.settings.teams.conflict_of_interest:
        return []
    students = {s.id: s for s in instance.students}
    sentences: list[Text] = []
    for group in together_groups(instance):
        employers = frozenset().union(*(students[sid].employers() for sid in group))
        if all(fold_name(c.institution) in employers for c in commissions):
            sentences.append(text("td_group_all_employers", group=listing(group)))
    return sentences


def pins_over(instance: Instance, highs: dict[str, int]) -> list[Text]:
    """Commissions (among ``highs``: id → the largest team it can host) to which more
    students are pinned than that team holds, naming them (none held by a lock of the
    workbench)."""
    pinned: dict[str, list[Student]] = {}
    for student in instance.students:
        if student.pinned is not None and student.pinned in highs:
            pinned.setdefault(student.pinned, []).append(student)
    sentences: list[Text] = []
    for pin, members in pinned.items():
        if len(members) <= highs[pin]:
            continue
        if any(m.id in instance.locked for m in members):
            # The workbench's locks: its solver's conflict names each lock as the
            # director's, which this sentence, about pins, would not.
            continue
        sentences.append(
            counted(
                "td_pins_over",
                len(members),
                pin=pin,
                who=listing([m.id for m in members], most=8),
                high=highs[pin],
            )
        )
    return sentences


def size_out_of_reach(commission: Commission, low: int, high: int) -> Text | None:
    """``own_size_rule`` when the commission's own ``min_size``/``max_size`` leave it no
    size within the cohort's ``low``…``high`` (it could host no team), else None."""
    team_low = low if commission.min_size is None else max(low, commission.min_size)
    team_high = high if commission.max_size is None else min(high, commission.max_size)
    return own_size_rule(commission, low, high) if team_low > team_high else None


def unfit_rule(instance: Instance, commission: Commission, count: int) -> Text | None:
    """The rule by which ``commission`` could host no team of the cohort when ``count``
    commissions share its students (``size_out_of_reach`` with the cohort's sizes,
    ``employer_out_of_reach``, or ``oral_out_of_reach``), else None; None without
    students.csv. ``select`` leaves such a proposal out
    (``matcher.selection_needs.cannot_host``), and so does a selection read back
    (``matcher.loading.results``): no reserve rank, so no what-if takes it."""
    if not instance.students:
        return None
    low, high = default_size_bounds(len(instance.students), count, instance.settings.teams)
    return (
        size_out_of_reach(commission, low, high)
        or employer_out_of_reach(instance, commission, low)
        or plan_out_of_reach(instance, commission)
    )


def employer_out_of_reach(instance: Instance, commission: Commission, low: int) -> Text | None:
    """With ``conflict_of_interest``, a commission whose institution employs so many
    students that the others cannot fill its smallest team (``count = 1``: the one team
    holds every student, so a single employee bars it), else None."""
    from matcher.text import fold_name

    if not instance.settings.teams.conflict_of_interest:
        return None
    barred = employees(instance.students).get(fold_name(commission.institution), [])
    team_low = low if commission.min_size is None else max(low, commission.min_size)
    free = len(instance.students) - len(barred)
    if not barred or free >= team_low:
        return None
    return counted(
        "td_employer_out_of_reach",
        len(barred),
        id=commission.id,
        institution=commission.institution,
        who=listing(barred, most=6),
        low=team_low,
        free=free,
    )


#: The last cohort ``employees`` indexed, with its index: every commission of a cohort asks.
_INDEXED: list[tuple[tuple[Student, ...], dict[str, list[str]]]] = []


def employees(students: tuple[Student, ...]) -> dict[str, list[str]]:
    """Folded institution name (``fold_name``) → the ids of the ``students`` it may employ
    (``Student.employers``), in file order; built once per cohort (the last one kept: the
    same tuple asked again gets it). Each commission's check went through every student,
    and every name of each: ``validate`` on 10,000 students took 198 s under load, 75 %
    of it here."""
    last = _INDEXED[0] if _INDEXED else None
    if last is not None and last[0] is students:
        return last[1]
    index: dict[str, list[str]] = {}
    for student in students:
        for name in student.employers():
            index.setdefault(name, []).append(student.id)
    _INDEXED[:] = [(students, index)]
    return index


def employers_out_of_reach(
    instance: Instance, eligible: Sequence[Commission], low: int
) -> list[tuple[Commission, Text]]:
    """The ``eligible`` proposals ``employer_out_of_reach`` bars (teams of at least
    ``low``), each with its rule, for ``validate``."""
    found = [(c, employer_out_of_reach(instance, c, low)) for c in eligible]
    return [(c, rule) for c, rule in found if rule is not None]


def plan_out_of_reach(instance: Instance, commission: Commission) -> Text | None:
    """With supervisors.csv, why no plan could hold the commission's team whatever the
    others (``oral_out_of_reach``, ``tied_out_of_reach``), else None."""
    return (
        oral_out_of_reach(instance, commission)
        or tied_out_of_reach(instance, commission)
        or oral_unattended(instance, commission)
    )


def oral_unattended(instance: Instance, commission: Commission) -> Text | None:
    """With supervisors.csv, a commission whose oral slots (those of ``[calendar]
    oral_slots`` its ``slots`` offer) every supervisor is unavailable on: its team's
    supervisor could attend no oral, so no plan holds with it selected; else None."""
    from matcher.text import slot_key

    supervisors, calendar = instance.supervisors, instance.settings.calendar
    if not supervisors:
        return None
    offered = calendar.oral_slots
    if commission.slots is not None:
        named = calendar.slots_named(commission.slots)
        offered = tuple(o for o in calendar.oral_slots if slot_key(o) in named)
    keys = [slot_key(o) for o in offered]
    if not keys or any(set(keys) - calendar.slots_off(s.unavailable) for s in supervisors):
        return None
    return text(
        "td_oral_unattended",
        id=commission.id,
        slots=listing(offered, "word_or"),
        file=instance.supervisors_file,
    )


def tied_out_of_reach(instance: Instance, commission: Commission) -> Text | None:
    """With supervisors.csv, a commission whose institution every supervisor is tied to
    (a tie names it as whole words, as stage 3 reads ties): nobody may supervise its team,
    so no plan holds with it selected; else None."""
    from matcher.results import supervisor_names
    from matcher.text import names_contain

    supervisors = instance.supervisors
    if not supervisors:
        return None
    if not all(any(names_contain(t, commission.institution) for t in s.ties) for s in supervisors):
        return None
    return text(
        "td_tied_everyone",
        id=commission.id,
        institution=commission.institution,
        names=listing(list(supervisor_names(supervisors).values()), most=8),
        file=instance.supervisors_file,
    )


def own_size_rule(commission: Commission, low: int, high: int) -> Text | None:
    """A commission's own ``min_size``/``max_size`` that leave it no size among the cohort's
    team sizes ``low``…``high``, in the words of ``run`` and ``validate`` ("C07 asks for at
    most 4 students, but every team holds 5"); ``None`` when it has no bound of its own.
    The noun agrees with the last number said ("at most 1 student")."""
    own: list[Text] = []
    if commission.min_size is not None:
        own.append(text("td_at_least", n=commission.min_size))
    if commission.max_size is not None:
        own.append(text("td_at_most", n=commission.max_size))
    if not own:
        return None
    last = commission.max_size if commission.max_size is not None else commission.min_size
    asks = listing(own)
    if low == high:
        return counted("td_size_asks_exact", int(last or 0), id=commission.id, asks=asks, size=low)
    return counted("td_size_asks", int(last or 0), id=commission.id, asks=asks, low=low, high=high)


def oral_out_of_reach(instance: Instance, commission: Commission) -> Text | None:
    """With supervisors.csv (stage 3), a commission whose ``slots`` offer none of
    ``[calendar] oral_slots`` (a day ``dates`` gives one counts as that slot): its team
    could defend nowhere, so no plan holds with it selected; else None."""
    from matcher.text import belgian, slot_key

    calendar = instance.settings.calendar
    if instance.supervisors is None or commission.slots is None:
        return None
    if calendar.slots_named(commission.slots) & {slot_key(o) for o in calendar.oral_slots}:
        return None
    where: dict[str, object] = {
        "id": commission.id,
        "slots": listing(calendar.oral_slots, "word_or"),
        "column": instance.slots_header,
        "file": instance.commissions_file,
    }
    slip = calendar.year_slip(commission.slots)
    if slip is None:
        return text("td_no_oral_slot", **where)
    # The settings' year is most likely wrong, not the cell (probe s39f: `validate` sent
    # the director to every proposal's cell; `plan` says so since probe s39c).
    written, slot, day = slip
    return text("td_no_oral_slot_year", **where, date=written, slot=slot, day=belgian(day))
