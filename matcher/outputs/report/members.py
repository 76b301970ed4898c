"""The members section of report.html: one card per team, with its commission, the chips of
its composition and a row per member."""

from __future__ import annotations

from matcher.labels import Lang, Written, counted, decimal, half_up, label
from matcher.outputs import views
from matcher.outputs.report.markup import esc, h2, table, yes_no
from matcher.outputs.report.teams import column_text
from matcher.results import RunOutcome
from matcher.schemas import Commission


def members_section(outcome: RunOutcome, lang: Lang) -> str:
    """One card per team, in the order of the teams."""
    if outcome.teams is None:
        return ""
    composition = views.composition(outcome)
    commissions = views.commission_map(outcome.instance)
    parts = [h2("members", lang)]
    # The students whose explanation the page shows: their rank links to it (contract §9).
    explained = {e.student_id for e in outcome.explanations or ()}
    known = [
        s.experience_years for s in outcome.instance.students if s.experience_years is not None
    ]
    # A member whose experience is unknown counts as the cohort's mean, as in the experience
    # priority and the chart (probe s26: a card said 16 years where the chart said 19,2).
    mean = sum(known) / len(known) if known else None
    flags = views.known_flags(outcome.instance)
    for commission_id, team in views.members_by_team(outcome).items():
        commission = commissions.get(commission_id)
        parts.append(
            _team_card(commission_id, commission, team, composition, explained, mean, lang, flags)
        )
    return "".join(parts)


def _years(value: float, lang: Lang) -> str:
    """Years of experience without a useless decimal (``3`` rather than ``3.0``), with a
    decimal comma in French (``0,5``) like every other figure of the page."""
    return decimal(value, lang, None)


def _team_card(
    commission_id: str,
    commission: Commission | None,
    team: list[views.Member],
    composition: views.Composition,
    explained: set[str],
    mean: float | None,
    lang: Lang,
    flags: frozenset[str],
) -> str:
    """A team's card: heading, a line about its commission, its chips and its members;
    ``mean``: the cohort's mean experience (``None``: nobody's is known)."""
    title = f"{label('team', lang)} {commission_id}"
    if commission is not None:
        title += f" — {commission.institution}"
    sub = []
    if commission is not None:
        sub = [commission.sector, commission.problem_type]
        if commission.title:
            # Between the reader's quotes: "…" in English, « … » in French.
            sub.append(Written(commission.title).words(lang))
    sub.append(counted("team_members", len(team)).words(lang))
    show_experience = mean is not None
    if mean is not None:
        unknown = sum(m.student.experience_years is None for m in team)
        # Rounded as the chart rounds it, so that both say the same total.
        years = sum(m.student.experience_years or 0 for m in team) + unknown * mean
        total = float(half_up(years, 1))  # halves up, as every number read (probe s34f)
        shown = _years(total, lang)
        key = "team_experience"
        if shown in ("1", "1,0", "1.0"):
            key = "team_experience_single"
        elif total < 2:
            key = "team_experience_below_two"
        said = label(key, lang, years=shown)
        if unknown:
            mean_shown = _years(float(half_up(mean, 1)), lang)
            said += f" ({counted('team_experience_unknown', unknown, mean=mean_shown).words(lang)})"
        sub.append(said)
    chips = _chips(commission_id, composition, lang)
    members = _member_table(team, show_experience, explained, lang, flags)
    return (
        f'<section class="team" id="team-{esc(commission_id)}"><h3>{esc(title)}</h3>'
        f'<div class="sub">{esc(" · ".join(sub))}</div>'
        f'<div class="chips">{chips}</div>{members}</section>'
    )


def _chips(commission_id: str, composition: views.Composition, lang: Lang) -> str:
    """The team's counts worth a look: those outside their target, and the present "yes"
    and categories."""
    chips = []
    for column in composition.columns:
        count = composition.counts.get(commission_id, {}).get(column, 0)
        target = views.target_text(*composition.targets[column])
        off = not composition.in_target(commission_id, column)
        if not off and (not count or column[1] is False):
            # Within target, an absent category or a "no" (the "yes" shows it) adds nothing.
            continue
        # « 1 × VAE : oui (cible 0–1) », as the explanations count a value (probe s27: « VAE :
        # oui : 1 », two colons).
        text = f"{count} × {column_text(column, lang)} ({label('target', lang)} {target})"
        chips.append(f'<span class="chip{" off" if off else ""}">{esc(text)}</span>')
    return "".join(chips)


def _member_table(
    team: list[views.Member],
    show_experience: bool,
    explained: set[str],
    lang: Lang,
    flags: frozenset[str],
) -> str:
    """A row per member; gender and experience only when some member has them; the rank of
    a member with an explanation links to it ("why not a better choice?"), that of a member
    pinned there says so."""
    show_gender = any(m.student.gender for m in team)
    headers = [
        (esc(label("name", lang)), False),
        (esc(label("student_id", lang)), False),
        (esc(label("background", lang)), False),
        *((esc(label(name, lang)), False) for name in ("vae", "employed") if name in flags),
    ]
    if show_gender:
        headers.append((esc(label("gender", lang)), False))
    if show_experience:
        headers.append((esc(label("experience_years", lang)), True))
    headers.append((esc(label("choice_rank", lang)), True))
    headers.append((esc(label("choices_written", lang)), False))
    rows = []
    for member in team:
        student = member.student
        cells = [
            esc(student.display_name),
            esc(student.id),
            esc(student.background),
            *(esc(yes_no(getattr(student, n), lang)) for n in ("vae", "employed") if n in flags),
        ]
        if show_gender:
            cells.append(esc(student.gender or ""))
        if show_experience:
            years = student.experience_years
            cells.append("" if years is None else _years(years, lang))
        rank = esc(_rank_text(member, lang))
        if student.id in explained:
            why = esc(label("section_explanations", lang))
            rank = f'<a href="#why-{esc(student.id)}" title="{why}">{rank} ›</a>'
        cells.append(rank)
        cells.append(esc(" ; ".join(student.as_written)))
        rows.append(cells)
    return table(headers, rows)


def _rank_text(member: views.Member, lang: Lang) -> str:
    """Where the team stands in the member's choices, in words; a member pinned to it said
    so (probe s32e: E011, pinned to P05, read only « non listé »)."""
    if member.unlisted:
        rank = label("not_listed", lang)
    elif member.choice_rank is None:
        rank = label("no_rank", lang)
    else:
        rank = str(member.choice_rank)
    if member.pinned:
        return label("rank_pinned", lang, rank=rank)
    return rank
