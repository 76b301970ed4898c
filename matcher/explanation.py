"""One explanation (contract §9) and its words: what ``explanations.csv``, the report and
the workbook show. No engine: the writers import it cheaply (``matcher.explain`` answers).
"""

from __future__ import annotations

import os
import tempfile
from collections import Counter
from collections.abc import Collection, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from matcher.labels import (
    Lang,
    balance_column,
    counted,
    decimal,
    half_up,
    label,
    listing,
    worded,
    years,
)
from matcher.outputs.csvwrite import write_csv

if TYPE_CHECKING:
    from matcher.schemas import Student

__all__ = [
    "COLUMNS",
    "Explanation",
    "NoWish",
    "Verdict",
    "no_wish",
    "ordinal",
    "sentence",
    "write_explanations_csv",
]

Verdict = Literal["impossible", "free", "costs", "unknown"]

#: Why a student has no wish to explain: no choices written, none of their choices
#: selected, or on the best of their selected choices.
NoWish = Literal["no_choices", "none_selected", "on_best"]


def no_wish(choices: Sequence[str], selected: Collection[str] | None) -> NoWish:
    """Why a student with these ``choices`` has no wish explained, the ``selected``
    commissions being the result's teams (``matcher explain`` and the workbench's why panel
    say it in their own words): no choices written; none of them selected (their team is on
    none of their choices, so "on the best of them" would be false); else on the best of
    their selected choices (``selected`` ``None``: not known, not said)."""
    if not choices:
        return "no_choices"
    if selected is not None and not set(choices) & set(selected):
        return "none_selected"
    return "on_best"


#: Between the names a rule's value lists (``explain_rules``; ``_localised`` words them).
NAMES_JOINED = "\x1f"

#: Columns of explanations.csv (contract §9).
COLUMNS = (
    "student_id",
    "commission_id",
    "wanted",
    "wanted_rank",
    "verdict",
    "priority",
    "value",
    "value_if",
    "displaced",
    "reason",
)


#: Students named in a ``free`` sentence before "and N others move".
_MOVES_SHOWN = 5


def nothing_to_explain(
    students: Sequence[Student], selected: Collection[str] | None, lang: Lang
) -> str:
    """What ``matcher explain`` and the report say when no wish is to be explained: every
    student with choices on the best of their selected choices, but not of those who wrote
    none (nobody at all: nothing to say of them) or none of whose choices was selected
    (``no_wish``: "on the best of them" would be false)."""
    kinds = [(s.id, no_wish(s.choices, selected)) for s in students]
    if all(kind == "no_choices" for _, kind in kinds):
        return sentence("none_no_choices", lang)
    # Named as every other line names them (probe s30e: « aucun des choix de S2, S3, S4 »).
    unmet = [
        f"{s.name} [{s.id}]" if s.name else s.id
        for s, (_, kind) in zip(students, kinds, strict=True)
        if kind == "none_selected"
    ]
    if not unmet:
        return sentence("cli_none", lang)
    shown = ", ".join(unmet[:8]) + (f", … ({len(unmet)})" if len(unmet) > 8 else "")
    return sentence("none_unmet", lang, n=len(unmet), who=shown)


def sentence(key: str, lang: Lang, **values: object) -> str:
    """The explanation sentence ``key`` (label ``explain_<key>`` of ``matcher.labels``) in
    ``lang``, its placeholders filled."""
    return label(f"explain_{key}", lang, **values)  # with French elision (probe s29i)


def ordinal(rank: int, lang: Lang) -> str:
    """'first', 'second', … / 'premier', 'deuxième', … (a written choice position)."""
    if lang == "fr":
        # In words up to ten, as the first five were (probe s27: « cinquième », then « 6e »).
        words = {
            1: "premier", 2: "deuxième", 3: "troisième", 4: "quatrième", 5: "cinquième",
            6: "sixième", 7: "septième", 8: "huitième", 9: "neuvième", 10: "dixième",
        }  # fmt: skip
        return words.get(rank, f"{rank}e")
    words = {
        1: "first", 2: "second", 3: "third", 4: "fourth", 5: "fifth",
        6: "sixth", 7: "seventh", 8: "eighth", 9: "ninth", 10: "tenth",
    }  # fmt: skip
    # 21st, 22nd, 23rd (never "21th"); 11th to 13th, 111th… keep "th".
    suffix = "th" if 10 <= rank % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(rank % 10, "th")
    return words.get(rank, f"{rank}{suffix}")


@dataclass(frozen=True)
class Explanation:
    """The answer to "why is this student not on ``wanted``?"."""

    student_id: str
    #: The student's name as shown in reports (their id without one).
    student_name: str
    #: Where they are in the result.
    commission_id: str
    wanted: str
    #: Position of ``wanted`` among the choices as the student wrote them (1 = first).
    wanted_rank: int
    verdict: Verdict
    #: ``costs``: the first priority (settings' order) that gets worse, its value now and
    #: with the wish granted; None otherwise.
    priority: str | None = None
    value: int | None = None
    value_if: int | None = None
    #: ``free`` and ``costs``: how many other students would change team.
    displaced: int | None = None
    #: ``free`` and ``costs``: (student id, name, from, to) of each other student who moves.
    moved: tuple[tuple[str, str, str, str], ...] = ()
    #: ``costs``: what the re-solve breaks in one team or student, as (key, value) pairs
    #: (``matcher.explain_detail``); empty when nothing that precise is said.
    detail: tuple[tuple[str, str], ...] = ()
    #: ``impossible``: the rule (a ``rule_*`` key of ``SENTENCES``) and its placeholders.
    rule: tuple[str, tuple[tuple[str, str], ...]] | None = None
    #: ``free`` on a result not optimal: the first priority the granted wish makes better,
    #: its value now and then (said in the sentence; explanations.csv's columns stay empty).
    better: tuple[str, int, int] | None = None
    #: ``unknown``: the time limit of each solve, in seconds.
    time_limit: float | None = None
    #: ``unknown``: Ctrl-C (or the workbench's cancel) stopped the search before it settled.
    interrupted: bool = False
    #: ``unknown``: (students, teams) of a cohort too large for the solver's model of a
    #: wish (``models.team_wish.session_fits``): only the checks without it were tried.
    too_large: tuple[int, int] | None = None
    #: ``unknown``: the checks without the solver did not end within ``time_limit``.
    checks_over: bool = False
    #: Students of the cohort: the ``experience`` priority (tenths of years times N) is
    #: shown to people in years, as the report shows it (value / (10·N)).
    num_students: int | None = None

    def shown_values(self) -> tuple[float | int | None, float | int | None]:
        """(``value``, ``value_if``) as people read them: the ``experience`` priority in
        years from the fair share (``_digits`` decimals), every other priority as its count."""
        if self.priority != "experience" or not self.num_students:
            return self.value, self.value_if
        scale, digits = 10 * self.num_students, self._digits()

        def years(value: int | None) -> float | None:
            # Halves up, as every number people read (probe s34d: 12.25 years « 12.2 » here,
            # « 12.3 » in the priorities beside; round() takes halves to even).
            return None if value is None else float(half_up(value / scale, digits))

        return years(self.value), years(self.value_if)

    def _digits(self) -> int:
        """Decimals of the experience in years: one, or the fewest that tell ``value`` from
        ``value_if`` (a gap of 4 and 5 tenths over 8 students: "from 0.05 to 0.06 years",
        not "from 0.1 to 0.1")."""
        scale = 10 * (self.num_students or 1)
        digits = 1
        while digits < 6 and self.value != self.value_if:
            if half_up((self.value or 0) / scale, digits) != half_up(
                (self.value_if or 0) / scale, digits
            ):
                break
            digits += 1
        return digits

    def reason(self, lang: Lang = "en") -> str:
        """One sentence in ``lang`` (contract §9 ``reason``)."""
        common = {
            "name": self.student_name,
            "wanted": self.wanted,
            "ordinal": ordinal(self.wanted_rank, lang),
        }
        if self.verdict == "impossible":
            assert self.rule is not None
            key, values = self.rule
            rule = sentence(key, lang, wanted=self.wanted, **_localised(dict(values), lang))
            return sentence("impossible", lang, rule=rule, **common)
        if self.verdict == "free" and self.better is not None:
            return sentence(
                "free_better", lang, moves=self._moves_text(lang), **self._better(lang), **common
            )
        if self.verdict == "free" and not self.moved:
            return sentence("free_alone", lang, **common)
        if self.verdict == "free":
            return sentence("free", lang, moves=self._moves_text(lang), **common)
        if self.verdict == "costs":
            assert self.priority is not None
            value_now, value_then = self.values_text(lang)
            # A what-if's moves: "only if the what-if moved more students: 2 instead of 0";
            # more others changing team than moves counted are said not counted.
            counted = (self.value_if or 0) - (self.value or 0)
            # The student's own move is one of them (probe s34h: 1 other and the student
            # moving, 1 move counted, said without the note).
            uncounted = self.priority == "moves" and (self.displaced or 0) + 1 > counted
            said = sentence(
                "costs_moves" if self.priority == "moves" else "costs",
                lang,
                uncounted=sentence("moves_uncounted", lang) if uncounted else "",
                priority=sentence(f"priority_{self.priority}", lang),
                value=value_now,
                value_if=value_then,
                detail=self._detail_text(lang),
                others=_displaced(self.displaced, lang),
                **common,
            )
            return said + self._better_text(lang)
        if self.interrupted:
            return sentence("unknown_interrupted", lang, **common)
        if self.too_large is not None:
            students, teams = self.too_large
            return sentence("unknown_too_large", lang, students=students, teams=teams, **common)
        if self.checks_over:
            limit = decimal(self.time_limit or 0, lang, None)
            return sentence("unknown_checks", lang, limit=limit, **common)
        return sentence("unknown", lang, limit=decimal(self.time_limit or 0, lang, None), **common)

    def _better_text(self, lang: Lang) -> str:
        """What a ``costs`` answer betters before the priority that gets worse (a result not
        optimal): " — and it even improves balance, from 1 to 0"; nothing without one."""
        return "" if self.better is None else sentence("costs_better", lang, **self._better(lang))

    def _better(self, lang: Lang) -> dict[str, object]:
        """The priority ``better`` names and its value from and to, as the sentences say
        them (``values_text``: the experience in years)."""
        assert self.better is not None
        priority, value, value_if = self.better
        shown = replace(self, priority=priority, value=value, value_if=value_if)
        value_now, value_then = shown.values_text(lang)
        name = sentence(f"priority_{priority}", lang)
        return {"priority": name, "value": value_now, "value_if": value_then}

    def values_text(self, lang: Lang) -> tuple[object, object]:
        """(``value``, ``value_if``) as the sentence says them: ``experience`` in years."""
        if self.priority == "experience" and self.num_students:
            years, years_if = self.shown_values()
            digits = self._digits()
            return (
                _years(years, lang, unit=False, digits=digits),
                _years(years_if, lang, digits=digits),
            )
        return self.value, self.value_if

    def _detail_text(self, lang: Lang) -> str:
        """``detail`` in words: " — C04 would have 3 × éducateur, target 1–2", " — Tom would
        go to C07, their fourth choice"; nothing without one."""
        values = dict(self.detail)
        kind = values.get("kind")
        if kind == "balance":
            flag = values["flag"] == "1"
            value: bool | str = values["value"] == "yes" if flag else values["value"]
            low, high = values["low"], values["high"]
            return sentence(
                "detail_balance",
                lang,
                team=values["team"],
                count=values["count"],
                column=balance_column(values["attribute"], value, lang),
                target=low if low == high else f"{low}–{high}",
            )
        if kind == "worst":
            if values["rank"]:
                rank = ordinal(int(values["rank"]), lang)
                return sentence(
                    "detail_worst", lang, other=values["other"], team=values["team"], ordinal=rank
                )
            other, team = values["other"], values["team"]
            return sentence("detail_worst_unlisted", lang, other=other, team=team)
        return ""

    def _moves_text(self, lang: Lang) -> str:
        if not self.moved:
            return sentence("nobody_moves", lang)
        # A name the sentence already uses (the student explained, another mover: two
        # "Léa Martin") is followed by the id, so that no one reads "Léa Martin moves" of
        # Léa Martin herself.
        names = Counter([self.student_name, *(name for _, name, _, _ in self.moved)])
        parts = [
            sentence(
                "move",
                lang,
                name=name if names[name] == 1 else f"{name} ({student})",
                source=source,
                target=target,
            )
            for student, name, source, target in self.moved[:_MOVES_SHOWN]
        ]
        more = len(self.moved) - _MOVES_SHOWN
        if more == 1:
            parts.append(sentence("one_more_moves", lang))
        elif more > 1:
            parts.append(sentence("more_moves", lang, count=more))
        return ", ".join(parts)

    def row(self, lang: Lang = "en") -> tuple[str, ...]:
        """The explanations.csv row (``COLUMNS``)."""

        def text(value: object) -> str:
            return "" if value is None else str(value)

        return (
            self.student_id,
            self.commission_id,
            self.wanted,
            str(self.wanted_rank),
            self.verdict,
            text(self.priority),
            text(self.value),
            text(self.value_if),
            text(self.displaced),
            self.reason(lang),
        )


def _years(value: float | int | None, lang: Lang, unit: bool = True, digits: int = 1) -> str:
    """Years with ``digits`` decimals (``1,5`` in French), followed by the unit when ``unit``
    (``1,5 an``, ``2,0 ans``: French keeps the singular below two)."""
    if not unit:
        return decimal(float(value or 0), lang, digits)
    return years(float(value or 0), lang, digits)


def _displaced(count: int | None, lang: Lang) -> str:
    """What follows a cost: `` (3 other students would move)``, noun and verb agreeing with
    ``count``; nothing when the re-solve did not say (no assignment to compare)."""
    if count is None:
        return ""
    if count == 0:
        return sentence("displaced_none", lang)
    return counted("explain_displaced", count).words(lang)


def _localised(values: dict[str, str], lang: Lang) -> dict[str, str]:
    """Rule placeholders whose words depend on the language (the size of a group)."""
    if "pinned_names" in values:
        pinned = values.pop("pinned_names").split(NAMES_JOINED)
        values["pinned"] = worded(listing(pinned, most=4), lang)
    if "partner_names" in values:
        partners = [p for p in values.pop("partner_names").split(NAMES_JOINED) if p]
        names = worded(listing(partners, most=4), lang)
        together = counted("explain_full_partners", len(partners), names=names)
        values["partners"] = together.words(lang) if partners else ""
    if "capacity_count" in values:
        capacity = int(values.pop("capacity_count"))
        values["capacity"] = counted("explain_capacity", capacity).words(lang)
    if "group_size" in values:
        size = int(values.pop("group_size"))
        values["group"] = (
            sentence("one_student", lang) if size == 1 else sentence("group_of", lang, count=size)
        )
    return values


def write_explanations_csv(path: Path, explanations: Sequence[Explanation], lang: Lang) -> None:
    """Write explanations.csv (``COLUMNS``), atomically: a temporary file renamed (and
    removed if the process is stopped at once meanwhile: SIGTERM, a second Ctrl-C)."""
    from matcher.interrupt import cleanup

    path = Path(path)
    handle, temporary = tempfile.mkstemp(prefix=".explanations-", suffix=".csv", dir=path.parent)
    os.close(handle)
    try:
        with cleanup(lambda: Path(temporary).unlink(missing_ok=True)):
            write_csv(Path(temporary), COLUMNS, (e.row(lang) for e in explanations))
            # Readable as any file written there (mkstemp's 0600 was the owner's alone: a
            # colleague sharing the result folder could not open it).
            mask = os.umask(0o022)
            os.umask(mask)
            os.chmod(temporary, 0o666 & ~mask)
            os.replace(temporary, path)
    finally:
        if os.path.exists(temporary):
            os.unlink(temporary)
