"""What a result achieved, in sentences a programme director reads without solver jargon.

The report's and the workbook's main text say "every team within its targets" rather than
"balance violations 0", "experience spread: at most 0.3 years from the fair share" rather
than "largest experience gap 6120"; the exact values (priorities, bounds, seed) stay in
their technical section. Sentences are computed once here so both files say the same.
"""

from __future__ import annotations

from typing import Any

from matcher.labels import Lang, counted, decimal, half_up, has_label, label, percent
from matcher.outputs import views
from matcher.results import RunOutcome


def experience_spread_years(outcome: RunOutcome) -> float | None:
    """The largest distance, in years, between a team's total experience and its fair share
    (size × cohort's mean): the ``experience`` priority divided by 10·N; ``None`` when no
    student's experience is known or there are no teams."""
    if outcome.teams is None or not outcome.instance.students:
        return None
    if all(s.experience_years is None for s in outcome.instance.students):
        return None
    from matcher.verify.teams import experience_gap

    gap = experience_gap(
        outcome.instance, list(outcome.teams.commission_ids), outcome.teams.assignment
    )
    return gap / (10 * len(outcome.instance.students))


def teams_within_targets(outcome: RunOutcome) -> tuple[int, int]:
    """(teams whose every balanced count lies in its target, teams): the selected
    commissions' teams, as ``balance_violations`` counts them."""
    composition = views.composition(outcome)
    assert outcome.teams is not None
    teams = list(outcome.teams.commission_ids)
    inside = sum(
        all(composition.in_target(cid, column) for column in composition.columns) for cid in teams
    )
    return inside, len(teams)


def years_text(years: float, lang: Lang) -> str:
    """Years with one decimal, written with a decimal comma in French."""
    return decimal(years, lang, 1)


def _attributes(outcome: RunOutcome, lang: Lang) -> str:
    names = [
        (label(a, lang) if a == "vae" else label(a, lang).lower())
        if a in ("background", "vae", "employed", "gender")
        else a
        for a in views.balanced_attributes(outcome)
    ]
    return ", ".join(names)


def statements(outcome: RunOutcome, lang: Lang) -> list[str]:
    """The result in a few plain sentences, most important first."""
    found: list[str] = []
    metrics = views.metrics(outcome)
    if outcome.selection is not None and "selection" in metrics:
        m = metrics["selection"]
        found.append(
            label(
                "plain_selection",
                lang,
                selected=counted("plain_n_selected", m["count"]).words(lang),
                sectors=counted("plain_n_sectors", m["distinct_sectors"]).words(lang),
                types=counted("plain_n_types", m["distinct_problem_types"]).words(lang),
                most=m["max_per_sector"],
            )
        )
    if outcome.teams is not None and "teams" in metrics:
        m = metrics["teams"]
        teams = len(outcome.teams.commission_ids)
        low, high = m["size_min"], m["size_max"]
        sizes = views.target_text(low, high)
        # Nouns agree with their numbers: "7 students in 1 team of 7" (count = 1).
        in_teams = counted("plain_n_teams", teams).words(lang)
        # The students in those teams (a result edited by hand may leave one out: not said
        # to be in a team, probe s27).
        selected = set(outcome.teams.commission_ids)
        placed = sum(t in selected for t in outcome.teams.assignment.values())
        said = counted("plain_sizes", placed, teams=in_teams, sizes=sizes)
        found.append(said.words(lang))
        inside, total = teams_within_targets(outcome)
        attributes = _attributes(outcome, lang)
        if not attributes:
            found.append(label("plain_balance_none", lang))
        elif inside == total:
            found.append(label("plain_balance_ok", lang, attributes=attributes))
        else:
            found.append(
                counted(
                    "plain_balance_off", total - inside, total=total, attributes=attributes
                ).words(lang)
            )
        spread = experience_spread_years(outcome)
        if spread is not None:
            # French keeps the singular below two: « au plus 0,3 an », « 4,5 années ».
            key = "plain_experience_below_two" if half_up(spread, 1) < 2 else "plain_experience"
            found.append(label(key, lang, years=years_text(spread, lang)))
        if m.get("first_choice_share") is not None:
            found.append(_choices_got(outcome, m, lang))
        found.append(
            label("plain_conflicts_ok", lang)
            if not m["conflicts_of_interest"]
            else counted("plain_conflicts", m["conflicts_of_interest"]).words(lang)
        )
        if outcome.instance.pairs:
            found.append(
                label("plain_pairs_ok", lang)
                if not m["pair_violations"]
                else counted("plain_pairs", m["pair_violations"]).words(lang)
            )
    if outcome.plan_stopped is not None:
        found.append(label("plain_plan_stopped", lang))
    optimised = [stage for _, stage in views.solved_stages(outcome) if not views.is_given(stage)]
    if optimised:
        found.append(_proof(outcome, lang))
    return found


def _choices_got(outcome: RunOutcome, m: dict[str, Any], lang: Lang) -> str:
    """The choice shares in words, over the students who gave choices: named as such when
    some gave none (contract §5: no figure overstates what students got)."""
    unlisted = int(m["unlisted"])
    words = {
        "first": percent(m["first_choice_share"], lang),
        "listed": percent(m["listed_share"], lang),
        "unlisted": label("plain_unlisted_none", lang)
        if unlisted == 0
        else counted("plain_unlisted", unlisted).words(lang),
    }
    # Over the cohort's students with choices, as the shares are (placed or not).
    cohort = outcome.instance.students
    with_choices = sum(1 for student in cohort if student.choices)
    if with_choices == len(cohort):
        return label("plain_choices_got", lang, **words)
    return counted("plain_choices_got_some", with_choices, **words).words(lang)


def _proof(outcome: RunOutcome, lang: Lang) -> str:
    """Whether the result is proven the best: never for a stage given (teams edited by hand,
    a selection read from a file), and a search the person stopped said stopped, not "time
    limit reached"."""
    key = views.proven_key(outcome)
    if key == "not_proven":
        stopped = views.was_interrupted(outcome)
        return label("plain_interrupted" if stopped else "plain_not_proven", lang)
    if key == "proven":
        return label("plain_proven", lang)
    stages = views.solved_stages(outcome)
    names = [
        [label(f"stage_{name}", lang) for name, stage in stages if views.is_given(stage) == given]
        for given in (False, True)
    ]
    return label("plain_proven_given", lang, proven=", ".join(names[0]), given=", ".join(names[1]))


def compared_words(
    name: str, value: int, solver: int | None, num_students: int, lang: Lang
) -> tuple[str, str, str]:
    """(plain name, value now, solver's value) of a priority, as :func:`priority_words`
    shows them; two different values that one decimal shows alike get the decimals that
    tell them apart (probe s31f: « 3,4 | 3,4 | meilleur » for 1290 against 1310)."""
    words, now = priority_words(name, value, num_students, lang)
    if solver is None:
        return words, now, ""
    before = priority_words(name, solver, num_students, lang)[1]
    if name == "experience" and num_students:
        digits = views.digits_apart(value, solver, num_students)
        now, before = (decimal(v / (10 * num_students), lang, digits) for v in (value, solver))
    return words, now, before


def priority_words(name: str, value: int, num_students: int, lang: Lang) -> tuple[str, str]:
    """(plain name, value as shown) of a priority: the experience priority in years from the
    fair share (its value divided by 10·N), every other as its count."""
    key = f"plain_prio_{name}"
    shown = label(key, lang) if has_label(key) else name
    if name == "experience" and num_students:
        return shown, years_text(value / (10 * num_students), lang)
    return shown, str(value)
