"""Every label a person reads in reports, workbooks and terminal summaries, in English and French.

Data (institution names, backgrounds, sectors) stays as given; only the words around it are
translated here. Keys are English identifiers; a missing key is a programming error, caught by
the tests that render every output in both languages.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterable, Sequence
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from decimal import Decimal

Lang = Literal["en", "fr"]

LANGS: tuple[Lang, ...] = ("en", "fr")


def lang_of(value: str) -> Lang | None:
    """The language ``value`` names (``fr``, ``FR``, ``fr_BE``), if one of ``LANGS``."""
    folded = value.strip().lower()[:2]
    return ("fr" if folded == "fr" else "en") if folded in LANGS else None


def resolve_lang(explicit: str | None = None) -> Lang:
    """The language in force (contract §7): ``explicit`` (``--lang``), else the environment
    variable ``MATCHER_LANG``, else French when the locale (``LC_ALL``, ``LC_MESSAGES``,
    ``LANG``, the first one set) starts with ``fr``, else English."""
    for candidate in (explicit, os.environ.get("MATCHER_LANG")):
        spoken = lang_of(candidate or "")
        if spoken is not None:
            return spoken
    for variable in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(variable)
        if value:
            return "fr" if value.lower().startswith("fr") else "en"
    return "en"


def decimal(value: float, lang: Lang, digits: int | None = 1) -> str:
    """A number for people in ``lang``: ``digits`` decimals (``None``: as short as it goes,
    ``60``, ``0.5``, ``1000000``, no more digits than a float holds), with a decimal comma
    in French (``0,33``, ``1,2``), a point in English. Machine files (summary.json, CSV)
    keep Python's own point. Halves go up as written in decimal (1.65 → 1.7 and 3.35 → 3.4,
    where the float's binary value gave 1.6 and 3.4 in one sentence: probe s29a)."""
    if digits is None or value != value or value in (float("inf"), float("-inf")):
        shown = f"{value:.15g}" if digits is None else f"{value:.{digits}f}"
    else:
        shown = f"{half_up(value, digits):f}"
    return shown.replace(".", ",") if lang == "fr" else shown


def half_up(value: float, digits: int) -> Decimal:
    """``value`` rounded to ``digits`` decimals as people round what they read: halves up,
    as written in decimal (:func:`decimal`; 1.65 → 1.7, where the float is 1.649…)."""
    from decimal import ROUND_HALF_UP, Decimal

    return Decimal(repr(float(value))).quantize(Decimal(1).scaleb(-digits), ROUND_HALF_UP)


def years(value: float, lang: Lang, digits: int = 1) -> str:
    """Years with ``digits`` decimals and their unit: ``1,5 an``, ``2,0 ans`` (French keeps
    the singular below two), ``1.5 years``."""
    key = "explain_years_one" if lang == "fr" and abs(value) < 2 else "explain_years_many"
    return label(key, lang, years=decimal(value, lang, digits))


_WEEKDAYS = {
    "en": ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"),
    "fr": ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"),
}
_MONTHS = {
    "en": (
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ),
    "fr": (
        "janvier",
        "février",
        "mars",
        "avril",
        "mai",
        "juin",
        "juillet",
        "août",
        "septembre",
        "octobre",
        "novembre",
        "décembre",
    ),
}


def long_date(iso: str, lang: Lang) -> str:
    """A day (``2027-05-20``, as schedule.csv holds it) as people read it: « jeudi 20 mai
    2027 », "Thursday 20 May 2027"; anything else as given."""
    from datetime import date

    try:
        day = date.fromisoformat(iso)
    except ValueError:
        return iso
    weekday, month = _WEEKDAYS[lang][day.weekday()], _MONTHS[lang][day.month - 1]
    number = "1er" if lang == "fr" and day.day == 1 else str(day.day)
    return f"{weekday} {number} {month} {day.year}"


@dataclass(frozen=True)
class Number:
    """A number in a message worded later (a value of a ``Text``): :func:`decimal` in the
    reader's language."""

    value: float
    digits: int | None = 1

    def words(self, lang: Lang) -> str:
        """The number in ``lang``."""
        return decimal(self.value, lang, self.digits)

    def __str__(self) -> str:
        return self.words("en")


@dataclass(frozen=True)
class Day:
    """A day in a message worded later (a value of a ``Text``): an ISO day (as schedule.csv
    and ``[calendar] dates`` hold it) as the reader says it, :func:`long_date` (« jeudi 15
    avril 2027 », "Thursday 15 April 2027"); anything else as given."""

    iso: str

    def words(self, lang: Lang) -> str:
        """The day in ``lang``."""
        return long_date(self.iso, lang)

    def __str__(self) -> str:
        return self.words("en")


@dataclass(frozen=True)
class Text:
    """A message to be worded later, in the language of whoever reads it.

    Code that does not know the reader's language (loading, verification, the engines)
    returns ``Text(key, values)``; front ends word it with ``words(lang)``. ``str()`` gives
    the English wording, for logs and tests.
    """

    key: str
    values: dict[str, object] = field(default_factory=dict)
    #: A count choosing between ``key_one`` and ``key_many`` (see ``counted``).
    count: int | None = None

    def words(self, lang: Lang, page: bool = False) -> str:
        """The message in ``lang``; values that are ``Text`` or ``Listing`` are worded too.
        ``page``: as the workbench shows it, in its own words where the catalogue has them
        (``_PAGE_LABELS``: its fields, not settings.toml's keys)."""
        shown = {
            k: v.words(lang, page)
            if isinstance(v, Text | Listing)
            else v.words(lang)
            if isinstance(v, Number | Written | Day | CellNumber)
            # Plain values as given, the start of a very long one.
            else clipped(v, lang)
            for k, v in self.values.items()
        }
        key = self.key
        if self.count is not None:
            # English: singular for 1 only; French: singular for 0 and 1. A message that
            # has a ``_zero`` form says none as people do ("no proposal is eligible", not
            # "only 0 proposals are eligible").
            one = self.count == 1 or (lang == "fr" and self.count == 0)
            if self.count == 0 and f"{key}_zero" in _LABELS:
                key += "_zero"
            else:
                key += "_one" if one else "_many"
        if page and key in _PAGE_LABELS:
            english, french = _PAGE_LABELS[key]
            return (french if lang == "fr" else english).format(**shown)
        return label(key, lang, **shown)

    def __str__(self) -> str:
        return self.words("en")


@dataclass(frozen=True)
class Written:
    """A value found in a file (a value of a ``Text``), as the person wrote it (TOML
    spelling for settings), each text between the reader's quotes: ``"abc"``, ``« abc »``."""

    value: object

    def words(self, lang: Lang) -> str:
        """The value in ``lang``'s quotes, the start of it when very long."""
        quote = ("« ", " »") if lang == "fr" else ('"', '"')
        return str(clipped(_spelled(self.value, quote), lang))

    def __str__(self) -> str:
        return self.words("en")


@dataclass(frozen=True)
class CellNumber:
    """A workbook cell's decimal number quoted in a message (a value of a ``Text``): read
    as ``2.5``, shown by a French spreadsheet as ``2,5``, and so said in French (session 39's
    note: « 2.5 » quoted to a director who typed 2,5)."""

    value: str

    def words(self, lang: Lang) -> str:
        """The number as the reader's spreadsheet shows it."""
        return self.value.replace(".", ",") if lang == "fr" else self.value

    def __str__(self) -> str:
        return self.value


def _spelled(value: object, quote: tuple[str, str]) -> str:
    """``value`` as written, each text between ``quote``."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        # Nothing between French quotes is one space apart, not two: « ».
        return f"{quote[0]}{value}{quote[1]}" if value else (quote[0] + quote[1]).replace("  ", " ")
    if isinstance(value, list | tuple):
        return "[" + ", ".join(_spelled(v, quote) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k} = {_spelled(v, quote)}" for k, v in value.items()) + "}"
    return str(value)


class Worded(str):
    """A sentence worded in every language by code that words as it goes (stage 3's
    diagnosis): the string is its wording in ``lang``, the language asked, and
    :func:`worded` gives it in the reader's, so a page switching language rewords it;
    ``by_page``: as the workbench words it (its fields, not settings.toml's keys)."""

    by_lang: dict[Lang, str]
    lang: Lang
    by_page: dict[Lang, str]

    def __new__(
        cls, by_lang: dict[Lang, str], lang: Lang, by_page: dict[Lang, str] | None = None
    ) -> Worded:
        self = super().__new__(cls, by_lang[lang])
        self.by_lang, self.lang = dict(by_lang), lang
        self.by_page = dict(by_page or by_lang)
        return self

    def words(self, lang: Lang, page: bool = False) -> str:
        """The sentence in ``lang`` (``page``: as the workbench words it)."""
        return (self.by_page if page else self.by_lang).get(lang, str(self))

    def __reduce__(
        self,
    ) -> tuple[type[Worded], tuple[dict[Lang, str], Lang, dict[Lang, str]]]:
        return (Worded, (self.by_lang, self.lang, self.by_page))


#: Set while ``lines_in_every_language`` words the workbench's variant of the lines:
#: ``label`` then takes the page's wording of a key that has one (``_PAGE_LABELS``).
_PAGE_WORDING: ContextVar[bool] = ContextVar("matcher_page_wording", default=False)


def lines_in_every_language(make: Callable[[Lang], Sequence[str]], lang: Lang) -> tuple[str, ...]:
    """The sentences ``make`` words (stage 3's diagnosis), each a ``Worded`` of every
    language, in ``lang`` as a string; in ``lang`` alone should the languages ever disagree
    on the lines. Each also as the workbench words it (probe s33: « changez [calendar]
    oral_slots » on the page, where « Créneaux des soutenances » is the field)."""
    by_lang = {each: list(make(each)) for each in LANGS}
    token = _PAGE_WORDING.set(True)
    try:
        by_page = {each: list(make(each)) for each in LANGS}
    finally:
        _PAGE_WORDING.reset(token)
    if len({len(lines) for lines in (*by_lang.values(), *by_page.values())}) != 1:
        return tuple(by_lang[lang])
    return tuple(
        Worded(
            {each: by_lang[each][i] for each in LANGS},
            lang,
            {each: by_page[each][i] for each in LANGS},
        )
        for i in range(len(by_lang[lang]))
    )


#: A plain value longer than this (a cell of 10,000 characters quoted in a message) is
#: shown by its start and its length: the message stays readable on a terminal.
_CLIP_OVER = 400
_CLIP_TO = 120


def clipped(value: object, lang: Lang) -> object:
    """``value``, or the start of a string longer than ``_CLIP_OVER`` and its length."""
    if isinstance(value, str) and len(value) > _CLIP_OVER:
        return label("clipped_value", lang, start=value[:_CLIP_TO], n=len(value))
    return value


def text(key: str, **values: object) -> Text:
    """``Text(key, values)``: a message worded when the language is known."""
    return Text(key, dict(values))


def counted(key: str, n: int, **values: object) -> Text:
    """A message with a count ``n``: worded from ``key_one`` or ``key_many`` as the language
    agrees nouns with ``n`` (``{n}`` is among the values)."""
    return Text(key, {"n": n, **values}, count=n)


@dataclass(frozen=True)
class Listing:
    """Items joined in the reader's language: ``a, b and c`` / ``a, b et c``.

    ``last`` is the key of the last joining word (``word_and`` or ``word_or``); ``more``
    counts items left unnamed (``a, b and 3 more``).
    """

    items: tuple[str | Text | Listing, ...]
    last: str | None = "word_and"
    more: int = 0
    #: Key of a separator put between every two items instead (e.g. ``"; "``).
    joiner: str | None = None

    def words(self, lang: Lang, page: bool = False) -> str:
        """The items, worded and joined (by commas only when ``last`` is ``None``)."""
        items = [worded(item, lang, page) for item in self.items]
        if self.joiner is not None and self.more:
            joined = label(self.joiner, lang).join(items)
            return label("and_more", lang, items=joined, n=self.more)
        if self.joiner is not None:
            return label(self.joiner, lang).join(items)
        if self.more:
            return label("and_more", lang, items=", ".join(items), n=self.more)
        if len(items) <= 1 or self.last is None:
            return ", ".join(items)
        return f"{', '.join(items[:-1])} {label(self.last, lang)} {items[-1]}"

    def __str__(self) -> str:
        return self.words("en")


def listing(
    items: Iterable[str | Text | Listing],
    last: str | None = "word_and",
    most: int | None = None,
    joiner: str | None = None,
) -> Listing:
    """``Listing`` of ``items``, naming at most ``most`` of them when more are given (all of
    them when one only would be left: "and 1 more" says no less than its name)."""
    shown = tuple(items)
    if most is not None and len(shown) > most + 1:
        return Listing(shown[:most], last, len(shown) - most, joiner)
    return Listing(shown, last, joiner=joiner)


def worded(message: str | Text | Listing, lang: Lang, page: bool = False) -> str:
    """A message in ``lang``: ``Text`` is worded, plain strings (data) are kept as they are.
    ``page``: as the workbench shows it (``Text.words``)."""
    if isinstance(message, Worded):
        return message.words(lang, page)
    return message if isinstance(message, str) else message.words(lang, page)


#: key → (English, French).
_LABELS: dict[str, tuple[str, str]] = {
    # A long value quoted in a message (labels.clipped)
    "clipped_value": ("{start}… ({n} characters in all)", "{start}… ({n} caractères en tout)"),
    # Titles and sections
    "title": ("Commissions and teams", "Commandes et équipes"),
    "instance": ("Cohort", "Cohorte"),
    "version": ("matcher version", "version de matcher"),
    "seed": ("Seed", "Graine"),
    "section_overview": ("Overview", "Vue d'ensemble"),
    "section_priorities": ("Priorities reached", "Priorités atteintes"),
    "section_selection": ("Selection of commissions", "Sélection des commandes"),
    "section_selection_why": ("Why these commissions", "Pourquoi ces commandes"),
    "section_teams": ("Teams", "Équipes"),
    "section_composition": ("Composition against cohort targets", "Composition et cibles"),
    "section_choices": ("Choice satisfaction", "Satisfaction des choix"),
    "section_changes": ("Changes (what-if)", "Changements (simulation)"),
    "section_settings": ("Settings in force", "Paramètres appliqués"),
    "section_warnings": ("Input warnings", "Avertissements sur les données"),
    "section_metrics": ("Metrics", "Indicateurs"),
    "section_members": ("Members of each team", "Membres de chaque équipe"),
    "chart_composition": ("Composition per team by background", "Composition par formation"),
    "chart_choices": (
        "Students per written choice (1 = the first they wrote)",
        "Étudiants par choix écrit (1 = le premier qu'ils ont écrit)",
    ),
    # Statuses
    "stage": ("Stage", "Étape"),
    "stage_selection": ("selection", "sélection"),
    "stage_teams": ("teams", "équipes"),
    "status": ("Status", "Statut"),
    "status_OPTIMAL": ("optimal", "optimal"),
    "status_FEASIBLE": ("time limit reached", "limite de temps atteinte"),
    "status_INFEASIBLE": ("no solution", "aucune solution"),
    "status_UNKNOWN": ("unknown", "inconnu"),
    "status_given": ("given (not optimised here)", "donnée (non optimisée ici)"),
    "proven": ("optimality proven", "optimalité prouvée"),
    "not_proven": ("optimality not proven", "optimalité non prouvée"),
    "proven_optimised": (
        "optimality proven for the stages optimised here",
        "optimalité prouvée pour les étapes optimisées ici",
    ),
    "time": ("Time", "Temps"),
    "priority": ("Priority", "Priorité"),
    "value": ("Value", "Valeur"),
    "metric": ("Figure", "Indicateur"),
    "bound": ("Bound", "Borne"),
    "solver_measure": (
        "solver's measure (summary.json): {value} / {bound}",
        "mesure du solveur (summary.json) : {value} / {bound}",
    ),
    "proven_short": ("Proven", "Prouvée"),
    "objective": ("Objective", "Objectif"),
    # Priorities (names are the settings' keys)
    "prio_sectors": ("distinct sectors (max)", "secteurs distincts (max)"),
    # Named as the report, the workbook and the workbench name them (``plain_prio_*``,
    # probe s38c: « most proposals in one sector » in the progress table, « most
    # commissions in one sector » in the settings form of the same page).
    "prio_problem_types": (
        "distinct problem types (max)",
        "types de problématique distincts (max)",
    ),
    "prio_sector_spread": (
        "most commissions in one sector (min)",
        "maximum de commandes dans un même secteur (min)",
    ),
    "prio_priority": (
        "sum of the staff's ratings (max)",
        "somme des priorités données par l'équipe pédagogique (max)",
    ),
    # "Among selected choices": the solver's available rank, never to be read as the
    # position the student wrote (contract §5).
    "prio_worst_choice": (
        "worst rank among selected choices (min)",
        "pire rang parmi les choix retenus (min)",
    ),
    "prio_balance": ("balance violations (min)", "écarts d'équilibre (min)"),
    "prio_choices": (
        "sum of ranks among selected choices (min)",
        "somme des rangs parmi les choix retenus (min)",
    ),
    "prio_experience": ("largest experience gap (min)", "plus grand écart d'expérience (min)"),
    "prio_moves": ("students moved (min)", "étudiants déplacés (min)"),
    # Selection table
    "id": ("Id", "Code"),
    "institution": ("Institution", "Institution"),
    "sector": ("Sector", "Secteur"),
    "problem_type": ("Problem type", "Problématique"),
    "title_col": ("Title", "Intitulé"),
    "eligible": ("Eligible", "Éligible"),
    "selected": ("Selected", "Retenue"),
    "reserve_rank": ("Reserve rank", "Rang de réserve"),
    "reason": ("Reason", "Motif"),
    "yes": ("yes", "oui"),
    "no": ("no", "non"),
    "selected_count_one": ("{n} of {total} proposals selected", "{n} commande retenue sur {total}"),
    "selected_count_many": (
        "{n} of {total} proposals selected",
        "{n} commandes retenues sur {total}",
    ),
    "eligible_count_one": ("{n} eligible", "{n} éligible"),
    "eligible_count_many": ("{n} eligible", "{n} éligibles"),
    "of_available_one": (
        "{n} possible among the eligible proposals",
        "{n} possible parmi les commandes éligibles",
    ),
    "of_available_many": (
        "{n} possible among the eligible proposals",
        "{n} possibles parmi les commandes éligibles",
    ),
    "reserves": ("Reserves, in order of replacement", "Réserves, dans l'ordre de remplacement"),
    "no_reserves": ("No reserve proposal.", "Aucune commande de réserve."),
    "why_intro": (
        "The selection follows the priorities in this order; each is the best possible "
        "given those before it:",
        "La sélection suit les priorités dans cet ordre ; chacune est la meilleure possible "
        "compte tenu des précédentes :",
    ),
    "why_intro_unproven": (
        "The selection follows the priorities in this order; the search stopped before "
        "proving each the best possible: a value not proven is given with its bound:",
        "La sélection suit les priorités dans cet ordre ; la recherche s'est arrêtée avant de "
        "prouver que chacune est la meilleure possible : une valeur non prouvée est donnée "
        "avec sa borne :",
    ),
    "why_best_found": ("best found; bound {bound}", "meilleur trouvé ; borne {bound}"),
    # Metrics (keys of contract §3)
    "m_count": ("commissions selected", "commandes retenues"),
    "m_distinct_sectors": ("distinct sectors", "secteurs distincts"),
    "m_distinct_problem_types": ("distinct problem types", "types de problématique distincts"),
    "m_max_per_sector": ("most in one sector", "maximum dans un secteur"),
    "m_students": ("students", "étudiants"),
    "m_size_min": ("smallest team", "plus petite équipe"),
    "m_size_max": ("largest team", "plus grande équipe"),
    "m_balance_violations": ("balance violations", "écarts d'équilibre"),
    "m_worst_choice": (
        "worst rank among selected choices",
        "pire rang parmi les choix retenus",
    ),
    "m_first_choice_share": (
        "placed on their first written choice",
        "placés sur leur premier choix écrit",
    ),
    "m_best_available_share": (
        "placed on their best selected choice",
        "placés sur leur meilleur choix retenu",
    ),
    "m_top3_share": (
        "placed on one of their first three written choices",
        "placés sur un de leurs trois premiers choix écrits",
    ),
    "m_listed_share": (
        "placed on a commission they listed",
        "placés sur une commande de leur liste",
    ),
    "m_unlisted": (
        "placed on a commission they did not list",
        "placés sur une commande hors de leur liste",
    ),
    "m_first_choice_unavailable": (
        "first written choice not selected",
        "premier choix écrit non retenu",
    ),
    "m_conflicts_of_interest": ("conflicts of interest", "conflits d'intérêts"),
    "m_pair_violations": ("pair violations", "paires non respectées"),
    "m_missing_students": ("students without a team", "étudiants sans équipe"),
    # Teams
    "team": ("Team", "Équipe"),
    "commission": ("Commission", "Commande"),
    "size": ("Size", "Taille"),
    "members": ("members", "membres"),
    "student_id": ("Student id", "Matricule"),
    "name": ("Name", "Nom"),
    "background": ("Background", "Formation"),
    "vae": ("VAE", "VAE"),
    "employed": ("Employed", "En emploi"),
    "gender": ("Gender", "Genre"),
    "experience_years": ("Experience (years)", "Expérience (années)"),
    "choice_rank": ("Written choice rank", "Rang du choix écrit"),
    "sheet_students": ("Students", "Étudiants"),
    "choices_written": ("Choices (as written)", "Choix (tels qu'écrits)"),
    "rank_unlisted": ("not listed", "hors liste"),
    "team_experience": ("{years} years of experience", "{years} années d'expérience"),
    # French keeps the singular below two (« 1,5 an »), English only for exactly one.
    "team_experience_unknown_one": (
        "including {n} member whose experience is unknown, counted at the cohort's mean of"
        " {mean} years",
        "dont {n} membre à l'expérience inconnue, compté à la moyenne de la cohorte, {mean} ans",
    ),
    "team_experience_unknown_many": (
        "including {n} members whose experience is unknown, each counted at the cohort's mean"
        " of {mean} years",
        "dont {n} membres à l'expérience inconnue, comptés chacun à la moyenne de la cohorte,"
        " {mean} ans",
    ),
    "team_experience_single": ("{years} year of experience", "{years} an d'expérience"),
    "team_experience_below_two": ("{years} years of experience", "{years} an d'expérience"),
    "team_members_one": ("{n} member", "{n} membre"),
    "team_members_many": ("{n} members", "{n} membres"),
    "no_rank": ("—", "—"),
    "target": ("target", "cible"),
    "count": ("count", "nombre"),
    "in_target": ("within target", "dans la cible"),
    "off_target": ("outside target", "hors cible"),
    "composition_note": (
        "Each cell: students of that kind in the team. Target: between floor and ceiling "
        "of the cohort's count divided by the number of teams. Cells outside their "
        "target are highlighted and marked ▲ (above it) or ▼ (below it).",
        "Chaque case : nombre d'étudiants de ce profil dans l'équipe. Cible : entre "
        "l'arrondi inférieur et supérieur du nombre dans la cohorte divisé par le nombre "
        "d'équipes. Les cases hors cible sont en couleur et marquées ▲ (au-dessus) ou ▼ "
        "(en dessous).",
    ),
    "above_target": ("above target", "au-dessus de la cible"),
    "below_target": ("below target", "en dessous de la cible"),
    "rank_n": ("written choice {n}", "choix écrit n° {n}"),
    "students_with_choices_one": (
        "{n} student expressed choices",
        "{n} étudiant a exprimé des choix",
    ),
    "students_with_choices_many": (
        "{n} students expressed choices",
        "{n} étudiants ont exprimé des choix",
    ),
    "choices_note_zero": (
        "Figures about the choices as the students wrote them. None of them wrote a first "
        "choice that was not selected; the solver ranks each student's choices among the "
        "selected commissions only, and its worst rank there is {worst}.",
        "Chiffres sur les choix tels que les étudiants les ont écrits. Aucun d'entre eux n'a "
        "écrit un premier choix qui n'a pas été retenu ; le solveur classe les choix de chacun "
        "parmi les commandes retenues seulement, et le pire rang y est {worst}.",
    ),
    "choices_note_one": (
        "Figures about the choices as the students wrote them. {n} of them wrote a "
        "first choice that was not selected; the solver ranks each student's choices among the "
        "selected commissions only, and its worst rank there is {worst}.",
        "Chiffres sur les choix tels que les étudiants les ont écrits. {n} d'entre "
        "eux a écrit un premier choix qui n'a pas été retenu ; le solveur classe les choix "
        "de chacun parmi les commandes retenues seulement, et le pire rang y est {worst}.",
    ),
    "choices_note_many": (
        "Figures about the choices as the students wrote them. {n} of them wrote a "
        "first choice that was not selected; the solver ranks each student's choices among the "
        "selected commissions only, and its worst rank there is {worst}.",
        "Chiffres sur les choix tels que les étudiants les ont écrits. {n} d'entre "
        "eux ont écrit un premier choix qui n'a pas été retenu ; le solveur classe les choix "
        "de chacun parmi les commandes retenues seulement, et le pire rang y est {worst}.",
    ),
    "rank_axis": ("written choice", "choix écrit"),
    "students_axis": ("students", "étudiants"),
    "not_listed": ("not listed", "non listé"),
    # A team member pinned to it, in the report's member tables.
    "rank_pinned": ("{rank} (pinned here)", "{rank} (imposé·e ici)"),
    # What-if
    "moves": ("Students moved", "Étudiants déplacés"),
    "replaced": ("Replaced commissions", "Commandes remplacées"),
    "arrived_placed": ("Students who arrived", "Étudiants arrivés"),
    "from_commission": ("From", "De"),
    "to_commission": ("To", "Vers"),
    "withdrawn": ("withdrawn", "retiré"),
    "arrived": ("new", "nouveau"),
    "no_changes": ("No student changed team.", "Aucun étudiant n'a changé d'équipe."),
    "moves_note": (
        "Students moved: those who were in a team that still exists and changed team. The "
        "table lists every student whose team changed, arrivals, departures and the members "
        "of a withdrawn commission included.",
        "Étudiants déplacés : ceux qui étaient dans une équipe qui existe encore et qui ont "
        "changé d'équipe. Le tableau liste chaque étudiant dont l'équipe a changé, arrivées, "
        "départs et membres d'une commande retirée compris.",
    ),
    "unreplaced": ("Withdrawn, not replaced", "Retirées, non remplacées"),
    # Workbook
    "sheet_summary": ("Summary", "Résumé"),
    "sheet_changes": ("Changes", "Changements"),
    "sheet_selection": ("Selection", "Sélection"),
    "key": ("Item", "Élément"),
    # Terminal / check
    "summary_heading": ("Summary", "Résumé"),
    "solver_value": ("Solver's result", "Résultat du solveur"),
    "check_ok": (
        "The result holds every rule.",
        "Le résultat respecte toutes les règles.",
    ),
    "selection_broken_one": (
        "The selection in {file} breaks {n} selection rule; nothing was written:",
        "La sélection de {file} enfreint {n} règle de sélection ; rien n'a été écrit :",
    ),
    "selection_broken_many": (
        "The selection in {file} breaks {n} selection rules; nothing was written:",
        "La sélection de {file} enfreint {n} règles de sélection ; rien n'a été écrit :",
    ),
    "check_broken_one": (
        "The result breaks {n} rule:",
        "Le résultat enfreint {n} règle :",
    ),
    "check_broken_many": (
        "The result breaks {n} rules:",
        "Le résultat enfreint {n} règles :",
    ),
    "generated_by": ("Generated by matcher {version}", "Produit par matcher {version}"),
    # ---- French everywhere (issue 13 part 2): terminal, check, diagnoses, reasons ----
    # Joining words (matcher.labels.Listing)
    "word_and": ("and", "et"),
    "word_or": ("or", "ou"),
    "and_more": ("{items} and {n} more", "{items} et {n} autres"),
    # Terminal frames of failures (matcher.cli.common)
    "no_solution_selection": (
        "no selection of commissions satisfies the rules:",
        "aucune sélection de commandes ne respecte les règles :",
    ),
    # A what-if refused in the workbench, before its diagnosis (``web.page.failed``).
    "web_whatif_impossible": (
        "This what-if cannot be done: no result keeps the rules:",
        "Cette simulation est impossible : aucun résultat ne respecte les règles :",
    ),
    "web_whatif_not_done": (
        "This what-if was not done:",
        "Cette simulation n'a pas abouti :",
    ),
    "no_solution_teams": (
        "no team assignment satisfies the rules:",
        "aucune répartition en équipes ne respecte les règles :",
    ),
    "no_solution_plan": (
        "no plan of supervisors and calendar satisfies the rules:",
        "aucun planning des accompagnateurs et du calendrier ne respecte les règles :",
    ),
    "no_solution_other": (
        "no {stage} satisfies the rules:",
        "aucune solution pour « {stage} » ne respecte les règles :",
    ),
    "timeout_selection": (
        "no selection of commissions found in the {seconds} s the time limit left it; "
        "raise --time-limit:",
        "aucune sélection de commandes trouvée dans les {seconds} s que la limite de temps lui "
        "laissait ; "
        "augmentez --time-limit :",
    ),
    "timeout_teams": (
        "no team assignment found in {seconds} s of search; raise --time-limit:",
        "aucune répartition en équipes trouvée en {seconds} s de recherche ; augmentez "
        "--time-limit :",
    ),
    "timeout_plan": (
        "no plan of supervisors and calendar found in the {seconds} s the time limit left it; "
        "raise --time-limit:",
        "aucun planning des accompagnateurs et du calendrier trouvé dans les {seconds} s que la "
        "limite de temps lui laissait ; augmentez --time-limit :",
    ),
    "timeout_other": (
        "no {stage} found in the {seconds} s the time limit left it; raise --time-limit:",
        "aucune solution pour « {stage} » trouvée dans les {seconds} s que la limite de temps "
        "lui laissait ; "
        "augmentez --time-limit :",
    ),
    "interrupted_written": (
        "interrupted: the best result found so far was written (status FEASIBLE, "
        '"interrupted": true in summary.json)',
        "interrompu : le meilleur résultat trouvé jusque-là a été écrit (statut FEASIBLE, "
        '"interrupted": true dans summary.json)',
    ),
    "interrupted_proven": (
        "interrupted once the search had ended: the result written is proven optimal; what "
        "came after it (explanations, the reserves' order) holds what was settled so far "
        '("interrupted": true in summary.json)',
        "interrompu une fois la recherche finie : le résultat écrit est prouvé optimal ; ce "
        "qui la suivait (explications, ordre des réserves) garde ce qui était tranché "
        'jusque-là ("interrupted": true dans summary.json)',
    ),
    "interrupted_explained": (
        "interrupted: the explanations settled so far were written; the others are unknown",
        "interrompu : les explications tranchées jusque-là ont été écrites ; les autres "
        "restent inconnues",
    ),
    "interrupted_no_plan": (
        "interrupted before a plan of supervisors and calendar was found: the teams were "
        "written without supervision.csv, schedule.csv and calendar.ics; "
        "matcher plan {instance} --result {out} --out FOLDER makes them for these teams",
        "interrompu avant qu'un plan d'accompagnement et de calendrier soit trouvé : les "
        "équipes ont été écrites sans supervision.csv, schedule.csv ni calendar.ics ; "
        "matcher plan {instance} --result {out} --out DOSSIER les produit pour ces équipes",
    ),
    "interrupted_nothing_found": (
        "interrupted before any solution was found; nothing was written",
        "interrompu avant qu'une solution soit trouvée ; rien n'a été écrit",
    ),
    "interrupted_nothing": (
        "interrupted; nothing was written",
        "interrompu ; rien n'a été écrit",
    ),
    "internal_error": (
        "internal error: {kind}: {error}",
        "erreur interne : {kind} : {error}",
    ),
    "internal_error_hint": (
        "nothing was written; please report this with the instance "
        "(set MATCHER_DEBUG=1 for details)",
        "rien n'a été écrit ; merci de signaler ce problème avec les données "
        "(MATCHER_DEBUG=1 pour les détails)",
    ),
    "internal_error_hint_written": (
        "the result was written before it: it is complete; please report this with the "
        "instance (set MATCHER_DEBUG=1 for details)",
        "le résultat a été écrit avant : il est complet ; merci de signaler ce problème avec "
        "les données (MATCHER_DEBUG=1 pour les détails)",
    ),
    # Eligibility of a proposal (matcher.eligibility)
    "elig_missing": ("not available: {slots}", "non disponible : {slots}"),
    "elig_one_of": ("one of {slots}", "l'un des créneaux {slots}"),
    "elig_excluded": ("excluded by settings", "exclue par les paramètres"),
    "elig_missing_excluded": (
        "not available: {slots}; excluded by settings",
        "non disponible : {slots} ; exclue par les paramètres",
    ),
    # Broken rules of a result (matcher.verify)
    "v_apart": (
        "{a} and {b} must be apart but are both in {team}",
        "{a} et {b} doivent être séparé·e·s mais sont l'un·e et l'autre dans {team}",
    ),
    "v_together": (
        "{a} and {b} must be together but are in {team_a} and {team_b}",
        "{a} et {b} doivent être ensemble mais sont dans {team_a} et {team_b}",
    ),
    "v_no_team_for": ("{student} has no team", "{student} n'a pas d'équipe"),
    "v_not_selected_team": (
        "{student} is in {team}, which is not a selected team",
        "{student} est dans {team}, qui n'est pas une commande retenue",
    ),
    "v_unknown_student": (
        "{student} is assigned but is not a student of the cohort",
        "{student} est placé mais n'est pas un étudiant de la cohorte",
    ),
    "v_team_size_one": (
        "team {team} has {n} student, expected {low} to {high}",
        "l'équipe {team} compte {n} étudiant, il en faut de {low} à {high}",
    ),
    "v_team_size_many": (
        "team {team} has {n} students, expected {low} to {high}",
        "l'équipe {team} compte {n} étudiants, il en faut de {low} à {high}",
    ),
    "v_team_size_none_one": (
        "team {team} has {n} student, but no size fits it: at least {low} and at most {high} "
        "are asked",
        "l'équipe {team} compte {n} étudiant, mais aucune taille ne convient : il en faut au "
        "moins {low} et au plus {high}",
    ),
    "v_team_size_none_many": (
        "team {team} has {n} students, but no size fits it: at least {low} and at most {high} "
        "are asked",
        "l'équipe {team} compte {n} étudiants, mais aucune taille ne convient : il en faut au "
        "moins {low} et au plus {high}",
    ),
    "v_conflict": (
        "{student} is in {team} whose institution is their employer ({institution})",
        "{student} est dans {team}, dont l'institution est son employeur ({institution})",
    ),
    "v_conflict_may": (
        "{student} is in {team} whose institution, {institution}, may be their "
        "employer ({employer}): a conflict of interest",
        "{student} est dans {team}, dont l'institution, {institution}, peut être "
        "son employeur ({employer}) : conflit d'intérêts",
    ),
    "v_selected_unfit": (
        "a selected commission could host no team of this cohort: {rule}",
        "une commande retenue ne pourrait accueillir aucune équipe de cette cohorte : {rule}",
    ),
    "v_pinned_unselected": (
        "{student} is pinned to {pinned}, which the selection leaves out",
        "{student} est imposé·e dans {pinned}, que la sélection laisse de côté",
    ),
    "v_pinned": (
        "{student} is pinned to {pinned} but is in {team}",
        "{student} est imposé·e dans {pinned} mais est dans {team}",
    ),
    "v_isolated": (
        "{student} is the only student with {condition} in {team}",
        "{student} est le seul étudiant avec {condition} dans {team}",
    ),
    "v_unknown_proposal": (
        "{id} is selected but is not a proposal of commissions.csv",
        "{id} est retenue mais n'est pas une commande de commissions.csv",
    ),
    "v_repeated": ("{id} is selected more than once", "{id} est retenue plus d'une fois"),
    "v_ineligible": ("{id} is selected but is {reason}", "{id} est retenue mais {reason}"),
    "v_count_one": (
        "{n} proposals are selected; exactly {count} are required",
        "{n} commande est retenue ; il en faut exactement {count}",
    ),
    "v_count_many": (
        "{n} proposals are selected; exactly {count} are required",
        "{n} commandes sont retenues ; il en faut exactement {count}",
    ),
    "v_per_institution": (
        "{n} proposals of {names} are selected ({ids}); at most {cap} per institution",
        "{n} commandes de {names} sont retenues ({ids}) ; au plus {cap} par institution",
    ),
    "v_include_missing": (
        "{id} is in include but is not selected",
        "{id} est dans include mais n'est pas retenue",
    ),
    # Selection reasons (selection.csv "reason", report, workbook; matcher.selection)
    "reason_selected": ("selected", "retenue"),
    "reason_included": ("selected (included by settings)", "retenue (imposée par les paramètres)"),
    "reason_selected_by_hand": ("selected (chosen by hand)", "retenue (choisie à la main)"),
    "reason_pinned_one": (
        "selected ({ids} is pinned to it)",
        "retenue ({ids} y est imposé·e)",
    ),
    "reason_pinned_many": (
        "selected ({ids} are pinned to it)",
        "retenue ({ids} y sont imposé·e·s)",
    ),
    "reason_cannot_host": (
        "left out: it could host no team of this cohort ({rule})",
        "écartée : elle ne pourrait accueillir aucune équipe de cette cohorte ({rule})",
    ),
    "reason_reserve": ("reserve {rank}: {why}", "réserve {rank} : {why}"),
    "reason_unsolved": ("no selection was made", "aucune sélection n'a été faite"),
    "why_sectors": (
        "more sectors are covered without it",
        "plus de secteurs sont couverts sans elle",
    ),
    "why_problem_types": (
        "more problem types are covered without it",
        "plus de types de problématique sont couverts sans elle",
    ),
    "why_sector_spread": (
        "sectors are spread more evenly without it",
        "les secteurs sont mieux répartis sans elle",
    ),
    "why_priority": (
        "proposals of higher priority were preferred",
        "des commandes de priorité plus haute ont été préférées",
    ),
    "why_institution": (
        "institution already selected ({institution})",
        "institution déjà retenue ({institution})",
    ),
    "why_impossible": (
        "cannot be selected together with the included proposals",
        "ne peut pas être retenue avec les commandes imposées",
    ),
    "why_no_plan": (
        "no selection holding it leaves a supervision plan (supervisors.csv)",
        "aucune sélection qui la retient ne permet un planning des accompagnateurs",
    ),
    "why_not_evaluated": (
        "not evaluated within the time limit",
        "non évaluée dans la limite de temps",
    ),
    "why_cannot_host": (
        "it could host no team of this cohort ({rule})",
        "elle ne pourrait accueillir aucune équipe de cette cohorte ({rule})",
    ),
    "why_teams_barred": (
        "a better selection holding it can form no teams that keep every rule",
        "une meilleure sélection qui la retient ne permet aucune équipe qui respecte toutes "
        "les règles",
    ),
    "why_would_improve": (
        "a selection holding it would be better than the one left by the withdrawal",
        "une sélection qui la retient serait meilleure que celle laissée par le retrait",
    ),
    "why_could_improve": (
        "could improve the selection (the time limit stopped the search)",
        "pourrait améliorer la sélection (la limite de temps a arrêté la recherche)",
    ),
    "why_as_good": (
        "as good as the selected ones; kept as a replacement",
        "aussi bonne que les retenues ; gardée en remplacement",
    ),
    "why_unselected_by_hand": ("unselected by hand", "retirée de la sélection à la main"),
    "why_eligible_since": (
        "eligible since the selection was made (it did not rank it)",
        "éligible depuis que la sélection a été faite (elle ne l'a pas classée)",
    ),
    "why_no_swap": (
        "it can take the place of no selected commission within the rules",
        "elle ne peut prendre la place d'aucune commande retenue dans les règles",
    ),
    "why_left_out": ("not selected in the selection given", "non retenue dans la sélection donnée"),
    "why_institution_freed": (
        "its institution is no longer selected (the selection was edited by hand)",
        "son institution n'est plus retenue (sélection modifiée à la main)",
    ),
    "why_absent_from_file": ("absent from {file}", "absente de {file}"),
    # Why no selection satisfies the rules (matcher.selection diagnosis)
    "diag_sel_timeout_one": (
        "the search for a selection of {n} proposal keeping every rule did not end in that time",
        "la recherche d'une sélection de {n} commande respectant toutes les règles n'a pas "
        "abouti dans ce temps",
    ),
    "diag_sel_timeout_many": (
        "the search for a selection of {n} proposals keeping every rule did not end in that time",
        "la recherche d'une sélection de {n} commandes respectant toutes les règles n'a pas "
        "abouti dans ce temps",
    ),
    "diag_sel_not_isolated": (
        "the rules conflict but the conflict could not be isolated within the time "
        "limit; check count, max_per_institution, include and the slots settings",
        "les règles se contredisent mais la contradiction n'a pas pu être isolée dans la "
        "limite de temps ; vérifiez count, max_per_institution, include et les créneaux",
    ),
    "diag_sel_cannot_hold": (
        "these rules cannot all hold: {rules}",
        "ces règles ne peuvent pas toutes être respectées : {rules}",
    ),
    "family_count_one": (
        "exactly {n} commission is selected",
        "exactement {n} commande est retenue",
    ),
    "family_count_many": (
        "exactly {n} commissions are selected",
        "exactement {n} commandes sont retenues",
    ),
    "family_cap": ("at most {cap} per institution", "au plus {cap} par institution"),
    "family_availability": (
        "only eligible proposals ({requirements})",
        "seulement des commandes éligibles ({requirements})",
    ),
    "family_include": ("{id} is in include", "{id} est dans include"),
    "req_one_of": ("one of {slots}", "l'un de {slots}"),
    # French: noun phrases, read alike after "1 commande" and "11 commandes".
    "req_available": ("available on {slots}", "créneaux exigés : {slots}"),
    "req_not_excluded": ("not excluded by settings", "hors exclusions des paramètres"),
    "req_and_on": (", and on ", ", et "),
    "req_semicolon": ("; ", " ; "),
    "in_parens": (" ({what})", " ({what})"),
    "n_proposals_one": ("{n} proposal", "{n} commande"),
    "n_proposals_many": ("{n} proposals", "{n} commandes"),
    "n_commissions_one": ("{n} commission", "{n} commande"),
    "n_commissions_many": ("{n} commissions", "{n} commandes"),
    "n_institutions_one": ("{n} institution", "{n} institution"),
    "n_institutions_many": ("{n} institutions", "{n} institutions"),
    "diag_needed_one": ("{n} is needed", "il en faut {n}"),
    "diag_needed_many": ("{n} are needed", "il en faut {n}"),
    "diag_eligible_zero": (
        "no proposal is eligible{requirements}",
        "aucune commande n'est éligible{requirements}",
    ),
    "diag_eligible_one": (
        "{n} proposal is eligible{requirements}",
        "{n} commande est éligible{requirements}",
    ),
    "diag_eligible_many": (
        "{n} proposals are eligible{requirements}",
        "{n} commandes sont éligibles{requirements}",
    ),
    "diag_received_zero": (
        "no proposal was received{requirements}",
        "aucune commande n'a été reçue{requirements}",
    ),
    "diag_received_one": (
        "{n} proposal was received{requirements}",
        "{n} commande a été reçue{requirements}",
    ),
    "diag_received_many": (
        "{n} proposals were received{requirements}",
        "{n} commandes ont été reçues{requirements}",
    ),
    "diag_only": ("only {what}; {needed}", "seulement {what} ; {needed}"),
    # No proposal at all: the zero form of {what} says it ("no proposal is eligible").
    "diag_none": ("{what}; {needed}", "{what} ; {needed}"),
    "diag_selectable": (
        "only {selectable} can be selected: {what}, from {institutions}, and at most {cap} "
        "per institution may be selected; {needed}",
        "on ne peut retenir que {selectable} : {what}, de {institutions}, et au plus {cap} "
        "par institution ; {needed}",
    ),
    "diag_crowded": (
        "institutions with more proposals than the cap: {institutions}",
        "institutions ayant plus de commandes que le plafond : {institutions}",
    ),
    "diag_institution_ids": ("{institution} ({ids})", "{institution} ({ids})"),
    "diag_lacks_only_one": ("{ids} lacks only {missing}", "il ne manque que {missing} à {ids}"),
    "diag_lacks_only_many": ("{ids} lack only {missing}", "il ne manque que {missing} à {ids}"),
    "diag_excluded_one": ("{ids} is excluded by settings", "{ids} est exclue par les paramètres"),
    "diag_excluded_many": (
        "{ids} are excluded by settings",
        "{ids} sont exclues par les paramètres",
    ),
    "diag_include_ineligible": (
        "{id} ({institution}) is in include but is {reason}",
        "{id} ({institution}) est dans include mais {reason}",
    ),
    "diag_include_same_both": (
        "{ids} are both in include but come from the same institution ({institution}); "
        "at most {cap} per institution may be selected",
        "{ids} sont toutes deux dans include mais viennent de la même institution "
        "({institution}) ; on peut retenir au plus {cap} par institution",
    ),
    "diag_include_same_all": (
        "{ids} are all in include but come from the same institution ({institution}); "
        "at most {cap} per institution may be selected",
        "{ids} sont toutes dans include mais viennent de la même institution "
        "({institution}) ; on peut retenir au plus {cap} par institution",
    ),
    "diag_too_many_includes_one": (
        "{included} proposals are in include ({ids}) but only {n} commission is to be selected",
        "{included} commandes sont dans include ({ids}) mais seulement {n} commande est à retenir",
    ),
    "diag_too_many_includes_many": (
        "{included} proposals are in include ({ids}) but only {n} commissions are to be selected",
        "{included} commandes sont dans include ({ids}) mais seulement {n} commandes sont à "
        "retenir",
    ),
    # What-if: refusals, notes and requests (matcher.whatif, matcher.cli.whatif)
    "reason_withdrawn": ("withdrawn", "retirée"),
    "reason_replaces": ("replaces {id}", "remplace {id}"),
    "w_preview_more": ("{shown}, … ({n} in all)", "{shown}, … ({n} en tout)"),
    "w_no_change": (
        "no change given: use {withdraw_commission}, {withdraw_student} or {add_students}",
        "aucun changement donné : utilisez {withdraw_commission}, {withdraw_student} ou "
        "{add_students}",
    ),
    "w_not_proposal": (
        "{withdraw_commission} {commission_id}: not a proposal of the previous selection.csv",
        "{withdraw_commission} {commission_id} : pas une commande du selection.csv précédent",
    ),
    "w_not_selected": (
        "{withdraw_commission} {commission_id}: not selected in the previous selection.csv "
        "(only a selected commission can withdraw)",
        "{withdraw_commission} {commission_id} : non retenue dans le selection.csv précédent "
        "(seule une commande retenue peut se retirer)",
    ),
    "w_commission_already_withdrew": (
        "{withdraw_commission} {commission_id}: already withdrew in an earlier what-if "
        "(recorded in the {from_dir} folder's summary.json)",
        "{withdraw_commission} {commission_id} : déjà retirée lors d'une simulation "
        "précédente (noté dans le summary.json du dossier {from_dir})",
    ),
    "w_commission_twice": (
        "{withdraw_commission} {commission_id} is given {count} times: each commission "
        "withdraws once (was another one meant?)",
        "{withdraw_commission} {commission_id} est donné {count} fois : chaque commande se "
        "retire une seule fois (vouliez-vous en nommer une autre ?)",
    ),
    "w_student_twice": (
        "{withdraw_student} {student_id} is given {count} times: each student withdraws once "
        "(was another one meant?)",
        "{withdraw_student} {student_id} est donné {count} fois : chaque étudiant·e se retire "
        "une seule fois (vouliez-vous en nommer un·e autre ?)",
    ),
    "w_already_withdrew": (
        "{withdraw_student} {student_id}: already withdrew in an earlier what-if "
        "(recorded in the {from_dir} folder's summary.json)",
        "{withdraw_student} {student_id} : déjà retiré lors d'une simulation précédente "
        "(noté dans le summary.json du dossier {from_dir})",
    ),
    "w_not_student": (
        "{withdraw_student} {student_id}: not a student of {file}",
        "{withdraw_student} {student_id} : pas un étudiant dans {file}",
    ),
    "w_ids_taken": (
        "{add_students}: ids already taken: {ids}",
        "{add_students} : identifiants déjà pris : {ids}",
    ),
    "w_no_teams": (
        "the {from_dir} folder holds no teams.csv: student changes only make sense once "
        "teams exist (edit students.csv, then run matcher assign)",
        "le dossier {from_dir} ne contient pas de teams.csv : changer des étudiants n'a de "
        "sens qu'une fois les équipes formées (modifiez students.csv, puis lancez matcher "
        "assign)",
    ),
    "w_no_student_left": (
        "{withdraw_student}: no student of the cohort would be left (all {count} withdraw): "
        "teams need at least one, as a {file} without rows is refused",
        "{withdraw_student} : il ne resterait aucun·e étudiant·e de la cohorte (les {count} "
        "se retirent) : des équipes en demandent au moins un·e, comme un {file} sans lignes "
        "est refusé",
    ),
    "w_empty_teams_one": (
        "{n} team is left with no student: fewer students ({students}) than selected "
        "commissions ({count}); withdrawing {n} commission without a replacement gives "
        "every team its students",
        "{n} équipe reste sans étudiant·e : moins d'étudiant·es ({students}) que de "
        "commandes retenues ({count}) ; retirer {n} commande sans la remplacer donne à "
        "chaque équipe ses étudiant·es",
    ),
    "w_empty_teams_many": (
        "{n} teams are left with no student: fewer students ({students}) than selected "
        "commissions ({count}); withdrawing {n} commissions without a replacement gives "
        "every team its students",
        "{n} équipes restent sans étudiant·e : moins d'étudiant·es ({students}) que de "
        "commandes retenues ({count}) ; retirer {n} commandes sans les remplacer donne à "
        "chaque équipe ses étudiant·es",
    ),
    "w_stray": (
        "the previous {teams} puts students in commissions that are not selected: "
        "{students}; they are placed like arrivals",
        "le {teams} précédent place des étudiants dans des commandes non retenues : "
        "{students} ; ils sont placés comme des arrivées",
    ),
    "w_refuse": ("{id}: {why}", "{id} : {why}"),
    "w_not_eligible": ("not eligible", "non éligible"),
    "w_refuse_sizes": (
        "{id}: with it the teams would hold from {least} to {most} students, not the {n} of "
        "the cohort",
        "{id} : avec elle, les équipes accueilleraient de {least} à {most} étudiants, pas les "
        "{n} de la cohorte",
    ),
    # Its institution may keep another commission (max_per_institution above 1): said so
    # that it reads true either way (probe s37e: « has withdrawn » beside « keeps K3 »).
    "w_refuse_withdrawn": (
        "{id}: {institution} withdrew a commission, which none of its proposals may replace",
        "{id} : l'institution {institution} a retiré une commande, qu'aucune de ses "
        "propositions ne peut remplacer",
    ),
    "w_refuse_cap": (
        "{id}: {institution} is already selected (max_per_institution = {cap})",
        "{id} : {institution} est déjà retenue (max_per_institution = {cap})",
    ),
    "w_refuse_taken": ("{id}: replaces {other}", "{id} : remplace {other}"),
    "w_refuse_for_others": (
        "{id}: another withdrawn commission needs it",
        "{id} : une autre commande retirée en a besoin",
    ),
    "w_replaced_passed": (
        "{id} is replaced by {new}, not by the reserves ranked before it ({reasons})",
        "{id} est remplacée par {new}, pas par les réserves classées avant elle ({reasons})",
    ),
    "w_refuse_plan": (
        "{id}: no supervision plan would exist with it (supervisors.csv)",
        "{id} : aucun planning des accompagnateurs ne serait possible avec elle",
    ),
    "w_refuse_employer_one": (
        "{id}: {students} works for {institution}",
        "{id} : {students} travaille pour {institution}",
    ),
    "w_refuse_employer_many": (
        "{id}: {students} work for {institution}",
        "{id} : {students} travaillent pour {institution}",
    ),
    "w_refuse_employer_may_one": (
        "{id}: {students} may work for {institution} (their employer: {employer})",
        "{id} : {students} peut travailler pour {institution} (son employeur : {employer})",
    ),
    "w_refuse_employer_may_many": (
        "{id}: {students} may work for {institution} (their employer: {employer})",
        "{id} : {students} peuvent travailler pour {institution} (leur employeur : {employer})",
    ),
    # ``{n}`` the reserve's bound (probe s31d: « accepte au plus 1 étudiants »).
    "w_refuse_small_one": (
        "{id}: needs at least {n} student, the team has {size}",
        "{id} : demande au moins {n} étudiant, l'équipe en compte {size}",
    ),
    "w_refuse_small_many": (
        "{id}: needs at least {n} students, the team has {size}",
        "{id} : demande au moins {n} étudiants, l'équipe en compte {size}",
    ),
    "w_refuse_large_one": (
        "{id}: takes at most {n} student, the team has {size}",
        "{id} : accepte au plus {n} étudiant, l'équipe en compte {size}",
    ),
    "w_refuse_large_many": (
        "{id}: takes at most {n} students, the team has {size}",
        "{id} : accepte au plus {n} étudiants, l'équipe en compte {size}",
    ),
    "w_no_reserve_fits": (
        "no reserve fits ({refusals})",
        "aucune réserve ne convient ({refusals})",
    ),
    "w_no_reserve_left": ("no reserve left", "plus aucune réserve"),
    "w_after_teams": (
        "its students join the remaining teams",
        "ses étudiants rejoignent les autres équipes",
    ),
    "w_after_select": (
        "run matcher select again for a full selection",
        "relancez matcher select pour une sélection complète",
    ),
    "w_not_replaced_one": (
        "{id} withdrew and is not replaced: {why}; {n} commission remains (settings ask "
        "for {asked}); {after}",
        "{id} s'est retirée et n'est pas remplacée : {why} ; il reste {n} commande (les "
        "paramètres en demandent {asked}) ; {after}",
    ),
    "w_not_replaced_many": (
        "{id} withdrew and is not replaced: {why}; {n} commissions remain (settings ask "
        "for {asked}); {after}",
        "{id} s'est retirée et n'est pas remplacée : {why} ; il reste {n} commandes (les "
        "paramètres en demandent {asked}) ; {after}",
    ),
    "w_pins_released": (
        "pins to a withdrawn commission are released (update {file}): {students}",
        "les affectations imposées à une commande retirée sont levées (mettez à jour "
        "{file}) : {students}",
    ),
    "w_untracked": (
        "students of {file} without a team in the previous {teams} (absent from it, or their "
        "commission left empty) are placed like arrivals: {students}",
        "les étudiants inscrits dans {file} mais sans équipe dans le {teams} précédent (absents "
        "ou sans commande) sont placés comme des arrivées : {students}",
    ),
    # Output folder and command-line requests (matcher.outputs.writers, matcher.cli)
    "out_is_instance": (
        "{out} {out_dir} is the instance folder; choose another folder",
        "{out} {out_dir} est le dossier des données ; choisissez un autre dossier",
    ),
    "out_replaces_input": (
        "{out} {out_dir} holds {file}, given to {input}: the output {file} would replace it, "
        "and input files are never modified; choose another folder",
        "{out} {out_dir} contient {file}, donné à {input} : le {file} du résultat le "
        "remplacerait, et les fichiers donnés ne sont jamais modifiés ; choisissez un autre "
        "dossier",
    ),
    "out_is_input": (
        "{out} {out_dir} is the {input} folder, which is never modified; choose another folder",
        "{out} {out_dir} est le dossier {input}, qui n'est jamais modifié ; choisissez un "
        "autre dossier",
    ),
    "out_inside_input": (
        "{out} {out_dir} lies inside the {input} folder, which is never modified; choose a "
        "folder outside it",
        "{out} {out_dir} se trouve dans le dossier {input}, qui n'est jamais modifié ; "
        "choisissez un dossier en dehors de celui-ci",
    ),
    "out_holds_instance": (
        "{out} {out_dir} holds the instance {folder}; the output folder is replaced as a whole, "
        "so it may hold no input: choose a folder of its own (e.g. {out} results)",
        "{out} {out_dir} contient les données {folder} ; le dossier de sortie est remplacé en "
        "entier, il ne peut donc contenir aucune donnée lue : choisissez un dossier à part "
        "(par exemple {out} resultats)",
    ),
    "out_holds_input": (
        "{out} {out_dir} holds the {input} folder, which is never modified; the output folder "
        "is replaced as a whole: choose a folder of its own (e.g. {out} results)",
        "{out} {out_dir} contient le dossier {input}, qui n'est jamais modifié ; le dossier de "
        "sortie est remplacé en entier : choisissez un dossier à part (par exemple {out} "
        "resultats)",
    ),
    "out_holds_working_folder": (
        "{out} {out_dir} is the folder this command runs in (or holds it); the output folder "
        "is replaced as a whole: choose a folder of its own (e.g. {out} results)",
        "{out} {out_dir} est le dossier où la commande est lancée (ou le contient) ; le dossier "
        "de sortie est remplacé en entier : choisissez un dossier à part (par exemple {out} "
        "resultats)",
    ),
    "out_holds_home": (
        "{out} {out_dir} is your home folder (or holds it); the output folder is replaced "
        "as a whole: choose a folder of its own (e.g. {out} ~/results)",
        "{out} {out_dir} est votre dossier personnel (ou le contient) ; le dossier de sortie "
        "est remplacé en entier : choisissez un dossier à part (par exemple {out} "
        "~/resultats)",
    ),
    "out_file_is_folder": (
        "{out} {out_dir} cannot be written: {file} in it is a folder; move it or choose "
        "another folder",
        "{out} {out_dir} ne peut pas être écrit : {file}, qui s'y trouve, est un dossier ; "
        "déplacez-le ou choisissez un autre dossier",
    ),
    "out_not_folder": (
        "{out} {out_dir} exists and is not a folder",
        "{out} {out_dir} existe et n'est pas un dossier",
    ),
    "out_parent_not_folder": (
        "{out} {out_dir} cannot be written: {existing} is not a folder",
        "{out} {out_dir} ne peut pas être écrit : {existing} n'est pas un dossier",
    ),
    "out_kept_uncopied": (
        "{out} {out_dir} cannot be replaced: {entry}, which it holds, cannot be kept beside "
        "the new result ({reason}); move it elsewhere or choose another folder; nothing was "
        "written",
        "{out} {out_dir} ne peut pas être remplacé : {entry}, qui s'y trouve, ne peut pas être "
        "gardé à côté du nouveau résultat ({reason}) ; déplacez-le ou choisissez un autre "
        "dossier ; rien n'a été écrit",
    ),
    "out_folder_unwritable": (
        "{out} {out_dir} cannot be written: the folder {folder}, where it is made or "
        "replaced, takes no new file ({reason}); nothing was written",
        "{out} {out_dir} ne peut pas être écrit : le dossier {folder}, où il est créé ou "
        "remplacé, n'accepte pas de nouveau fichier ({reason}) ; rien n'a été écrit",
    ),
    "out_unwritable": (
        "{out} {out_dir} cannot be written ({reason}); nothing was written",
        "{out} {out_dir} ne peut pas être écrit ({reason}) ; rien n'a été écrit",
    ),
    "out_name_too_long": (
        "{out} {out_dir} cannot be written: the name {name} is {n} bytes long, and a file "
        "system takes at most {most}; choose a shorter name",
        "{out} {out_dir} ne peut pas être écrit : le nom {name} fait {n} octets, et un "
        "système de fichiers en accepte au plus {most} ; choisissez un nom plus court",
    ),
    "out_path_too_long": (
        "{out} {out_dir} cannot be written: its path is {n} bytes long, and the files "
        "written in it take at most {most}; choose a folder with a shorter path",
        "{out} {out_dir} ne peut pas être écrit : son chemin fait {n} octets, et les "
        "fichiers qui y sont écrits en acceptent au plus {most} ; choisissez un dossier au "
        "chemin plus court",
    ),
    "out_link_loop": (
        "{out} {out_dir} cannot be written: a symbolic link on its path leads back to "
        "itself (a loop); choose another folder or repair the link",
        "{out} {out_dir} ne peut pas être écrit : un lien symbolique de son chemin renvoie "
        "à lui-même (une boucle) ; choisissez un autre dossier ou réparez le lien",
    ),
    "out_disk_root": (
        "{out} {out_dir} is the root of a disk; the output folder is replaced as a whole, "
        "and a disk's root cannot be: choose a folder in it (e.g. {out} {out_dir}/results)",
        "{out} {out_dir} est la racine d'un disque ; le dossier de sortie est remplacé en "
        "entier, ce que la racine d'un disque ne peut pas être : choisissez un dossier à "
        "l'intérieur (par exemple {out} {out_dir}/resultats)",
    ),
    "cli_os_error_output": (
        "what the command prints could not be written to its output, the terminal or the "
        "file it is sent to ({reason})",
        "ce que la commande affiche n'a pas pu être écrit sur sa sortie, le terminal ou le "
        "fichier vers lequel elle est envoyée ({reason})",
    ),
    "cli_os_error_file": (
        "{file} could not be read or written ({reason})",
        "{file} n'a pas pu être lu ou écrit ({reason})",
    ),
    "cli_os_error_nothing": ("nothing was written", "rien n'a été écrit"),
    "cli_os_error_written": (
        "the result was written before it: it is complete",
        "le résultat a été écrit avant : il est complet",
    ),
    "cli_no_replace_unused": (
        "--no-replace has no effect without --withdraw-commission: no commission withdraws, "
        "so there is none to replace",
        "--no-replace est sans effet sans --withdraw-commission : aucune commande ne se "
        "retire, il n'y en a donc aucune à remplacer",
    ),
    "cli_no_change": (
        "no change given: use --withdraw-commission, --withdraw-student, --add-students or "
        "--withdraw-supervisor",
        "aucun changement donné : utilisez --withdraw-commission, --withdraw-student, "
        "--add-students ou --withdraw-supervisor",
    ),
    "cli_from_no_selection": (
        "--from {from_dir} holds no selection.csv (the previous result)",
        "--from {from_dir} ne contient pas de selection.csv (le résultat précédent)",
    ),
    "cli_no_supervisors": (
        "{instance} has no supervisors.csv (or accompagnateurs.csv): one row per supervisor "
        "is needed to plan",
        "{instance} n'a pas de supervisors.csv (ni d'accompagnateurs.csv) : il faut une ligne "
        "par accompagnateur pour planifier",
    ),
    "cli_no_result_files": (
        "{folder} holds neither teams.csv nor selection.csv",
        "{folder} ne contient ni teams.csv ni selection.csv",
    ),
    "cli_plan_done": (
        "plan: {status} ({objectives}); written to {out}",
        "planning : {status} ({objectives}) ; écrit dans {out}",
    ),
    "cli_cannot_listen": (
        "cannot listen on {host}:{port}: {reason}",
        "impossible d'écouter sur {host}:{port} : {reason}",
    ),
    "cli_serving": (
        "matcher workbench on {url} (Ctrl-C to stop)",
        "atelier matcher sur {url} (Ctrl-C pour arrêter)",
    ),
    "cli_stopped": ("stopped", "arrêté"),
    "gen_out_not_folder": (
        "--out {out_dir} exists and is not a folder",
        "--out {out_dir} existe et n'est pas un dossier",
    ),
    "gen_out_not_empty": (
        "--out {out_dir} is not empty; choose an empty or new folder, or add --force to "
        "overwrite {files} there (nothing else is touched)",
        "--out {out_dir} n'est pas vide ; choisissez un dossier vide ou nouveau, ou ajoutez "
        "--force pour y remplacer {files} (rien d'autre n'est touché)",
    ),
    "gen_wrote": (
        "wrote {out_dir}: {proposals} ({count} to select), {students}, {pairs} (synthetic, "
        "seed {seed})",
        "écrit dans {out_dir} : {proposals} ({count} à retenir), {students}, {pairs} "
        "(fictives, graine {seed})",
    ),
    # The counts of gen_wrote, each agreeing with its number (French: 0 and 1 singular).
    "gen_n_students_one": ("{n} student", "{n} étudiant"),
    "gen_n_students_many": ("{n} students", "{n} étudiants"),
    "gen_n_pairs_one": ("{n} pair", "{n} paire"),
    "gen_n_pairs_many": ("{n} pairs", "{n} paires"),
    "result_one_file": (
        "{file} is one file of a result: give the result's folder ({folder}) or its result.xlsx",
        "{file} n'est qu'un fichier d'un résultat : donnez le dossier du résultat ({folder}) "
        "ou son result.xlsx",
    ),
    "res_note_in_table": (
        "{message}: a note typed in the table? Keep notes on another sheet, or to the right of"
        " the table",
        "{message} : une note tapée dans le tableau ? Gardez les notes sur une autre feuille,"
        " ou à droite du tableau",
    ),
    "res_rows_not_read_one": (
        "{file}, row {rows}: neither a student nor a commission: the row is not read (a note "
        "or a total?)",
        "{file}, ligne {rows} : ni étudiant·e ni commande : la ligne n'est pas lue (une note "
        "ou un total ?)",
    ),
    "res_rows_not_read_many": (
        "{file}, rows {rows}: neither a student nor a commission: the rows are not read "
        "(notes or totals?)",
        "{file}, lignes {rows} : ni étudiant·e ni commande : ces lignes ne sont pas lues "
        "(des notes ou des totaux ?)",
    ),
    "res_student_gone": (
        "{message} (if {ref} has left since this result, put their row back in {file}"
        " and give matcher whatif --withdraw-student {ref}; if {ref} arrived in a what-if,"
        " give the what-if's result folder: its summary.json records the students added)",
        "{message} (si {ref} est parti·e depuis ce résultat, remettez sa ligne dans"
        " {file} et lancez matcher whatif --withdraw-student {ref} ; si {ref} est arrivé·e"
        " par un what-if, donnez le dossier de résultat de ce what-if : son summary.json"
        " garde les étudiants ajoutés)",
    ),
    "res_proposals_gone_one": (
        "{file} lists {ids}, not selected, which commissions.csv no longer has: left out of"
        " this result's proposals and reserves",
        "{file} mentionne {ids}, non retenue, que commissions.csv ne contient plus : écartée"
        " des propositions et des réserves de ce résultat",
    ),
    "res_proposals_gone_many": (
        "{file} lists {ids}, not selected, which commissions.csv no longer has: left out of"
        " this result's proposals and reserves",
        "{file} mentionne {ids}, non retenues, que commissions.csv ne contient plus :"
        " écartées des propositions et des réserves de ce résultat",
    ),
    "check_cohort_changed": (
        "students.csv, pairs.csv, the selected commissions or the [teams] settings have changed"
        " since this result's teams were solved: the solver's values for the teams were for"
        " the cohort as it was, so they are not shown beside this result's",
        "students.csv, pairs.csv, les commandes retenues ou les réglages [teams] ont changé"
        " depuis la résolution des équipes de ce résultat : les valeurs du solveur pour les"
        " équipes valaient pour la cohorte d'alors et ne sont donc pas montrées à côté de"
        " celles de ce résultat",
    ),
    "check_no_result_files": (
        "{folder} holds neither selection.csv, teams.csv nor result.xlsx",
        "{folder} ne contient ni selection.csv, ni teams.csv, ni result.xlsx",
    ),
    "check_no_result_files_books_one": (
        "{folder} holds neither selection.csv, teams.csv nor result.xlsx: {books} is not read;"
        " if it holds the result, save it as result.xlsx (Excel 2007-365) in this folder",
        "{folder} ne contient ni selection.csv, ni teams.csv, ni result.xlsx : {books} n'est"
        " pas lu ; s'il contient le résultat, enregistrez-le en result.xlsx (Excel 2007-365)"
        " dans ce dossier",
    ),
    # Several workbooks (probe s39f: « a.xlsx, b.ods n'est pas lu »).
    "check_no_result_files_books_many": (
        "{folder} holds neither selection.csv, teams.csv nor result.xlsx: {books} are not "
        "read; if one holds the result, save it as result.xlsx (Excel 2007-365) in this folder",
        "{folder} ne contient ni selection.csv, ni teams.csv, ni result.xlsx : {books} ne "
        "sont pas lus ; si l'un d'eux contient le résultat, enregistrez-le en result.xlsx "
        "(Excel 2007-365) dans ce dossier",
    ),
    # Progress during a solve (matcher.outputs.progress)
    "progress_line": (
        "  … {stage}: {name} best {best}  bound {bound}  {elapsed} s",
        "  … {stage} : {name} meilleur {best}  borne {bound}  {elapsed} s",
    ),
    "progress_left": (", at most {left} s left", ", encore {left} s au plus"),
    "progress_questions": (
        "  … explanations: question {answered} of {total}  {elapsed} s",
        "  … explications : question {answered} sur {total}  {elapsed} s",
    ),
    # Stage 3: supervisors and calendar (matcher.planning)
    "plan_visit": ("Visit", "Visite"),
    "plan_oral": ("Oral defence", "Soutenance"),
    "plan_supervisor": ("supervisor", "accompagnateur·rice"),
    "plan_team": ("team", "équipe"),
    "plan_no_supervisors": (
        "no supervisor in {file}: a plan needs at least one",
        "aucun·e accompagnateur·rice dans {file} : il en faut au moins un·e",
    ),
    "plan_all_withdrawn": (
        "every supervisor of {file} is withdrawn ({ids}): a plan needs at least one",
        "tou·te·s les accompagnateur·rice·s du fichier {file} se sont retiré·e·s ({ids}) : il "
        "en faut au moins un·e",
    ),
    "plan_oral_nobody": (
        "no supervisor is available {at_slots} for {team}, whose institution ({institution})"
        " can only host the oral {at_slots}",
        "aucun·e accompagnateur·rice n'est disponible {at_slots} pour {team}, dont "
        "l'institution ({institution}) ne peut accueillir la soutenance qu'{at_slots}",
    ),
    # One slot or several: « au créneau X », « aux créneaux X et Y ».
    "plan_at_slots_one": ("on {slots}", "au créneau {slots}"),
    "plan_at_slots_many": ("on {slots}", "aux créneaux {slots}"),
    "plan_capacity": (
        "{name} takes at most {count} team{s}",
        "{name} prend au plus {count} équipe{s}",
    ),
    # A limit the supervisor's row leaves empty: said where it comes from.
    "plan_capacity_shared": (
        "{name} takes at most {count} team{s} (no max_teams of their own in {file}: {teams} "
        "teams shared among {supervisors} supervisors, rounded up)",
        "{name} prend au plus {count} équipe{s} (pas d'équipes max propre dans {file} : "
        "{teams} équipes réparties entre {supervisors} accompagnateur·rice·s, arrondi à "
        "l'unité supérieure)",
    ),
    # The same when some supervisors can take no team (unavailable on the visit slot or
    # on every oral slot): they count in the share all the same (contract §11), so the
    # sentence names them ({who}: plan_take_none_one / _many, French agreeing) and the
    # way out (probe s28a).
    "plan_capacity_shared_unable": (
        "{name} takes at most {count} team{s} (no max_teams of their own in {file}: {teams} "
        "teams shared among the {supervisors} supervisors it lists, rounded up, {unable} "
        "included, {who} on the visit slot or on every oral slot; a max_teams of their own "
        "in {file}, or [supervision] max_teams, raises it)",
        "{name} prend au plus {count} équipe{s} (pas d'équipes max propre dans {file} : "
        "{teams} équipes réparties entre ses {supervisors} accompagnateur·rice·s, arrondi à "
        "l'unité supérieure, y compris {unable}, {who} au créneau de visite ou à tous les "
        "créneaux de soutenance ; une colonne équipes max remplie dans {file}, ou "
        "[supervision] max_teams, relève cette limite)",
    ),
    "plan_capacity_none": (
        "{name} can take no team, being unavailable on the visit slot or on every oral slot",
        "{name} ne peut prendre aucune équipe, indisponible au créneau de visite ou à tous "
        "les créneaux de soutenance",
    ),
    "plan_take_none_one": (
        "who can take none, being unavailable",
        "qui ne peut en prendre aucune, indisponible",
    ),
    "plan_take_none_many": (
        "who can take none, being unavailable",
        "qui ne peuvent en prendre aucune, indisponibles",
    ),
    "plan_capacity_setting": (
        "{name} takes at most {count} team{s} ([supervision] max_teams: no max_teams of "
        "their own in {file})",
        "{name} prend au plus {count} équipe{s} ([supervision] max_teams : pas d'équipes max "
        "propre dans {file})",
    ),
    "plan_capacity_total": (
        "the {count} teams each need a supervisor, but the supervisors take at most {most} "
        "together:",
        "les {count} équipes ont chacune besoin d'un·e accompagnateur·rice, mais les "
        "accompagnateur·rice·s en prennent au plus {most} ensemble :",
    ),
    "plan_visit_nobody": (
        "every team visits its institution on {slot} with its supervisor, but no supervisor "
        "is available on {slot}:",
        "chaque équipe visite son institution au créneau {slot} avec son accompagnateur·rice, "
        "mais aucun·e accompagnateur·rice n'est disponible au créneau {slot} :",
    ),
    "plan_tied_everyone": (
        "nobody may supervise {team} ({institution}): every supervisor is tied to its "
        "institution ({names})",
        "personne ne peut accompagner {team} ({institution}) : chaque accompagnateur·rice a "
        "des liens avec son institution ({names})",
    ),
    "plan_ties": ("{name} is tied to {institutions}", "{name} a des liens avec {institutions}"),
    "plan_unavailable": (
        "{name} is unavailable {at_slots}",
        "{name} est indisponible {at_slots}",
    ),
    "plan_oral_slots": (
        "the institution of {team} ({institution}) can only host the oral {at_slots}",
        "l'institution de {team} ({institution}) ne peut accueillir la soutenance qu'{at_slots}",
    ),
    "plan_one_place": (
        "{name} cannot attend the {events} on {slot}: {places} need {sum} minutes, "
        "the window {window} has {length}",
        "{name} ne peut assister aux {events} du créneau {slot} : {places} demandent "
        "{sum} minutes, la plage {window} en compte {length}",
    ),
    "plan_one_place_many": (
        "{name} cannot attend the {count} {events} on {slot} ({teams}): they need at "
        "least {sum} minutes, the window {window} has {length}",
        "{name} ne peut assister aux {count} {events} du créneau {slot} ({teams}) : il faut au "
        "moins {sum} minutes, la plage {window} en compte {length}",
    ),
    # Teams of one plan among others (not every team of the cohort): the conflict being
    # minimal, every plan keeping the other rules leaves this supervisor events on the slot
    # that do not fit, not always these (probe s28a read "these three cannot" as the rule).
    "plan_one_place_example": (
        "{name} cannot attend every event the other rules leave them on {slot} (for example "
        "the {events} {places} need {sum} minutes, the window {window} has {length})",
        "{name} ne peut assister à tous les rendez-vous que les autres règles lui laissent au "
        "créneau {slot} (par exemple, les {events} {places} demandent {sum} minutes, la plage "
        "{window} en compte {length})",
    ),
    "plan_one_place_many_example": (
        "{name} cannot attend every event the other rules leave them on {slot} (for example "
        "the {count} {events} {teams} need at least {sum} minutes, the window {window} has "
        "{length})",
        "{name} ne peut assister à tous les rendez-vous que les autres règles lui laissent au "
        "créneau {slot} (par exemple, les {count} {events} {teams} demandent au moins {sum} "
        "minutes, la plage {window} en compte {length})",
    ),
    "plan_visits_total": (
        "the {count} teams each need a visit on {slot}, but {names} can make at most "
        "{most} together: {each} each in the window {window} ({length} minutes) with "
        "{minutes}-minute visits and at least {gap} minutes between institutions",
        "les {count} équipes ont chacune besoin d'une visite au créneau {slot}, mais {names} "
        "peuvent en faire au plus {most} ensemble : {each} chacun·e dans la plage {window} "
        "({length} minutes), avec des visites de {minutes} minutes et au moins {gap} minutes "
        "entre institutions",
    ),
    "plan_visits_pairs": (
        "the {count} teams each need a visit on {slot}, but {names} can make at most "
        "{most} together: one each, and a second only beside a team {place} ({minutes}-minute "
        "visits with {far} minutes between them do not fit the window {window}); such "
        "pairs the teams' towns allow: {pairs}",
        "les {count} équipes ont chacune besoin d'une visite au créneau {slot}, mais {names} "
        "peuvent en faire au plus {most} ensemble : une chacun·e, et une deuxième seulement "
        "auprès d'une équipe {place} (deux visites de {minutes} minutes et {far} minutes "
        "entre elles ne tiennent pas dans la plage {window}) ; paires de ce genre que "
        "permettent les localités des équipes : {pairs}",
    ),
    # Mornings that fit the most visits only for a few sets of teams sharing teams (s31e).
    "plan_visits_sets": (
        "the {count} teams each need a visit on {slot}, but {names} can make at most {most} "
        "together: in the window {window} ({length} minutes), with {minutes}-minute visits, "
        "{same_town} minutes between two institutions of one town and {travel} between "
        "towns, one supervisor makes at most {each} visits{only}",
        "les {count} équipes ont chacune besoin d'une visite au créneau {slot}, mais {names} "
        "peuvent en faire au plus {most} ensemble : dans la plage {window} ({length} "
        "minutes), avec des visites de {minutes} minutes, {same_town} minutes entre deux "
        "institutions d'une même localité et {travel} entre localités, une même personne "
        "fait au plus {each} visites{only}",
    ),
    "plan_visits_only": (", and {each} only for {sets}", ", et {each} seulement pour {sets}"),
    "plan_semicolon": ("; ", " ; "),
    # The workbook's table of what an edit cost: its last column's heading.
    "edit_compared": ("Compared with the solver's", "Par rapport au solveur"),
    # Oral windows too short for every team's oral, counted without a solve (probe s21h).
    "plan_orals_total": (
        "the {count} teams each need an oral defence {at_slots} ({needed} minutes of orals), "
        "but {names} {can} attend at most {most}: {each} each per slot they attend, in the "
        "window {window} ({length} minutes) with {minutes}-minute orals and at least {gap} "
        "minutes between institutions",
        "les {count} équipes ont chacune besoin d'une soutenance {at_slots} ({needed} minutes "
        "de soutenances), mais {names} {can} en suivre au plus {most} : {each} chacun·e par "
        "créneau où il ou elle est présent·e, dans la plage {window} ({length} minutes), avec "
        "des soutenances de {minutes} minutes et au moins {gap} minutes entre institutions",
    ),
    "plan_orals_total_nobody": (
        "the {count} teams each need an oral defence {at_slots} ({needed} minutes of orals), "
        "but no supervisor is available there",
        "les {count} équipes ont chacune besoin d'une soutenance {at_slots} ({needed} minutes "
        "de soutenances), mais aucun·e accompagnateur·rice n'y est disponible",
    ),
    "plan_orals_only_nobody": (
        "{count} teams can only defend {at_slots}, as their commissions offer no other oral "
        "slot ({teams}; {needed} minutes of orals), but no supervisor is available there",
        "{count} équipes ne peuvent présenter leur soutenance qu'{at_slots}, leurs commandes "
        "n'offrant aucun autre créneau de soutenance ({teams} ; {needed} minutes de "
        "soutenances), mais aucun·e accompagnateur·rice n'y est disponible",
    ),
    "plan_orals_only": (
        "{count} teams can only defend {at_slots}, as their commissions offer no other oral "
        "slot ({teams}; {needed} minutes of orals), but {names} {can} attend at most {most} "
        "there: {each} each per slot they attend, in the window {window} ({length} minutes) "
        "with {minutes}-minute orals and at least {gap} minutes between institutions",
        "{count} équipes ne peuvent présenter leur soutenance qu'{at_slots}, leurs commandes "
        "n'offrant aucun autre créneau de soutenance ({teams} ; {needed} minutes de "
        "soutenances), mais {names} {can} en suivre au plus {most} : {each} chacun·e par "
        "créneau où il ou elle est présent·e, dans la plage {window} ({length} minutes), avec "
        "des soutenances de {minutes} minutes et au moins {gap} minutes entre institutions",
    ),
    "plan_teams_more": ("{items} and {n} more", "{items} et {n} autres"),
    "plan_can_one": ("can", "peut"),
    "plan_can_many": ("can", "peuvent"),
    "plan_same_town": ("of the same town", "de la même localité"),
    "plan_same_place": ("of the same institution", "de la même institution"),
    "plan_visits": ("visits", "visites"),
    "plan_orals": ("oral defences", "soutenances"),
    "plan_one_place_plain": (
        "a supervisor is in one place at a time on {slot} and travels between institutions "
        "({travel} minutes, {same_town} within a town)",
        "un·e accompagnateur·rice est en un seul lieu à la fois au créneau {slot} et se déplace "
        "entre institutions ({travel} minutes, {same_town} dans une même localité)",
    ),
    "plan_conflict": (
        "these rules cannot all hold together:",
        "ces règles ne peuvent pas toutes être respectées ensemble :",
    ),
    "plan_conflict_teams": (
        "each of the {count} teams needs one supervisor; these rules cannot all hold with it:",
        "chacune des {count} équipes a besoin d'un·e accompagnateur·rice ; ces règles ne "
        "peuvent pas toutes être respectées avec cela :",
    ),
    "plan_unknown": (
        "no conflict between the supervisors' rules could be isolated within the time limit",
        "aucun conflit entre les règles n'a pu être isolé dans le temps imparti",
    ),
    "plan_and": ("and", "et"),
    "plan_colon": (": ", " : "),
    "plan_or": ("or", "ou"),
    "plan_in": ("in", "à"),
    # validate's description of an instance (matcher.cli.validate)
    "colon": (": ", " : "),
    "semicolon": ("; ", " ; "),
    "val_instance": ("instance: {name}", "données : {name}"),
    "val_proposals": (
        "proposals: {n}; eligible: {eligible} from {institutions}; to select: {count}",
        "commandes : {n} ; éligibles : {eligible} de {institutions} ; à retenir : {count}",
    ),
    "val_proposals_none_eligible": (
        "proposals: {n}; eligible: none; to select: {count}",
        "commandes : {n} ; éligibles : aucune ; à retenir : {count}",
    ),
    "val_eligible": ("eligible proposals:", "commandes éligibles :"),
    "val_not_eligible": ("not eligible:", "non éligibles :"),
    "val_no_proposals": (
        "proposals: none (no commissions.csv, nor a sheet of that name)",
        "commandes : aucune (ni commissions.csv ni feuille de ce nom)",
    ),
    "val_students": ("students: {n}", "étudiants : {n}"),
    "val_vae": ("VAE: {share}", "VAE : {share}"),
    "val_employed": ("employed: {share}", "en emploi : {share}"),
    "val_gender": ("gender: {genders}", "genre : {genders}"),
    "val_choices": ("students with choices: {share}", "étudiants ayant des choix : {share}"),
    "val_pinned": ("pinned: {n}", "affectations imposées : {n}"),
    "val_teams": ("teams: {teams} of {size} students", "équipes : {teams} de {size} étudiants"),
    "val_teams_one_student": ("teams: {teams} of 1 student", "équipes : {teams} de 1 étudiant"),
    "val_no_students": (
        "students: none (no students table yet: neither a file students.csv nor a sheet students)",
        "étudiants : aucun (pas encore de tableau des étudiants : ni fichier étudiants.csv ni "
        "feuille étudiants)",
    ),
    # A table named in the reader's words (a workbook's sheet: probe s29h).
    "table_commissions": ("commissions", "commandes"),
    "table_students": ("students", "étudiants"),
    "table_pairs": ("pairs", "binômes"),
    "table_supervisors": ("supervisors", "accompagnateurs"),
    "val_pairs": (
        "pairs: {n} ({apart} apart, {together} together)",
        "paires : {n} ({apart} à séparer, {together} à réunir)",
    ),
    "val_warnings": ("warnings ({n}):", "avertissements ({n}) :"),
    "val_valid": ("input is valid", "les données sont valides"),
    "val_give_workbook": (
        "; to read {book}, give the workbook itself",
        " ; pour lire {book}, donnez le classeur lui-même",
    ),
    "val_nothing_here": (
        "neither commissions nor students found here{hint}",
        "ni commandes ni étudiants trouvés ici{hint}",
    ),
    "val_selection_cannot_zero": (
        "no eligible proposal can be selected but count is {count}: the selection cannot succeed",
        "aucune commande éligible ne peut être retenue mais count vaut {count} : la "
        "sélection ne peut pas aboutir",
    ),
    "val_selection_cannot_one": (
        "only {n} eligible proposal can be selected (at most {cap} per institution) but "
        "count is {count}: the selection cannot succeed",
        "seulement {n} commande éligible peut être retenue (au plus {cap} par institution) "
        "mais count vaut {count} : la sélection ne peut pas aboutir",
    ),
    "val_selection_cannot_many": (
        "only {n} eligible proposals can be selected together (at most {cap} per "
        "institution) but count is {count}: the selection cannot succeed",
        "seulement {n} commandes éligibles peuvent être retenues ensemble (au plus {cap} par "
        "institution) mais count vaut {count} : la sélection ne peut pas aboutir",
    ),
    "val_too_few_fit_zero": (
        "no eligible proposal could host a team of this cohort, but count is {count}: {rules}",
        "aucune commande éligible ne pourrait accueillir une équipe de cette cohorte, mais "
        "count vaut {count} : {rules}",
    ),
    "val_too_few_fit_one": (
        "only {n} eligible proposal could host a team of this cohort ({ids}), but count is "
        "{count}, so every selection holds one that cannot: {rules}",
        "seulement {n} commande éligible pourrait accueillir une équipe de cette cohorte "
        "({ids}), mais count vaut {count} : toute sélection en retient donc une qui ne le "
        "peut pas : {rules}",
    ),
    "val_too_few_fit_cap": (
        "the eligible proposals that could host a team of this cohort ({ids}) allow only "
        "{n} in one selection (at most {cap} per institution), but count is {count}, so "
        "every selection holds one that cannot: {rules}",
        "les commandes éligibles qui pourraient accueillir une équipe de cette cohorte "
        "({ids}) ne permettent d'en retenir que {n} ensemble (au plus {cap} par "
        "institution), mais count vaut {count} : toute sélection en retient donc une qui ne "
        "le peut pas : {rules}",
    ),
    "val_too_few_fit_many": (
        "only {n} eligible proposals could host a team of this cohort together ({ids}), but "
        "count is {count}, so every selection holds one that cannot: {rules}",
        "seulement {n} commandes éligibles pourraient accueillir ensemble une équipe de cette "
        "cohorte ({ids}), mais count vaut {count} : toute sélection en retient donc une qui "
        "ne le peut pas : {rules}",
    ),
    "td_pins_over_one": (
        "{n} student is pinned to {pin} ({who}), but its team holds at most {high}",
        "{n} étudiant est imposé·e dans {pin} ({who}), mais son équipe en compte au plus {high}",
    ),
    "td_pins_over_many": (
        "{n} students are pinned to {pin} ({who}), but its team holds at most {high}",
        "{n} étudiants sont imposé·e·s dans {pin} ({who}), mais son équipe en compte au plus "
        "{high}",
    ),
    "td_pin_unfit": (
        "{who} is pinned to {pin}, which could host no team of this cohort: {rule}",
        "{who} est imposé·e dans {pin}, qui ne pourrait accueillir aucune équipe de cette "
        "cohorte : {rule}",
    ),
    "td_pins_unfit": (
        "{who} are pinned to {pin}, which could host no team of this cohort: {rule}",
        "{who} sont imposé·e·s dans {pin}, qui ne pourrait accueillir aucune équipe de cette "
        "cohorte : {rule}",
    ),
    "val_supervisors_short": (
        "the {count} teams each need a supervisor, but the supervisors of {file} take at most "
        "{most} together ({who})",
        "les {count} équipes ont chacune besoin d'un·e accompagnateur·rice, mais les "
        "accompagnateur·rice·s de {file} en prennent au plus {most} ensemble ({who})",
    ),
    "val_supervisor_takes": ("{name} at most {n}", "{name} au plus {n}"),
    "val_town_pairs_short": (
        "the {count} teams each need a visit on {slot}, and a supervisor's morning "
        "({window}) holds two {minutes}-minute visits only {same} minutes apart (one town), "
        "not {travel}: pairs of teams of one town the supervisors free that morning need: "
        "{needed}; the most the eligible proposals offer (two institutions of one town make "
        "a pair): {offered}",
        "les {count} équipes ont chacune besoin d'une visite au créneau {slot}, et la "
        "matinée d'un·e accompagnateur·rice ({window}) ne tient deux visites de {minutes} "
        "minutes qu'à {same} minutes l'une de l'autre (une même localité), pas à {travel} : "
        "paires d'équipes d'une même localité nécessaires aux accompagnateur·rice·s libres "
        "ce matin-là : {needed} ; au plus ce qu'en offrent les commandes éligibles (deux "
        "institutions d'une même localité forment une paire) : {offered}",
    ),
    "val_supervisor_takes_none": (
        "{name} none (unavailable on the visit or on every oral slot)",
        "{name} aucune (indisponible à la visite ou à tous les créneaux d'oral)",
    ),
    "val_visit_nobody": (
        "every team visits its institution on {slot} with its supervisor, but no supervisor "
        "of {file} is available on {slot}",
        "chaque équipe visite son institution au créneau {slot} avec son accompagnateur·rice, "
        "mais aucun·e accompagnateur·rice de {file} n'est disponible au créneau {slot}",
    ),
    "val_oral_nobody": (
        "every team defends on {slots} with its supervisor, but no supervisor of {file} is "
        "available on any of them",
        "chaque équipe présente sa soutenance au créneau {slots} avec son "
        "accompagnateur·rice, mais aucun·e accompagnateur·rice de {file} n'est disponible à "
        "aucun d'eux",
    ),
    "val_size_if_selected": (
        "{rule}: it could host no team, so the selection leaves it out (change its "
        "min_size / max_size to keep it selectable)",
        "{rule} : elle ne pourrait accueillir aucune équipe, la sélection la laisse donc de "
        "côté (changez sa taille min / max pour qu'elle puisse être retenue)",
    ),
    "val_empty_teams_one": (
        "{n} team will have no student: fewer students ({students}) than commissions "
        "({count}); a count of at most {students} gives every commission its team",
        "{n} équipe n'aura aucun étudiant : moins d'étudiants ({students}) que de commandes "
        "({count}) ; un count d'au plus {students} donne à chaque commande son équipe",
    ),
    "val_empty_teams_many": (
        "{n} teams will have no student: fewer students ({students}) than commissions "
        "({count}); a count of at most {students} gives every commission its team",
        "{n} équipes n'auront aucun étudiant : moins d'étudiants ({students}) que de commandes "
        "({count}) ; un count d'au plus {students} donne à chaque commande son équipe",
    ),
    "val_employer_if_selected": (
        "{rule}: it could host no team, so the selection leaves it out",
        "{rule} : elle ne pourrait accueillir aucune équipe, la sélection la laisse donc de côté",
    ),
    "val_oral_if_selected": (
        "{rule}: its team could defend on no oral slot, so the selection leaves it out (add "
        "one of them to its cell to keep it selectable)",
        "{rule} : son équipe ne pourrait présenter à aucun créneau de soutenance, la "
        "sélection la laisse donc de côté (ajoutez-en un à sa cellule pour qu'elle puisse "
        "être retenue)",
    ),
    # Its slots cell gives an oral slot's day in another year (td_no_oral_slot_year): the
    # settings' year to correct, not a slot to add (probe s39i).
    "val_oral_year_if_selected": (
        "{rule} Its team could defend on no oral slot, so the selection leaves it out",
        "{rule} Son équipe ne pourrait présenter à aucun créneau de soutenance, la sélection "
        "la laisse donc de côté",
    ),
    "val_teams_cannot": (
        "{teams} teams of {low} to {high} students cannot hold {n} students: the teams "
        "cannot be formed (see [teams] min_size / max_size)",
        "{teams} équipes de {low} à {high} étudiants ne peuvent pas accueillir {n} "
        "étudiants : les équipes ne peuvent pas être formées (voir [teams] min_size / "
        "max_size)",
    ),
    # Why no team assignment satisfies the rules (matcher.teams diagnosis)
    "td_no_commission": (
        "no commission is selected for the {n} students",
        "aucune commande n'est retenue pour les {n} étudiants",
    ),
    "td_tied_everyone": (
        "supervision: nobody may supervise {id} ({institution}): every supervisor of {file} "
        "is tied to its institution ({names})",
        "accompagnement : personne ne peut accompagner {id} ({institution}) : chaque "
        "accompagnateur·rice de {file} a des liens avec son institution ({names})",
    ),
    "td_employer_out_of_reach_one": (
        "{id} ({institution}) employs {who}, who may not join its team, and that team needs "
        "at least {low} students: only {free} others can join it",
        "{id} ({institution}) emploie {who}, qui ne peut pas rejoindre son équipe, et cette "
        "équipe doit compter au moins {low} étudiants : seuls {free} autres peuvent la "
        "rejoindre",
    ),
    "td_employer_out_of_reach_many": (
        "{id} ({institution}) employs {who}, who may not join its team, and that team needs "
        "at least {low} students: only {free} others can join it",
        "{id} ({institution}) emploie {who}, qui ne peuvent pas rejoindre son équipe, et "
        "cette équipe doit compter au moins {low} étudiants : seuls {free} autres peuvent la "
        "rejoindre",
    ),
    "td_oral_unattended": (
        "oral defences: {id} can host its oral only on {slots}, when no supervisor of {file} "
        "is available",
        "soutenances : {id} ne peut accueillir la soutenance qu'au créneau {slots}, où "
        "aucun·e accompagnateur·rice de {file} n'est disponible",
    ),
    # The oral slots too short for count orals whatever the teams (probe s21h).
    "val_orals_total": (
        "the {count} teams each need an oral defence on {slots} ({needed} minutes of orals), "
        "but the supervisors available then ({names}) can attend at most {most}: {each} each "
        "per slot they attend, in the window {window} ({length} minutes) with "
        "{minutes}-minute orals and at least {gap} minutes between institutions",
        "les {count} équipes ont chacune besoin d'une soutenance ({slots} ; {needed} minutes "
        "de soutenances), mais les accompagnateur·rice·s disponibles alors ({names}) peuvent "
        "en suivre au plus {most} : {each} chacun·e par créneau où il ou elle est présent·e, "
        "dans la plage {window} ({length} minutes), avec des soutenances de {minutes} minutes "
        "et au moins {gap} minutes entre institutions",
    ),
    "val_visits_single": (
        "the {count} teams each need a visit on {slot}, but {names} can make at most "
        "{most}: the window {window} ({length} minutes) holds {each} visits of {minutes} "
        "minutes with at least {gap} minutes between institutions",
        "les {count} équipes ont chacune besoin d'une visite au créneau {slot}, mais {names} "
        "peut en faire au plus {most} : la plage {window} ({length} minutes) tient {each} "
        "visites de {minutes} minutes avec au moins {gap} minutes entre institutions",
    ),
    "val_plan_if_selected": (
        "{rule}, so the selection leaves it out",
        "{rule}, la sélection la laisse donc de côté",
    ),
    "td_no_oral_slot": (
        "oral defences: {id} has none of the oral slots ({slots}) in its column '{column}' "
        "of {file}",
        "soutenances : {id} n'a aucun des créneaux de soutenance ({slots}) dans sa colonne "
        "« {column} » de {file}",
    ),
    "td_no_oral_slot_year": (
        "oral defences: {id} has none of the oral slots ({slots}) in its column '{column}' "
        "of {file}: its cell gives {date}, but [calendar] dates puts {slot} on {day}: is the "
        "year right?",
        "soutenances : {id} n'a aucun des créneaux de soutenance ({slots}) dans sa colonne "
        "« {column} » de {file} : sa cellule donne {date}, mais [calendar] dates place {slot} "
        "le {day} : l'année est-elle la bonne ?",
    ),
    "td_at_least": ("at least {n}", "au moins {n}"),
    "td_at_most": ("at most {n}", "au plus {n}"),
    "td_size_asks_one": (
        "team sizes: {id} asks for {asks} student, but teams hold {low} to {high}",
        "tailles d'équipe : {id} demande {asks} étudiant, mais les équipes en comptent de "
        "{low} à {high}",
    ),
    "td_size_asks_many": (
        "team sizes: {id} asks for {asks} students, but teams hold {low} to {high}",
        "tailles d'équipe : {id} demande {asks} étudiants, mais les équipes en comptent de "
        "{low} à {high}",
    ),
    "td_of_at_most": ("of at most {n}", "d'au plus {n}"),
    "td_holding_at_most": ("holding at most {n}", "pouvant en accueillir au plus {n}"),
    "td_of_at_least": ("of at least {n}", "d'au moins {n}"),
    "td_needing": ("needing {n}", "qui en demandent {n}"),
    "td_cannot_fit": (
        "team sizes: {n} students cannot fit {teams} teams {limit}",
        "tailles d'équipe : {n} étudiants ne tiennent pas dans {teams} équipes {limit}",
    ),
    "td_cannot_fill": (
        "team sizes: {n} students cannot fill {teams} teams {limit}",
        "tailles d'équipe : {n} étudiants ne suffisent pas à remplir {teams} équipes {limit}",
    ),
    "td_pin_unselected": (
        "{who} is pinned to {pin}, which is not a selected commission (to keep it, add {pin} "
        "to [selection] include and select again)",
        "{who} est imposé·e dans {pin}, qui n'est pas une commande retenue (pour la garder, "
        "ajoutez {pin} à [selection] include et relancez la sélection)",
    ),
    "wi_pin_unselected": (
        "{who} is pinned to {pin}, which is not a selected commission: a what-if keeps the "
        "selection, so pin them to a selected commission or leave their pin empty",
        "{who} est imposé·e dans {pin}, qui n'est pas une commande retenue : une simulation "
        "garde la sélection ; imposez-lui une commande retenue ou laissez son imposition vide",
    ),
    "wi_pins_unselected": (
        "{who} are pinned to {pin}, which is not a selected commission: a what-if keeps the "
        "selection, so pin them to a selected commission or leave their pins empty",
        "{who} sont imposé·e·s dans {pin}, qui n'est pas une commande retenue : une simulation "
        "garde la sélection ; imposez-leur une commande retenue ou laissez leurs impositions vides",
    ),
    "td_pin_include_full": (
        "{who} is pinned to {pin}, which is not a selected commission, and [selection] "
        "include already names {count} commissions ({ids}), as many as count: to keep the "
        "pin, put {pin} in include in place of one of them, or raise count",
        "{who} est imposé·e dans {pin}, qui n'est pas une commande retenue, et [selection] "
        "include nomme déjà {count} commandes ({ids}), autant que count : pour garder "
        "l'imposition, mettez {pin} dans include à la place de l'une d'elles, ou augmentez "
        "count",
    ),
    "td_pins_include_full": (
        "{who} are pinned to {pin}, which is not a selected commission, and [selection] "
        "include already names {count} commissions ({ids}), as many as count: to keep the "
        "pins, put {pin} in include in place of one of them, or raise count",
        "{who} sont imposé·e·s dans {pin}, qui n'est pas une commande retenue, et [selection] "
        "include nomme déjà {count} commandes ({ids}), autant que count : pour garder "
        "les impositions, mettez {pin} dans include à la place de l'une d'elles, ou "
        "augmentez count",
    ),
    "td_pin_include_crowded": (
        "{who} is pinned to {pin}, which is not a selected commission, and [selection] "
        "include already names {ids} of the same institution ({institution}), where at most "
        "{cap} per institution may be selected: to keep the pin, take {ids} out of include, "
        "or allow more proposals per institution",
        "{who} est imposé·e dans {pin}, qui n'est pas une commande retenue, et [selection] "
        "include nomme déjà {ids} de la même institution ({institution}), alors qu'on peut "
        "en retenir au plus {cap} par institution : pour garder l'imposition, retirez {ids} "
        "d'include, ou autorisez plus de commandes par institution",
    ),
    "td_pins_include_crowded": (
        "{who} are pinned to {pin}, which is not a selected commission, and [selection] "
        "include already names {ids} of the same institution ({institution}), where at most "
        "{cap} per institution may be selected: to keep the pins, take {ids} out of "
        "include, or allow more proposals per institution",
        "{who} sont imposé·e·s dans {pin}, qui n'est pas une commande retenue, et [selection] "
        "include nomme déjà {ids} de la même institution ({institution}), alors qu'on peut "
        "en retenir au plus {cap} par institution : pour garder les impositions, retirez "
        "{ids} d'include, ou autorisez plus de commandes par institution",
    ),
    "td_in_include_one": ("{ids} in [selection] include", "{ids} dans [selection] include"),
    "td_in_include_many": ("{ids} in [selection] include", "{ids} dans [selection] include"),
    "td_pins_over_count_one": (
        "the pins {what} need {n} proposal selected, but count is {count}: change a pin, or "
        "raise count",
        "les impositions {what} demandent de retenir {n} commande, mais count vaut "
        "{count} : changez une imposition, ou augmentez count",
    ),
    "td_pins_over_count_many": (
        "the pins {what} need {n} proposals selected, but count is {count}: change a pin, or "
        "raise count",
        "les impositions {what} demandent de retenir {n} commandes, mais count vaut "
        "{count} : changez une imposition, ou augmentez count",
    ),
    "td_pins_same_institution": (
        "the pins {what} need {n} proposals of one institution ({institution}), where at "
        "most {cap} per institution may be selected: change a pin, or allow more proposals "
        "per institution",
        "les impositions {what} demandent {n} commandes d'une même institution "
        "({institution}), alors qu'on peut en retenir au plus {cap} par institution : "
        "changez une imposition, ou autorisez plus de commandes par institution",
    ),
    "td_pin_employer": (
        "{who} is pinned to {pin} whose institution is their employer ({institution})",
        "{who} est imposé·e dans {pin}, dont l'institution est son employeur ({institution})",
    ),
    "td_lock_employer": (
        "{who} is locked in {pin} (by you), whose institution is their employer ({institution})",
        "{who} est verrouillé·e par vous dans {pin}, dont l'institution est son employeur "
        "({institution})",
    ),
    "td_together_and_apart": (
        "{a} and {b} must be together and apart ({file}: keep one of the two rows)",
        "{a} et {b} doivent être à la fois ensemble et séparé·e·s ({file} : gardez une des "
        "deux lignes)",
    ),
    "td_apart_tied": (
        "{a} and {b} must be apart but are tied together through together-group {group}",
        "{a} et {b} doivent être séparé·e·s mais sont lié·e·s par le groupe à réunir {group}",
    ),
    "td_apart_all_one": (
        "{who} must all be kept apart from one another ({students} students), but there is "
        "only {n} team",
        "{who} doivent tou·te·s être séparé·e·s les un·e·s des autres ({students} étudiants), "
        "mais {n} seule équipe est formée",
    ),
    "td_apart_all_many": (
        "{who} must all be kept apart from one another ({students} students), but there are "
        "only {n} teams",
        "{who} doivent tou·te·s être séparé·e·s les un·e·s des autres ({students} étudiants), "
        "mais il n'y a que {n} équipes",
    ),
    "td_apart_pinned": (
        "{a} and {b} must be apart but are both pinned to {pin}",
        "{a} et {b} doivent être séparé·e·s mais sont l'un·e et l'autre imposé·e·s dans {pin}",
    ),
    "td_pinned_to": ("{id} to {pin}", "{id} dans {pin}"),
    "td_apart_locked": (
        "{a} and {b} must be apart but are both held in {pin} (pinned or locked by you)",
        "{a} et {b} doivent être séparé·e·s mais sont l'un·e et l'autre retenu·e·s dans {pin} "
        "(imposé·e·s ou verrouillé·e·s par vous)",
    ),
    "td_locked_in": ("{id} locked in {pin}", "{id} verrouillé·e dans {pin}"),
    "td_group_pins": (
        "together-group {group} is pinned to several commissions ({who})",
        "le groupe à réunir {group} est imposé dans plusieurs commandes ({who})",
    ),
    "td_group_too_big": (
        "together-group {group} ({n}) exceeds max size {high} of {pin}{where}",
        "le groupe à réunir {group} ({n}) dépasse la taille maximale {high} de {pin}{where}",
    ),
    "td_group_employer": (
        "{who} must be together with together-group {group} pinned to {pin}, whose "
        "institution is their employer ({institution})",
        "{who} doit être avec le groupe à réunir {group} imposé dans {pin}, dont "
        "l'institution est son employeur ({institution})",
    ),
    "td_group_too_big_any": (
        "together-group {group} ({n}) exceeds the largest team size {high}{where}",
        "le groupe à réunir {group} ({n}) dépasse la plus grande taille d'équipe {high}{where}",
    ),
    "td_group_all_employers": (
        "together-group {group}: every selected commission is the employer of one of them",
        "groupe à réunir {group} : chaque commande retenue est l'employeur de l'un d'eux",
    ),
    "td_nowhere_one": (
        "{who} can join no team ({n} team in all): {reasons}",
        "{who} ne peut rejoindre aucune équipe ({n} équipe en tout) : {reasons}",
    ),
    "td_nowhere_many": (
        "{who} can join none of the {n} teams: {reasons}",
        "{who} ne peut rejoindre aucune des {n} équipes : {reasons}",
    ),
    "td_nowhere_employer": (
        "{id} is their employer's ({institution})",
        "{id} est celle de son employeur ({institution})",
    ),
    "td_nowhere_apart": (
        "{other}, to keep apart from them, is pinned to {id}",
        "{other}, qui doit en être séparé·e, est imposé·e dans {id}",
    ),
    "td_employer_everywhere": (
        "{who} works for the institution of every selected commission ({employer})",
        "{who} travaille pour l'institution de chaque commande retenue ({employer})",
    ),
    "td_isolation_pinned_alone_zero": (
        "no_isolation {condition}: the pins {pins} leave {teams} teams with a single such "
        "student each, and no other student meets it to join them",
        "no_isolation {condition} : les impositions {pins} laissent {teams} équipes avec un "
        "seul étudiant de ce profil, et aucun autre étudiant n'en est pour les rejoindre",
    ),
    "td_isolation_pinned_alone_one": (
        "no_isolation {condition}: the pins {pins} leave {teams} teams with a single such "
        "student each, and only {n} other student meets it to join them",
        "no_isolation {condition} : les impositions {pins} laissent {teams} équipes avec un "
        "seul étudiant de ce profil, et seulement {n} autre étudiant en est pour les rejoindre",
    ),
    "td_isolation_pinned_alone_many": (
        "no_isolation {condition}: the pins {pins} leave {teams} teams with a single such "
        "student each, and only {n} other students meet it to join them",
        "no_isolation {condition} : les impositions {pins} laissent {teams} équipes avec un "
        "seul étudiant de ce profil, et seulement {n} autres étudiants en sont pour les "
        "rejoindre",
    ),
    "td_isolation_alone": (
        "no_isolation {condition}: {who} is the only such student, so their team cannot hold two",
        "no_isolation {condition} : {who} est le seul étudiant de ce profil, son équipe ne "
        "peut donc pas en compter deux",
    ),
    "td_isolation_pair_apart": (
        "no_isolation {condition}: {a} and {b} are the only such students and must be kept "
        "apart, so each one's team would hold one",
        "no_isolation {condition} : {a} et {b} sont les seuls étudiants de ce profil et "
        "doivent être séparé·e·s : chacun·e serait seul·e de ce profil dans son équipe",
    ),
    "td_rule_sizes": ("team sizes: {sizes}", "tailles d'équipe : {sizes}"),
    "td_rule_size": (
        "team size of {id}: {low} to {high} students",
        "taille de l'équipe {id} : de {low} à {high} étudiants",
    ),
    "td_rule_conflicts": (
        "conflicts of interest (no student on their employer's commission)",
        "conflits d'intérêts (aucun étudiant sur la commande de son employeur)",
    ),
    "td_rule_conflict": (
        "{who} may not join {where} (their employer, {employer})",
        "{who} ne peut pas rejoindre {where} (son employeur, {employer})",
    ),
    "td_rule_pins": ("pinned students", "étudiants imposés"),
    "td_rule_pin": ("{who} is pinned to {pin}", "{who} est imposé·e dans {pin}"),
    "td_rule_pins_locked": ("pinned or locked students", "étudiants imposés ou verrouillés"),
    "td_rule_lock": (
        "{who} is locked in {pin} (by you)",
        "{who} est verrouillé·e par vous dans {pin}",
    ),
    "td_rule_pairs_apart": ("pairs to keep apart", "paires à séparer"),
    "td_rule_pairs_together": ("pairs to keep together", "paires à réunir"),
    "td_rule_pair_apart": ("{a} and {b} must be apart", "{a} et {b} doivent être séparé·e·s"),
    "td_rule_pair_together": (
        "{a} and {b} must be together",
        "{a} et {b} doivent être ensemble",
    ),
    "td_rule_isolations": ("no_isolation conditions", "conditions no_isolation"),
    "td_rule_isolation": (
        "no_isolation {label}: its {n} students ({names}) must be 0 or at least 2 per team",
        "no_isolation {label} : ses {n} étudiants ({names}) doivent être 0 ou au moins 2 "
        "par équipe",
    ),
    "td_out_of_time": (
        "the rules cannot all hold together (the diagnosis ran out of time)",
        "les règles ne peuvent pas toutes être respectées ensemble (le diagnostic a manqué "
        "de temps)",
    ),
    # run: the best selection's teams cannot be formed, the next best's can (probe s28d).
    "run_selection_passed_over": (
        "the best selection ({selections}) can form no teams that keep every rule ({why}): "
        "the next best whose teams can be formed is selected",
        "la meilleure sélection ({selections}) ne permet aucune équipe qui respecte toutes "
        "les règles ({why}) : la suivante dont les équipes peuvent être formées est retenue",
    ),
    "run_reselect_out_of_time": (
        "the best selection ({selections}) can form no teams that keep every rule ({why}); "
        "the time limit ran out before another selection was tried",
        "la meilleure sélection ({selections}) ne permet aucune équipe qui respecte toutes "
        "les règles ({why}) ; la limite de temps est atteinte avant d'essayer une autre "
        "sélection",
    ),
    "run_selections_passed_over": (
        "the {count} best selections ({selections}) can form no teams that keep every rule "
        "(the first: {why}): the next best whose teams can be formed is selected",
        "les {count} meilleures sélections ({selections}) ne permettent aucune équipe qui "
        "respecte toutes les règles (la première : {why}) : la suivante dont les équipes "
        "peuvent être formées est retenue",
    ),
    "td_cannot_hold": (
        "these rules cannot all hold together:",
        "ces règles ne peuvent pas toutes être respectées ensemble :",
    ),
    "td_timeout": (
        "the team stage had {seconds} s of the time limit; its search stops on the work that "
        "much time allows on the reference machine, so it can end sooner",
        "l'étape des équipes disposait de {seconds} s de la limite de temps ; sa recherche "
        "s'arrête sur le travail que ce temps permet sur la machine de référence, et peut donc "
        "finir plus tôt",
    ),
    # Signals (matcher.interrupt)
    "terminated_nothing": ("terminated; nothing was written", "arrêté ; rien n'a été écrit"),
    "stopped_written": (
        "stopped once the result was written: it is complete",
        "arrêté une fois le résultat écrit : il est complet",
    ),
    "interrupted_stopping": (
        "interrupted: stopping the search and keeping the best result found so far, if "
        "any (Ctrl-C again to stop at once, writing nothing)",
        "interrompu : arrêt de la recherche, le meilleur résultat trouvé jusque-là sera "
        "gardé s'il y en a un (Ctrl-C encore pour arrêter tout de suite, sans rien écrire)",
    ),
    "interrupted_explaining": (
        "interrupted: the search was over; stopping the explanations, the questions not yet "
        "answered will be unknown (Ctrl-C again to stop at once, writing nothing)",
        "interrompu : la recherche était finie ; arrêt des explications, les questions sans "
        "réponse resteront inconnues (Ctrl-C encore pour arrêter tout de suite, sans rien "
        "écrire)",
    ),
    "interrupted_writing": (
        "interrupted: the search was already over; its result is being written as it is "
        "(Ctrl-C again to stop at once, writing nothing)",
        "interrompu : la recherche était déjà finie ; son résultat est écrit tel quel "
        "(Ctrl-C encore pour arrêter tout de suite, sans rien écrire)",
    ),
    # Results and instances read back (matcher.loading.results, matcher.loading.instance)
    "reason_absent_from_file": ("absent from {file}", "absente de {file}"),
    "res_book_no_selection": (
        "this workbook has no Selection sheet (the sheet of result.xlsx that marks the selected "
        "commissions)",
        "ce classeur n'a pas de feuille Sélection (la feuille de result.xlsx qui marque les "
        "commandes retenues)",
    ),
    "res_none_selected": (
        "no proposal is marked selected: expected 'yes' in the selected column",
        "aucune commande n'est marquée retenue : « yes » attendu dans la colonne selected",
    ),
    "load_give_workbook": (
        " (to read {book}, give the workbook itself as the instance)",
        " (pour lire {book}, donnez le classeur lui-même comme données)",
    ),
    "load_missing_file": (
        "missing file {name}: this command needs it{hint}",
        "fichier {name} manquant : cette opération en a besoin{hint}",
    ),
    "load_missing_sheet": (
        "missing sheet {name}: this command needs it{hint}",
        "feuille {name} manquante : cette opération en a besoin{hint}",
    ),
    "load_arrival_taken": (
        "'{id}' is already a student of the cohort ({clash}): expected a new id",
        "« {id} » est déjà un étudiant de la cohorte ({clash}) : un nouvel identifiant est attendu",
    ),
    # @@FRENCH_END@@
    # ---- Keys of the other areas (loading, edited results, stage 3, explanations, faults) ----
    "stage_plan": ("supervisors and calendar", "accompagnement et calendrier"),
    "prio_expertise": (
        "teams with an expert supervisor (max)",
        "équipes avec un·e accompagnateur·rice expert·e (max)",
    ),
    "prio_load": (
        "teams of the busiest supervisor (min)",
        "équipes de l'accompagnateur·rice le·la plus chargé·e (min)",
    ),
    "prio_travel": ("total travel minutes (min)", "minutes de déplacement au total (min)"),
    "prio_supervisor_changes": (
        "teams that change supervisor (min)",
        "équipes qui changent d'accompagnateur·rice (min)",
    ),
    "prio_event_moves": (
        "visits and orals moved (min)",
        "visites et soutenances déplacées (min)",
    ),
    "plan_no_file": (
        "{instance} has no supervisors.csv (or accompagnateurs.csv): one row per supervisor "
        "is needed to plan",
        "{instance} n'a pas de supervisors.csv (ni accompagnateurs.csv) : il faut une ligne "
        "par accompagnateur·rice pour planifier",
    ),
    "plan_unknown_supervisor": (
        "--withdraw-supervisor {id}: no supervisor of {file} has this id or name",
        "--withdraw-supervisor {id} : aucun·e accompagnateur·rice n'a cet identifiant ni ce "
        "nom dans {file}",
    ),
    "section_plan": ("Supervision and calendar", "Accompagnement et calendrier"),
    "plan_withdrawn": (
        "Withdrawn supervisors (not planned): {ids}",
        "Accompagnateur·rice·s retiré·e·s (non planifié·e·s) : {ids}",
    ),
    "plan_replaced": (
        "{new} takes over the team of {old} (withdrawn); without a replacement, its students"
        " would join the other teams",
        "{new} reprend l'équipe de {old} (retirée) ; sans remplacement, ses étudiant·e·s"
        " rejoindraient les autres équipes",
    ),
    "plan_intro": (
        "Each team's supervisor comes with it to the visit and to the oral defence. "
        "The timeline shows, for each day, who is where and when; the gaps between two "
        "boxes on one row are the travel between institutions.",
        "L'accompagnateur·rice de chaque équipe l'accompagne à la visite et à la "
        "soutenance. La frise montre, pour chaque journée, qui est où et quand ; "
        "les espaces entre deux cases d'une même ligne sont les déplacements entre institutions.",
    ),
    "plan_col_commission": ("Commission", "Commande"),
    "plan_col_institution": ("Institution", "Institution"),
    "plan_col_town": ("Town", "Localité"),
    "plan_col_supervisor": ("Supervisor", "Accompagnateur·rice"),
    "plan_col_expertise": ("Expertise", "Expertise"),
    "plan_col_visit": ("Visit", "Visite"),
    "plan_col_oral": ("Oral", "Soutenance"),
    "plan_col_event": ("Event", "Événement"),
    "plan_col_slot": ("Slot", "Créneau"),
    "plan_col_date": ("Date", "Date"),
    "plan_col_start": ("Start", "Début"),
    "plan_col_end": ("End", "Fin"),
    "plan_day": ("{kind}: {slot}", "{kind} : {slot}"),
    "plan_day_dated": ("{kind}: {slot} ({date})", "{kind} : {slot} ({date})"),
    "plan_travel": ("travel", "trajet"),
    "plan_chart_title": (
        "Timeline of {slot}: one row per supervisor",
        "Frise de {slot} : une ligne par accompagnateur·rice",
    ),
    "sheet_schedule": ("Schedule", "Calendrier"),
    "sheet_supervision": ("Supervision", "Accompagnement"),
    "ld_list_more": ("{shown}, … ({n} in all)", "{shown}, … ({n} en tout)"),
    "ld_none_found": ("none", "aucune"),
    "ld_with_suggestion": (
        "{message}: did you mean {near}?",
        "{message} : vouliez-vous dire {near} ?",
    ),
    # An id holding a letter of another script that looks Latin (probe s28b).
    "ld_with_suggestion_script": (
        "{message}: did you mean {near}? It holds {letters}, a letter that only looks like "
        "a Latin one: type the id again",
        "{message} : vouliez-vous dire {near} ? Il contient {letters}, une lettre qui "
        "ressemble seulement à une lettre latine : retapez le code",
    ),
    "ld_choice_repeated": (
        "choice {n} appears in {count} columns: {columns}; keep only one",
        "le choix {n} figure dans {count} colonnes : {columns} ; n'en gardez qu'une",
    ),
    "ld_choices_both_ways": (
        "both a '{column}' column and numbered choice columns: keep one way of giving choices",
        "à la fois une colonne « {column} » et des colonnes de choix numérotées : gardez une "
        "seule façon de donner les choix",
    ),
    "ld_whole_name_and_first": (
        "column '{whole}' ({whole_at}) holds the whole name and '{first}' ({first_at}) a "
        "first name, which would be written twice: keep only one",
        "la colonne « {whole} » ({whole_at}) contient le nom entier et « {first} » "
        "({first_at}) un prénom, qui serait écrit deux fois : n'en gardez qu'une",
    ),
    "ld_same_column": (
        "columns '{first}' ({first_at}) and '{second}' ({second_at}) both mean '{name}': "
        "keep only one",
        "les colonnes « {first} » ({first_at}) et « {second} » ({second_at}) désignent "
        "toutes deux « {name} » : n'en gardez qu'une",
    ),
    "ld_missing_column": (
        "missing required column '{name}' (accepted names: {accepted}); columns found: {found}",
        "colonne obligatoire « {name} » absente (noms acceptés : {accepted}) ; colonnes "
        "trouvées : {found}",
    ),
    "ld_empty_cell": ("empty cell: expected {what}", "cellule vide : il faut {what}"),
    "ld_what_proposal_id": ("an id for this proposal", "un code pour cette commande"),
    "ld_what_institution": ("the institution's name", "le nom de l'institution"),
    "ld_what_sector": (
        "a sector (e.g. aide à la jeunesse)",
        "un secteur (p. ex. aide à la jeunesse)",
    ),
    "ld_what_problem_type": (
        "a problem type (e.g. évaluation)",
        "un type de problématique (p. ex. évaluation)",
    ),
    "ld_what_student_id": ("the student's id (matricule)", "le matricule de l'étudiant"),
    "ld_what_background": (
        "an initial training (e.g. assistant social)",
        "une formation initiale (p. ex. assistant social)",
    ),
    "ld_what_relation": ("apart or together", "séparer ou ensemble"),
    "ld_what_student": ("a student id", "un matricule"),
    "ld_not_bool": (
        "'{value}' is not a yes/no value: expected yes/no (also oui/non, true/false, "
        "vrai/faux, 1/0, x/empty)",
        "« {value} » n'est pas une valeur oui/non : il faut oui/non (ou yes/no, vrai/faux, "
        "true/false, 1/0, x/vide)",
    ),
    "ld_not_integer": (
        "'{value}' is not a whole number: expected an integer ≥ {minimum}",
        "« {value} » n'est pas un nombre entier : il faut un entier ≥ {minimum}",
    ),
    "ld_int_too_small": (
        "{value} is too small: expected an integer ≥ {minimum}",
        "{value} est trop petit : il faut un entier ≥ {minimum}",
    ),
    "ld_int_too_large": (
        "{value} is too large: expected an integer ≤ {maximum}",
        "{value} est trop grand : il faut un entier ≤ {maximum}",
    ),
    "ld_number_dated": (
        "{message} (a date: a spreadsheet makes one of 3/5 or 3-5 typed in a cell; format "
        "the column as numbers or text, then type the value again)",
        "{message} (une date : un tableur en fait une de 3/5 ou 3-5 tapé dans une cellule ; "
        "mettez la colonne au format nombre ou texte, puis retapez la valeur)",
    ),
    "ld_not_number": (
        "'{value}' is not a number: expected a number ≥ 0",
        "« {value} » n'est pas un nombre : il faut un nombre ≥ 0",
    ),
    # A space between two digits that does not set thousands apart (``1 5``, ``3 5``).
    "ld_not_number_spaced": (
        "'{value}' is not a number: a space inside a number only sets thousands apart "
        "(1 000); expected a number ≥ 0, a decimal written 3.5 or 3,5",
        "« {value} » n'est pas un nombre : une espace dans un nombre ne sépare que les milliers "
        "(1 000) ; il faut un nombre ≥ 0, un décimal s'écrivant 3,5 ou 3.5",
    ),
    "ld_not_integer_spaced": (
        "'{value}' is not a whole number: a space inside a number only sets thousands apart "
        "(1 000); expected an integer ≥ {minimum}",
        "« {value} » n'est pas un nombre entier : une espace dans un nombre ne sépare que les "
        "milliers (1 000) ; il faut un entier ≥ {minimum}",
    ),
    "ld_negative": (
        "{value} is negative: expected a number ≥ 0",
        "{value} est négatif : il faut un nombre ≥ 0",
    ),
    "ld_years_too_large": (
        "{value} is too large: expected a number of years ≤ 1000",
        "{value} est trop grand : il faut un nombre d'années ≤ 1000",
    ),
    "ld_min_above_max": (
        "{min_name} {low} exceeds {max_name} {high}",
        "{min_name} {low} dépasse {max_name} {high}",
    ),
    # settings.toml's keys (the workbench's form says its own words, ``_PAGE_LABELS``).
    "setting_min_size": ("min_size", "min_size"),
    "setting_max_size": ("max_size", "max_size"),
    "ld_duplicate_id": (
        "duplicate id '{id}' (already on row {row}): ids must be unique",
        "code « {id} » en double (déjà à la ligne {row}) : chaque code doit être unique",
    ),
    "ld_no_proposals": (
        "no proposals: expected one row per proposal",
        "aucune commande : il faut une ligne par commande",
    ),
    "ld_no_students": (
        "no students: expected one row per student",
        "aucun étudiant : il faut une ligne par étudiant",
    ),
    "ld_bad_relation": (
        "'{value}' is not a relation: expected apart (séparer) or together (ensemble, réunir)",
        "« {value} » n'est pas un lien : il faut séparer (apart) ou ensemble (réunir, together)",
    ),
    "ld_value_refused_said": (
        "{found} is not accepted: {reason}",
        "{found} ne convient pas : {reason}",
    ),
    "ld_value_refused": (
        "{found} is not accepted: expected {expected}",
        "{found} ne convient pas : il faut {expected}",
    ),
    "ld_expect_int": ("a whole number", "un nombre entier"),
    "ld_expect_int_size": (
        "a whole number of at most 4300 digits",
        "un nombre entier d'au plus 4300 chiffres",
    ),
    "ld_expect_number": ("a number", "un nombre"),
    "ld_expect_finite": ("a finite number", "un nombre fini"),
    "ld_expect_bool": ("true or false", "true ou false"),
    "ld_expect_text": ("a text in quotes", "un texte entre guillemets"),
    "ld_expect_list": (
        'a list in brackets, e.g. ["a", "b"]',
        'une liste entre crochets, p. ex. ["a", "b"]',
    ),
    "ld_window_start_item": ("its start time: {message}", "son heure de début : {message}"),
    "ld_window_end_item": ("its end time: {message}", "son heure de fin : {message}"),
    "ld_expect_window": (
        'two times in brackets, e.g. ["09:00", "13:00"]',
        'deux heures entre crochets, p. ex. ["09:00", "13:00"]',
    ),
    # A window's time or a no_isolation condition written without quotes (« [9, 17] »,
    # « [1] »): what the item must be, not "a text in quotes" alone (probe s39a).
    "ld_expect_window_time": (
        "a time HH:MM in quotes, e.g. {example}",
        "une heure HH:MM entre guillemets, p. ex. {example}",
    ),
    "ld_expect_condition": (
        "a condition attribute=value in quotes, with an attribute among {attributes} (e.g. "
        '["vae=yes"])',
        "une condition attribut=valeur entre guillemets, avec un attribut parmi {attributes} "
        '(p. ex. ["vae=oui"])',
    ),
    "ld_expect_table": ("a section of keys", "une section de clés"),
    "ld_expect_one_of": ("one of {choices}", "l'une des valeurs {choices}"),
    "ld_expect_ge": ("a number ≥ {limit}", "un nombre ≥ {limit}"),
    "ld_expect_gt": ("a number > {limit}", "un nombre > {limit}"),
    "ld_expect_le": ("a number ≤ {limit}", "un nombre ≤ {limit}"),
    "ld_expect_lt": ("a number < {limit}", "un nombre < {limit}"),
    "ld_expect_min_items_one": (
        "at least {n} item",
        "au moins {n} élément",
    ),
    "ld_expect_min_items_many": (
        "at least {n} items",
        "au moins {n} éléments",
    ),
    "ld_expect_max_items_one": (
        "at most {n} item",
        "au plus {n} élément",
    ),
    "ld_expect_max_items_many": (
        "at most {n} items",
        "au plus {n} éléments",
    ),
    "ld_expect_valid": ("a valid value ({reason})", "une valeur valable ({reason})"),
    "ld_weekday_slip": (
        "'{written}' is read as {day}, whose day of the week is not the one written: which "
        "of the two is meant?",
        "« {written} » est lu comme le {day}, dont le jour de la semaine n'est pas celui "
        "écrit : lequel des deux est le bon ?",
    ),
    "sup_weekday_slip": ("{id}: {message}", "{id} : {message}"),
    # A slot label written as a day that is no day of the calendar, or a day with a time
    # (probe s19e): said, never silently another slot.
    "ld_no_such_day": (
        "'{written}' is written as a date but is no day of the calendar: it is read as a "
        "label, which matches no date; write the day meant, e.g. 1/10/2026",
        "« {written} » est écrit comme une date mais n'est aucun jour du calendrier : il est "
        "lu comme un libellé, qui ne correspond à aucune date ; écrivez le jour voulu, p. ex. "
        "1/10/2026",
    ),
    "ld_no_such_day_month_first": (
        "'{written}' is no day read day first, as dates are read here; read month first it "
        "would be {other}, which the settings name: write it day first if that day is meant",
        "« {written} » n'est aucun jour lu le jour d'abord, comme les dates sont lues ici ; lu "
        "le mois d'abord, ce serait le {other}, que les paramètres nomment : écrivez-le le "
        "jour d'abord si c'est ce jour-là",
    ),
    "ld_month_first": (
        "'{written}' is read day first, as {day}, a day the settings do not name; read month "
        "first it would be {other}, which they name: write it day first if that day is meant",
        "« {written} » est lu le jour d'abord, comme le {day}, que les paramètres ne "
        "nomment pas ; lu le mois d'abord, ce serait le {other}, qu'ils nomment : écrivez-le "
        "le jour d'abord si c'est ce jour-là",
    ),
    # ``[calendar] dates`` (probe s31e: « 26/10/2026 14:00 » for the visits, placed at 9:00).
    "ld_date_without_time": (
        "a day without a time is expected: the time {time} would not be used (the visits' "
        "times are [calendar] visit_window, the orals' oral_window)",
        "un jour sans heure est attendu : l'heure {time} ne serait pas utilisée (les heures "
        "des visites sont [calendar] visit_window, celles des soutenances oral_window)",
    ),
    "ld_day_with_time": (
        "'{written}' is read as {day}: a slot is a whole day, the time {time} is set aside",
        "« {written} » est lu comme le {day} : un créneau est une journée entière, "
        "l'heure {time} n'est pas prise en compte",
    ),
    "ld_expect_weekday": (
        "a day of the week that agrees with the date ({day}): which of the two is meant?",
        "un jour de la semaine qui concorde avec la date ({day}) : lequel des deux est le bon ?",
    ),
    "ld_expect_date": (
        "a date written day first, e.g. 19/11/2026, or 2026-11-19",
        "une date écrite le jour d'abord, p. ex. 19/11/2026, ou 2026-11-19",
    ),
    # A date written day first that the calendar does not have (probe s40d D8: « 29/02/2027 »
    # was told to be written day first).
    "ld_not_leap_year": (
        "29 February {year} does not exist ({year} is not a leap year)",
        "le 29 février {year} n'existe pas ({year} n'est pas une année bissextile)",
    ),
    "ld_month_ends": (
        "that day does not exist (the month ends on {last})",
        "ce jour n'existe pas (le mois se termine le {last})",
    ),
    # No month 13: perhaps written month first (12/25/2026), so what is expected is said.
    "ld_expect_date_no_month": (
        "a date written day first, e.g. 19/11/2026, or 2026-11-19 (there is no month {month})",
        "une date écrite le jour d'abord, p. ex. 19/11/2026, ou 2026-11-19 (il n'y a pas de "
        "mois {month})",
    ),
    "ld_no_such_date": ("that day does not exist", "ce jour n'existe pas"),
    # Probe s40d D3: 9999-12-31 crashed writing calendar.ics (exit 1).
    "ld_year_range": (
        "the year must be from {first} to {last}",
        "l'année doit être comprise entre {first} et {last}",
    ),
    "ld_table_refused": (
        "these settings do not hold together: {reason}",
        "ces paramètres ne vont pas ensemble : {reason}",
    ),
    "ld_header_repeated": (
        "this row repeats the header (row {header_row}): two tables pasted one under the "
        "other? Delete the row",
        "cette ligne répète l'en-tête (ligne {header_row}) : deux tableaux collés l'un sous "
        "l'autre ? Supprimez la ligne",
    ),
    "ld_not_a_proposal": (
        "'{ref}' is not a proposal id of {file}",
        "« {ref} » n'est pas un code de commande de {file}",
    ),
    "ld_ids_not_separated": (
        "{message}: to list several choices, separate them with ';' ({ids})",
        "{message} : pour donner plusieurs choix, séparez-les par « ; » ({ids})",
    ),
    "ld_ids_one_per_column": (
        "{message}: each choice column holds one id ({ids}: one per column, in order)",
        "{message} : chaque colonne de choix contient un seul code ({ids} : un par colonne,"
        " dans l'ordre)",
    ),
    "ld_not_a_student": (
        "'{ref}' is not a student id of {file}",
        "« {ref} » n'est pas un matricule de {file}",
    ),
    "ld_paired_self": (
        "student '{id}' is paired with themself: expected two different students",
        "la paire nomme deux fois « {id} » : il faut deux étudiants différents",
    ),
    "ld_ids_alike": (
        "{file} row {row}: id '{id}' differs from '{other}' (row {first}) only by case,"
        " accents or spaces: a choice, pin or pair names the one it matches exactly, and"
        " one written otherwise names neither; make them clearly different",
        "{file} ligne {row} : le code « {id} » ne diffère de « {other} » (ligne {first}) que"
        " par les majuscules, les accents ou les espaces : un choix, une imposition ou une"
        " paire désigne celui qu'il écrit exactement, et écrit autrement n'en désigne aucun ;"
        " rendez-les nettement différents",
    ),
    "sup_ids_alike": (
        "{file}: supervisor id '{id}' differs from '{other}' only by case, accents or spaces:"
        " a plan file or a withdrawal names the one it matches exactly, and one written"
        " otherwise names neither; make them clearly different",
        "{file} : le code d'accompagnateur « {id} » ne diffère de « {other} » que par les"
        " majuscules, les accents ou les espaces : un fichier du planning ou un retrait"
        " désigne celui qu'il écrit exactement, et écrit autrement n'en désigne aucun ;"
        " rendez-les nettement différents",
    ),
    "ld_pair_repeated": (
        "{file} row {row}: {a} and {b} are already paired on row {first}",
        "{file} ligne {row} : {a} et {b} forment déjà une paire à la ligne {first}",
    ),
    "ld_pair_contradiction": (
        "{file} row {row}: {a} and {b} are to be kept both apart and together (row {first}): "
        "no teams can honour both",
        "{file} ligne {row} : {a} et {b} doivent être à la fois séparé·e·s et ensemble "
        "(ligne {first}) : aucune répartition ne peut respecter les deux",
    ),
    "ld_choice_gap": (
        "choices with an empty column before a filled one (read in order without the gap: "
        "'{after}' after an empty '{empty}' counts as the next choice): {who}",
        "choix avec une colonne vide avant une colonne remplie (lus dans l'ordre sans le "
        "trou : « {after} » après « {empty} » vide compte comme le choix suivant) chez : {who}",
    ),
    "ld_choice_twice": (
        "a choice is listed twice (only the first counts) by: {who}",
        "un choix figure deux fois (seul le premier compte) chez : {who}",
    ),
    "ld_no_choices_some_one": (
        "{n} student gave no choices (the rules and the other priorities place them): {who}",
        "{n} étudiant sans aucun choix (les règles et les autres priorités le placent) : {who}",
    ),
    "ld_no_choices_some_many": (
        "{n} students gave no choices (the rules and the other priorities place them): {who}",
        "{n} étudiants sans aucun choix (les règles et les autres priorités les placent) : {who}",
    ),
    "ld_no_choices_column": (
        "{file} has no choices: choices play no part in the teams",
        "{file} ne contient aucun choix : les choix ne jouent aucun rôle dans les équipes",
    ),
    "ld_arrivals_column_aside_one": (
        "{file} gives the column {columns}, which {students} does not: set aside for the "
        "arrivals too (known of no student of the cohort)",
        "{file} donne la colonne {columns}, que {students} ne donne pas : mise de côté pour "
        "les arrivées aussi (inconnue pour les étudiants de la cohorte)",
    ),
    "ld_arrivals_column_aside_many": (
        "{file} gives the columns {columns}, which {students} does not: set aside for the "
        "arrivals too (known of no student of the cohort)",
        "{file} donne les colonnes {columns}, que {students} ne donne pas : mises de côté "
        "pour les arrivées aussi (inconnues pour les étudiants de la cohorte)",
    ),
    "ld_arrivals_column_lacking_one": (
        "{file} lacks the column {columns}, which {students} gives: its students count {how}",
        "{file} n'a pas la colonne {columns}, que {students} donne : ses étudiants comptent {how}",
    ),
    "ld_arrivals_column_lacking_many": (
        "{file} lacks the columns {columns}, which {students} gives: its students count {how}",
        "{file} n'a pas les colonnes {columns}, que {students} donne : ses étudiants "
        "comptent {how}",
    ),
    "ld_arrivals_lacking_vae": ("as not admitted by VAE", "comme non admis par VAE"),
    "ld_arrivals_lacking_employed": ("as not employed", "comme sans emploi"),
    "ld_arrivals_lacking_gender": ("without a gender", "sans genre"),
    "ld_arrivals_lacking_experience_years": (
        "with the cohort's mean experience",
        "avec l'expérience moyenne de la cohorte",
    ),
    "ld_arrivals_no_choices_one": (
        "{file} has no choices: {n} student arrives without choices (placed by the rules and "
        "the other priorities, they count in no choice metric): {who}",
        "{file} ne contient aucun choix : {n} étudiant qui arrive sans choix (placé par les "
        "règles et les autres priorités, il ne compte dans aucun indicateur de choix) : {who}",
    ),
    "ld_arrivals_no_choices_many": (
        "{file} has no choices: {n} students arrive without choices (placed by the rules and "
        "the other priorities, they count in no choice metric): {who}",
        "{file} ne contient aucun choix : {n} étudiants qui arrivent sans choix (placés par "
        "les règles et les autres priorités, ils ne comptent dans aucun indicateur de choix) : "
        "{who}",
    ),
    "ld_pinned_unselectable": (
        "{student} is pinned to {pin}, which cannot be selected ({reason})",
        "{student} est imposé·e sur {pin}, qui ne peut pas être retenue ({reason})",
    ),
    "ld_choice_unselectable_one": (
        "{id} cannot be selected ({reason}) but is among the choices of {n} student: {who}",
        "{id} ne peut pas être retenue ({reason}) mais figure parmi les choix de {n} "
        "étudiant : {who}",
    ),
    "ld_choice_unselectable_many": (
        "{id} cannot be selected ({reason}) but is among the choices of {n} students: {who}",
        "{id} ne peut pas être retenue ({reason}) mais figure parmi les choix de {n} "
        "étudiants : {who}",
    ),
    "ld_more_unselectable_one": (
        "{more} more proposals that cannot be selected are among the choices of {n} student",
        "{more} autres commandes qui ne peuvent pas être retenues figurent parmi les choix "
        "de {n} étudiant",
    ),
    "ld_more_unselectable_many": (
        "{more} more proposals that cannot be selected are among the choices of {n} students",
        "{more} autres commandes qui ne peuvent pas être retenues figurent parmi les choix "
        "de {n} étudiants",
    ),
    "ld_pinned_employer": (
        "{student} is pinned to {pin} of their employer {institution} (conflict of interest)",
        "{student} est imposé·e sur {pin} de son employeur {institution} (conflit d'intérêts)",
    ),
    "ld_employer_taken_one": (
        "employer '{written}' ({who}) is taken as the institution '{institution}' of "
        "{file} (one name contains the other): this student does not join its commission",
        "l'employeur « {written} » ({who}) est compris comme l'institution « {institution} » "
        "de {file} (un nom contient l'autre) : cet étudiant ne rejoint pas sa commande",
    ),
    "ld_employer_taken_many": (
        "employer '{written}' ({who}) is taken as the institution '{institution}' of "
        "{file} (one name contains the other): no such student joins its commission",
        "l'employeur « {written} » ({who}) est compris comme l'institution « {institution} » "
        "de {file} (un nom contient l'autre) : ces étudiants ne rejoignent pas sa commande",
    ),
    "ld_employer_seen_one": (
        "employer '{written}' ({who}) is taken as the institution '{institution}' of "
        "{file} (one name contains the other); conflict_of_interest is false: this student "
        "may join its commission",
        "l'employeur « {written} » ({who}) est compris comme l'institution « {institution} » "
        "de {file} (un nom contient l'autre) ; conflict_of_interest vaut false : cet étudiant "
        "peut rejoindre sa commande",
    ),
    "ld_employer_seen_many": (
        "employer '{written}' ({who}) is taken as the institution '{institution}' of "
        "{file} (one name contains the other); conflict_of_interest is false: these students "
        "may join its commission",
        "l'employeur « {written} » ({who}) est compris comme l'institution « {institution} » "
        "de {file} (un nom contient l'autre) ; conflict_of_interest vaut false : ces étudiants "
        "peuvent rejoindre sa commande",
    ),
    "ld_employer_ambiguous": (
        "employer '{written}' ({who}) may be any of the institutions {institutions}: "
        "conflicts of interest are checked against each of them (never on any of their "
        "commissions); write the institution's name as {file} does",
        "l'employeur « {written} » ({who}) peut désigner plusieurs institutions "
        "({institutions}) : les conflits d'intérêts sont vérifiés pour chacune (jamais sur "
        "l'une de leurs commandes) ; écrivez le nom de l'institution comme dans {file}",
    ),
    "ld_already_in_cohort": (
        "'{id}' is already a student of the cohort ({clash}): expected a new id",
        "« {id} » est déjà un étudiant de la cohorte ({clash}) : il faut un nouveau matricule",
    ),
    "ld_missing_file": (
        "missing file {name} (accepted names: {accepted}, in any case, also as .txt or "
        ".xlsx, or a sheet of that name in an .xlsx instance): this command needs it",
        "fichier {name} absent (noms acceptés : {accepted}, majuscules ou non, aussi en .txt "
        "ou .xlsx, ou une feuille de ce nom dans une instance .xlsx) : cette opération en "
        "a besoin",
    ),
    "ld_missing_sheet": (
        "missing sheet {name} (accepted names: {accepted}): this command needs it",
        "feuille {name} absente (noms acceptés : {accepted}) : cette opération en a besoin",
    ),
    "ld_missing_file_found": (
        "missing file {name} (accepted names: {accepted}, in any case, also as .txt or "
        ".xlsx, or a sheet of that name in an .xlsx instance; CSV files found: {found}): "
        "this command needs it",
        "fichier {name} absent (noms acceptés : {accepted}, majuscules ou non, aussi en .txt "
        "ou .xlsx, ou une feuille de ce nom dans une instance .xlsx ; fichiers CSV trouvés : "
        "{found}) : cette opération en a besoin",
    ),
    "ld_missing_sheet_found": (
        "missing sheet {name} (accepted names: {accepted}; sheets found: {found}): this "
        "command needs it",
        "feuille {name} absente (noms acceptés : {accepted} ; feuilles trouvées : {found}) : "
        "cette opération en a besoin",
    ),
    "ld_unread_lookalike": (
        "'{name}' is not read: its name is none of those accepted for {table} ({accepted}); "
        "rename it if it holds that table",
        "« {name} » n'est pas lu : son nom n'est aucun de ceux acceptés pour {table} "
        "({accepted}) ; renommez-le s'il contient ce tableau",
    ),
    "ld_unread_lookalike_file": (
        "'{name}' is not read: '{read}' is; if '{name}' is the one to read, give it one of "
        "the accepted names ({accepted}) and rename or remove the other",
        "« {name} » n'est pas lu : « {read} » l'est ; si c'est « {name} » qu'il faut lire, "
        "donnez-lui l'un des noms acceptés ({accepted}) et renommez ou retirez l'autre",
    ),
    "ld_unread_lookalike_beside": (
        "'{name}' is not read: '{read}' is ({table}); if '{name}' is the one to read, give it "
        "one of the accepted names ({accepted}) and rename or remove the other",
        "« {name} » n'est pas lu : « {read} » l'est ({table}) ; si c'est « {name} » qu'il faut "
        "lire, donnez-lui l'un des noms acceptés ({accepted}) et renommez ou retirez l'autre",
    ),
    "sc_dates_slot_twice": (
        "'{first}' and '{second}' are one slot (case and accents aside), given two dates: keep one",
        "« {first} » et « {second} » sont un même créneau (majuscules et accents mis à "
        "part), avec deux dates : n'en gardez qu'une",
    ),
    "ld_quoted_number": (
        '{message} ("{value}" is in quotes, so it is text: write {name} = {value})',
        "{message} (« {value} » est entre guillemets, donc du texte : écrivez {name} = {value})",
    ),
    "ld_workbook_beside_csv": (
        "'{book}' is not read: this folder's CSV files are; to read the workbook instead, "
        "give it itself as the instance",
        "« {book} » n'est pas lu : les fichiers CSV de ce dossier le sont ; pour lire le "
        "classeur à leur place, donnez-le lui-même comme instance",
    ),
    "ld_workbook_hint": (
        "{message}; to read {book}, give the workbook itself as the instance",
        "{message} ; pour lire {book}, donnez le classeur lui-même comme instance",
    ),
    "ld_file_unreadable": ("cannot be read: {reason}", "illisible : {reason}"),
    "ld_not_toml": ("not valid TOML: {reason}", "n'est pas un fichier TOML valide : {reason}"),
    "ld_not_toml_at": (
        "not valid TOML: {reason} (column {col})",
        "n'est pas un fichier TOML valide : {reason} (colonne {col})",
    ),
    "ld_settings_txt_read": (
        "{file} is read as the settings (a text editor added .txt to settings.toml); "
        "rename it settings.toml",
        "{file} est lu comme les paramètres (un éditeur de texte a ajouté .txt à "
        "settings.toml) ; renommez-le settings.toml",
    ),
    "ld_settings_sheet_unread": (
        "the sheet {sheet} of {book} is not read: a workbook's settings come from "
        "{toml} beside it (or --settings), and its rules do not apply",
        "la feuille {sheet} de {book} n'est pas lue : les paramètres d'un classeur "
        "viennent de {toml} à côté de lui (ou de --settings), et ses règles ne "
        "s'appliquent pas",
    ),
    "ld_settings_txt_unread": (
        "{file} is not read: settings.toml, beside it, holds the settings",
        "{file} n'est pas lu : settings.toml, à côté, contient les paramètres",
    ),
    "ld_settings_typography": (
        "{file}: curly quotes (“ ”) or non-breaking spaces, as a word processor writes "
        "them, were read as straight quotes and spaces; save it from a plain text editor "
        "to silence this warning",
        "{file} : des guillemets typographiques (“ ”) ou des espaces insécables, comme les "
        "écrit un traitement de texte, ont été lus comme des guillemets droits et des "
        "espaces ; enregistrez-le depuis un éditeur de texte brut pour ne plus voir cet "
        "avertissement",
    ),
    "ld_unknown_section": (
        "unknown section (known: {known})",
        "section inconnue (connues : {known})",
    ),
    "ld_setting_outside": (
        "a setting outside its section: write it under {section}",
        "réglage hors de sa section : écrivez-le sous {section}",
    ),
    "ld_unknown_setting": (
        "unknown setting (known: {known})",
        "réglage inconnu (connus : {known})",
    ),
    "ld_slots_glued": (
        "'{slot}' ({file}: {ids}) reads as one slot, which the settings do not name: separate "
        "slots with ';' ({parts})",
        "« {slot} » ({file} : {ids}) se lit comme un seul créneau, que les réglages ne nomment "
        "pas : séparez les créneaux par des « ; » ({parts})",
    ),
    "ld_institutions_alike": (
        "'{short}' and '{long}' ({file}) may be one institution written two ways: they count "
        "as two for [selection] max_per_institution; write them alike if they are one",
        "« {short} » et « {long} » ({file}) pourraient être une même institution écrite de deux "
        "façons : elles comptent pour deux dans [selection] max_per_institution ; écrivez-les "
        "de la même façon si c'en est une",
    ),
    "ld_institutions_alike_more_one": (
        "and {n} more pair of institutions whose names hold one another",
        "et {n} autre paire d'institutions dont un nom contient l'autre",
    ),
    "ld_institutions_alike_more_many": (
        "and {n} more pairs of institutions whose names hold one another",
        "et {n} autres paires d'institutions dont un nom contient l'autre",
    ),
    "ld_any_slots_found": (
        "{found} is not accepted: expected a list of groups of slots, each group between its "
        'own brackets, e.g. any_slots = [["oral-2027-05-20", "oral-2027-05-21"]]',
        "{found} ne convient pas : il faut une liste de groupes de créneaux, chaque groupe "
        'entre ses propres crochets, p. ex. any_slots = [["oral-2027-05-20", "oral-2027-05-21"]]',
    ),
    "ld_any_slots_shape": (
        'expected a list of groups of slots, e.g. any_slots = [["oral-2027-05-20", '
        '"oral-2027-05-21"]]',
        'il faut une liste de groupes de créneaux, p. ex. any_slots = [["oral-2027-05-20", '
        '"oral-2027-05-21"]]',
    ),
    "ld_condition_twice": (
        "conditions listed more than once: {conditions}; each counts once",
        "conditions données plus d'une fois : {conditions} ; chacune compte une fois",
    ),
    "ld_hidden_rows_one": (
        "{sheet}: row {rows} is hidden in the spreadsheet but read like the others (delete "
        "it to leave it out)",
        "{sheet} : la ligne {rows} est masquée dans le tableur mais lue comme les autres "
        "(supprimez-la pour l'écarter)",
    ),
    "ld_hidden_rows_many": (
        "{sheet}: rows {rows} are hidden in the spreadsheet but read like the others (delete "
        "them to leave them out)",
        "{sheet} : les lignes {rows} sont masquées dans le tableur mais lues comme les autres "
        "(supprimez-les pour les écarter)",
    ),
    "ld_pairs_unchecked": (
        "{file}: its students are not checked, there being no students table yet",
        "{file} : ses étudiants ne sont pas vérifiés, faute de tableau des étudiants",
    ),
    "ld_column_loose": (
        "{file}: the column '{header}' is not read; if it holds the column '{alias}', "
        "rename it '{alias}'",
        "{file} : la colonne « {header} » n'est pas lue ; si c'est la colonne « {alias} », "
        "renommez-la « {alias} »",
    ),
    "ld_column_loose_either": (
        "{file}: the column '{header}' is not read; if it holds one of the columns {aliases}, "
        "give it that name",
        "{file} : la colonne « {header} » n'est pas lue ; si c'est l'une des colonnes "
        "{aliases}, donnez-lui ce nom",
    ),
    "ld_column_near": (
        "{file}: the column '{header}' is not read: did you mean '{meant}'? (rename it to "
        "have it read)",
        "{file} : la colonne « {header} » n'est pas lue : vouliez-vous dire « {meant} » ? "
        "(renommez-la pour qu'elle soit lue)",
    ),
    "ld_priority_twice": (
        "{names} listed more than once: each priority counts once",
        "{names} figure plus d'une fois : chaque priorité compte une fois",
    ),
    "ld_blank_slot": (
        '"" (an empty text) is not accepted: expected slot labels as in the slots column, '
        'e.g. ["visit"]',
        '"" (un texte vide) ne convient pas : il faut des créneaux écrits comme dans la '
        'colonne des créneaux, p. ex. ["visit"]',
    ),
    "ld_empty_slot_group": (
        "[] (an empty group) is not accepted: expected at least one slot in each group, e.g. "
        'any_slots = [["oral_thu", "oral_fri"]]',
        "[] (un groupe vide) ne convient pas : il faut au moins un créneau par groupe, p. ex. "
        'any_slots = [["oral_thu", "oral_fri"]]',
    ),
    "ld_cannot_balance": (
        "'{attribute}' cannot be balanced: expected some of {attributes}",
        "« {attribute} » ne peut pas être équilibré : il faut choisir parmi {attributes}",
    ),
    "ld_balance_absent": (
        "{settings}, key 'teams.balance': '{attribute}' is not balanced: {file} has no such "
        "column (only the attributes present in {file} are balanced)",
        "{settings}, clé « teams.balance » : « {attribute} » n'est pas équilibré : {file} "
        "n'a pas cette colonne (seuls les attributs présents dans {file} sont équilibrés)",
    ),
    "ld_not_condition": (
        "'{condition}' is not a condition: expected attribute=value with an attribute among "
        "{attributes} (e.g. vae=yes, gender=M)",
        "« {condition} » n'est pas une condition : il faut attribut=valeur avec un attribut "
        "parmi {attributes} (p. ex. vae=oui, genre=M)",
    ),
    # The attributes `balance` and `no_isolation` may name, as students.csv's columns are
    # named in each language (``condition_attribute`` reads both).
    "condition_attributes": (
        "background, vae, employed, gender",
        "formation, vae, en emploi, genre",
    ),
    "ld_condition_no_column": (
        "'{condition}': {file} has no {attribute} column",
        "« {condition} » : {file} n'a pas de colonne {attribute}",
    ),
    "ld_condition_met_by_nobody": (
        "no_isolation '{condition}': no student of {file} meets it, so it keeps nothing",
        "no_isolation « {condition} » : aucun étudiant de {file} n'y répond, elle ne "
        "change donc rien",
    ),
    "ld_condition_met_by_nobody_values": (
        "no_isolation '{condition}': no student of {file} meets it, so it keeps nothing "
        "(values found: {values})",
        "no_isolation « {condition} » : aucun étudiant de {file} n'y répond, elle ne "
        "change donc rien (valeurs trouvées : {values})",
    ),
    # What is accepted, as students.csv's cell says it (probe s38c: the value alone).
    "ld_condition_not_bool": (
        "'{condition}': '{value}' is not a yes/no value: expected yes/no (also oui/non, "
        "true/false, vrai/faux, 1/0, x/empty)",
        "« {condition} » : « {value} » n'est pas une valeur oui/non : il faut oui/non (ou "
        "yes/no, vrai/faux, true/false, 1/0, x/vide)",
    ),
    "ld_slot_rules_unused": (
        "{file}: {keys} ({slots}) not applied: {source} has no slots column (accepted names: "
        "{accepted}), so every proposal is eligible",
        "{file} : {keys} ({slots}) sans effet : {source} n'a pas de colonne des créneaux (noms "
        "acceptés : {accepted}), toutes les commandes sont donc éligibles",
    ),
    "ld_unknown_slots_one": (
        "{file}: the slot {slots} appears in no proposal's slots",
        "{file} : le créneau {slots} ne figure dans les créneaux d'aucune commande",
    ),
    "ld_unknown_slots_many": (
        "{file}: the slots {slots} appear in no proposal's slots",
        "{file} : les créneaux {slots} ne figurent dans les créneaux d'aucune commande",
    ),
    "result_team_sheets_one": (
        "{book}: the team sheets are not read, only the Students sheet: sheet '{sheet}' lists "
        "{student}, whom the Students sheet places in {placed} ({n} student listed elsewhere "
        "than in the Students sheet); to move a student, change their commission_id there",
        "{book} : les feuilles des équipes ne sont pas lues, seule la feuille Étudiants l'est : "
        "la feuille « {sheet} » contient {student}, que la feuille Étudiants place dans "
        "{placed} ({n} étudiant listé ailleurs que dans la feuille Étudiants) ; pour déplacer "
        "un étudiant, changez-y son commission_id",
    ),
    "result_team_sheets_many": (
        "{book}: the team sheets are not read, only the Students sheet: sheet '{sheet}' lists "
        "{student}, whom the Students sheet places in {placed} ({n} students listed elsewhere "
        "than in the Students sheet); to move a student, change their commission_id there",
        "{book} : les feuilles des équipes ne sont pas lues, seule la feuille Étudiants l'est : "
        "la feuille « {sheet} » contient {student}, que la feuille Étudiants place dans "
        "{placed} ({n} étudiants listés ailleurs que dans la feuille Étudiants) ; pour "
        "déplacer un étudiant, changez-y son commission_id",
    ),
    "result_teams_differ_one": (
        "{csv} and {book} give different teams for {n} student (e.g. {student}: {in_csv} in "
        "{csv}, {in_book} in {book}); {csv} is used (to use {book}'s, give {book} itself to "
        "{option})",
        "{csv} et {book} donnent des équipes différentes pour {n} étudiant (p. ex. "
        "{student} : {in_csv} dans {csv}, {in_book} dans {book}) ; {csv} est utilisé (pour "
        "utiliser celles de {book}, donnez {book} lui-même à {option})",
    ),
    "result_teams_differ_many": (
        "{csv} and {book} give different teams for {n} students (e.g. {student}: {in_csv} "
        "in {csv}, {in_book} in {book}); {csv} is used (to use {book}'s, give {book} itself "
        "to {option})",
        "{csv} et {book} donnent des équipes différentes pour {n} étudiants (p. ex. "
        "{student} : {in_csv} dans {csv}, {in_book} dans {book}) ; {csv} est utilisé (pour "
        "utiliser celles de {book}, donnez {book} lui-même à {option})",
    ),
    "res_institution_not_read": (
        "{file}, row {row}: {student} is placed in {commission} ({institution}) as the column "
        "'{id_column}' says; the column '{column}' ('{written}') is not read: only "
        "'{id_column}' moves a student",
        "{file}, ligne {row} : {student} est placé·e dans {commission} ({institution}) comme "
        "l'indique la colonne « {id_column} » ; la colonne « {column} » (« {written} ») n'est "
        "pas lue : seule « {id_column} » déplace un·e étudiant·e",
    ),
    "res_institution_not_read_rows": (
        "{file}: on {n} rows the column '{column}' does not match '{id_column}'; students are "
        "placed as '{id_column}' says (e.g. row {row}: {student} in {commission}, "
        "{institution}; '{column}' says '{written}'), '{column}' is not read: only "
        "'{id_column}' moves a student",
        "{file} : sur {n} lignes, la colonne « {column} » ne correspond pas à « {id_column} » ; "
        "les étudiants sont placés comme l'indique « {id_column} » (p. ex. ligne {row} : "
        "{student} dans {commission}, {institution} ; « {column} » indique « {written} »), "
        "« {column} » n'est pas lue : seule « {id_column} » déplace un·e étudiant·e",
    ),
    "result_selection_differ": (
        "{csv} and {book} give different selections ({why}); {csv} is used (to use "
        "{book}'s, give {book} itself to {option})",
        "{csv} et {book} donnent des sélections différentes ({why}) ; {csv} est utilisé "
        "(pour utiliser celle de {book}, donnez {book} lui-même à {option})",
    ),
    "result_selection_instead": (
        "{book} selects {added} instead of {removed}",
        "{book} retient {added} au lieu de {removed}",
    ),
    "result_selection_also": ("{book} also selects {added}", "{book} retient aussi {added}"),
    "result_selection_not": (
        "{book} does not select {removed}",
        "{book} ne retient pas {removed}",
    ),
    "result_ods_unread": (
        "{book} is not read (a LibreOffice spreadsheet): if it holds your edits, save it as "
        "result.xlsx (Excel 2007-365) in this folder",
        "{book} n'est pas lu (classeur LibreOffice) : s'il contient vos modifications, "
        "enregistrez-le en result.xlsx (Excel 2007-365) dans ce dossier",
    ),
    "result_book_other": (
        "{book} is not read (only result.xlsx is): if it holds your edits, save it as "
        "result.xlsx (Excel 2007-365) in this folder",
        "{book} n'est pas lu (seul result.xlsx l'est) : s'il contient vos modifications, "
        "enregistrez-le en result.xlsx (Excel 2007-365) dans ce dossier",
    ),
    "result_other_cohort_students_one": (
        "{folder} looks like the result of another cohort: {n} student of {total} in its "
        "{file} is not in {cohort_file} (by id and name): {ids}. Give the result folder of "
        "this cohort",
        "{folder} semble être le résultat d'une autre cohorte : {n} étudiant·e sur {total} "
        "de son {file} n'est pas dans {cohort_file} (par matricule et nom) : {ids}. Donnez "
        "le dossier de résultat de cette cohorte-ci",
    ),
    "result_other_cohort_students_many": (
        "{folder} looks like the result of another cohort: {n} students of {total} in its "
        "{file} are not in {cohort_file} (by id and name): {ids}. Give the result folder of "
        "this cohort",
        "{folder} semble être le résultat d'une autre cohorte : {n} étudiant·es sur {total} "
        "de son {file} ne sont pas dans {cohort_file} (par matricule et nom) : {ids}. "
        "Donnez le dossier de résultat de cette cohorte-ci",
    ),
    "result_other_cohort_renamed_one": (
        "{folder} looks like the result of another cohort: {n} student of {total} in its "
        "{file} has the id of a student of {cohort_file} under another name: {ids}. If it is "
        "this cohort's result and the names changed since, write them as in {cohort_file} or "
        "delete the name column of {file}; else give the result folder of this cohort",
        "{folder} semble être le résultat d'une autre cohorte : {n} étudiant·e sur {total} de "
        "son {file} a le matricule d'un·e étudiant·e de {cohort_file} sous un autre nom : "
        "{ids}. Si c'est le résultat de cette cohorte et que les noms ont changé depuis, "
        "écrivez-les comme dans {cohort_file} ou supprimez la colonne des noms de {file} ; "
        "sinon, donnez le dossier de résultat de cette cohorte-ci",
    ),
    "result_other_cohort_renamed_many": (
        "{folder} looks like the result of another cohort: {n} students of {total} in its "
        "{file} have the ids of students of {cohort_file} under other names: {ids}. If it is "
        "this cohort's result and the names changed since, write them as in {cohort_file} or "
        "delete the name column of {file}; else give the result folder of this cohort",
        "{folder} semble être le résultat d'une autre cohorte : {n} étudiant·es sur {total} de "
        "son {file} ont les matricules d'étudiant·es de {cohort_file} sous d'autres noms : "
        "{ids}. Si c'est le résultat de cette cohorte et que les noms ont changé depuis, "
        "écrivez-les comme dans {cohort_file} ou supprimez la colonne des noms de {file} ; "
        "sinon, donnez le dossier de résultat de cette cohorte-ci",
    ),
    "result_other_cohort_proposals_one": (
        "{folder} looks like the result of another cohort: {n} selected proposal of {total} "
        "in its {file} is not in {cohort_file} (by id and institution): {ids}. Give the "
        "result folder of this cohort",
        "{folder} semble être le résultat d'une autre cohorte : {n} commande retenue sur "
        "{total} de son {file} n'est pas dans {cohort_file} (par code et institution) : {ids}. "
        "Donnez le dossier de "
        "résultat de cette cohorte-ci",
    ),
    "result_other_cohort_proposals_many": (
        "{folder} looks like the result of another cohort: {n} selected proposals of {total} "
        "in its {file} are not in {cohort_file} (by id and institution): {ids}. Give the "
        "result folder of this "
        "cohort",
        "{folder} semble être le résultat d'une autre cohorte : {n} commandes retenues sur "
        "{total} de son {file} ne sont pas dans {cohort_file} (par code et institution) : "
        "{ids}. Donnez le dossier de "
        "résultat de cette cohorte-ci",
    ),
    "result_teams_missing": (
        "this result folder holds neither {teams} nor {book}, although its summary.json "
        "records teams: they cannot be read. Put {teams} back, or give the workbook the "
        "edits were saved in (as .xlsx)",
        "ce dossier de résultat ne contient ni {teams} ni {book}, alors que son summary.json "
        "indique des équipes : elles ne peuvent pas être lues. Remettez {teams}, ou donnez "
        "le classeur où les modifications ont été enregistrées (au format .xlsx)",
    ),
    "result_teams_missing_books_one": (
        "this result folder holds neither {teams} nor {book}, although its summary.json "
        "records teams: they cannot be read. {books} is not read: if it holds the edits, "
        "save it as {book} (Excel 2007-365) in this folder; otherwise put {teams} back",
        "ce dossier de résultat ne contient ni {teams} ni {book}, alors que son summary.json "
        "indique des équipes : elles ne peuvent pas être lues. {books} n'est pas lu : s'il "
        "contient les modifications, enregistrez-le en {book} (Excel 2007-365) dans ce "
        "dossier ; sinon, remettez {teams}",
    ),
    "result_teams_missing_books_many": (
        "this result folder holds neither {teams} nor {book}, although its summary.json "
        "records teams: they cannot be read. {books} are not read: if one holds the edits, "
        "save it as {book} (Excel 2007-365) in this folder; otherwise put {teams} back",
        "ce dossier de résultat ne contient ni {teams} ni {book}, alors que son summary.json "
        "indique des équipes : elles ne peuvent pas être lues. {books} ne sont pas lus : si "
        "l'un d'eux contient les modifications, enregistrez-le en {book} (Excel 2007-365) "
        "dans ce dossier ; sinon, remettez {teams}",
    ),
    "result_book_unread": (
        "{book} could not be read; the CSV files of the result are used",
        "{book} n'a pas pu être lu ; les fichiers CSV du résultat sont utilisés",
    ),
    "result_book_unread_why": (
        "{book} could not be read; the CSV files of the result are used ({first})",
        "{book} n'a pas pu être lu ; les fichiers CSV du résultat sont utilisés ({first})",
    ),
    "result_book_unread_cell": (
        "{book} is set aside, the CSV files of the result are used: {first}",
        "{book} est laissé de côté, les fichiers CSV du résultat sont utilisés : {first}",
    ),
    "result_book_unread_cells": (
        "{book} is set aside, the CSV files of the result are used: {first} ({n} problems in all)",
        "{book} est laissé de côté, les fichiers CSV du résultat sont utilisés : {first} ({n} "
        "problèmes en tout)",
    ),
    "result_sheet_students": (
        "{book} has no sheet named Students: its teams are read from the sheet '{sheet}', "
        "which has the columns student_id and commission_id",
        "{book} n'a pas de feuille nommée Étudiants : ses équipes sont lues dans la feuille "
        "« {sheet} », qui a les colonnes student_id et commission_id",
    ),
    "result_sheet_selection": (
        "{book} has no sheet named Selection: its selection is read from the sheet '{sheet}', "
        "which has its columns",
        "{book} n'a pas de feuille nommée Sélection : sa sélection est lue dans la feuille "
        "« {sheet} », qui en a les colonnes",
    ),
    "result_sheet_schedule": (
        "{book} has no sheet named Schedule: its plan is read from the sheet '{sheet}', "
        "which has its columns",
        "{book} n'a pas de feuille nommée Calendrier : son planning est lu dans la feuille "
        "« {sheet} », qui en a les colonnes",
    ),
    "result_sheet_copies_one": (
        "{book}: the teams are read from the sheet '{sheet}'; the sheet {others} also has "
        "its columns and is not read",
        "{book} : les équipes sont lues dans la feuille « {sheet} » ; la feuille {others} "
        "en a aussi les colonnes et n'est pas lue",
    ),
    "result_sheet_copies_many": (
        "{book}: the teams are read from the sheet '{sheet}'; the sheets {others} also have "
        "its columns and are not read",
        "{book} : les équipes sont lues dans la feuille « {sheet} » ; les feuilles {others} "
        "en ont aussi les colonnes et ne sont pas lues",
    ),
    "result_plan_copies_one": (
        "{book}: the plan is read from the sheet '{sheet}'; the sheet {others} also has "
        "its columns and is not read",
        "{book} : le planning est lu dans la feuille « {sheet} » ; la feuille {others} "
        "en a aussi les colonnes et n'est pas lue",
    ),
    "result_plan_copies_many": (
        "{book}: the plan is read from the sheet '{sheet}'; the sheets {others} also have "
        "its columns and are not read",
        "{book} : le planning est lu dans la feuille « {sheet} » ; les feuilles {others} "
        "en ont aussi les colonnes et ne sont pas lues",
    ),
    "result_selection_copies_one": (
        "{book}: the selection is read from the sheet '{sheet}'; the sheet {others} also "
        "has its columns and is not read",
        "{book} : la sélection est lue dans la feuille « {sheet} » ; la feuille {others} "
        "en a aussi les colonnes et n'est pas lue",
    ),
    "result_selection_copies_many": (
        "{book}: the selection is read from the sheet '{sheet}'; the sheets {others} also "
        "have its columns and are not read",
        "{book} : la sélection est lue dans la feuille « {sheet} » ; les feuilles {others} "
        "en ont aussi les colonnes et ne sont pas lues",
    ),
    "result_sheets_several_students": (
        "no sheet is named Students, and several have its columns (student_id, "
        "commission_id): {sheets}; name the one to read Students",
        "aucune feuille ne s'appelle Étudiants, et plusieurs en ont les colonnes "
        "(student_id, commission_id) : {sheets} ; nommez Étudiants celle à lire",
    ),
    "result_sheets_several_selection": (
        "no sheet is named Selection, and several have its columns: {sheets}; name the one "
        "to read Selection",
        "aucune feuille ne s'appelle Sélection, et plusieurs en ont les colonnes : {sheets} ; "
        "nommez Sélection celle à lire",
    ),
    "result_sheets_several_schedule": (
        "no sheet is named Schedule, and several have its columns: {sheets}; name the one "
        "to read Schedule",
        "aucune feuille ne s'appelle Calendrier, et plusieurs en ont les colonnes : {sheets} ; "
        "nommez Calendrier celle à lire",
    ),
    "result_merged_rows": (
        "cells {cells} are merged: each cell of this table holds its own value; unmerge them "
        "and type each value in its cell",
        "les cellules {cells} sont fusionnées : chaque cellule de ce tableau porte sa propre "
        "valeur ; défusionnez-les et écrivez chaque valeur dans sa cellule",
    ),
    "section_broken": ("Broken rules", "Règles enfreintes"),
    "section_checked": ("Rules checked", "Règles vérifiées"),
    "sheet_broken": ("Broken rules", "Règles enfreintes"),
    "broken_intro_one": (
        "This result was edited by hand and breaks {n} rule; the figures below describe it "
        "as it stands.",
        "Ce résultat a été modifié à la main et enfreint {n} règle ; les chiffres ci-dessous "
        "le décrivent tel quel.",
    ),
    "broken_intro_many": (
        "This result was edited by hand and breaks {n} rules; the figures below describe it "
        "as it stands.",
        "Ce résultat a été modifié à la main et enfreint {n} règles ; les chiffres "
        "ci-dessous le décrivent tel quel.",
    ),
    "edited_same_ok": (
        "This result keeps every rule, and every priority has the value the solver reached.",
        "Ce résultat respecte toutes les règles, et chaque priorité a la valeur atteinte par "
        "le solveur.",
    ),
    "edited_ok": (
        "This result was edited by hand and keeps every rule.",
        "Ce résultat a été modifié à la main et respecte toutes les règles.",
    ),
    "section_edit_cost": ("What the edit cost", "Ce que la modification a coûté"),
    "section_edit_same": ("Each priority beside the solver's", "Chaque priorité à côté du solveur"),
    "edit_cost_note": (
        "Each priority for the result as it now stands, beside the value the solver reached.",
        "Chaque priorité pour le résultat tel qu'il est maintenant, à côté de la valeur "
        "atteinte par le solveur.",
    ),
    "value_now": ("Now", "Maintenant"),
    "edited_worse": ("worse", "moins bon"),
    "edited_better": ("better", "meilleur"),
    "edited_same": ("unchanged", "inchangé"),
    "report_written": (
        "Outputs written to {out} for the result as it now stands.",
        "Résultats écrits dans {out} pour le résultat tel qu'il est maintenant.",
    ),
    "section_summary_plain": ("In brief", "En bref"),
    "section_technical": ("Technical details", "Détails techniques"),
    "technical_note": (
        "The exact values the solver works with: each priority's value and the best value "
        "proven possible (bound), the seed of the search, the settings and the versions.",
        "Les valeurs exactes avec lesquelles le solveur travaille : la valeur de chaque "
        "priorité et la meilleure valeur prouvée possible (borne), la graine de la recherche, "
        "les paramètres et les versions.",
    ),
    "plain_selection": (
        "{selected}, covering {sectors} and {types}, at most {most} in one sector.",
        "{selected}, couvrant {sectors} et {types}, au plus {most} dans un même secteur.",
    ),
    # The counts of plain_selection, each agreeing with its number (1 sector, 1 secteur).
    "plain_n_selected_one": ("{n} commission selected", "{n} commande retenue"),
    "plain_n_selected_many": ("{n} commissions selected", "{n} commandes retenues"),
    "plain_n_sectors_one": ("{n} sector", "{n} secteur"),
    "plain_n_sectors_many": ("{n} sectors", "{n} secteurs"),
    "plain_n_types_one": ("{n} problem type", "{n} type de problématique"),
    "plain_n_types_many": ("{n} problem types", "{n} types de problématique"),
    "plain_n_teams_one": ("{n} team", "{n} équipe"),
    "plain_n_teams_many": ("{n} teams", "{n} équipes"),
    "plain_sizes_one": (
        "{n} student in {teams} of {sizes}.",
        "{n} étudiant réparti en {teams} de {sizes}.",
    ),
    "plain_sizes_many": (
        "{n} students in {teams} of {sizes}.",
        "{n} étudiants répartis en {teams} de {sizes}.",
    ),
    "plain_balance_ok": (
        "Every team within its targets ({attributes}).",
        "Toutes les équipes dans leurs cibles ({attributes}).",
    ),
    "plain_balance_none": (
        "No attribute is balanced ([teams] balance is empty).",
        "Aucun attribut n'est équilibré ([teams] balance est vide).",
    ),
    "plain_experience": (
        "Experience spread: every team at most {years} years from its fair share of the "
        "cohort's experience.",
        "Répartition de l'expérience : chaque équipe est à au plus {years} années de sa "
        "juste part de l'expérience de la cohorte.",
    ),
    "plain_conflicts_ok": (
        "No student is on their employer's commission.",
        "Aucun étudiant n'est sur la commande de son employeur.",
    ),
    "plain_pairs_ok": (
        "Every request to keep students apart or together is honoured.",
        "Toutes les demandes de séparer ou de réunir des étudiants sont respectées.",
    ),
    "plain_plan_stopped": (
        "The search was stopped before a plan of supervisors and calendar was found: this "
        "result has none; matcher plan makes it for these teams.",
        "La recherche a été interrompue avant qu'un plan d'accompagnement et de calendrier "
        "soit trouvé : ce résultat n'en a pas ; matcher plan le produit pour ces équipes.",
    ),
    "plain_proven": (
        "No better result exists for these priorities: the solver proved it.",
        "Aucun meilleur résultat n'existe pour ces priorités : le solveur l'a prouvé.",
    ),
    "plain_not_proven": (
        "The time limit was reached: a good result, not proven to be the best.",
        "La limite de temps a été atteinte : un bon résultat, sans preuve qu'il est le meilleur.",
    ),
    "plain_interrupted": (
        "The search was stopped before its end: the best result found by then, not proven "
        "to be the best.",
        "La recherche a été arrêtée avant sa fin : le meilleur résultat trouvé jusque-là, sans "
        "preuve qu'il est le meilleur.",
    ),
    "plain_proven_given": (
        "Proven the best possible by the solver: {proven}; taken as given, not optimised "
        "here (no proof): {given}.",
        "Prouvé le meilleur possible par le solveur : {proven} ; repris tel quel, sans "
        "optimisation ici (aucune preuve) : {given}.",
    ),
    "m_teams_in_target": ("teams within all their targets", "équipes dans toutes leurs cibles"),
    "m_experience_spread": (
        "largest distance from the fair share of experience (years)",
        "plus grand écart à la juste part d'expérience (années)",
    ),
    "chart_attribute": (
        "Composition per team: {attribute}",
        "Composition par équipe : {attribute}",
    ),
    "chart_experience": (
        "Years of experience per team, against the fair share (line)",
        "Années d'expérience par équipe, et juste part (trait)",
    ),
    "plain_prio_sectors": ("distinct sectors", "secteurs distincts"),
    "plain_prio_problem_types": ("distinct problem types", "types de problématique distincts"),
    "plain_prio_sector_spread": (
        "most commissions in one sector",
        "maximum de commandes dans un même secteur",
    ),
    "plain_prio_priority": (
        "sum of the staff's ratings",
        "somme des priorités données par l'équipe pédagogique",
    ),
    "plain_prio_worst_choice": (
        "worst choice rank among the selected commissions",
        "pire rang de choix parmi les commandes retenues",
    ),
    "plain_prio_balance": (
        "students above or below a composition target",
        "étudiants au-delà ou en deçà d'une cible de composition",
    ),
    "plain_prio_choices": (
        "sum of the choice ranks among the selected commissions",
        "somme des rangs de choix parmi les commandes retenues",
    ),
    "plain_prio_experience": (
        "largest distance from the fair share of experience (years)",
        "plus grand écart à la juste part d'expérience (années)",
    ),
    "plain_prio_moves": ("students moved", "étudiants déplacés"),
    "cli_path_unreadable": ("{path} cannot be read: {why}", "{path} est illisible : {why}"),
    "err_unreadable_file": ("cannot be read: {why}", "illisible : {why}"),
    "why_folder": ("this is a folder, not a file", "c'est un dossier, pas un fichier"),
    "why_dangling_link": (
        "a link to {target}, which does not exist",
        "un lien vers {target}, qui n'existe pas",
    ),
    "why_looping_link": ("a link that leads back to itself", "un lien qui renvoie à lui-même"),
    "why_no_permission": (
        "permission denied (check who may read it)",
        "accès refusé (vérifiez qui peut le lire)",
    ),
    "why_special_file": (
        "this is a device, a pipe or a socket, not a file",
        "c'est un périphérique, un tube ou un point de connexion (socket), pas un fichier",
    ),
    "why_os_error": ("{reason}", "{reason}"),
    "why_not_instance": (
        "an instance is a folder (commissions.csv, students.csv, …) or an .xlsx workbook",
        "une instance est un dossier (commissions.csv, students.csv, …) ou un classeur .xlsx",
    ),
    "why_not_instance_file": (
        "an instance is a folder (commissions.csv, students.csv, …) or an .xlsx workbook, "
        "not one of its files: give the folder holding it ({folder})",
        "une instance est un dossier (commissions.csv, students.csv, …) ou un classeur "
        ".xlsx, pas un de ses fichiers : donnez le dossier qui le contient ({folder})",
    ),
    "err_no_such_file": ("no such file", "fichier introuvable"),
    "err_missing_file": (
        "no {name}: expected {names} (any case), or a sheet of that name in a workbook "
        "given as the instance; this command needs it{hint}",
        "pas de {name} : attendu {names} (majuscules ou non), ou une feuille de ce nom dans "
        "un classeur donné comme instance ; cette opération en a besoin{hint}",
    ),
    "err_missing_sheet": (
        "no sheet {name}: expected a sheet named {names} (any case); this command needs it",
        "pas de feuille {name} : attendu une feuille nommée {names} (majuscules ou non) ; "
        "cette opération en a besoin",
    ),
    "hint_workbook_here": (
        " (to read {book}, give the workbook itself as the instance)",
        " (pour lire {book}, donnez le classeur lui-même comme instance)",
    ),
    "err_file_too_large": (
        "the file weighs {size} MB, more than the {limit} MB an input file may weigh (a "
        "cohort's file weighs under 1 MB): is it the right file?",
        "le fichier pèse {size} Mo, plus que les {limit} Mo permis pour un fichier de données "
        "(celui d'une cohorte pèse moins de 1 Mo) : est-ce le bon fichier ?",
    ),
    "err_too_many_columns": (
        "the row fills more than {limit} columns, the most a table may hold: is it the right file?",
        "la ligne remplit plus de {limit} colonnes, le maximum permis : est-ce le bon fichier ?",
    ),
    "err_too_many_rows": (
        "the table holds more than {limit} rows, the most a table may hold: is it the right "
        "file or sheet?",
        "le tableau compte plus de {limit} lignes, le maximum permis : est-ce le bon fichier "
        "ou la bonne feuille ?",
    ),
    "err_workbook_too_large": (
        "the workbook unzips to {size} MB, more than the {limit} MB a workbook may hold (a "
        "cohort's unzips to a few MB): is it the right file?",
        "le classeur décompressé pèse {size} Mo, plus que les {limit} Mo permis (celui d'une "
        "cohorte en pèse quelques-uns) : est-ce le bon fichier ?",
    ),
    "err_cell_too_large": (
        "the cell holds {size} characters, more than the {limit} a cell may hold "
        "(a whole text pasted into one cell?)",
        "la cellule contient {size} caractères, plus que les {limit} permis "
        "(un texte entier collé dans une cellule ?)",
    ),
    "err_formula_error": (
        "the cell shows the error {error} (a formula that failed): correct it in the "
        "spreadsheet, or type the value",
        "la cellule affiche l'erreur {error} (une formule qui a échoué) : corrigez-la dans "
        "le tableur, ou tapez la valeur",
    ),
    "err_unsaved_formula": (
        "formula without a saved value: open and save the file in Excel/LibreOffice, "
        "or paste values",
        "formule sans valeur enregistrée : ouvrez et enregistrez le fichier dans "
        "Excel/LibreOffice, ou collez les valeurs",
    ),
    "warn_mixed_encoding": (
        "the file mixes encodings (UTF-8 and Windows-1252): each part read as it seems "
        "written; check the accented letters, or save the file again as CSV UTF-8",
        "le fichier mêle des encodages (UTF-8 et Windows-1252) : chaque partie est lue "
        "comme elle semble écrite ; vérifiez les lettres accentuées, ou enregistrez de "
        "nouveau le fichier en CSV UTF-8",
    ),
    "warn_unreadable_character": (
        "a character that could not be read is shown as \ufffd: check the cell's text",
        "un caractère illisible est remplacé par \ufffd : vérifiez le texte de la cellule",
    ),
    "warn_control_characters": (
        "control characters removed from the cell ({chars}): check its text",
        "caractères de contrôle retirés de la cellule ({chars}) : vérifiez son texte",
    ),
    "warn_control_characters_more": (
        "control characters removed from {n} more cells",
        "caractères de contrôle retirés de {n} autres cellules",
    ),
    "together_too_large": (
        "together-group {members} ({n} students) is larger than the largest team "
        "({size} students): no selection can keep it together{where}",
        "le groupe « ensemble » {members} ({n} étudiants) dépasse la plus grande équipe "
        "({size} étudiants) : aucune sélection ne peut le garder réuni{where}",
    ),
    "explain_costs": (
        (
            "{name} would have their {ordinal} choice {wanted} only if {priority} got worse: "
            "from {value} to {value_if}{detail}{others}"
        ),
        (
            "{name} n'aurait son {ordinal} choix {wanted} qu'en dégradant {priority} : de "
            "{value} à {value_if}{detail}{others}"
        ),
    ),
    "explain_costs_moves": (
        (
            "{name} would have their {ordinal} choice {wanted} only if the what-if moved more "
            "students{uncounted}: {value_if} instead of {value}{detail}{others}"
        ),
        (
            "{name} n'aurait son {ordinal} choix {wanted} qu'en déplaçant plus d'étudiants "
            "dans la simulation{uncounted} : {value_if} au lieu de {value}{detail}{others}"
        ),
    ),
    # More students would change team than the what-if's moves count (probe s32a: "1
    # instead of 0 (3 other students would move)"): those the moves leave out.
    # Probe s34e: said where nobody arrived and no team withdrew (a student going back to
    # their team before the what-if was the one not counted).
    "explain_moves_uncounted": (
        " (moves count from the teams before the what-if: going back to one's team before "
        "it, arriving, or leaving a team that withdrew is no move)",
        " (les déplacements se comptent depuis les équipes d'avant la simulation : revenir "
        "dans son équipe d'avant, arriver, ou quitter une équipe retirée n'en est pas un)",
    ),
    "explain_free": (
        "Granting {name} {wanted} (their {ordinal} choice) is free: {moves} at no cost",
        "Accorder {wanted} (son {ordinal} choix) à {name} ne coûte rien : {moves}",
    ),
    # Nobody else moving: not "nobody else moves at no cost" (probe s39e).
    "explain_free_alone": (
        "Granting {name} {wanted} (their {ordinal} choice) is free: nobody else moves",
        "Accorder {wanted} (son {ordinal} choix) à {name} ne coûte rien : personne d'autre ne "
        "change d'équipe",
    ),
    # A result not optimal (edited, a what-if's): the wish granted even betters a priority.
    "explain_free_better": (
        "Granting {name} {wanted} (their {ordinal} choice) costs nothing and even improves "
        "{priority}, from {value} to {value_if}: {moves}",
        "Accorder {wanted} (son {ordinal} choix) à {name} ne coûte rien et améliore même "
        "{priority}, de {value} à {value_if} : {moves}",
    ),
    "explain_costs_better": (
        " — but it even improves {priority}, which comes first: from {value} to {value_if}",
        " — mais cela améliore même {priority}, qui passe avant : de {value} à {value_if}",
    ),
    "explain_impossible": (
        "{name} cannot join {wanted} (their {ordinal} choice): {rule}",
        "{name} ne peut pas rejoindre {wanted} (son {ordinal} choix) : {rule}",
    ),
    "explain_unknown": (
        (
            "Whether {name} could join {wanted} (their {ordinal} choice) was not settled "
            "within the time limit ({limit} s)"
        ),
        (
            "La question de {wanted} (son {ordinal} choix) pour {name} n'a pas été tranchée "
            "dans le temps imparti ({limit} s)"
        ),
    ),
    "explain_skipped_size": (
        "explanations.csv is not written: {n} students, more than the {most} that run, "
        "assign and whatif explain; matcher explain answers for the students named with "
        "--student.",
        "explanations.csv n'est pas écrit : {n} étudiants, plus que les {most} qu'expliquent "
        "run, assign et whatif ; matcher explain répond pour les étudiants nommés avec "
        "--student.",
    ),
    "explain_unknown_too_large": (
        (
            "Whether {name} could join {wanted} (their {ordinal} choice) was not settled: "
            "the checks without the solver found no answer, and {students} students in "
            "{teams} teams are too many for the solver's exact answer"
        ),
        (
            "La question de {wanted} (son {ordinal} choix) pour {name} n'a pas été tranchée : "
            "les vérifications sans solveur n'ont pas trouvé de réponse, et {students} "
            "étudiants dans {teams} équipes, c'est trop pour la réponse exacte du solveur"
        ),
    ),
    "explain_unknown_checks": (
        (
            "Whether {name} could join {wanted} (their {ordinal} choice) was not settled: "
            "the checks without the solver did not end within the time limit ({limit} s)"
        ),
        (
            "La question de {wanted} (son {ordinal} choix) pour {name} n'a pas été tranchée : "
            "les vérifications sans solveur n'ont pas abouti dans le temps imparti ({limit} s)"
        ),
    ),
    "explain_unknown_interrupted": (
        "Whether {name} could join {wanted} (their {ordinal} choice) was not settled: the "
        "explanations were interrupted (Ctrl-C) first",
        "La question de {wanted} (son {ordinal} choix) pour {name} n'a pas été tranchée : "
        "les explications ont été interrompues (Ctrl-C) avant",
    ),
    "explain_move": (
        "{name} moves from {source} to {target}",
        "{name} passe de {source} à {target}",
    ),
    "explain_nobody_moves": (
        "nobody else moves",
        "personne d'autre ne change d'équipe",
    ),
    "explain_more_moves": (
        "and {count} others move",
        "et {count} autres changent d'équipe",
    ),
    "explain_rule_conflict": (
        "their employer, {institution}, is the institution of {wanted}",
        "son employeur, {institution}, est l'institution de {wanted}",
    ),
    "explain_rule_conflict_may": (
        "their employer, {employer}, may be {institution}, the institution of {wanted}: a "
        "conflict of interest",
        "son employeur, {employer}, peut être {institution}, l'institution de {wanted} : "
        "conflit d'intérêts",
    ),
    "explain_rule_pinned": (
        "they are pinned to {pin}",
        "son équipe est imposée : {pin}",
    ),
    "explain_rule_partner_pinned": (
        "they must be together with {partner}, who is pinned to {pin}",
        "cette personne doit rester avec {partner}, dont l'équipe imposée est {pin}",
    ),
    # A lock of the workbench (the director's, not students.csv's pin), worded as a lock.
    "explain_rule_locked": (
        "they are locked in {pin} (by you)",
        "verrouillé·e par vous dans {pin}",
    ),
    "explain_rule_partner_locked": (
        "they must be together with {partner}, whom you locked in {pin}",
        "cette personne doit rester avec {partner}, verrouillé·e par vous dans {pin}",
    ),
    "explain_rule_apart_locked": (
        "{member} must be kept apart from {partner}, whom you locked in {wanted}",
        "{member} doit être séparé·e de {partner}, verrouillé·e par vous dans {wanted}",
    ),
    "explain_rule_full_one": (
        "{wanted} holds at most {capacity} and {pinned} is pinned to it{partners}: no room "
        "for {group}",
        "{wanted} accueille au plus {capacity} et {pinned} y est imposé·e{partners} : pas de "
        "place pour {group}",
    ),
    "explain_rule_full_none": (
        "{wanted} holds at most {capacity}: no room for {group}",
        "{wanted} accueille au plus {capacity} : pas de place pour {group}",
    ),
    "explain_rule_full_locked_one": (
        "{wanted} holds at most {capacity} and {pinned} is pinned or locked there"
        "{partners}: no room for {group}",
        "{wanted} accueille au plus {capacity} et {pinned} y est imposé·e ou verrouillé·e "
        "par vous{partners} : pas de place pour {group}",
    ),
    "explain_rule_full_locked_many": (
        "{wanted} holds at most {capacity} and {pinned} are pinned or locked there"
        "{partners}: no room for {group}",
        "{wanted} accueille au plus {capacity} et {pinned} y sont imposé·e·s ou "
        "verrouillé·e·s par vous{partners} : pas de place pour {group}",
    ),
    "explain_rule_partner_conflict": (
        (
            "they must be together with {partner}, whose employer, {institution}, is the "
            "institution of {wanted}"
        ),
        (
            "cette personne doit rester avec {partner}, dont l'employeur, {institution}, est "
            "l'institution de {wanted}"
        ),
    ),
    "explain_rule_partner_conflict_may": (
        "they must be together with {partner}, whose employer, {employer}, may be "
        "{institution}, the institution of {wanted}: a conflict of interest",
        "cette personne doit rester avec {partner}, dont l'employeur, {employer}, peut être "
        "{institution}, l'institution de {wanted} : conflit d'intérêts",
    ),
    "explain_rule_apart_pinned": (
        "{member} must be kept apart from {partner}, who is pinned to {wanted}",
        "{member} doit être séparé·e de {partner}, dont l'équipe imposée est {wanted}",
    ),
    # A together partner of a student pinned there: held there too, but not pinned.
    "explain_rule_apart_held": (
        "{member} must be kept apart from {partner}, who must be together with {holder}, "
        "pinned to {wanted}",
        "{member} doit être séparé·e de {partner}, qui doit rester avec {holder}, dont "
        "l'équipe imposée est {wanted}",
    ),
    "explain_rule_apart_held_locked": (
        "{member} must be kept apart from {partner}, who must be together with {holder}, "
        "whom you locked in {wanted}",
        "{member} doit être séparé·e de {partner}, qui doit rester avec {holder}, "
        "verrouillé·e par vous dans {wanted}",
    ),
    "explain_full_partners_one": (
        ", with {names}, who must stay in the same team",
        ", plus {names}, qui doit rester dans la même équipe",
    ),
    "explain_full_partners_many": (
        ", with {names}, who must stay in the same team",
        ", plus {names}, qui doivent rester dans la même équipe",
    ),
    "explain_rule_full_many": (
        "{wanted} holds at most {capacity} and {pinned} are pinned to it{partners}: no room "
        "for {group}",
        (
            "{wanted} accueille au plus {capacity} et {pinned} y sont imposé·e·s{partners} : "
            "pas de place pour {group}"
        ),
    ),
    "explain_rule_isolation_count": (
        (
            "the no-isolation rule for {condition} wants 0 or at least 2 of its {count} "
            "students per team, and with them in {wanted} the teams {teams} would need {needed}"
        ),
        (
            "la règle « pas d'étudiant isolé » pour {condition} veut 0 ou au moins 2 de ses "
            "{count} étudiants par équipe, et avec cette personne dans {wanted}, les équipes "
            "{teams} en demanderaient {needed}"
        ),
    ),
    "explain_rule_isolation_alone": (
        (
            "the no-isolation rule for {condition} wants 0 or at least 2 of its students "
            "per team, and no other can join them in {wanted}"
        ),
        (
            "la règle « pas d'étudiant isolé » pour {condition} veut 0 ou au moins 2 de ses "
            "étudiants par équipe, et aucun autre ne peut rejoindre cette personne dans {wanted}"
        ),
    ),
    "explain_rule_no_assignment": (
        "no assignment keeps every rule with them in {wanted}",
        "aucune répartition ne respecte toutes les règles avec cette personne dans {wanted}",
    ),
    # How many a team holds at most (``explain_rule_full*``'s ``{capacity}``).
    "explain_capacity_one": ("{n} student", "{n} étudiant"),
    "explain_capacity_many": ("{n} students", "{n} étudiants"),
    "explain_group_of": (
        "their together-group of {count}",
        "son groupe de {count} à garder ensemble",
    ),
    "explain_one_student": (
        "one more student",
        "un étudiant de plus",
    ),
    "explain_cli_student": (
        "{name} [{student_id}]: in {commission_id} ({where})",
        "{name} [{student_id}] : dans {commission_id} ({where})",
    ),
    "explain_cli_written": (
        "their {ordinal} written choice",
        "son {ordinal} choix écrit",
    ),
    "explain_cli_unlisted": (
        "not among their choices",
        "hors de ses choix",
    ),
    "explain_cli_wish": (
        "  {wanted} ({ordinal} choice): {verdict}",
        "  {wanted} ({ordinal} choix) : {verdict}",
    ),
    "explain_cli_no_choices": (
        "{name} [{student_id}]: no choices written, so no wish to explain",
        "{name} [{student_id}] : aucun choix écrit, donc aucun souhait à expliquer",
    ),
    "explain_cli_on_best": (
        "{name} [{student_id}]: on the best of their selected choices ({commission_id})",
        "{name} [{student_id}] : sur le meilleur de ses choix retenus ({commission_id})",
    ),
    "explain_cli_none_selected": (
        "{name} [{student_id}]: none of their choices was selected ({choices}), so no wish "
        "to explain; in {commission_id}",
        "{name} [{student_id}] : aucun de ses choix n'a été retenu ({choices}), donc aucun "
        "souhait à expliquer ; dans {commission_id}",
    ),
    "explain_none_no_choices": (
        "No student wrote choices: there is no wish to explain.",
        "Aucun étudiant n'a écrit de choix : il n'y a aucun souhait à expliquer.",
    ),
    "explain_none_unmet": (
        "Every student with choices among the selected commissions is on the best of them; "
        "none of the choices of {who} was selected.",
        "Chaque étudiant ayant des choix parmi les commandes retenues est sur le meilleur "
        "d'entre eux ; aucun des choix de {who} n'a été retenu.",
    ),
    "explain_cli_none": (
        "Every student with choices is on the best of their selected choices.",
        "Chaque étudiant ayant des choix est sur le meilleur de ses choix retenus.",
    ),
    "explain_verdict_impossible": (
        "impossible",
        "impossible",
    ),
    "explain_verdict_free": (
        "free",
        "sans coût",
    ),
    "explain_verdict_costs": (
        "costs",
        "coûte",
    ),
    "explain_verdict_unknown": (
        "unknown",
        "indéterminé",
    ),
    "explain_priority_worst_choice": (
        "the worst choice rank (among selected choices)",
        "le pire rang de choix (parmi les choix retenus)",
    ),
    "explain_priority_balance": (
        "the team balance (violations)",
        "l'équilibre des équipes (écarts)",
    ),
    "explain_priority_choices": (
        "the sum of choice ranks (among selected choices)",
        "la somme des rangs de choix (parmi les choix retenus)",
    ),
    "explain_priority_experience": (
        "the largest distance of a team's experience from its fair share",
        "le plus grand écart d'une équipe à sa juste part d'expérience",
    ),
    "explain_priority_moves": (
        "the number of students the what-if moves",
        "le nombre d'étudiants que la simulation déplace",
    ),
    "section_explanations": ("Why not a better choice?", "Pourquoi pas un meilleur choix ?"),
    "sheet_explanations": ("Explanations", "Explications"),
    "explain_rank_distribution": (
        "Students by the position of their team among their written choices",
        "Étudiants selon la position de leur équipe parmi leurs choix écrits",
    ),
    "explain_position": ("Position", "Position"),
    "explain_students": ("Students", "Étudiants"),
    "explain_unlisted_row": ("not among their choices", "hors de leurs choix"),
    "explain_no_choices_row": ("no choices given", "aucun choix donné"),
    "explain_wanted": ("Wanted team", "Équipe souhaitée"),
    "explain_wanted_rank": ("Written position", "Position écrite"),
    "explain_verdict": ("Verdict", "Verdict"),
    "value_if_label": ("Value if granted", "Valeur si accordé"),
    "displaced_label": ("Others moved", "Autres déplacés"),
    "explain_reason": ("Explanation", "Explication"),
    "explain_none_needed": (
        "Every student with choices is on the best of their selected choices.",
        "Chaque étudiant ayant des choix est sur le meilleur de ses choix retenus.",
    ),
    # --no-explain, more than 200 students, or matcher plan (which does not explain: probe
    # s27 read « --no-explain, ou plus de 200 étudiants » of a plan of 60 students).
    "explain_not_run": (
        "Placements were not explained by the command that wrote this result: run matcher "
        "explain on it to see why each student is not on a better choice.",
        "Les placements n'ont pas été expliqués par la commande qui a écrit ce résultat : "
        "lancez matcher explain sur celui-ci pour voir pourquoi chaque étudiant n'est pas "
        "sur un meilleur choix.",
    ),
    "explain_not_run_report": (
        "Placements were not explained (--no-explain, or more than 200 students): run "
        "matcher explain on this result to see why each student is not on a better choice.",
        "Les placements n'ont pas été expliqués (--no-explain, ou plus de 200 étudiants) : "
        "lancez matcher explain sur ce résultat pour voir pourquoi chaque étudiant n'est pas "
        "sur un meilleur choix.",
    ),
    "explain_not_run_broken": (
        "Placements are not explained: this result breaks rules, and explanations need a "
        "result that keeps every rule.",
        "Les placements ne sont pas expliqués : ce résultat enfreint des règles, et les "
        "explications demandent un résultat qui les respecte toutes.",
    ),
    "explain_unknown_left_one": (
        "{n} question was not settled within the time limit: matcher explain "
        "answers it with the full time limit per question.",
        "{n} question n'a pas été tranchée dans le temps imparti : matcher explain "
        "y répond avec tout le temps imparti par question.",
    ),
    "explain_unknown_left_many": (
        "{n} questions were not settled within the time limit: matcher explain "
        "answers them with the full time limit per question.",
        "{n} questions n'ont pas été tranchées dans le temps imparti : matcher explain "
        "y répond avec tout le temps imparti par question.",
    ),
    "explain_swap_pairs": (
        "Pairs who both prefer the other's team (swap keeps every rule)",
        "Paires qui préfèrent chacune l'équipe de l'autre (échange conforme aux règles)",
    ),
    "explain_swap_pair": (
        "{a} ({team_a}) and {b} ({team_b}): the swap would worsen {priority}",
        "{a} ({team_a}) et {b} ({team_b}) : l'échange dégraderait {priority}",
    ),
    "explain_swap_pair_none": (
        "{a} ({team_a}) and {b} ({team_b}): the swap worsens nothing (a defect of the result)",
        "{a} ({team_a}) et {b} ({team_b}) : l'échange ne dégrade rien (un défaut du résultat)",
    ),
    "explain_swap_pair_none_equal": (
        "{a} ({team_a}) and {b} ({team_b}): the swap changes none of the priorities (both "
        "may have it at no cost)",
        "{a} ({team_a}) et {b} ({team_b}) : l'échange ne change aucune priorité (tous deux "
        "peuvent l'avoir sans coût)",
    ),
    "explain_no_swap_pairs_broken": (
        "The result breaks rules, so no swap keeps every rule: swaps are not assessed until "
        "the rules are kept.",
        "Le résultat enfreint des règles : aucun échange ne les respecte toutes, les échanges "
        "ne sont donc pas évalués tant que les règles ne sont pas respectées.",
    ),
    "explain_no_swap_pairs": (
        "No two students would both gain by swapping teams.",
        "Aucune paire d'étudiants ne gagnerait à échanger d'équipe.",
    ),
    # supervisors.csv and a result's plan files (matcher.loading.supervisors)
    "sup_same_column": (
        "columns '{first}' ({first_at}) and '{second}' ({second_at}) both mean '{name}': "
        "keep only one",
        "les colonnes « {first} » ({first_at}) et « {second} » ({second_at}) veulent toutes "
        "deux dire « {name} » : n'en gardez qu'une",
    ),
    "sup_empty_id": (
        "empty cell: expected an id for this supervisor",
        "case vide : un identifiant est attendu pour cet·te accompagnateur·rice",
    ),
    "sup_duplicate_id": (
        "duplicate id '{id}' (already on row {row}): ids must be unique",
        "identifiant « {id} » en double (déjà en ligne {row}) : chaque identifiant est unique",
    ),
    "sup_max_teams": (
        "'{value}' is not a whole number ≥ 1: expected the most teams this supervisor can "
        "take (empty: [supervision] max_teams)",
        "« {value} » n'est pas un nombre entier ≥ 1 : le nombre maximal d'équipes de cet·te "
        "accompagnateur·rice est attendu (vide : [supervision] max_teams)",
    ),
    "sup_none": (
        "no supervisors: expected one row per supervisor",
        "aucun·e accompagnateur·rice : une ligne par accompagnateur·rice est attendue",
    ),
    # What-if warnings worded without any front end's flags (matcher.whatif)
    "w_replace_not_asked": (
        "no replacement was asked",
        "aucun remplacement n'a été demandé",
    ),
    # The README.md and settings.toml of a generated cohort (matcher.generate.files)
    "gen_readme_title": ("Synthetic cohort (seed {seed})", "Cohorte fictive (graine {seed})"),
    "gen_readme_synthetic": (
        "**SYNTHETIC DATA.** Every institution, person and choice here is invented by "
        "`matcher generate`; only the proportions follow the programme's recent years.",
        "**DONNÉES FICTIVES.** Chaque institution, personne et choix est ici inventé par "
        "`matcher generate` ; seules les proportions suivent les dernières années du programme.",
    ),
    "gen_readme_seed": ("seed: {seed}", "graine : {seed}"),
    "gen_readme_version": (
        "generator version: {generator} (matcher {version})",
        "version du générateur : {generator} (matcher {version})",
    ),
    "gen_readme_regenerate": (
        "regenerate: `{command} --out DIR`",
        "pour la produire à nouveau : `{command} --out DOSSIER`",
    ),
    "gen_readme_proposals_one": (
        "{n} proposal, {count} to select",
        "{n} commande, {count} à retenir",
    ),
    "gen_readme_proposals_many": (
        "{n} proposals, {count} to select",
        "{n} commandes, {count} à retenir",
    ),
    "gen_readme_students_one": (
        "{n} student ({vae} VAE, {employed} employed)",
        "{n} étudiant ({vae} VAE, {employed} en emploi)",
    ),
    "gen_readme_students_many": (
        "{n} students ({vae} VAE, {employed} employed)",
        "{n} étudiants ({vae} VAE, {employed} en emploi)",
    ),
    "gen_readme_pairs_one": ("{n} pair", "{n} paire"),
    "gen_readme_pairs_many": ("{n} pairs", "{n} paires"),
    "gen_readme_supervisors_one": ("{n} supervisor", "{n} accompagnateur·rice"),
    "gen_readme_supervisors_many": ("{n} supervisors", "{n} accompagnateur·rice·s"),
    "gen_readme_figures": (
        "{proposals}; {students}; {pairs}",
        "{proposals} ; {students} ; {pairs}",
    ),
    "gen_readme_figures_supervisors": (
        "{proposals}; {students}; {pairs}; {supervisors}",
        "{proposals} ; {students} ; {pairs} ; {supervisors}",
    ),
    "gen_toml_header": (
        "Synthetic cohort (matcher generate --seed {seed}); other settings take the defaults.",
        "Cohorte fictive (matcher generate --seed {seed}) ; les autres réglages gardent leur "
        "valeur par défaut.",
    ),
    "gen_toml_calendar": (
        "Stage 3: the visit morning and the two oral days of the programme.",
        "Étape 3 : la matinée des visites et les deux journées de soutenances du programme.",
    ),
    # ---- The command line's own words: click's usage errors and --help (matcher.cli.words) ----
    # Frames and usage errors click words (keys named after click's English message).
    "click_usage": ("Usage:", "Utilisation :"),
    # click writes a heading's colon right after it: French puts a space before it.
    "click_options": ("Options", "Options "),
    "click_commands": ("Commands", "Commandes "),
    "click_subcommand_metavar": ("COMMAND [ARGS]...", "COMMANDE [ARGUMENTS]..."),
    "click_error": ("Error: {message}", "Erreur : {message}"),
    "click_try_help": (
        "Try '{command} {option}' for help.",
        "Essayez « {command} {option} » pour l'aide.",
    ),
    "click_aborted": ("Aborted!", "Interrompu !"),
    "click_missing_command": ("Missing command.", "Commande manquante."),
    "click_no_such_command": ("No such command {name!r}.", "Commande inconnue : « {name} »."),
    "click_no_such_option": ("No such option {name!r}.", "Option inconnue : « {name} »."),
    "click_did_you_mean": ("Did you mean {possibility}?", "Vouliez-vous dire {possibility} ?"),
    "click_did_you_mean_among": (
        "(Did you mean one of: {possibilities}?)",
        "(Vouliez-vous dire l'une de celles-ci : {possibilities} ?)",
    ),
    "click_extra_argument": (
        "Got unexpected extra argument ({args})",
        "Argument en trop : {args} (chaque option s'écrit --nom valeur)",
    ),
    "click_extra_arguments": (
        "Got unexpected extra arguments ({args})",
        "Arguments en trop : {args} (chaque option s'écrit --nom valeur)",
    ),
    "click_missing_argument": ("Missing argument", "Argument manquant"),
    "click_missing_option": ("Missing option", "Option manquante"),
    "click_missing_parameter": ("Missing parameter", "Paramètre manquant"),
    "click_invalid_value": ("Invalid value: {message}", "Valeur invalide : {message}"),
    "click_invalid_value_for": (
        "Invalid value for {param_hint}: {message}",
        "Valeur invalide pour {param_hint} : {message}",
    ),
    "click_requires_argument": (
        "Option {name!r} requires an argument.",
        "L'option « {name} » attend une valeur.",
    ),
    "click_requires_arguments": (
        "Option {name!r} requires {nargs} arguments.",
        "L'option « {name} » attend {nargs} valeurs.",
    ),
    "click_takes_no_value": (
        "Option {name!r} does not take a value.",
        "L'option « {name} » ne prend pas de valeur.",
    ),
    "click_not_a_number": (
        # click's own "is not a valid integer range" names a type, not what to type.
        "{value!r} is not a whole number.",
        "« {value} » n'est pas un nombre entier.",
    ),
    "click_out_of_range": (
        "{value} is not in the range {range}.",
        "{value} est hors des limites permises ({range}).",
    ),
    "click_not_choice": ("{value!r} is not {choice}.", "« {value} » n'est pas {choice}."),
    "click_not_among_choices": (
        "{value!r} is not one of {choices}.",
        "« {value} » n'est pas l'une des valeurs permises : {choices}.",
    ),
    "click_choose_from": ("Choose from:\n\t{choices}", "Choisissez parmi :\n\t{choices}"),
    "click_path_missing": (
        "'{filename}' does not exist.",
        "« {filename} » n'existe pas.",
    ),
    "click_path_is_file": (
        "'{filename}' is a file: a folder is expected.",
        "« {filename} » est un fichier : un dossier est attendu.",
    ),
    "click_path_is_folder": (
        "'{filename}' is a folder: a file is expected.",
        "« {filename} » est un dossier : un fichier est attendu.",
    ),
    "click_path_unreadable": (
        "'{filename}' cannot be read (permissions).",
        "« {filename} » ne peut pas être lu (droits d'accès).",
    ),
    "click_path_unwritable": (
        "'{filename}' cannot be written (permissions).",
        "« {filename} » ne peut pas être écrit (droits d'accès).",
    ),
    "click_default": ("default: {default}", "par défaut : {default}"),
    "click_required": ("required", "obligatoire"),
    # matcher's own option types (matcher.cli.common)
    "cli_empty_path": (
        "the name is empty: a file or folder name is expected",
        "le nom est vide : un nom de fichier ou de dossier est attendu",
    ),
    "cli_option_as_path": (
        "{value} is an option, not a file or folder name: give the name right after {option}",
        "{value} est une option, pas un nom de fichier ou de dossier : donnez le nom juste "
        "après {option}",
    ),
    "cli_bad_seconds": (
        "{value!r} is not a positive finite number of seconds (e.g. 60)",
        "« {value} » n'est pas un nombre de secondes positif et fini (par exemple 60)",
    ),
    "cli_too_many_seconds": (
        "{value!r} is more seconds than the longest time limit, {most} (about 11 days)",
        "« {value} » dépasse la plus longue limite de temps, {most} secondes (environ 11 jours)",
    ),
    # Metavars of --help (by click type name)
    "cli_metavar_integer": ("INTEGER", "ENTIER"),
    "cli_metavar_seconds": ("SECONDS", "SECONDES"),
    "cli_metavar_file": ("FILE", "FICHIER"),
    "cli_metavar_directory": ("DIRECTORY", "DOSSIER"),
    "cli_metavar_path": ("PATH", "CHEMIN"),
    "cli_metavar_text": ("TEXT", "TEXTE"),
    # Requests the application refuses (matcher.app: explain, check, plan)
    "app_result_empty": (
        "{folder} holds neither a selection nor teams",
        "{folder} ne contient ni sélection ni équipes",
    ),
    "app_no_teams_to_explain": (
        "{folder} holds no teams: there are no teams to explain",
        "{folder} ne contient pas d'équipes : il n'y a pas d'équipes à expliquer",
    ),
    "explain_whatif_edited": (
        "{folder}: its teams were changed by hand since the what-if that made them (they"
        " differ from its changes.csv and summary.json): who was where before the what-if is"
        " not known, so its moves are not counted; explained as an edited result",
        "{folder} : ses équipes ont été modifiées à la main depuis la simulation qui les a"
        " produites (elles diffèrent de son changes.csv et de son summary.json) : qui était"
        " où avant la simulation n'est pas connu, ses déplacements ne sont donc pas comptés ;"
        " expliqué comme un résultat modifié",
    ),
    "cli_matcher_lang_unknown": (
        "MATCHER_LANG={value} is not a language matcher speaks (en, fr): ignored",
        "MATCHER_LANG={value} n'est pas une langue de matcher (en, fr) : ignorée",
    ),
    "cli_result_settings": (
        "settings: those saved with the result ({file}); --settings to take others",
        "paramètres : ceux enregistrés avec le résultat ({file}) ; --settings pour en prendre "
        "d'autres",
    ),
    "app_students_withdrew_one": (
        "--student {ids}: left the cohort in a what-if (the result's summary.json says so):"
        " no team to explain",
        "--student {ids} : a quitté la cohorte lors d'une simulation (le summary.json du"
        " résultat le dit) : pas d'équipe à expliquer",
    ),
    "app_students_withdrew_many": (
        "--student {ids}: left the cohort in a what-if (the result's summary.json says so):"
        " no team to explain",
        "--student {ids} : ont quitté la cohorte lors d'une simulation (le summary.json du"
        " résultat le dit) : pas d'équipe à expliquer",
    ),
    "app_unknown_students": (
        "--student {ids}: not a student of the cohort",
        "--student {ids} : pas un étudiant de la cohorte",
    ),
    "app_student_name_shared": (
        "--student {name}: the name of {ids}: give the id of the one meant",
        "--student {name} : c'est le nom de {ids} : donnez le matricule de celui ou celle "
        "que vous voulez",
    ),
    "app_unknown_students_how": (
        "--student {ids}: not a student of the cohort (give a student's id, or their name as "
        "written in the students' file)",
        "--student {ids} : pas un étudiant de la cohorte (donnez le matricule d'un étudiant, "
        "ou son nom tel qu'écrit dans le fichier des étudiants)",
    ),
    # Commands' help (the English is each command's docstring; tests keep them equal)
    "cli_doc_group": (
        "Select commissions and form balanced student teams for the social-engineering lab."
        "\n\nExit status: 0 solved, 2 invalid input or usage, 3 no solution satisfies the "
        "rules (or, for check, the result breaks rules), 4 no solution within the time "
        "limit, 1 internal error.",
        "Choisit les commandes et forme des équipes d'étudiants équilibrées pour le "
        "laboratoire d'ingénierie sociale.\n\nCode de sortie : 0 résolu, 2 données ou "
        "utilisation invalides, 3 aucune solution ne respecte les règles (ou, pour check, le "
        "résultat enfreint des règles), 4 aucune solution dans la limite de temps, "
        "1 erreur interne.",
    ),
    "cli_doc_assign": (
        "Stage 2: form one team per commission marked selected in the --selection file."
        "\n\nEvery student of INSTANCE joins exactly one team; the priorities of [teams] in "
        "settings.toml are optimised in order and the summary says whether each was proven "
        "optimal.",
        "Étape 2 : forme une équipe par commande retenue dans le fichier --selection.\n\n"
        "Chaque étudiant d'INSTANCE rejoint exactement une équipe ; les priorités de [teams] "
        "dans settings.toml sont optimisées dans l'ordre et le résumé dit si l'optimum de "
        "chacune est prouvé.",
    ),
    "cli_doc_check": (
        "Check a result against every rule of INSTANCE and print its metrics.\n\nExit 0 "
        "when every rule holds; exit 3 listing each broken rule (with student and "
        "commission ids) otherwise. Nothing is written.",
        "Vérifie un résultat selon chaque règle d'INSTANCE et affiche ses indicateurs.\n\n"
        "Code 0 quand toutes les règles sont respectées ; sinon code 3, avec chaque règle "
        "enfreinte (codes des étudiants et des commandes). Rien n'est écrit.",
    ),
    "cli_doc_explain": (
        "Why each student with choices is not on a better one of them, and what it would "
        "cost.\n\nFor every choice a student ranked better than their team: impossible (a "
        "rule forbids it, named), free (an equally good result grants it; who moves), costs "
        "(the first priority that gets worse, from its value to the value with the wish "
        "granted, and how many others move), or unknown (not proven within --time-limit, per "
        "solve). --workers answers that many wishes in parallel processes.",
        "Pourquoi chaque étudiant qui a des choix n'est pas dans un meilleur de ses choix, "
        "et ce que cela coûterait.\n\nPour chaque choix mieux classé que son équipe : "
        "impossible (une règle l'interdit, nommée), sans coût (un résultat aussi bon "
        "l'accorde ; qui change d'équipe), coûte (la première priorité qui se dégrade, de "
        "sa valeur à celle avec le souhait accordé, et combien d'autres changent d'équipe), "
        "ou indéterminé (non prouvé dans --time-limit, par résolution). --workers traite "
        "autant "
        "de souhaits en parallèle.",
    ),
    "cli_doc_generate": (
        "Write a SYNTHETIC cohort with the programme's statistics into --out.\n\nWrites "
        "commissions.csv, students.csv, pairs.csv, supervisors.csv, settings.toml and a "
        "README.md that labels the data synthetic and records the seed (the README and the "
        "comments of settings.toml in the language of --lang). Commissions to select: 10 for "
        "up to 75 students, else about one per 6 students, never more than the eligible "
        "proposals of distinct institutions drawn. The same seed gives the same cohort.",
        "Écrit dans --out une cohorte FICTIVE aux statistiques du programme.\n\nÉcrit "
        "commissions.csv, students.csv, pairs.csv, supervisors.csv, settings.toml et un "
        "README.md qui dit les données fictives et note la graine (le README et les "
        "commentaires de settings.toml dans la langue de --lang). Commandes à retenir : 10 "
        "jusqu'à 75 étudiants, sinon environ une pour 6 étudiants, jamais plus que les "
        "propositions éligibles d'institutions distinctes tirées. La même graine donne la "
        "même cohorte.",
    ),
    "cli_doc_plan": (
        "Stage 3: choose a supervisor for each team of --result and schedule every visit "
        "and oral defence, under the [supervision] and [calendar] settings and INSTANCE's "
        "supervisors.csv (accompagnateurs.csv).",
        "Étape 3 : choisit un accompagnateur pour chaque équipe de --result et planifie "
        "chaque visite et chaque défense orale, selon les réglages [supervision] et "
        "[calendar] et le fichier supervisors.csv (accompagnateurs.csv) d'INSTANCE.",
    ),
    "cli_doc_report": (
        "Write every output (selection.csv, teams.csv, summary.json, report.html, "
        "result.xlsx) for the result in --result as it now stands, e.g. after moving "
        "students by hand.\n\nEvery metric is recomputed; each priority is shown beside the "
        "solver's value (from the result's summary.json) so that the cost of an edit shows. "
        "A result that breaks rules is written all the same, its broken rules listed first "
        'in the report, the workbook, summary.json ("broken_rules") and on the terminal: '
        "then the exit status is 3. A result keeping every rule is explained "
        "(explanations.csv, as matcher explain answers) within --time-limit, unless "
        "--no-explain.",
        "Écrit toutes les sorties (selection.csv, teams.csv, summary.json, report.html, "
        "result.xlsx) du résultat de --result tel qu'il est maintenant, par exemple après "
        "avoir déplacé des étudiants à la main.\n\nChaque indicateur est recalculé ; chaque "
        "priorité est montrée à côté de la valeur du solveur (du summary.json du résultat), "
        "pour que le coût d'une modification se voie. Un résultat qui enfreint des règles "
        "est écrit quand même, ses règles enfreintes en tête du rapport, du classeur, de "
        'summary.json ("broken_rules") et du terminal : le code de sortie est alors 3. Un '
        "résultat qui respecte toutes les règles est expliqué (explanations.csv, comme "
        "matcher explain répond) dans la limite de --time-limit, sauf --no-explain.",
    ),
    "cli_doc_run": (
        "Both stages: choose the commissions of INSTANCE, then form their teams.\n\nThe "
        "time limit covers the whole command, from its start to the last file written: the "
        "teams get whatever the selection leaves. When INSTANCE has supervisors.csv, stage 3 "
        "follows (supervision.csv, schedule.csv, calendar.ics) in what the teams leave, and "
        "the explanations (explanations.csv, up to 200 students) get what remains, less the "
        "time kept back for writing.",
        "Les deux étapes : choisit les commandes d'INSTANCE, puis forme leurs équipes.\n\n"
        "La limite de temps couvre toute l'exécution, de son lancement au dernier fichier "
        "écrit : les équipes ont ce que la sélection laisse. Quand INSTANCE a un "
        "supervisors.csv, l'étape 3 suit (supervision.csv, schedule.csv, calendar.ics) dans "
        "ce que les équipes laissent, et les explications (explanations.csv, jusqu'à 200 "
        "étudiants) ont le reste, moins le temps gardé pour l'écriture.",
    ),
    "cli_doc_select": (
        "Stage 1: choose the commissions among the proposals of INSTANCE.\n\nEvery "
        "proposal gets a row in selection.csv: eligible or not, selected or not, its rank "
        "on the reserve list, and the reason in a short sentence.",
        "Étape 1 : choisit les commandes parmi les propositions d'INSTANCE.\n\nChaque "
        "proposition a une ligne dans selection.csv : éligible ou non, retenue ou non, son "
        "rang sur la liste de réserve, et le motif en une courte phrase.",
    ),
    "cli_doc_serve": (
        "Open the workbench for INSTANCE (or for files uploaded in the page) in the "
        "browser.\n\nListens on 127.0.0.1 only unless --host says otherwise; Ctrl-C stops "
        "it. --settings, --time-limit, --seed and --workers apply to every cohort opened in "
        "the page (as to the other commands); --lang is the page's language at start "
        "(switchable in the page).",
        "Ouvre l'atelier pour INSTANCE (ou pour des fichiers déposés dans la page) dans le "
        "navigateur.\n\nN'écoute que sur 127.0.0.1 sauf si --host dit autre chose ; Ctrl-C "
        "l'arrête. --settings, --time-limit, --seed et --workers s'appliquent à chaque "
        "cohorte ouverte dans la page (comme pour les autres commandes) ; --lang est la "
        "langue de la page au départ (modifiable dans la page).",
    ),
    "cli_doc_validate": (
        "Read and check INSTANCE (a folder or an .xlsx workbook) without solving anything."
        "\n\nPrints the counts (proposals, eligible proposals, students by background, VAE, "
        "employed, pairs), the eligible proposals and every warning. Exit status 0 when the "
        "input can be used, 2 (with every problem: file, row, column) when it cannot, 3 when "
        "a rule cannot hold whatever the selection (fewer selectable proposals than count, "
        "team sizes that cannot hold the students, a together-group larger than any team, "
        "a pair both apart and together, a pin no selection allows, a no_isolation "
        "condition only one student meets, supervisors too few or unavailable).",
        "Lit et vérifie INSTANCE (un dossier ou un classeur .xlsx) sans rien résoudre.\n\n"
        "Affiche les effectifs (propositions, propositions éligibles, étudiants par "
        "formation, VAE, en emploi, paires), les propositions éligibles et chaque "
        "avertissement. Code de sortie 0 quand les données sont utilisables, 2 (avec chaque "
        "problème : fichier, ligne, colonne) quand elles ne le sont pas, 3 quand une règle "
        "ne peut tenir quelle que soit la sélection (moins de commandes sélectionnables que "
        "count, des tailles d'équipe qui ne peuvent accueillir les étudiants, un groupe à "
        "réunir plus grand que toute équipe, une paire à la fois séparée et réunie, une "
        "affectation imposée qu'aucune sélection ne permet, une condition no_isolation qu'un "
        "seul étudiant remplit, des accompagnateur·rice·s trop peu nombreux ou "
        "indisponibles).",
    ),
    "cli_doc_whatif": (
        "Re-solve the result in --from after the changes given, with the fewest moves.\n\n"
        "A withdrawn commission is replaced by the best reserve that keeps every rule (the "
        "team keeps all its members); with --no-replace, or when no reserve fits, its "
        "students join the other teams. Students who withdraw or arrive leave the others in "
        "place unless the rules force moves. The first priority is the number of moves "
        "(students of a team that still exists who change team), then the usual priorities. "
        "Writes the usual outputs plus changes.csv into --out. summary.json records the "
        "withdrawals and arrivals since the original result, so --from may be the output of "
        "an earlier what-if.\n\nWhen INSTANCE has supervisors.csv, the plan is made again "
        "against the one in --from: with --withdraw-supervisor ID the fewest teams change "
        "supervisor, then the fewest visits and orals move (alone, it keeps the teams as "
        "they are).",
        "Résout à nouveau le résultat de --from après les changements donnés, en déplaçant "
        "le moins d'étudiants possible.\n\nUne commande retirée est remplacée par la "
        "meilleure réserve qui respecte toutes les règles (l'équipe garde tous ses "
        "membres) ; avec --no-replace, ou quand aucune réserve ne convient, ses étudiants "
        "rejoignent les autres équipes. Les étudiants qui partent ou arrivent laissent les "
        "autres en place sauf si les règles imposent des déplacements. La première priorité "
        "est le nombre de déplacements (étudiants d'une équipe toujours là qui changent "
        "d'équipe), puis les priorités habituelles. Écrit les sorties habituelles et "
        "changes.csv dans --out. summary.json note les retraits et arrivées depuis le "
        "résultat d'origine : --from peut donc être la sortie d'une simulation précédente."
        "\n\nQuand INSTANCE a un supervisors.csv, le plan est refait par rapport à celui de "
        "--from : avec --withdraw-supervisor ID, le moins d'équipes possible changent "
        "d'accompagnateur, puis le moins de visites et d'oraux possible bougent (seul, il "
        "garde les équipes telles quelles).",
    ),
    # Options' help: cli_opt_<command>_<parameter>, else cli_opt_<parameter> (shared)
    "cli_opt_help": ("Show this message and exit.", "Affiche cette aide et quitte."),
    "cli_opt_version": ("Show the version and exit.", "Affiche la version et quitte."),
    "cli_opt_settings_file": (
        "settings.toml to use (default: INSTANCE/settings.toml if present, else defaults; "
        "check, report, explain and whatif take first the one saved beside the result).",
        "settings.toml à utiliser (par défaut : INSTANCE/settings.toml s'il existe, sinon "
        "les valeurs par défaut ; check, report, explain et whatif prennent d'abord celui "
        "enregistré à côté du résultat).",
    ),
    "cli_opt_time_limit": (
        "Seconds the solver may use in all (overrides [solver] time_limit).",
        "Secondes dont le solveur dispose en tout (remplace [solver] time_limit).",
    ),
    "cli_opt_seed": (
        "Random seed (overrides [solver] seed).",
        "Graine aléatoire (remplace [solver] seed).",
    ),
    "cli_opt_workers": (
        "Solver threads (overrides [solver] workers).",
        "Fils d'exécution du solveur (remplace [solver] workers).",
    ),
    "cli_opt_lang": (
        "Language of everything printed and written for people (default: the MATCHER_LANG "
        "environment variable, else French under a French locale, else English).",
        "Langue de tout ce qui est affiché et écrit pour des personnes (par défaut : la "
        "variable d'environnement MATCHER_LANG, sinon le français sous une locale "
        "française, sinon l'anglais).",
    ),
    "cli_opt_quiet": ("Print nothing but errors.", "N'affiche que les erreurs."),
    "cli_opt_no_explain": (
        "Do not explain the placements (no explanations.csv; see matcher explain).",
        "N'explique pas les affectations (pas d'explanations.csv ; voir matcher explain).",
    ),
    "cli_opt_assign_selection_file": (
        "A selection.csv (from `matcher select`, possibly edited), or a result.xlsx (its "
        "Selection sheet): its selected commissions.",
        "Un selection.csv (de `matcher select`, éventuellement modifié), ou un result.xlsx (sa "
        "feuille Sélection) : ses commandes retenues.",
    ),
    "cli_opt_assign_out_dir": (
        "Folder for teams.csv, selection.csv, summary.json, report.html and result.xlsx.",
        "Dossier pour teams.csv, selection.csv, summary.json, report.html et result.xlsx.",
    ),
    "cli_opt_check_result_dir": (
        "Folder holding selection.csv and/or teams.csv, or result.xlsx (e.g. edited in a "
        "spreadsheet), or that result.xlsx itself.",
        "Dossier contenant selection.csv et/ou teams.csv, ou result.xlsx (par exemple "
        "modifié dans un tableur), ou ce result.xlsx lui-même.",
    ),
    "cli_opt_explain_result_dir": (
        "Folder holding the result's selection.csv and teams.csv (or an edited result.xlsx), "
        "or that result.xlsx itself; never modified.",
        "Dossier contenant le selection.csv et le teams.csv du résultat (ou un result.xlsx "
        "modifié), ou ce result.xlsx lui-même ; jamais modifié.",
    ),
    "cli_opt_explain_student_ids": (
        "Explain only this student (repeatable; default: every student).",
        "N'explique que cet étudiant (répétable ; par défaut : chaque étudiant).",
    ),
    "cli_opt_explain_time_limit": (
        "Seconds each solve of a question may take (a question takes one solve or a few; "
        "overrides [solver] time_limit), and its checks without the solver: a question not "
        "settled within them is unknown. Not a limit for the whole command, which answers "
        "every question in turn.",
        "Secondes dont dispose chaque résolution d'une question (une question en demande une "
        "ou quelques-unes ; remplace [solver] time_limit), et ses vérifications sans "
        "solveur : une question non tranchée dans ce temps reste inconnue. Pas une limite "
        "pour toute la commande, qui répond à chaque question tour à tour.",
    ),
    "cli_opt_explain_out_dir": (
        "Folder to write explanations.csv into (default: only print).",
        "Dossier où écrire explanations.csv (par défaut : seulement afficher).",
    ),
    "cli_opt_generate_seed": ("Random seed.", "Graine aléatoire."),
    "cli_opt_generate_num_students": ("Students in the cohort.", "Étudiants de la cohorte."),
    "cli_opt_generate_num_proposals": (
        "Proposals received (default: about 2.5 per commission to select).",
        "Propositions reçues (par défaut : environ 2,5 par commande à retenir).",
    ),
    "cli_opt_generate_out_dir": (
        "Folder to write the cohort in (new or empty).",
        "Dossier où écrire la cohorte (nouveau ou vide).",
    ),
    "cli_opt_generate_force": (
        "Write into a non-empty folder, overwriting only the cohort's own files.",
        "Écrit dans un dossier non vide, en remplaçant seulement les fichiers de la cohorte.",
    ),
    "cli_opt_generate_lang": (
        "Language of the messages and of the cohort's README.md (default: the MATCHER_LANG "
        "environment variable, else French under a French locale, else English).",
        "Langue des messages et du README.md de la cohorte (par défaut : la variable "
        "d'environnement MATCHER_LANG, sinon "
        "le français sous une locale française, sinon l'anglais).",
    ),
    "cli_opt_plan_result_dir": (
        "A result folder (from `matcher run` or `assign`): its teams.csv, or its selection "
        "(or an edited result.xlsx); or that result.xlsx itself.",
        "Un dossier de résultat (de `matcher run` ou `assign`) : son teams.csv, ou sa sélection "
        "(ou un result.xlsx modifié) ; ou ce result.xlsx lui-même.",
    ),
    "cli_opt_plan_out_dir": (
        "Folder for supervision.csv, schedule.csv, calendar.ics, summary.json, report.html "
        "and result.xlsx.",
        "Dossier pour supervision.csv, schedule.csv, calendar.ics, summary.json, "
        "report.html et result.xlsx.",
    ),
    "cli_opt_report_result_dir": (
        "Folder of the result (selection.csv and/or teams.csv, or an edited result.xlsx), "
        "or that result.xlsx itself; never modified.",
        "Dossier du résultat (selection.csv et/ou teams.csv, ou un result.xlsx modifié), "
        "ou ce result.xlsx lui-même ; jamais modifié.",
    ),
    "cli_opt_report_out_dir": (
        "New folder for the outputs (not INSTANCE, not --result).",
        "Nouveau dossier pour les sorties (ni INSTANCE, ni --result).",
    ),
    "cli_opt_run_out_dir": (
        "Folder for selection.csv, teams.csv, summary.json, report.html and result.xlsx.",
        "Dossier pour selection.csv, teams.csv, summary.json, report.html et result.xlsx.",
    ),
    "cli_opt_select_out_dir": (
        "Folder for selection.csv, summary.json, report.html and result.xlsx.",
        "Dossier pour selection.csv, summary.json, report.html et result.xlsx.",
    ),
    "cli_opt_serve_out_dir": (
        "Folder where the workbench saves the result (the files of matcher run).",
        "Dossier où l'atelier enregistre le résultat (les fichiers de matcher run).",
    ),
    "cli_opt_serve_host": ("Address to listen on.", "Adresse d'écoute."),
    "cli_opt_serve_port": ("Port.", "Port."),
    "cli_opt_serve_no_open": ("Do not open a browser.", "N'ouvre pas de navigateur."),
    "cli_opt_whatif_from_dir": (
        "Folder of the previous result (selection.csv, and teams.csv once teams exist, or an "
        "edited result.xlsx), or that result.xlsx itself; never modified.",
        "Dossier du résultat précédent (selection.csv, et teams.csv une fois les équipes "
        "formées, ou un result.xlsx modifié), ou ce result.xlsx lui-même ; jamais modifié.",
    ),
    "cli_opt_whatif_out_dir": (
        "New folder for the outputs plus changes.csv (not INSTANCE, not --from).",
        "Nouveau dossier pour les sorties et changes.csv (ni INSTANCE, ni --from).",
    ),
    "cli_opt_whatif_withdraw_commissions": (
        "A selected commission whose institution withdraws (repeatable, or ids between commas).",
        "Une commande retenue dont l'institution se retire (répétable, ou des codes séparés "
        "par des virgules).",
    ),
    "cli_opt_whatif_withdraw_students": (
        "A student who leaves the cohort (repeatable, or ids between commas).",
        "Un étudiant qui quitte la cohorte (répétable, ou des codes séparés par des virgules).",
    ),
    "cli_opt_whatif_add_students": (
        "A file of arriving students, with the columns of students.csv and new ids.",
        "Un fichier d'étudiants qui arrivent, avec les colonnes de students.csv et de "
        "nouveaux codes.",
    ),
    "cli_opt_whatif_no_replace": (
        "Do not replace a withdrawn commission by a reserve: its students join the other teams.",
        "Ne remplace pas une commande retirée par une réserve : ses étudiants rejoignent "
        "les autres équipes.",
    ),
    "cli_opt_whatif_withdraw_supervisors": (
        "A supervisor of supervisors.csv who leaves (repeatable, or ids between commas): the "
        "fewest teams change supervisor, then the fewest visits and orals move.",
        "Un accompagnateur de supervisors.csv qui se retire (répétable, ou des codes séparés "
        "par des virgules) : le moins "
        "d'équipes possible changent d'accompagnateur, puis le moins de visites et d'oraux "
        "possible bougent.",
    ),
    # A result's plan checked as it stands (matcher.loading.plan_files, matcher.verify.plan)
    "pf_what_commission": ("the team's commission id", "le code de la commande de l'équipe"),
    "pf_what_time": ("a time HH:MM, e.g. 09:00", "une heure HH:MM, par exemple 09:00"),
    "pf_what_event": ("visit or oral", "visit ou oral"),
    "pf_what_slot": ("a slot label", "le libellé d'un créneau"),
    "pf_bad_time": (
        "'{value}' is not a time: expected HH:MM, e.g. 09:00",
        "« {value} » n'est pas une heure : HH:MM est attendu, par exemple 09:00",
    ),
    "pf_town_edited": (
        "'{written}' is not the town of {team} in {file} ('{actual}'), which the plan and "
        "calendar.ics keep: change it in {file}",
        "« {written} » n'est pas la localité de {team} dans {file} (« {actual} »), que le "
        "planning et calendar.ics gardent : changez-la dans {file}",
    ),
    "pf_town_unknown": (
        "'{written}': {file} gives {team} no town, so the plan and calendar.ics give none: "
        "write it in {file}",
        "« {written} » : {file} ne donne pas de localité à {team}, donc le planning et "
        "calendar.ics n'en donnent pas : écrivez-la dans {file}",
    ),
    "pf_institution_edited": (
        "'{written}' is not the institution of {team} in {file} ('{actual}'), which the plan "
        "and calendar.ics keep: change it in {file}",
        "« {written} » n'est pas l'institution de {team} dans {file} (« {actual} »), que le "
        "planning et calendar.ics gardent : changez-la dans {file}",
    ),
    "pf_bad_date": (
        "'{value}' is not a date: expected a date written day first (19/11/2026) or as 2026-11-19",
        "« {value} » n'est pas une date : il faut une date écrite le jour d'abord (19/11/2026) "
        "ou sous la forme 2026-11-19",
    ),
    "pf_bad_event": (
        "'{value}' is not an event: expected visit or oral",
        "« {value} » n'est pas un événement : visit ou oral est attendu",
    ),
    "pf_half_plan": (
        "missing: the result holds {have} but no {lacking}; matcher plan writes both",
        "absent : le résultat contient {have} mais pas {lacking} ; matcher plan écrit les deux",
    ),
    "check_no_plan": (
        "the instance has {file} but this result holds no plan (supervision.csv, "
        "schedule.csv): supervisors and calendar not checked; matcher plan makes them",
        "l'instance a {file} mais ce résultat ne contient pas de planning (supervision.csv, "
        "schedule.csv) : accompagnement et calendrier non vérifiés ; matcher plan les établit",
    ),
    "check_plan_sheet_differs_one": (
        "schedule.csv and {book} give a different plan for {n} event (e.g. {event}: {in_csv} "
        "in schedule.csv, {in_book} in {book}); supervision.csv and schedule.csv are used",
        "schedule.csv et {book} donnent un planning différent pour {n} événement (p. ex. "
        "{event} : {in_csv} dans schedule.csv, {in_book} dans {book}) ; supervision.csv et "
        "schedule.csv sont utilisés",
    ),
    "check_plan_sheet_differs_many": (
        "schedule.csv and {book} give a different plan for {n} events (e.g. {event}: {in_csv} "
        "in schedule.csv, {in_book} in {book}); supervision.csv and schedule.csv are used",
        "schedule.csv et {book} donnent un planning différent pour {n} événements (p. ex. "
        "{event} : {in_csv} dans schedule.csv, {in_book} dans {book}) ; supervision.csv et "
        "schedule.csv sont utilisés",
    ),
    "pf_no_supervisors": (
        "{folder} holds a plan (supervision.csv, schedule.csv) but the instance {instance} has "
        "no supervisors.csv (or accompagnateurs.csv): the plan cannot be checked without it",
        "{folder} contient un planning (supervision.csv, schedule.csv) mais l'instance "
        "{instance} n'a pas de supervisors.csv (ni accompagnateurs.csv) : le planning ne peut "
        "être vérifié sans lui",
    ),
    "m_plan_expertise": (
        "teams within their supervisor's expertise",
        "équipes dans l'expertise de leur accompagnateur·rice",
    ),
    "m_plan_load": (
        "teams of the busiest supervisor",
        "équipes de l'accompagnateur·rice le·la plus chargé·e",
    ),
    "m_plan_travel": ("total travel minutes", "minutes de déplacement au total"),
    "plain_prio_expertise": (
        "teams within their supervisor's expertise",
        "équipes dans l'expertise de leur accompagnateur·rice",
    ),
    "plain_prio_load": (
        "teams of the busiest supervisor",
        "équipes de l'accompagnateur·rice le·la plus chargé·e",
    ),
    "plain_prio_travel": ("minutes of travel in all", "minutes de déplacement au total"),
    "plain_prio_supervisor_changes": (
        "teams that change supervisor",
        "équipes qui changent d'accompagnateur·rice",
    ),
    "plain_prio_event_moves": ("visits and orals moved", "visites et soutenances déplacées"),
    "pv_visit_of": ("the visit of {team}", "la visite de {team}"),
    "pv_oral_of": ("the oral defence of {team}", "la soutenance de {team}"),
    # A reserve taking over a withdrawn commission's team and its times (probe s28f).
    "pv_visit_of_instead": (
        "the visit of {team} (in place of {institution}'s)",
        "la visite de {team} (à la place de celle de {institution})",
    ),
    "pv_oral_of_instead": (
        "the oral defence of {team} (in place of {institution}'s)",
        "la soutenance de {team} (à la place de celle de {institution})",
    ),
    "pv_plan_files": ("supervision.csv and schedule.csv", "supervision.csv et schedule.csv"),
    "pv_plan_sheet_events": ("the events of {sheet}", "les événements de {sheet}"),
    "pv_stale_one": (
        "{files} plan {ids}, which is not a team of this result: the "
        "teams changed after the plan was made; run matcher plan again for the teams as they "
        "now stand",
        "{files} planifient {ids}, qui n'est pas une équipe de ce "
        "résultat : les équipes ont changé depuis le planning ; relancez matcher plan pour les "
        "équipes telles qu'elles sont",
    ),
    "pv_stale_many": (
        "{files} plan {ids}, which are not teams of this result: the "
        "teams changed after the plan was made; run matcher plan again for the teams as they "
        "now stand",
        "{files} planifient {ids}, qui ne sont pas des équipes de ce "
        "résultat : les équipes ont changé depuis le planning ; relancez matcher plan pour les "
        "équipes telles qu'elles sont",
    ),
    "pv_unplanned": (
        "team {team} has neither a supervisor nor events in {where}: the teams changed after "
        "the plan was made; run matcher plan again",
        "l'équipe {team} n'a ni accompagnateur·rice ni événement dans {where} : les équipes "
        "ont changé depuis le planning ; relancez matcher plan",
    ),
    "pv_no_supervisor": (
        "team {team} has no supervisor in {file}",
        "l'équipe {team} n'a pas d'accompagnateur·rice dans {file}",
    ),
    "pv_many_supervisors": (
        "team {team} is on {n} rows of supervision.csv ({ids}); exactly one supervisor is expected",
        "l'équipe {team} figure sur {n} lignes de supervision.csv ({ids}) ; un·e seul·e "
        "accompagnateur·rice est attendu·e",
    ),
    "pv_unknown_supervisor": (
        "the supervisor of team {team}, {id}, is not in {file}",
        "l'accompagnateur·rice de l'équipe {team}, {id}, n'est pas dans {file}",
    ),
    "pv_supervisor_homonyms": (
        "the supervisor of team {team}, '{name}', is the name of several supervisors of {file}:"
        " write the id of the one meant, {ids}",
        "l'accompagnateur·rice de l'équipe {team}, « {name} », est le nom de plusieurs "
        "accompagnateur·rice·s de {file} : écrivez le code de celui ou celle voulu·e, {ids}",
    ),
    "pv_withdrawn_supervisor": (
        "the supervisor of team {team}, {id}, was withdrawn (whatif --withdraw-supervisor)",
        "l'accompagnateur·rice de l'équipe {team}, {id}, a été retiré·e "
        "(whatif --withdraw-supervisor)",
    ),
    "pv_capacity": (
        "{name} supervises {n} teams ({teams}); at most {cap}",
        "{name} accompagne {n} équipes ({teams}) ; au plus {cap}",
    ),
    "pv_tie": (
        "{name} supervises team {team}, whose institution ({institution}) is among their ties "
        "({tie})",
        "{name} accompagne l'équipe {team}, dont l'institution ({institution}) figure parmi "
        "ses liens ({tie})",
    ),
    "pv_tie_same": (
        "{name} supervises team {team}, whose institution ({institution}) is among their ties",
        "{name} accompagne l'équipe {team}, dont l'institution ({institution}) figure parmi "
        "ses liens",
    ),
    "pv_no_visit": (
        "team {team} has no visit in {file}",
        "l'équipe {team} n'a pas de visite dans {file}",
    ),
    "pv_no_oral": (
        "team {team} has no oral defence in {file}",
        "l'équipe {team} n'a pas de soutenance dans {file}",
    ),
    "pv_many_visits": (
        "team {team} has {n} visits in {file}; exactly one is expected",
        "l'équipe {team} a {n} visites dans {file} ; une seule est attendue",
    ),
    "pv_many_orals": (
        "team {team} has {n} oral defences in {file}; exactly one is expected",
        "l'équipe {team} a {n} soutenances dans {file} ; une seule est attendue",
    ),
    "pv_event_supervisor_homonyms": (
        "{event} lists '{name}', the name of several supervisors of {file}: write the id of "
        "the one meant, {ids}",
        "{event} indique « {name} », le nom de plusieurs accompagnateur·rice·s de {file} : "
        "écrivez le code de celui ou celle voulu·e, {ids}",
    ),
    "pv_event_supervisor": (
        "{event} lists {listed} as supervisor, but the supervisor of team {team} is "
        "{supervisor} ({file})",
        "{event} indique {listed} comme accompagnateur·rice, mais l'équipe {team} est "
        "accompagnée par {supervisor} ({file})",
    ),
    "pv_visit_slot": (
        "{event} is on {slot}; visits are on {visit_slot} ([calendar] visit_slot)",
        "{event} a lieu au créneau {slot} ; les visites ont lieu au créneau {visit_slot} "
        "([calendar] visit_slot)",
    ),
    "pv_oral_slot": (
        "{event} is on {slot}, which is not an oral slot ({slots}: [calendar] oral_slots)",
        "{event} a lieu au créneau {slot}, qui n'est pas un créneau de soutenance ({slots} : "
        "[calendar] oral_slots)",
    ),
    "pv_oral_host": (
        "{event} is on {slot}, but its institution ({institution}) can only host it on {slots} "
        "(column '{column}' of {file})",
        "{event} a lieu au créneau {slot}, mais son institution ({institution}) ne peut "
        "l'accueillir qu'au créneau {slots} (colonne « {column} » de {file})",
    ),
    "pv_visit_window": (
        "{event} runs {start}–{end}, outside the visit window {window} ([calendar] visit_window)",
        "{event} a lieu de {start} à {end}, hors de la plage des visites {window} "
        "([calendar] visit_window)",
    ),
    "pv_oral_window": (
        "{event} runs {start}–{end}, outside the oral window {window} ([calendar] oral_window)",
        "{event} a lieu de {start} à {end}, hors de la plage des soutenances {window} "
        "([calendar] oral_window)",
    ),
    "pv_visit_backwards": (
        "{event} ends at {end}, before it starts ({start}); a visit lasts {expected} minutes "
        "([calendar] visit_minutes)",
        "{event} finit à {end}, avant de commencer ({start}) ; une visite dure {expected} "
        "minutes ([calendar] visit_minutes)",
    ),
    "pv_oral_backwards": (
        "{event} ends at {end}, before it starts ({start}); an oral defence lasts {expected} "
        "minutes ([calendar] oral_minutes)",
        "{event} finit à {end}, avant de commencer ({start}) ; une soutenance dure {expected} "
        "minutes ([calendar] oral_minutes)",
    ),
    "pv_visit_length": (
        "{event} lasts {minutes} minutes ({start}–{end}); a visit lasts {expected} minutes "
        "([calendar] visit_minutes)",
        "{event} dure {minutes} minutes ({start}–{end}) ; une visite dure {expected} minutes "
        "([calendar] visit_minutes)",
    ),
    "pv_oral_length": (
        "{event} lasts {minutes} minutes ({start}–{end}); an oral defence lasts {expected} "
        "minutes ([calendar] oral_minutes)",
        "{event} dure {minutes} minutes ({start}–{end}) ; une soutenance dure {expected} "
        "minutes ([calendar] oral_minutes)",
    ),
    "pv_date": (
        "{event} is dated {date}, but [calendar] dates gives {expected} for {slot}",
        "{event} est datée du {date}, mais [calendar] dates donne le {expected} pour {slot}",
    ),
    "pv_date_undated": (
        "{event} is dated {date}, but [calendar] dates gives no date for {slot}",
        "{event} est datée du {date}, mais [calendar] dates ne donne pas de date pour {slot}",
    ),
    "pv_date_missing": (
        "{event} has no date, but [calendar] dates gives {expected} for {slot}",
        "{event} n'a pas de date, mais [calendar] dates donne le {expected} pour {slot}",
    ),
    "pv_unavailable": (
        "{name} is unavailable on {slot} but attends {event} ({start}–{end})",
        "{name} est indisponible au créneau {slot} mais assiste à {event} ({start}–{end})",
    ),
    "pv_overlap": (
        "{name} is at two events at once on {slot}: {first} ({first_time}) and {second} "
        "({second_time})",
        "{name} est à deux événements à la fois au créneau {slot} : {first} ({first_time}) et "
        "{second} ({second_time})",
    ),
    "pv_travel": (
        "{name} has {left} minutes on {slot} between {first} ({first_time}, {first_place}) and "
        "{second} ({second_time}, {second_place}); {needed} are needed between institutions "
        "in different towns ([calendar] travel_minutes)",
        "{name} dispose de {left} minutes au créneau {slot} entre {first} ({first_time}, "
        "{first_place}) et {second} ({second_time}, {second_place}) ; il en faut {needed} "
        "entre institutions de localités différentes ([calendar] travel_minutes)",
    ),
    "pv_travel_unknown": (
        "{name} has {left} minutes on {slot} between {first} ({first_time}, {first_place}) and "
        "{second} ({second_time}, {second_place}); {needed} are needed when an institution's "
        "town is unknown ([calendar] travel_minutes; {file} has no town for it)",
        "{name} dispose de {left} minutes au créneau {slot} entre {first} ({first_time}, "
        "{first_place}) et {second} ({second_time}, {second_place}) ; il en faut {needed} "
        "quand la localité d'une institution est inconnue ([calendar] travel_minutes ; "
        "{file} n'en donne pas)",
    ),
    "pv_travel_town": (
        "{name} has {left} minutes on {slot} between {first} ({first_time}) and {second} "
        "({second_time}); {needed} are needed between two institutions of {town} "
        "([calendar] same_town_minutes)",
        "{name} dispose de {left} minutes au créneau {slot} entre {first} ({first_time}) et "
        "{second} ({second_time}) ; il en faut {needed} entre deux institutions de {town} "
        "([calendar] same_town_minutes)",
    ),
    # Requests the workbench's board and a what-if refuse (matcher.app.board, board_plan, changes)
    "app_board_no_selection": (
        "no selection to form teams for",
        "aucune sélection pour laquelle former des équipes",
    ),
    "app_board_no_start": ("no selection to start from", "aucune sélection de départ"),
    "app_board_unknown_student": (
        "{student}: not a student of the board",
        "{student} : cet étudiant n'est pas sur le tableau",
    ),
    "app_board_no_teams_to_plan": ("no teams to plan", "aucune équipe à planifier"),
    "app_from_holds_no_selection": (
        "{from_dir} {path} holds no selection",
        "{from_dir} {path} ne contient pas de sélection",
    ),
    # Acceptance pass (s4-acceptance): sentences found missing by a director's-eye walk-through
    "res_student_twice": (
        "student '{id}' is listed twice (first on row {row})",
        "l'étudiant « {id} » figure deux fois (d'abord à la ligne {row})",
    ),
    "tb_workbook_not_csv": (
        "this is a workbook (.xlsx), not a CSV file: save it as CSV, "
        "or give the .xlsx workbook itself as the instance",
        "c'est un classeur (.xlsx), pas un fichier CSV : enregistrez-le en CSV, "
        "ou donnez le classeur .xlsx lui-même comme données",
    ),
    "tb_ods": (
        "this is a LibreOffice spreadsheet (.ods): save it as .xlsx (Excel 2007-365) or as CSV",
        "c'est un classeur LibreOffice (.ods) : enregistrez-le en .xlsx (Excel 2007-365) ou en CSV",
    ),
    "tb_old_xls": (
        "this is an old Excel .xls file: save it as .xlsx or as CSV",
        "c'est un ancien fichier Excel .xls : enregistrez-le en .xlsx ou en CSV",
    ),
    "tb_encrypted_xlsx": (
        "this workbook is protected by a password: remove the password (Excel: File > Info >"
        " Protect Workbook > Encrypt with Password, left empty), save it, and give it again",
        "ce classeur est protégé par un mot de passe : retirez le mot de passe (Excel : "
        "Fichier > Informations > Protéger le classeur > Chiffrer avec mot de passe, laissé "
        "vide), enregistrez-le et donnez-le à nouveau",
    ),
    "tb_empty_xlsx": (
        "the file is empty (0 bytes): expected an .xlsx workbook",
        "le fichier est vide (0 octet) : il faut un classeur .xlsx",
    ),
    "tb_text_as_xlsx": (
        "not a readable .xlsx workbook: this is a text file (a CSV file renamed .xlsx?); "
        "name it .csv, or open it in a spreadsheet and save it as .xlsx (Excel 2007-365)",
        "ce n'est pas un classeur .xlsx lisible : c'est un fichier texte (un fichier CSV "
        "renommé .xlsx ?) ; nommez-le .csv, ou ouvrez-le dans un tableur et enregistrez-le "
        "en .xlsx (Excel 2007-365)",
    ),
    "ld_id_made_date_one": (
        "'{written}' (row {rows}) is a date a spreadsheet made of the id {id}, adding a "
        "year: read as {id} (format the column as text to keep the id as typed)",
        "« {written} » (ligne {rows}) est une date qu'un tableur a faite de l'identifiant "
        "{id} en y ajoutant une année : lu comme {id} (mettez la colonne au format texte "
        "pour garder l'identifiant tel que tapé)",
    ),
    "ld_id_made_date_many": (
        "'{written}' (rows {rows}) is a date a spreadsheet made of the id {id}, adding a "
        "year: read as {id} (format the column as text to keep the id as typed)",
        "« {written} » (lignes {rows}) est une date qu'un tableur a faite de l'identifiant "
        "{id} en y ajoutant une année : lu comme {id} (mettez la colonne au format texte "
        "pour garder l'identifiant tel que tapé)",
    ),
    "tb_open_in_spreadsheet": (
        "{file} is open in a spreadsheet ({lock} lies beside it): changes not saved there "
        "yet are not read; save them (or close the file) and run the command again",
        "{file} est ouvert dans un tableur ({lock} se trouve à côté) : les modifications "
        "qui n'y sont pas encore enregistrées ne sont pas lues ; enregistrez-les (ou fermez "
        "le fichier) et relancez la commande",
    ),
    "tb_lock_file": (
        "this is the lock file Excel writes while {book} is open, not a workbook: give "
        "{book} itself",
        "c'est le fichier de verrou qu'Excel écrit tant que {book} est ouvert, pas un "
        "classeur : donnez {book} lui-même",
    ),
    "tb_strict_xlsx": (
        'this workbook is saved as "Strict Open XML Spreadsheet", which matcher does not '
        'read: save it as "Excel Workbook (.xlsx)"',
        "ce classeur est enregistré au format « Feuille de calcul Strict Open XML », que "
        "matcher ne lit pas : enregistrez-le au format « Classeur Excel (.xlsx) »",
    ),
    "tb_damaged_xlsx": (
        "not a readable .xlsx workbook: the file is damaged or incomplete (a copy cut "
        "short?); open it in Excel or LibreOffice, which may repair it, and save it as .xlsx",
        "ce n'est pas un classeur .xlsx lisible : le fichier est endommagé ou incomplet (une "
        "copie interrompue ?) ; ouvrez-le dans Excel ou LibreOffice, qui peut le réparer, et "
        "enregistrez-le en .xlsx",
    ),
    "tb_bad_utf16": (
        "unreadable UTF-16 text: expected a CSV file",
        "texte UTF-16 illisible : il faut un fichier CSV",
    ),
    "tb_binary": (
        "this is not a text file (binary content): expected a CSV file",
        "ce n'est pas un fichier texte (contenu binaire) : il faut un fichier CSV",
    ),
    "tb_title_line": (
        "'{title}' is read as a title above the headers, which are on row {header}",
        "« {title} » est lu comme un titre au-dessus des en-têtes, qui sont en ligne {header}",
    ),
    # An error shown, or a formula without a saved value (probe s37a: said an error).
    "tb_errors_unread_one": (
        "a cell shows a spreadsheet error or holds a formula without a saved value (row "
        "{rows}): this column is not read, the cell is left aside",
        "une cellule affiche une erreur du tableur ou contient une formule sans valeur "
        "enregistrée (ligne {rows}) : cette colonne n'est pas lue, la cellule est laissée de "
        "côté",
    ),
    "tb_errors_unread_many": (
        "cells show spreadsheet errors or hold formulas without a saved value (rows {rows}): "
        "this column is not read, the cells are left aside",
        "des cellules affichent des erreurs du tableur ou contiennent des formules sans valeur "
        "enregistrée (lignes {rows}) : cette colonne n'est pas lue, les cellules sont "
        "laissées de côté",
    ),
    "tb_total_aside": (
        "'{first}' reads as a total typed under the table, not one of its rows: set aside",
        "« {first} » se lit comme un total tapé sous le tableau, pas comme une de ses lignes :"
        " mis de côté",
    ),
    "tb_note_aside": (
        "'{note}' reads as a note typed under the table, after a blank line: set aside",
        "« {note} » se lit comme une note tapée sous le tableau, après une ligne vide : mise de "
        "côté",
    ),
    "tb_label_note_aside": (
        "'{note}' reads as a note typed under the table (a label and its value): set aside",
        "« {note} » se lit comme une note tapée sous le tableau (un intitulé et sa valeur) : "
        "mise de côté",
    ),
    "tb_total_kept_numbers": (
        "'{first}' reads like a total typed under the table, but its numbers are not all "
        "the count, sum or mean of the rows above: read as a row (delete it if it is a total)",
        "« {first} » ressemble à un total tapé sous le tableau, mais ses nombres ne sont pas "
        "tous le compte, la somme ou la moyenne des lignes au-dessus : lue comme une ligne "
        "(supprimez-la si c'est un total)",
    ),
    "tb_total_aside_partly": (
        "'{first}' reads as a total typed under the table, though some of its numbers are no "
        "count, sum or mean of the rows above: set aside (check them if they matter)",
        "« {first} » se lit comme un total tapé sous le tableau, bien que certains de ses "
        "nombres ne soient ni le compte, ni la somme, ni la moyenne des lignes au-dessus : mis "
        "de côté (vérifiez-les s'ils comptent)",
    ),
    "tb_total_count_off_one": (
        "'{first}' reads as a total typed under the table, not one of its rows: set aside; "
        "the table above has {rows} row: if it counts the rows, check that none is missing",
        "« {first} » se lit comme un total tapé sous le tableau, pas comme une de ses lignes : "
        "mis de côté ; le tableau au-dessus compte {rows} ligne : s'il compte les lignes, "
        "vérifiez qu'aucune ne manque",
    ),
    "tb_total_count_off_many": (
        "'{first}' reads as a total typed under the table, not one of its rows: set aside; "
        "the table above has {rows} rows: if it counts the rows, check that none is missing",
        "« {first} » se lit comme un total tapé sous le tableau, pas comme une de ses lignes : "
        "mis de côté ; le tableau au-dessus compte {rows} lignes : s'il compte les lignes, "
        "vérifiez qu'aucune ne manque",
    ),
    "tb_line_note_aside": (
        "'{note}' reads as a note typed under the table, not one of its rows: set aside",
        "« {note} » se lit comme une note tapée sous le tableau, pas comme une de ses lignes : "
        "mise de côté",
    ),
    "tb_total_kept_one_row": (
        "'{first}' reads like a total typed under the table, but with one row above it, "
        "it cannot be told from a row: read as a row (delete it if it is a total)",
        "« {first} » ressemble à un total tapé sous le tableau, mais avec une seule ligne "
        "au-dessus, rien ne le distingue d'une ligne : lue comme une ligne (supprimez-la si "
        "c'est un total)",
    ),
    "tb_subtotal_aside": (
        "'{first}' reads as a subtotal between the rows of the table, not one of its rows: "
        "set aside",
        "« {first} » se lit comme un sous-total entre les lignes du tableau, pas comme une de "
        "ses lignes : mis de côté",
    ),
    "tb_total_kept": (
        "'{first}' reads like a total typed under the table, but the rows above are numbers "
        "beside a word too: read as a row (delete it if it is a total)",
        "« {first} » ressemble à un total tapé sous le tableau, mais les lignes au-dessus "
        "sont aussi des nombres à côté d'un mot : lue comme une ligne (supprimez-la si c'est "
        "un total)",
    ),
    "tb_notes_beside_one": (
        "a cell right of the headers, without a header of its own (row {rows}), is not read",
        "une cellule à droite des en-têtes, sans en-tête à elle (ligne {rows}), n'est pas lue",
    ),
    "tb_notes_beside_many": (
        "cells right of the headers, without a header of their own (rows {rows}), are not read",
        "des cellules à droite des en-têtes, sans en-tête à elles (lignes {rows}), ne sont "
        "pas lues",
    ),
    "tb_wider_rows_one": (
        "row {rows} has more cells than the header ({width} columns), those beyond it empty "
        "and not read: if one of its cells holds the delimiter without quotes, the cells after "
        "it are shifted (check the row)",
        "la ligne {rows} a plus de cellules que l'en-tête ({width} colonnes), celles en plus "
        "vides et non lues : si l'une de ses cellules contient le séparateur sans guillemets, "
        "les cellules suivantes sont décalées (vérifiez la ligne)",
    ),
    "tb_wider_rows_many": (
        "rows {rows} have more cells than the header ({width} columns), those beyond it empty "
        "and not read: if one of their cells holds the delimiter without quotes, the cells "
        "after it are shifted (check those rows)",
        "les lignes {rows} ont plus de cellules que l'en-tête ({width} colonnes), celles en "
        "plus vides et non lues : si l'une de leurs cellules contient le séparateur sans "
        "guillemets, les cellules suivantes sont décalées (vérifiez ces lignes)",
    ),
    "ld_row_wider": (
        "{message} (the row has more cells than the header's {width} columns: a delimiter "
        "inside a cell without quotes shifts the cells after it)",
        "{message} (la ligne a plus de cellules que les {width} colonnes de l'en-tête : un "
        "séparateur dans une cellule sans guillemets décale les cellules suivantes)",
    ),
    "tb_extra_cells_one": (
        "the row has {cells} or more cells but the header has {width} column "
        "(a missing header, or a delimiter inside an unquoted cell?)",
        "la ligne a {cells} cellules ou plus mais l'en-tête a {width} colonne "
        "(un en-tête manquant, ou un séparateur dans une cellule sans guillemets ?)",
    ),
    "tb_extra_cells_many": (
        "the row has {cells} or more cells but the header has {width} columns "
        "(a missing header, or a delimiter inside an unquoted cell?)",
        "la ligne a {cells} cellules ou plus mais l'en-tête a {width} colonnes "
        "(un en-tête manquant, ou un séparateur dans une cellule sans guillemets ?)",
    ),
    # A quote opened and closed only much later (or never): the lines after it, rows of
    # the table, were read into one cell (probe s28b).
    "tb_quote_not_closed_many": (
        'a quote (") opens this cell and is not closed where the cell ends: the {n} '
        "lines after it, rows of the table, were read into this one cell (close the quote, "
        "or remove it)",
        "un guillemet (\") ouvre cette cellule et n'est pas refermé là où elle finit : les "
        "{n} lignes qui la suivent, des lignes du tableau, ont été lues dans cette seule "
        "cellule (refermez le guillemet, ou supprimez-le)",
    ),
    "tb_quote_not_closed_one": (
        'a quote (") opens this cell and is not closed where the cell ends: {n} line '
        "after it, a row of the table, was read into this one cell (close the quote, or "
        "remove it)",
        "un guillemet (\") ouvre cette cellule et n'est pas refermé là où elle finit : "
        "{n} ligne qui la suit, une ligne du tableau, a été lue dans cette seule cellule "
        "(refermez le guillemet, ou supprimez-le)",
    ),
    "tb_unreadable_csv": (
        "unreadable CSV from this row on: expected a CSV file",
        "CSV illisible à partir de cette ligne : il faut un fichier CSV",
    ),
    "ld_book_beside_csv": (
        "{book} is not read: {csv}, which holds the same table, is (keep only one of them "
        "if {book} holds your latest changes)",
        "{book} n'est pas lu : {csv}, qui contient le même tableau, l'est (n'en gardez "
        "qu'un si {book} contient vos dernières modifications)",
    ),
    "tb_two_files": (
        "two files hold {kind}: {first} and {second}; keep one",
        "deux fichiers contiennent {kind} : {first} et {second} ; gardez-en un",
    ),
    # What each table holds, in the sentence above.
    "tb_kind_commissions": ("the proposals", "les commandes"),
    "tb_kind_students": ("the students", "les étudiants"),
    "tb_kind_pairs": ("the pairs", "les paires"),
    "tb_kind_supervisors": ("the supervisors", "les accompagnateur·rice·s"),
    "el_count_above_received_one": (
        "count is {count} but only {received} proposal was received ({file}); "
        "expected a number from 1 to {received}",
        "count vaut {count} mais seulement {received} commande a été reçue "
        "({file}) ; il faut un nombre de 1 à {received}",
    ),
    "el_count_above_received_many": (
        "count is {count} but only {received} proposals were received ({file}); "
        "expected a number from 1 to {received}",
        "count vaut {count} mais seulement {received} commandes ont été reçues "
        "({file}) ; il faut un nombre de 1 à {received}",
    ),
    "el_default_count_above_received_one": (
        "count is {count} (the default: the settings do not give it) but only {received} "
        "proposal was received ({file}); write count = {received} under [selection] "
        "in {settings}",
        "count vaut {count} (la valeur par défaut : les paramètres ne l'indiquent pas) mais "
        "seulement {received} commande a été reçue ({file}) ; écrivez count = {received} "
        "sous [selection] dans {settings}",
    ),
    "el_default_count_above_received_many": (
        "count is {count} (the default: the settings do not give it) but only {received} "
        "proposals were received ({file}); write a count from 1 to {received} under "
        "[selection] in {settings}",
        "count vaut {count} (la valeur par défaut : les paramètres ne l'indiquent pas) mais "
        "seulement {received} commandes ont été reçues ({file}) ; écrivez un count de 1 à "
        "{received} sous [selection] dans {settings}",
    ),
    "w_not_proposal_near": (
        "{withdraw_commission} {commission_id}: not a proposal of the previous selection.csv: "
        "did you mean {near}?",
        "{withdraw_commission} {commission_id} : pas une commande du selection.csv précédent : "
        "vouliez-vous dire {near} ?",
    ),
    "w_not_student_near": (
        "{withdraw_student} {student_id}: not a student of {file}: did you mean {near}?",
        "{withdraw_student} {student_id} : pas un étudiant dans {file} : "
        "vouliez-vous dire {near} ?",
    ),
    # The same supervisor withdrawn twice in one what-if, or one an earlier what-if of the
    # chain withdrew: a usage error, not a silent success (probe s21h).
    "plan_withdrawn_twice": (
        "--withdraw-supervisor {id} is given {count} times: each supervisor withdraws once "
        "(was another supervisor meant?)",
        "--withdraw-supervisor {id} est donné {count} fois : chaque accompagnateur·rice se "
        "retire une seule fois (vouliez-vous en nommer un·e autre ?)",
    ),
    "plan_already_withdrawn": (
        "--withdraw-supervisor {id} ({name}): already withdrew in an earlier what-if "
        "(recorded in the {from_dir} folder's summary.json): its plan gives them no team",
        "--withdraw-supervisor {id} ({name}) : déjà retiré·e lors d'une simulation précédente "
        "(noté dans le summary.json du dossier {from_dir}) : son planning ne lui confie "
        "aucune équipe",
    ),
    "plan_withdraw_homonyms": (
        "--withdraw-supervisor {id}: several supervisors of {file} have this name: give the id "
        "of the one who leaves, {ids}",
        "--withdraw-supervisor {id} : plusieurs accompagnateur·rice·s de {file} portent ce nom :"
        " donnez le code de celui ou celle qui se retire, {ids}",
    ),
    "plan_unknown_supervisor_near": (
        "--withdraw-supervisor {id}: no supervisor of {file} has this id or name: did you mean "
        "{near}?",
        "--withdraw-supervisor {id} : aucun·e accompagnateur·rice n'a cet identifiant ni ce "
        "nom dans {file} : vouliez-vous dire {near} ?",
    ),
    "sc_min_above_max": (
        "min_size {low} exceeds max_size {high}",
        "min_size {low} dépasse max_size {high}",
    ),
    "sc_not_a_time": (
        "'{clock}' is not a time: expected HH:MM, e.g. 09:00",
        "« {clock} » n'est pas une heure : il faut HH:MM, p. ex. 09:00",
    ),
    # Without an example: the visits' and the orals' windows end differently (probe s37e).
    "sc_start_empty": (
        "the start time is empty: expected a time HH:MM",
        "l'heure de début est vide : il faut une heure HH:MM",
    ),
    "sc_end_empty": (
        "the end time is empty: expected a time HH:MM",
        "l'heure de fin est vide : il faut une heure HH:MM",
    ),
    "sc_window_two": (
        'it needs a start and an end time, e.g. ["09:00", "13:00"]',
        'il faut une heure de début et une heure de fin, p. ex. ["09:00", "13:00"]',
    ),
    "sc_window_order": (
        "the window must start before it ends: {start} is not before {end}",
        "la plage doit commencer avant de finir : {start} n'est pas avant {end}",
    ),
    "sc_priority_twice": ("a priority is listed twice", "une priorité figure deux fois"),
    "sc_visit_minutes_do_not_fit": (
        "visit_minutes = {minutes} does not fit in visit_window {window} ({length} minutes)",
        "visit_minutes = {minutes} ne tient pas dans visit_window {window} ({length} minutes)",
    ),
    "sc_oral_minutes_do_not_fit": (
        "oral_minutes = {minutes} does not fit in oral_window {window} ({length} minutes)",
        "oral_minutes = {minutes} ne tient pas dans oral_window {window} ({length} minutes)",
    ),
    "sc_visit_is_oral": (
        "'{slot}' is both the visit slot and an oral slot",
        "« {slot} » est à la fois le créneau des visites et un créneau de soutenance",
    ),
    "sc_oral_twice": (
        "an oral slot is listed twice",
        "un créneau de soutenance figure deux fois",
    ),
    "sc_visit_is_oral_day": (
        "'{visit}' (visit_slot) and '{oral}' (oral_slots) are the same slot: the visit slot "
        "cannot also be an oral slot",
        "« {visit} » (visit_slot) et « {oral} » (oral_slots) sont le même créneau : le "
        "créneau des visites ne peut pas être aussi un créneau de soutenance",
    ),
    "sc_oral_one_day": (
        "'{first}' and '{second}' are the same slot, listed twice in oral_slots",
        "« {first} » et « {second} » sont le même créneau, qui figure deux fois dans oral_slots",
    ),
    "sc_slots_one_date": (
        "'{first}' and '{second}' are both on {day}: a supervisor could be given two events "
        "at once; give each slot a day of its own",
        "« {first} » et « {second} » tombent tous deux le {day} : un·e accompagnateur·rice "
        "pourrait avoir deux événements à la fois ; donnez à chaque créneau un jour à lui",
    ),
    "toml_declared_twice": (
        "a [section] is declared twice: keep one and put all its keys under it",
        "une [section] est déclarée deux fois : gardez-en une et mettez-y toutes ses clés",
    ),
    "toml_key_twice": ("a key is given twice", "une clé est donnée deux fois"),
    "toml_unclosed_header": (
        "a [section] header lacks its closing ]",
        "un en-tête [section] n'a pas son ] fermant",
    ),
    "toml_invalid_value": (
        'a value is not understood (text goes between double quotes: "…")',
        'une valeur n\'est pas comprise (un texte se met entre guillemets droits : "…")',
    ),
    "toml_unterminated_string": (
        "a text between quotes is not closed",
        "un texte entre guillemets n'est pas refermé",
    ),
    "toml_unclosed_array": ("a list [ … ] is not closed", "une liste [ … ] n'est pas refermée"),
    "toml_unclosed_table": (
        "a table { … } is not closed",
        "une table { … } n'est pas refermée",
    ),
    "toml_expected_equals": (
        "expected '=' after a key (key = value)",
        "il faut « = » après une clé (clé = valeur)",
    ),
    "toml_invalid_statement": (
        "a line is neither a [section] nor key = value",
        "une ligne n'est ni une [section] ni clé = valeur",
    ),
    "toml_one_per_line": (
        "expected one key = value per line",
        "il faut une seule clé = valeur par ligne",
    ),
    "toml_name_not_ascii": (
        "'{name}': the names of sections and keys are the English ones of the README, "
        "without accents or spaces ([selection], [teams], [solver], [supervision], "
        "[calendar]; count, balance…)",
        "« {name} » : les noms des sections et des clés sont ceux, en anglais, du README, "
        "sans accents ni espaces ([selection], [teams], [solver], [supervision], "
        "[calendar] ; count, balance…)",
    ),
    "toml_flag_spelling": (
        "'{value}' is not understood: write true or false, in lowercase and without quotes",
        "« {value} » n'est pas compris : écrivez true ou false, en minuscules et sans guillemets",
    ),
    "toml_date_unquoted": (
        "'{value}' is not understood: a date goes between double quotes (\"{value}\")",
        '« {value} » n\'est pas comprise : une date se met entre guillemets droits ("{value}")',
    ),
    "toml_decimal_comma": (
        "'{value}' is not a number: a decimal number is written with a point ({point})",
        "« {value} » n'est pas un nombre : un nombre décimal s'écrit avec un point ({point})",
    ),
    "toml_trailing_comma": (
        "'{value}': remove the comma after the value ({bare}); a comma separates the items "
        "of a list [ … ] only",
        "« {value} » : retirez la virgule après la valeur ({bare}) ; une virgule ne sépare "
        "que les éléments d'une liste [ … ]",
    ),
    "toml_number_too_long": (
        "a number has more than 4300 digits",
        "un nombre a plus de 4300 chiffres",
    ),
    "toml_too_deep": (
        "lists or tables are nested too deeply (a settings value holds at most a list of lists)",
        "des listes ou tables sont imbriquées trop profondément (une valeur de réglage est au "
        "plus une liste de listes)",
    ),
    "toml_syntax": (
        "a syntax error (check the quotes, brackets and '=' of that line)",
        "une erreur de syntaxe (vérifiez les guillemets, crochets et « = » de cette ligne)",
    ),
    "val_supervisors": ("supervisors: {n}", "accompagnateur·rice·s : {n}"),
    "os_no_such_file": ("no such file or folder", "fichier ou dossier introuvable"),
    "os_permission": ("permission denied", "accès refusé"),
    "os_disk_full": ("the disk is full", "le disque est plein"),
    "os_read_only": ("a read-only file system", "système de fichiers en lecture seule"),
    "os_not_a_folder": (
        "a part of the path is not a folder",
        "une partie du chemin n'est pas un dossier",
    ),
    "os_is_a_folder": ("it is a folder", "c'est un dossier"),
    "os_special_file": (
        "a pipe, a socket or a device, not a file",
        "un tube, un point de connexion (socket) ou un périphérique, pas un fichier",
    ),
    "os_name_too_long": ("the name is too long", "le nom est trop long"),
    "os_busy": ("the file is in use", "le fichier est en cours d'utilisation"),
    "os_io_error": (
        "the disk could not be read or written (an input/output error: a disk removed or failing)",
        "le disque n'a pas pu être lu ou écrit (erreur d'entrée/sortie : disque retiré ou "
        "défaillant)",
    ),
    "os_not_empty": ("the folder is not empty", "le dossier n'est pas vide"),
    "os_exists": ("it already exists", "il existe déjà"),
    "os_invalid": (
        'the disk refuses the name or the operation (some disks take no : * ? " < > | in a name)',
        "le disque refuse le nom ou l'opération (certains disques n'acceptent pas : * ? "
        '" < > | dans un nom)',
    ),
    "os_too_many_open": (
        "too many files are open: close some programs, then try again",
        "trop de fichiers sont ouverts : fermez quelques programmes, puis réessayez",
    ),
    "os_no_device": (
        "the device is not there (a disk removed?)",
        "le périphérique est absent (un disque retiré ?)",
    ),
    "os_network": (
        "the network folder does not answer (reconnect it, then try again)",
        "le dossier réseau ne répond pas (reconnectez-le, puis réessayez)",
    ),
    "os_no_memory": ("not enough memory", "pas assez de mémoire"),
    "os_other": ("{reason}", "erreur du système : {reason}"),
    "os_other_disk": (
        "it lies on another disk, and a folder cannot be moved from one disk to another",
        "il se trouve sur un autre disque, et un dossier ne peut pas être déplacé d'un "
        "disque à un autre",
    ),
    "os_link_loop": (
        "a symbolic link on the path leads back to itself (a loop)",
        "un lien symbolique du chemin renvoie à lui-même (une boucle)",
    ),
    "os_file_too_large": (
        "the file is too large for this disk's file system",
        "le fichier est trop grand pour le système de fichiers de ce disque",
    ),
    "os_address_in_use": (
        "another program already uses this port: choose another --port",
        "un autre programme utilise déjà ce port : choisissez un autre --port",
    ),
    "os_address_not_here": (
        "this computer has no such address",
        "cet ordinateur n'a pas cette adresse",
    ),
    "os_unknown_host": (
        "no such address or host name",
        "adresse ou nom d'hôte inconnu",
    ),
    "plan_oral_none": (
        "{team} ({institution}) has none of the oral slots ({slots}) in its column "
        "'{column}' of {file}: its team cannot defend; add one of them there or set "
        "[calendar] oral_slots",
        "{team} ({institution}) n'a aucun des créneaux de soutenance ({slots}) dans sa "
        "colonne « {column} » de {file} : son équipe ne peut pas présenter ; ajoutez-en un "
        "à cette colonne ou changez [calendar] oral_slots",
    ),
    # Its cell's date is an oral slot's day in another year: most likely a slip of the year
    # in the settings (probe s39c: 2026-03-25 for 2027; « add one of them there » misled).
    "plan_oral_none_year": (
        "{team} ({institution}) has none of the oral slots ({slots}) in its column "
        "'{column}' of {file}: its cell gives {date}, but [calendar] dates puts {slot} on "
        "{day}: is the year right? Correct [calendar] dates or that cell",
        "{team} ({institution}) n'a aucun des créneaux de soutenance ({slots}) dans sa "
        "colonne « {column} » de {file} : sa cellule donne {date}, mais [calendar] dates "
        "place {slot} le {day} : l'année est-elle la bonne ? Corrigez [calendar] dates ou "
        "cette cellule",
    ),
    # The workbench's page words (matcher.web: the templates' ``t``, the routes' messages);
    # ``web_<word>``, read by matcher.web.page.words.
    "web_colon": (
        ": ",
        " : ",
    ),
    "web_title": (
        "matcher workbench",
        "atelier matcher",
    ),
    "web_language": (
        "Language",
        "Langue",
    ),
    "web_tab_open": (
        "Open",
        "Ouvrir",
    ),
    "web_tab_settings": (
        "Settings",
        "Paramètres",
    ),
    "web_tab_run": (
        "Run",
        "Calcul",
    ),
    "web_tab_selection": (
        "Selection",
        "Sélection",
    ),
    "web_tab_teams": (
        "Teams",
        "Équipes",
    ),
    "web_tab_whatif": (
        "What-if",
        "Simulation",
    ),
    "web_tab_save": (
        "Save",
        "Enregistrer",
    ),
    "web_no_instance": (
        "No cohort is open yet: upload its files below.",
        "Aucune cohorte ouverte : déposez ses fichiers ci-dessous.",
    ),
    "web_instance_open": (
        "Cohort open",
        "Cohorte ouverte",
    ),
    "web_cohort_students_zero": ("no students yet", "aucun étudiant pour l'instant"),
    "web_cohort_students_one": ("{n} student", "{n} étudiant"),
    "web_cohort_students_many": ("{n} students", "{n} étudiants"),
    "web_cohort_proposals_one": ("{n} proposal", "{n} proposition"),
    "web_cohort_proposals_many": ("{n} proposals", "{n} propositions"),
    "web_students_in_files": (
        "{n} in the files: a new run starts from them",
        "{n} dans les fichiers : un nouveau calcul part d'eux",
    ),
    "web_reload": (
        "Read the cohort's files again",
        "Relire les fichiers de la cohorte",
    ),
    "web_restarted": (
        "The workbench was started again since this page was shown: reload the page (nothing "
        "was done).",
        "L'atelier a été redémarré depuis l'affichage de cette page : rechargez-la (rien n'a "
        "été fait).",
    ),
    "web_reopen_given": (
        "Open {name} again (the uploaded cohort and its board are left)",
        "Rouvrir {name} (la cohorte déposée et son tableau sont abandonnés)",
    ),
    "web_upload_help": (
        "Upload commissions.csv, students.csv (and pairs.csv, supervisors.csv, "
        "settings.toml), or one .xlsx workbook (and its settings.toml).",
        "Déposez commissions.csv, students.csv (et pairs.csv, supervisors.csv, "
        "settings.toml), ou un classeur .xlsx (et son settings.toml).",
    ),
    "web_upload": (
        "Upload and check",
        "Déposer et vérifier",
    ),
    "web_problems": (
        "Problems found in the files",
        "Problèmes trouvés dans les fichiers",
    ),
    # The "file" of a value refused in the page's settings form (``app.apply_settings``).
    "web_settings_form": ("settings (this page)", "paramètres (cette page)"),
    "web_col_file": (
        "File",
        "Fichier",
    ),
    "web_col_row": (
        "Row",
        "Ligne",
    ),
    "web_col_column": (
        "Column",
        "Colonne",
    ),
    "web_col_message": (
        "Problem",
        "Problème",
    ),
    "web_warnings": (
        "Warnings",
        "Avertissements",
    ),
    "web_too_large": (
        "The upload is larger than 20 MB: send smaller files.",
        "Le dépôt dépasse 20 Mo : envoyez des fichiers plus petits.",
    ),
    "web_too_many_parts": (
        "The request holds too many files, or too long a field: send only the cohort's files.",
        "La demande compte trop de fichiers, ou un champ trop long : envoyez seulement les "
        "fichiers de la cohorte.",
    ),
    "web_forbidden": (
        "Forbidden: this workbench only answers its own page.",
        "Interdit : cet atelier ne répond qu'à sa propre page.",
    ),
    "web_count": (
        "Commissions to select",
        "Nombre de commandes à retenir",
    ),
    "web_required_slots": (
        "Required slots (one per line)",
        "Créneaux obligatoires (un par ligne)",
    ),
    "web_any_slots": (
        "At least one of (groups, one per line, slots separated by ';')",
        "Au moins un créneau par groupe (un groupe par ligne, créneaux séparés par « ; »)",
    ),
    "web_include": (
        "Always include (ids separated by ';')",
        "Toujours retenir (identifiants séparés par « ; »)",
    ),
    "web_exclude": (
        "Never select (ids separated by ';')",
        "Ne jamais retenir (identifiants séparés par « ; »)",
    ),
    "web_balance": (
        "Balanced attributes",
        "Attributs à équilibrer",
    ),
    "web_no_isolation": (
        "No isolated student (conditions, one per line, e.g. vae=yes)",
        "Pas d'étudiant isolé (conditions, une par ligne, p. ex. vae=oui)",
    ),
    "web_conflict_of_interest": (
        "Conflict of interest: no student on their employer's commission",
        "Conflit d'intérêts : aucun étudiant sur la commande de son employeur",
    ),
    "web_team_priorities": (
        "Team priorities, most important first (drag, or ↑ ↓ on a box, to reorder)",
        "Priorités des équipes, la plus importante d'abord (glisser, ou ↑ ↓ sur une case, "
        "pour réordonner)",
    ),
    "web_max_teams": (
        "Most teams per supervisor when supervisors.csv leaves it empty (0: as even as possible)",
        "Équipes au plus par accompagnateur·rice quand accompagnateurs.csv ne le dit pas "
        "(0 : aussi égal que possible)",
    ),
    "web_plan_priorities": (
        "Supervision priorities, most important first (drag, or ↑ ↓ on a box, to reorder)",
        "Priorités de l'accompagnement, la plus importante d'abord (glisser, ou ↑ ↓ sur une case, "
        "pour réordonner)",
    ),
    "web_visit_slot": (
        "Visit slot (every team visits its institution then)",
        "Créneau de la visite (chaque équipe visite alors son institution)",
    ),
    "web_visit_window": (
        "Visits between",
        "Visites entre",
    ),
    "web_window_to": (
        "and",
        "et",
    ),
    # The two hours of a window named apart for a screen reader (the second was "and").
    "web_window_start": (
        "start",
        "début",
    ),
    "web_window_end": (
        "end",
        "fin",
    ),
    "web_visit_minutes": (
        "Length of a visit (minutes)",
        "Durée d'une visite (minutes)",
    ),
    "web_oral_slots": (
        "Oral defence slots (separated by ';')",
        "Créneaux des soutenances (séparés par « ; »)",
    ),
    "web_oral_window": (
        "Oral defences between",
        "Soutenances entre",
    ),
    "web_oral_minutes": (
        "Length of an oral defence (minutes)",
        "Durée d'une soutenance (minutes)",
    ),
    "web_travel_minutes": (
        "Travel between institutions in different towns (minutes)",
        "Trajet entre institutions de localités différentes (minutes)",
    ),
    "web_same_town_minutes": (
        "Travel within one town (minutes)",
        "Trajet dans une même localité (minutes)",
    ),
    "web_dates": (
        "Dates of the slots (one per line: slot = 09/10/2026)",
        "Jour de chaque créneau (un par ligne : créneau = 09/10/2026)",
    ),
    "web_problem_in": (
        "{part}: {problem}",
        "{part} : {problem}",
    ),
    "web_time_limit": (
        "Time limit (seconds)",
        "Temps maximal (secondes)",
    ),
    "web_apply_settings": (
        "Apply settings",
        "Appliquer les paramètres",
    ),
    "web_settings_refused": (
        "Settings not applied: each problem is beside its field; the values in force are "
        "unchanged.",
        "Paramètres non appliqués : chaque problème est indiqué à côté de son champ ; les "
        "valeurs en vigueur n'ont pas changé.",
    ),
    "web_settings_saved": (
        "Settings applied.",
        "Paramètres appliqués.",
    ),
    "web_run": (
        "Run both stages",
        "Lancer les deux étapes",
    ),
    "web_selection_breaks_one": (
        "This selection breaks {n} selection rule:",
        "Cette sélection enfreint {n} règle de sélection :",
    ),
    "web_selection_breaks_many": (
        "This selection breaks {n} selection rules:",
        "Cette sélection enfreint {n} règles de sélection :",
    ),
    "web_result_breaks_one": (
        "The result breaks {n} rule, as matcher check lists it:",
        "Le résultat enfreint {n} règle, comme matcher check la liste :",
    ),
    "web_result_breaks_many": (
        "The result breaks {n} rules, as matcher check lists them:",
        "Le résultat enfreint {n} règles, comme matcher check les liste :",
    ),
    "web_rules_more_one": ("and {n} more", "et {n} autre"),
    "web_rules_more_many": ("and {n} more", "et {n} autres"),
    "web_assign": (
        "Form the teams of this selection",
        "Former les équipes de cette sélection",
    ),
    "web_run_select": (
        "Choose the commissions",
        "Choisir les commandes",
    ),
    "web_no_students": (
        "No students yet: the run chooses the commissions and ranks the reserves (stage 1, "
        "as matcher select); upload students.csv with the other files to form the teams.",
        "Pas encore d'étudiants : le calcul choisit les commandes et classe les réserves "
        "(étape 1, comme matcher select) ; déposez students.csv avec les autres fichiers "
        "pour former les équipes.",
    ),
    "web_teams_need_students": (
        "This section appears once the cohort has its students (students.csv) and a run.",
        "Cette section apparaît quand la cohorte a ses étudiants (students.csv), après un calcul.",
    ),
    "web_run_plan": (
        "Run: selection, teams, supervision and calendar",
        "Lancer : sélection, équipes, accompagnement et calendrier",
    ),
    "web_cancel": (
        "Cancel (keep the best so far)",
        "Annuler (garder le meilleur trouvé)",
    ),
    "web_running": (
        "Solving…",
        "Calcul en cours…",
    ),
    "web_stage": (
        "Stage",
        "Étape",
    ),
    "web_priority": (
        "Priority",
        "Priorité",
    ),
    "web_best": (
        "Best value",
        "Meilleure valeur",
    ),
    "web_bound": (
        "Bound",
        "Borne",
    ),
    "web_elapsed": (
        "Seconds",
        "Secondes",
    ),
    # After the teams' status: the run made no plan (probe s36i: « Résolu : optimal » alone,
    # the plan's failure said further down only).
    "web_done_no_plan": (
        "; no plan of the supervisors and calendar (see that section)",
        " ; aucun planning des accompagnateur·rice·s et du calendrier (voir cette section)",
    ),
    "web_saved_without_plan": (
        "saved without the plan of the supervisors and calendar: {why}",
        "enregistré sans le planning des accompagnateur·rice·s et du calendrier : {why}",
    ),
    "web_saved_without_plan_plain": (
        "saved without the plan of the supervisors and calendar",
        "enregistré sans le planning des accompagnateur·rice·s et du calendrier",
    ),
    "web_done": (
        "Solved",
        "Résolu",
    ),
    # A run that failed leaves the board of the run before: its status says whose it is
    # (probe s25: "Résolu : optimal" under "Aucune solution").
    "web_done_before": (
        "The board shown is the previous run's result, left as it was",
        "Le tableau affiché reste le résultat du calcul précédent",
    ),
    "web_failed": (
        "No solution",
        "Aucune solution",
    ),
    "web_cancelled": (
        "Cancelled: nothing was found yet.",
        "Annulé : rien n'avait encore été trouvé.",
    ),
    "web_busy": (
        "A solve is already running.",
        "Un calcul est déjà en cours.",
    ),
    "web_not_run": (
        "Run the solver first.",
        "Lancez d'abord le calcul.",
    ),
    "web_selected": (
        "Selected",
        "Retenue",
    ),
    "web_reserve": (
        "Reserve",
        "Réserve",
    ),
    "web_reason": (
        "Reason",
        "Raison",
    ),
    "web_proposal": (
        "Proposal",
        "Proposition",
    ),
    "web_institution": (
        "Institution",
        "Institution",
    ),
    "web_broken_rules": (
        "Broken rules",
        "Règles enfreintes",
    ),
    "web_moved": (
        "{student} moved from {source} to {team}: {rules}.",
        "{student} passe de {source} à {team} : {rules}.",
    ),
    "web_placed": (
        "{student} placed in {team}: {rules}.",
        "{student} est placé·e dans {team} : {rules}.",
    ),
    "web_moved_rules_one": ("{n} rule broken", "{n} règle enfreinte"),
    "web_moved_rules_many": ("{n} rules broken", "{n} règles enfreintes"),
    "web_moved_rules_kept": ("every rule holds", "toutes les règles sont respectées"),
    "web_all_rules_kept": (
        "Every rule holds.",
        "Toutes les règles sont respectées.",
    ),
    "web_priorities": (
        "Priorities (now / optimum / difference)",
        "Priorités (maintenant / optimum / écart)",
    ),
    # A solve stopped (time limit, cancel) proved nothing: what it found, and its bound.
    "web_priorities_unproven": (
        "Priorities (now / optimum, or best found when not proven / difference)",
        "Priorités (maintenant / optimum, ou meilleur trouvé s'il n'est pas prouvé / écart)",
    ),
    "web_best_found": (
        "best found {value} (bound {bound})",
        "meilleur trouvé {value} (borne {bound})",
    ),
    "web_undo": (
        "Undo",
        "Annuler",
    ),
    "web_redo": (
        "Redo",
        "Rétablir",
    ),
    "web_reoptimise": (
        "Re-optimise the others (fewest moves)",
        "Réoptimiser les autres (le moins de changements)",
    ),
    "web_reoptimised_nobody": (
        "Nobody moved: the board already keeps every rule, and re-optimising moves the fewest "
        "students first (here none), so the others stay where they are.",
        "Personne n'a bougé : le tableau respecte déjà toutes les règles, et la réoptimisation "
        "déplace d'abord le moins d'étudiants possible (ici aucun) : les autres restent où ils "
        "sont.",
    ),
    "web_reoptimised_placed_one": (
        "Nobody on the board moved; {ids}, who had no team, is placed where the rules and the "
        "priorities put them.",
        "Personne du tableau n'a bougé ; {ids}, qui n'avait pas d'équipe, est placé·e là où "
        "les règles et les priorités le veulent.",
    ),
    "web_reoptimised_placed_many": (
        "Nobody on the board moved; {ids}, who had no team, are placed where the rules and the "
        "priorities put them.",
        "Personne du tableau n'a bougé ; {ids}, qui n'avaient pas d'équipe, sont placé·e·s là "
        "où les règles et les priorités le veulent.",
    ),
    "web_lock": (
        "Lock",
        "Verrouiller",
    ),
    "web_unlock": (
        "Unlock",
        "Déverrouiller",
    ),
    "web_locked": (
        "locked",
        "verrouillé",
    ),
    "web_vae": (
        "VAE",
        "VAE",
    ),
    "web_employed": (
        "employed",
        "en emploi",
    ),
    "web_choice": (
        "choice",
        "choix",
    ),
    "web_no_choice": (
        "no choices",
        "sans choix",
    ),
    "web_size": (
        "size",
        "taille",
    ),
    "web_withdraw_commission": (
        "Withdraw a commission",
        "Retirer une commande",
    ),
    "web_withdraw_student": (
        "Withdraw a student",
        "Retirer un étudiant",
    ),
    "web_withdraw": (
        "Show the changes",
        "Montrer les changements",
    ),
    "web_force": (
        "Next run",
        "Prochain calcul",
    ),
    "web_force_include": (
        "always",
        "toujours",
    ),
    "web_force_exclude": (
        "never",
        "jamais",
    ),
    "web_force_free": (
        "free",
        "libre",
    ),
    # Each button of the selection's "next run" column named with its proposal (a screen
    # reader heard "always" fourteen times, not which proposal), its visible word first.
    "web_force_include_ineligible": (
        "{id} cannot be selected:",
        "{id} ne peut pas être retenue :",
    ),
    "web_not_eligible": (
        "Not eligible",
        "Non éligible",
    ),
    # Probe s30c: a commission withdrawn in a what-if had an empty « État ».
    "web_withdrawn": (
        "Withdrawn",
        "Retirée",
    ),
    "web_force_include_named": (
        "always: select {id}",
        "toujours : retenir {id}",
    ),
    "web_force_exclude_named": (
        "never: leave {id} out",
        "jamais : écarter {id}",
    ),
    "web_force_free_named": (
        "free: {id} neither forced in nor out",
        "libre : {id} ni imposée ni écartée",
    ),
    # A team or a card breaking a rule, said in words beside its red border.
    "web_breaks_rule": (
        "breaks a rule",
        "enfreint une règle",
    ),
    "web_rerun_needed": (
        "Settings changed: run again to apply them.",
        "Paramètres modifiés : relancez le calcul pour les appliquer.",
    ),
    "web_locks_released_one": (
        "Locked, but their team dissolves: placed like the others, no longer locked once "
        "accepted: {ids}",
        "Verrouillé·e, mais son équipe se dissout : placé·e comme les autres, plus "
        "verrouillé·e une fois acceptée : {ids}",
    ),
    "web_locks_leave_one": (
        "Locked, and withdrawing: the lock leaves with them once accepted: {ids}",
        "Verrouillé, et qui se retire : le verrou part avec lui une fois acceptée : {ids}",
    ),
    "web_locks_leave_many": (
        "Locked, and withdrawing: the locks leave with them once accepted: {ids}",
        "Verrouillés, et qui se retirent : les verrous partent avec eux une fois acceptée : {ids}",
    ),
    "web_locks_released_many": (
        "Locked, but their team dissolves: placed like the others, no longer locked once "
        "accepted: {ids}",
        "Verrouillés, mais leur équipe se dissout : placés comme les autres, plus "
        "verrouillés une fois acceptée : {ids}",
    ),
    "web_part_out": (
        "the output folder",
        "le dossier de sortie",
    ),
    "web_add_students": (
        "Students arriving (file)",
        "Étudiants qui arrivent (fichier)",
    ),
    "web_changes": (
        "Changes (who moves where)",
        "Changements (qui va où)",
    ),
    "web_student": (
        "Student",
        "Étudiant",
    ),
    "web_from": (
        "From",
        "De",
    ),
    "web_to": (
        "To",
        "Vers",
    ),
    "web_accept": (
        "Accept",
        "Accepter",
    ),
    "web_discard": (
        "Discard",
        "Abandonner",
    ),
    "web_no_changes": (
        "Nobody moves.",
        "Personne ne change d'équipe.",
    ),
    "web_save": (
        "Save the result",
        "Enregistrer le résultat",
    ),
    "web_saved_to": (
        "Saved into the output folder",
        "Enregistré dans le dossier de sortie",
    ),
    # A board saved broken on purpose: said once, with the rules it breaks listed below.
    "web_saved_broken_one": (
        "Saved into the output folder, but the result breaks {n} rule:",
        "Enregistré dans le dossier de sortie, mais le résultat enfreint {n} règle :",
    ),
    "web_saved_broken_many": (
        "Saved into the output folder, but the result breaks {n} rules:",
        "Enregistré dans le dossier de sortie, mais le résultat enfreint {n} règles :",
    ),
    "web_download": (
        "Download",
        "Télécharger",
    ),
    "web_explanation": (
        "Why this team?",
        "Pourquoi cette équipe ?",
    ),
    "web_not_computed": (
        "Not computed yet (the explain command is coming).",
        "Pas encore calculé (la commande explain arrive).",
    ),
    "web_click_card": (
        "Click a card to see why the student is there.",
        "Cliquez une carte pour voir pourquoi l'étudiant y est.",
    ),
    "web_keyboard_help": (
        "Keyboard: Tab to a card, ← → to move the student to the previous or next team, "
        "Enter to see why they are there.",
        "Clavier : Tab jusqu'à une carte, ← → pour passer l'étudiant à l'équipe précédente ou "
        "suivante, Entrée pour voir pourquoi il y est.",
    ),
    "web_explain_board_changed": (
        "The board changed: click a card to see why the student is there now.",
        "Le tableau a changé : cliquez une carte pour voir pourquoi l'étudiant y est maintenant.",
    ),
    "web_moves": (
        "students moved",
        "étudiants déplacés",
    ),
    "web_prio_moves": (
        "students moved from the solved teams",
        "étudiants déplacés depuis les équipes calculées",
    ),
    "web_prio_moves_opened": (
        "students moved from the result opened",
        "étudiants déplacés depuis le résultat ouvert",
    ),
    "web_prio_moves_reoptimised": (
        "students moved from the board you re-optimised (fewest possible with your locks)",
        "étudiants déplacés depuis le tableau que vous avez ré-optimisé (le moins possible "
        "avec vos verrous)",
    ),
    "web_prio_moves_reoptimised_unproven": (
        "students moved from the board you re-optimised (with your locks)",
        "étudiants déplacés depuis le tableau que vous avez ré-optimisé (avec vos verrous)",
    ),
    # The rank among the selected choices, not the one written (contract §5; probe s29c:
    # « pire rang de choix : 2 / 2 » above a card « choix 6 »).
    "web_prio_worst_choice": (
        "worst rank among the selected choices",
        "pire rang parmi les choix retenus",
    ),
    "web_prio_balance": (
        "balance violations",
        "écarts d'équilibre",
    ),
    "web_prio_choices": (
        "sum of ranks among the selected choices",
        "somme des rangs parmi les choix retenus",
    ),
    "web_prio_experience": (
        "experience gap",
        "écart d'expérience",
    ),
    "web_run_without_whatifs": (
        "This run started again from the cohort's files: the what-ifs accepted before "
        "(withdrawals, arrivals) are not in it.",
        "Cette exécution est repartie des fichiers de la cohorte : les simulations acceptées "
        "avant (retraits, arrivées) n'en font pas partie.",
    ),
    "web_run_replaced_board_one": (
        "This run's teams replace the board you had changed ({n} student moved or locked by you).",
        "Les équipes de cette exécution remplacent le tableau que vous aviez modifié ({n} "
        "étudiant·e déplacé·e ou verrouillé·e par vous).",
    ),
    "web_run_replaced_board_many": (
        "This run's teams replace the board you had changed ({n} students moved or locked by you).",
        "Les équipes de cette exécution remplacent le tableau que vous aviez modifié ({n} "
        "étudiant·e·s déplacé·e·s ou verrouillé·e·s par vous).",
    ),
    # Said once after the sentences above (probe s40e: each gave it, twice in one note), the
    # board's button named apart from the run's « Annuler (garder le meilleur trouvé) ».
    "web_run_undo_board": (
        "The “Undo” button of the “Teams” section brings back the board as you left it; "
        "“Redo” goes back to this run's teams.",
        "Le bouton « Annuler » de la section « Équipes » (pas celui du calcul) ramène le "
        "tableau tel que vous l'aviez laissé ; « Rétablir » revient aux équipes de cette "
        "exécution.",
    ),
    "web_cancelled_kept": (
        "Cancelled: the best result found so far is kept (not proven best).",
        "Annulé : le meilleur résultat trouvé jusque-là est gardé (sans preuve qu'il soit "
        "le meilleur).",
    ),
    "web_max_per_institution": (
        "At most this many commissions per institution",
        "Au plus ce nombre de commandes par institution",
    ),
    "web_selection_priorities": (
        "Selection priorities, most important first (drag, or ↑ ↓ on a box, to reorder)",
        "Priorités de la sélection, la plus importante d'abord (glisser, ou ↑ ↓ sur une case, "
        "pour réordonner)",
    ),
    # Named as the progress table, the report and the terminal name them (``plain_prio_*``,
    # probe s31a: « secteurs couverts » here, « secteurs distincts » there), with the way.
    "web_sprio_sectors": (
        "distinct sectors (as many as possible)",
        "secteurs distincts (le plus possible)",
    ),
    "web_sprio_problem_types": (
        "distinct problem types (as many as possible)",
        "types de problématique distincts (le plus possible)",
    ),
    "web_sprio_sector_spread": (
        "most commissions in one sector (as few as possible)",
        "maximum de commandes dans un même secteur (le moins possible)",
    ),
    "web_sprio_priority": (
        "sum of the staff's ratings (as high as possible)",
        "somme des priorités données par l'équipe pédagogique (la plus haute possible)",
    ),
    "web_min_size": (
        "Smallest team (empty: as even as possible)",
        "Plus petite équipe (vide : aussi égales que possible)",
    ),
    "web_max_size": (
        "Largest team (empty: as even as possible)",
        "Plus grande équipe (vide : aussi égales que possible)",
    ),
    "web_size_default": (
        "even",
        "égales",
    ),
    "web_no_replace": (
        "No replacement: its students join the remaining teams",
        "Sans remplacement : ses étudiants rejoignent les équipes restantes",
    ),
    "web_not_replaced": (
        "withdrawn, no replacement",
        "retirée, sans remplacement",
    ),
    "web_explain_broken": (
        "The board breaks a rule: explanations need a board keeping every rule.",
        "Le tableau enfreint une règle : les explications demandent un tableau qui les "
        "respecte toutes.",
    ),
    "web_explain_on_best": (
        "On the best of their selected choices: nothing to explain.",
        "Sur le meilleur de ses choix retenus : rien à expliquer.",
    ),
    "web_explain_no_choices": (
        "No choices written: nothing to explain.",
        "Aucun choix écrit : rien à expliquer.",
    ),
    "web_explain_none_selected": (
        "None of their choices was selected ({choices}): nothing to explain.",
        "Aucun de ses choix n'a été retenu ({choices}) : rien à expliquer.",
    ),
    "web_tab_plan": (
        "Supervision and calendar",
        "Accompagnement et calendrier",
    ),
    "web_stage_selection": (
        "selection of the commissions",
        "sélection des commandes",
    ),
    "web_stage_teams": (
        "teams",
        "équipes",
    ),
    "web_stage_plan": (
        "supervisors and calendar",
        "accompagnement et calendrier",
    ),
    "web_stage_explanations": (
        "explanations",
        "explications",
    ),
    "web_explaining": (
        "Explaining every wish, as matcher run does (the board is ready meanwhile).",
        "Explication de chaque souhait, comme matcher run (le tableau est déjà prêt).",
    ),
    "web_questions": (
        "{done} of {total} questions answered.",
        "questions traitées : {done} sur {total}.",
    ),
    "web_explained_ready": (
        "Every wish is explained: click a card to see why, at once.",
        "Chaque souhait est expliqué : cliquez une carte pour voir pourquoi, sans attendre.",
    ),
    "web_explained_unsettled_one": (
        "{n} question was not settled within the run's time limit: a click on that "
        "student's card tries it again (up to 20 s).",
        "{n} question n'a pas été tranchée dans le temps imparti au calcul : un clic sur la "
        "carte de cet étudiant la reprend (jusqu'à 20 s).",
    ),
    "web_explained_unsettled_many": (
        "{n} questions were not settled within the run's time limit: a click on a card "
        "tries that student's again (up to 20 s).",
        "{n} questions n'ont pas été tranchées dans le temps imparti au calcul : un clic sur "
        "une carte reprend celles de cet étudiant (jusqu'à 20 s).",
    ),
    "web_reoptimising": (
        "Re-optimising… (at most the time limit, {limit} s)",
        "Ré-optimisation en cours… (au plus le temps imparti, {limit} s)",
    ),
    "web_whatif_solving": (
        "Computing the changes… (at most the time limit, {limit} s)",
        "Calcul des changements en cours… (au plus le temps imparti, {limit} s)",
    ),
    "web_explaining_now": (
        "Explaining… (at most 20 s)",
        "Explication en cours… (au plus 20 s)",
    ),
    "web_explain_cancelled": (
        "Explanations cancelled: the why panel explains each student on demand.",
        "Explications annulées : le panneau « pourquoi » explique chaque étudiant à la demande.",
    ),
    "web_explained_run": (
        "From the run's explanations (no new solve).",
        "Tiré des explications du calcul (sans nouveau calcul).",
    ),
    "web_replan": (
        "Plan again",
        "Planifier à nouveau",
    ),
    "web_plan_stale": (
        "This plan was made with the supervision and calendar settings before those applied "
        "since: press “Plan again” to follow them (saving plans again first).",
        "Ce planning a été fait avec les paramètres d'accompagnement et de calendrier "
        "d'avant ceux appliqués depuis : cliquez « Planifier à nouveau » pour les suivre "
        "(l'enregistrement planifie à nouveau d'abord).",
    ),
    "web_plan_stale_none": (
        "This was found with the supervision and calendar settings before those applied "
        "since: press “Plan again” to try them.",
        "Ceci a été constaté avec les paramètres d'accompagnement et de calendrier d'avant "
        "ceux appliqués depuis : cliquez « Planifier à nouveau » pour essayer ceux-ci.",
    ),
    "web_saved_replanned": (
        "Planned again first, with the supervision and calendar settings applied since the "
        "plan shown.",
        "Planifié à nouveau d'abord, avec les paramètres d'accompagnement et de calendrier "
        "appliqués depuis le planning affiché.",
    ),
    "web_plan_help": (
        "Each team's supervisor comes with it to the institution visit and to the oral "
        "defence. Moving students does not change the plan: it depends on which teams "
        "there are and on the supervisors, not on who is in a team.",
        "L'accompagnateur·rice de chaque équipe vient avec elle à la visite de "
        "l'institution et à la soutenance. Déplacer des étudiants ne change pas le "
        "planning : il dépend des équipes et des accompagnateur·rice·s, pas de qui est dans "
        "une équipe.",
    ),
    "web_plan_none": (
        "No plan of supervisors and calendar satisfies the rules:",
        "Aucun planning des accompagnateur·rice·s et du calendrier ne respecte les règles :",
    ),
    "web_plan_timeout": (
        "No plan of supervisors and calendar was found within the time limit: raise the "
        "time limit in the settings, then plan again.",
        "Aucun planning des accompagnateur·rice·s et du calendrier trouvé dans la limite "
        "de temps : augmentez la limite de temps dans les paramètres, puis planifiez à "
        "nouveau.",
    ),
    "web_plan_cancelled": (
        "Not planned: the run was cancelled. Plan again when ready.",
        "Pas de planning : le calcul a été annulé. Planifiez à nouveau quand vous voulez.",
    ),
    "web_plan_supervision": (
        "Who supervises which team",
        "Qui accompagne quelle équipe",
    ),
    "web_plan_schedule": (
        "Day by day",
        "Jour par jour",
    ),
    "web_plan_withdrawn_list": (
        "Supervisors withdrawn",
        "Accompagnateur·rice·s retiré·e·s",
    ),
    "web_withdraw_supervisor": (
        "Withdraw a supervisor",
        "Retirer un·e accompagnateur·rice",
    ),
    # Probe s33: a what-if with nothing chosen, said beside its form (not as a file's
    # problem), every choice it offers named as labelled.
    "web_whatif_nothing": (
        "Choose a change first: {choices}.",
        "Choisissez d'abord un changement : {choices}.",
    ),
    "web_quoted": ("“{what}”", "« {what} »"),
    # Probe s33: team settings applied with a board shown hold on it at once.
    "web_settings_teams_now": (
        "The team settings hold on the board at once: its rules are checked under them, and "
        "Re-optimise, a what-if and Save follow them.",
        "Les paramètres des équipes valent tout de suite pour le tableau : ses règles sont "
        "vérifiées avec eux, et la ré-optimisation, les simulations et l'enregistrement les "
        "suivent.",
    ),
    "web_settings_next_run": (
        "Those of the selection and the time limit take effect at the next run: run again "
        "to apply them.",
        "Ceux de la sélection et la limite de temps s'appliqueront au prochain calcul : "
        "relancez le calcul pour les appliquer.",
    ),
    "web_teams_stale": (
        "These teams were solved under the team settings before those applied since: the "
        "rules are checked under the ones in force, and the optimum shown beside each "
        "priority is that of the solve before. Re-optimise to follow them with the fewest "
        "moves, or run again.",
        "Ces équipes ont été calculées avec les paramètres des équipes d'avant ceux "
        "appliqués depuis : les règles sont vérifiées avec ceux en vigueur, et l'optimum "
        "affiché à côté de chaque priorité est celui du calcul d'avant. Réoptimisez pour "
        "les suivre avec le moins de changements, ou relancez le calcul.",
    ),
    "web_saved_settings_next_run": (
        "settings.toml holds the selection settings and the time limit this result was made "
        "under: those applied since take effect at the next run.",
        "settings.toml contient les paramètres de la sélection et la limite de temps de ce "
        "résultat : ceux appliqués depuis s'appliqueront au prochain calcul.",
    ),
    "web_saved_explanations_locks": (
        "They explain the board without your locks, as matcher explain explains the saved "
        "result (locks are not saved); the why panel answered with your locks.",
        "Elles expliquent le tableau sans vos verrous, comme matcher explain explique le "
        "résultat enregistré (les verrous ne sont pas enregistrés) ; le panneau « pourquoi » "
        "a répondu avec vos verrous.",
    ),
    "web_settings_typed_not_applied": (
        "Settings typed are not applied yet: press “Apply settings” first (or reload the "
        "page to leave them). Nothing was started.",
        "Des paramètres tapés ne sont pas encore appliqués : cliquez d'abord « Appliquer les "
        "paramètres » (ou rechargez la page pour les abandonner). Rien n'a été lancé.",
    ),
    "web_settings_typed_kept": (
        "The settings you typed are kept, not applied yet: press “Apply settings” to apply them.",
        "Les paramètres que vous avez tapés sont gardés, pas encore appliqués : cliquez "
        "« Appliquer les paramètres » pour les appliquer.",
    ),
    "web_plan_unchanged": (
        "The plan is unchanged.",
        "Le planning est inchangé.",
    ),
    "web_downloads_older": (
        "Files of the board saved last, not of the board shown (changed since)",
        "Fichiers du dernier tableau enregistré, pas du tableau affiché (modifié depuis)",
    ),
    "web_whatif_stale": (
        "The board changed after these changes were computed (a student moved or locked): "
        "they were not applied. Ask for them again from the board as it is now.",
        "Le tableau a changé après le calcul de ces changements (un étudiant déplacé ou "
        "verrouillé) : ils n'ont pas été appliqués. Demandez-les à nouveau à partir du "
        "tableau tel qu'il est.",
    ),
    "web_whatif_no_plan": (
        "These changes cannot be accepted. {why}",
        "Ces changements ne peuvent pas être acceptés. {why}",
    ),
    # A what-if's visits and orals whose slot or start changed (probe s21h).
    "plan_moved_events": ("Visits and orals moved", "Visites et soutenances déplacées"),
    # « the visit of C06 (in place of …'s) (visit) 09:00 … » read as two asides (probe
    # s37c): the slot as the other slot's line says it, before a colon.
    "plan_moved_same_slot": (
        "{event}, {slot}: {before} → {now}",
        "{event}, {slot} : {before} → {now}",
    ),
    "plan_moved_other_slot": ("{event}: {before} → {now}", "{event} : {before} → {now}"),
    "plan_event": ("Event", "Événement"),
    "sheet_supervisor_withdrawn": (
        "Supervisor withdrawn (not planned)",
        "Accompagnateur·rice retiré·e (non planifié·e)",
    ),
    "web_supervisor_changes": (
        "Teams changing supervisor",
        "Équipes qui changent d'accompagnateur·rice",
    ),
    "web_saved_plan": (
        "supervision.csv, schedule.csv and calendar.ics written.",
        "supervision.csv, schedule.csv et calendar.ics écrits.",
    ),
    "web_saved_plan_moved": (
        "supervision.csv, schedule.csv and calendar.ics written as planned: moving "
        "students does not change the plan; calendar.ics lists each team as it is now.",
        "supervision.csv, schedule.csv et calendar.ics écrits tels que planifiés : "
        "déplacer des étudiants ne change pas le planning ; calendar.ics donne chaque "
        "équipe telle qu'elle est maintenant.",
    ),
    "web_saved_no_plan": (
        "Saved without supervision.csv, schedule.csv and calendar.ics: no plan.",
        "Enregistré sans supervision.csv, schedule.csv ni calendar.ics : pas de planning.",
    ),
    "web_saved_explanations": (
        "explanations.csv written (the run's explanations of this board).",
        "explanations.csv écrit (les explications du calcul pour ce tableau).",
    ),
    "web_saved_unexplained": (
        "explanations.csv not written: these teams were not explained (a result reopened, a "
        "what-if accepted after the run, team settings applied since, or the run's "
        "explanations stopped); to write it from the saved result: matcher explain "
        "{instance} --result {out} --out {beside}",
        "explanations.csv non écrit : ces équipes n'ont pas été expliquées (un résultat "
        "repris, une simulation acceptée après le calcul, des paramètres des équipes "
        "appliqués depuis, ou les explications du calcul arrêtées) ; pour l'écrire à partir "
        "du résultat enregistré : matcher explain {instance} --result {out} --out {beside}",
    ),
    "web_explanations_folder": ("explanations", "explications"),
    "web_saved_no_explanations": (
        "explanations.csv not written: the board was moved since the run explained it "
        "(matcher explain explains the saved result).",
        "explanations.csv non écrit : le tableau a changé depuis que le calcul l'a "
        "expliqué (matcher explain explique le résultat enregistré).",
    ),
    # Reading files and uploads: sentences that were English only (loading, the workbench)
    "ld_empty_file": (
        "the file is empty: expected a header row and data rows",
        "le fichier est vide : il faut une ligne d'en-tête puis des lignes de données",
    ),
    "ld_empty_sheet": (
        "the sheet is empty: expected a header row and data rows (or delete the sheet)",
        "la feuille est vide : il faut une ligne d'en-tête puis des lignes de données (ou "
        "supprimez la feuille)",
    ),
    "ld_no_such_instance": (
        "no such folder or workbook",
        "aucun dossier ni classeur de ce nom",
    ),
    "ld_arrivals_sheets": (
        "the workbook has several sheets ({sheets}) and none is named students: keep the "
        "arriving students on one sheet, or name theirs 'students'",
        "le classeur a plusieurs feuilles ({sheets}) et aucune ne s'appelle étudiants : "
        "gardez les étudiants qui arrivent sur une seule feuille, ou nommez la leur "
        "« étudiants »",
    ),
    "ld_book_sheets": (
        "the workbook has several filled sheets ({sheets}): keep {kind} on one sheet, or "
        "name theirs as the file",
        "le classeur a plusieurs feuilles remplies ({sheets}) : gardez {kind} sur une seule "
        "feuille, ou nommez la leur comme le fichier",
    ),
    "ld_two_sheets": (
        "two sheets hold {kind}: '{first}' and '{second}'; keep one",
        "deux feuilles contiennent {kind} : « {first} » et « {second} » ; gardez-en une",
    ),
    "ld_two_sheets_hidden": (
        "two sheets hold {kind}: '{first}' and '{second}'; keep one ('{hidden}' is hidden: "
        "right-click a sheet's tab > Unhide)",
        "deux feuilles contiennent {kind} : « {first} » et « {second} » ; gardez-en une "
        "(« {hidden} » est masquée : clic droit sur un onglet > Afficher)",
    ),
    "up_outputs_skipped": (
        "not read, made again from the result when it is saved: {files}",
        "non lus, refaits à partir du résultat quand il est enregistré : {files}",
    ),
    "up_book_settings_alone": (
        "the settings of the workbook {book}, which is not uploaded with it: upload them with "
        "{book}, or name them after the workbook uploaded (<workbook>.settings.toml), or "
        "settings.toml",
        "les paramètres du classeur {book}, qui n'est pas déposé avec eux : déposez-les avec "
        "{book}, ou nommez-les comme le classeur déposé (<classeur>.settings.toml), ou "
        "settings.toml",
    ),
    "result_no_student_sheet": (
        "no Students sheet with a commission_id column, which the teams are read from (the "
        "team sheets are not read): put it back as the result wrote it, or give teams.csv",
        "aucune feuille Étudiants avec une colonne commission_id, où les équipes sont lues "
        "(les feuilles des équipes ne sont pas lues) : remettez-la telle que le résultat "
        "l'a écrite, ou donnez teams.csv",
    ),
    "up_not_a_table": (
        "expected a .csv, .tsv, .txt, .xlsx or .xlsm file (or settings.toml)",
        "un fichier .csv, .tsv, .txt, .xlsx ou .xlsm est attendu (ou settings.toml)",
    ),
    # Probe s30c: « reglages.toml » was refused as « un fichier .csv, .txt ou .xlsx est
    # attendu », as if settings could not be uploaded.
    "up_settings_named": (
        "settings are read from a file named settings.toml (or <workbook>.settings.toml, "
        "beside that workbook): rename it so",
        "les paramètres sont lus dans un fichier nommé settings.toml (ou "
        "<classeur>.settings.toml, à côté de ce classeur) : renommez-le ainsi",
    ),
    "up_not_arrivals": (
        "expected a .csv, .tsv, .txt, .xlsx or .xlsm file",
        "un fichier .csv, .tsv, .txt, .xlsx ou .xlsm est attendu",
    ),
    "warn_line_breaks": (
        "line breaks or tabs in this cell are read as spaces",
        "les retours à la ligne ou tabulations de cette cellule sont lus comme des espaces",
    ),
    "warn_line_breaks_more": (
        "{file}: line breaks or tabs read as spaces in {n} more cells",
        "{file} : retours à la ligne ou tabulations lus comme des espaces dans {n} autres cellules",
    ),
    "up_nothing": ("no file received", "aucun fichier reçu"),
    "up_settings_alone": (
        "settings.toml alone is no cohort: upload it with the cohort's tables (commissions.csv,"
        " students.csv…), or change the settings of the cohort open in the Settings section",
        "settings.toml seul n'est pas une cohorte : déposez-le avec les tableaux de la cohorte"
        " (commissions.csv, students.csv…), ou modifiez les réglages de la cohorte ouverte dans"
        " la section Paramètres",
    ),
    "up_twice": (
        "two files of this name were uploaded: keep only one of them",
        "deux fichiers de ce nom ont été déposés : n'en gardez qu'un",
    ),
    # Acceptance probe: numbers agreeing with their nouns, a team-less student's rules
    "explain_one_more_moves": ("and 1 other moves", "et 1 autre change d'équipe"),
    "explain_detail_balance": (
        " — {team} would have {count} × {column}, target {target}",
        " — {team} aurait {count} × {column}, cible {target}",
    ),
    "explain_detail_worst": (
        " — {other} would go to {team}, their {ordinal} choice",
        " — {other} irait dans {team}, son {ordinal} choix",
    ),
    "explain_detail_worst_unlisted": (
        " — {other} would go to {team}, which they did not list",
        " — {other} irait dans {team}, hors de ses choix",
    ),
    # ``displaced``: the fewest others moved with everyone else re-optimised (contract §9,
    # since session 30; before, the later priorities were left as they fell and the
    # sentence said "at least", probe s27).
    "explain_displaced_none": (
        " (no other student would move)",
        " (personne d'autre ne changerait d'équipe)",
    ),
    "explain_displaced_one": (
        " ({n} other student would move)",
        " ({n} autre étudiant changerait d'équipe)",
    ),
    "explain_displaced_many": (
        " ({n} other students would move)",
        " ({n} autres étudiants changeraient d'équipe)",
    ),
    "v_pinned_no_team": (
        "{student} is pinned to {pinned} but has no team",
        "{student} est imposé·e dans {pinned} mais n'a pas d'équipe",
    ),
    "v_together_no_team": (
        "{a} and {b} must be together but {alone} has no team",
        "{a} et {b} doivent être ensemble mais {alone} n'a pas d'équipe",
    ),
    "plan_travel_before": ("{travel}: {minutes} min", "{travel} : {minutes} min"),
    "val_pin_ineligible": (
        "{who} is pinned to {pin}, which cannot be selected ({reason})",
        "{who} est imposé·e dans {pin}, qui ne peut pas être retenue ({reason})",
    ),
    "val_pins_ineligible": (
        "{who} are pinned to {pin}, which cannot be selected ({reason})",
        "{who} sont imposé·e·s dans {pin}, qui ne peut pas être retenue ({reason})",
    ),
    "reason_institution_gone": (
        "no longer a reserve: {institution} has withdrawn",
        "plus en réserve : l'institution {institution} s'est retirée",
    ),
    "reason_institution_withdrew": (
        "no longer a reserve: {institution} withdrew {withdrawn}",
        "plus en réserve : l'institution {institution} a retiré {withdrawn}",
    ),
    "w_institution_keeps_one": (
        "{institution} withdrew {withdrawn} and keeps {kept} selected: none of its proposals "
        "replaces {withdrawn}; if the institution leaves the programme, withdraw {kept} too",
        "l'institution {institution} a retiré {withdrawn} et garde {kept}, qui reste retenue : "
        "aucune de ses propositions ne remplace {withdrawn} ; si l'institution quitte le "
        "programme, retirez aussi {kept}",
    ),
    "w_institution_keeps_many": (
        "{institution} withdrew {withdrawn} and keeps {kept} selected: none of its proposals "
        "replaces {withdrawn}; if the institution leaves the programme, withdraw {kept} too",
        "l'institution {institution} a retiré {withdrawn} et garde {kept}, qui restent "
        "retenues : aucune de ses propositions ne remplace {withdrawn} ; si l'institution "
        "quitte le programme, retirez aussi {kept}",
    ),
    "explain_result_broken_one": (
        "error: the result breaks {n} rule; explanations need a result that keeps every rule "
        "(see matcher check):",
        "erreur : le résultat enfreint {n} règle ; les explications demandent un résultat "
        "qui respecte toutes les règles (voir matcher check) :",
    ),
    "explain_result_broken_many": (
        "error: the result breaks {n} rules; explanations need a result that keeps every "
        "rule (see matcher check):",
        "erreur : le résultat enfreint {n} règles ; les explications demandent un résultat "
        "qui respecte toutes les règles (voir matcher check) :",
    ),
    "quoted": ("'{value}'", "« {value} »"),
    "val_share": ("{count} ({percent}%)", "{count} ({percent} %)"),
    "val_share_percent": ("{percent}%", "{percent} %"),
    "ics_calendar_name": ("{instance}: {visit} / {oral}", "{instance} : {visit} / {oral}"),
    # Where a together-group is written (matcher.rules.together_where)
    "where_pair_rows_one": (
        " ({file}, row {rows}, columns {a} and {b})",
        " ({file}, ligne {rows}, colonnes « {a} » et « {b} »)",
    ),
    "where_pair_rows_many": (
        " ({file}, rows {rows}, columns {a} and {b})",
        " ({file}, lignes {rows}, colonnes « {a} » et « {b} »)",
    ),
    # Workbench probed as a French-speaking director (session 7)
    "web_off_best": (
        "not on the best of their choices that was selected",
        "pas sur le meilleur de ses choix retenus",
    ),
    "web_all_locked": (
        "Every student is locked: unlock the students who may move, then re-optimise.",
        "Tous les étudiants sont verrouillés : déverrouillez ceux qui peuvent bouger, puis "
        "réoptimisez.",
    ),
    "web_board_busy": (
        "A run is computing new teams, which will replace this board: wait for them (or "
        "cancel the run) before changing it. Nothing was done.",
        "Un calcul prépare de nouvelles équipes, qui remplaceront ce tableau : attendez-les "
        "(ou arrêtez le calcul) avant de le modifier. Rien n'a été fait.",
    ),
    "web_save_busy": (
        "A run is computing new teams: wait for its board (or cancel it), then save.",
        "Un calcul prépare de nouvelles équipes : attendez son tableau (ou annulez-le), puis "
        "enregistrez.",
    ),
    "web_uploaded_cohort": ("uploaded cohort", "cohorte déposée"),
    "web_upload_workbook_hint": (
        "{message}; a workbook holds the whole cohort: to read {book}, upload it alone",
        "{message} ; un classeur contient toute la cohorte : pour lire {book}, déposez-le seul",
    ),
    "web_selection_state": ("Status", "État"),
    "web_files_changed": (
        "The cohort's files changed on disk since they were opened: nothing is computed nor "
        "saved from the files as they were; press “Read the cohort's files again” (the board "
        "and the settings changed in the page start afresh), then run",
        "Les fichiers de la cohorte ont changé sur le disque depuis leur ouverture : rien "
        "n'est calculé ni enregistré d'après les fichiers tels qu'ils étaient ; appuyez sur "
        "« Relire les fichiers de la cohorte » (le tableau et les paramètres modifiés dans la "
        "page repartent de zéro), puis lancez le calcul",
    ),
    "web_saved_explaining": (
        "explanations.csv not written: the explanations are still being worked out; save "
        "again once the page says they are done",
        "explanations.csv non écrit : les explications sont encore en cours ; enregistrez à "
        "nouveau quand la page les dit terminées",
    ),
    "web_saved_settings": (
        "The settings were changed in the page: they are saved as settings.toml beside the "
        "result, which matcher check {instance} --result {out} reads (as report and explain "
        "do)",
        "Les paramètres ont été modifiés dans la page : ils sont enregistrés dans "
        "settings.toml à côté du résultat, que matcher check {instance} --result {out} lit "
        "(comme report et explain)",
    ),
    "web_upload_choose": (
        "No file was chosen: choose the cohort's files above, then press “Upload and check”.",
        "Aucun fichier choisi : choisissez les fichiers de la cohorte ci-dessus, puis "
        "appuyez sur « Déposer et vérifier ».",
    ),
    "web_saved_result_here": (
        "The output folder {folder} holds a saved result: open it to go on from the teams "
        "saved there, hand edits included (a what-if months later). Saving replaces it.",
        "Le dossier de sortie {folder} contient un résultat enregistré : reprenez-le pour "
        "repartir des équipes enregistrées, modifications à la main comprises (une "
        "simulation des mois plus tard). Enregistrer le remplace.",
    ),
    "web_saved_result_other": (
        "The output folder {folder} holds a result of another cohort: most of its students "
        "are not in this one (by their id and name). Saving replaces it; to keep it, start "
        "the workbench with another --out.",
        "Le dossier de sortie {folder} contient le résultat d'une autre cohorte : la plupart "
        "de ses étudiants ne sont pas dans celle-ci (par leur matricule et leur nom). "
        "Enregistrer le remplace ; pour le garder, lancez l'atelier avec un autre --out.",
    ),
    "web_open_result": (
        "Open the saved result",
        "Reprendre le résultat enregistré",
    ),
    "web_result_opened": (
        "Saved result opened ({folder}): the teams as saved, checked against every rule.",
        "Résultat enregistré repris ({folder}) : les équipes telles qu'enregistrées, "
        "vérifiées selon chaque règle.",
    ),
    "web_result_opened_undo": (
        "Saved result opened ({folder}): the teams as saved, checked against every rule. "
        "Undo goes back to the board before.",
        "Résultat enregistré repris ({folder}) : les équipes telles qu'enregistrées, "
        "vérifiées selon chaque règle. « Annuler » revient au tableau d'avant.",
    ),
    "web_result_opened_upload": (
        "The result uploaded with the cohort (teams.csv, selection.csv or result.xlsx) is the "
        "board: the teams as saved, checked against every rule.",
        "Le résultat déposé avec la cohorte (teams.csv, selection.csv ou result.xlsx) est au "
        "tableau : les équipes telles qu'enregistrées, vérifiées selon chaque règle.",
    ),
    "web_selection_opened": (
        "Saved selection opened ({folder}): with the students' file, \"Form the teams of "
        'this selection" forms its teams (as matcher assign); a run chooses the '
        "commissions again.",
        "Sélection enregistrée reprise ({folder}) : avec le fichier des étudiants, « Former "
        "les équipes de cette sélection » forme ses équipes (comme matcher assign) ; un "
        "calcul refait la sélection.",
    ),
    "web_selection_opened_upload": (
        "The selection uploaded with the cohort (selection.csv) is shown: with the "
        'students\' file, "Form the teams of this selection" forms its teams (as matcher '
        "assign); a run chooses the commissions again.",
        "La sélection déposée avec la cohorte (selection.csv) est affichée : avec le fichier "
        "des étudiants, « Former les équipes de cette sélection » forme ses équipes (comme "
        "matcher assign) ; un calcul refait la sélection.",
    ),
    "web_result_not_opened": (
        "The saved result was not opened (its problems are below): the board is as it was.",
        "Le résultat enregistré n'a pas été repris (ses problèmes sont ci-dessous) : le "
        "tableau est resté tel quel.",
    ),
    "web_reload_not_opened": (
        "The files were not read again (their problems are below): correct them, then press "
        "“Read the cohort's files again” once more; until then the cohort open is still the "
        "one read before",
        "Les fichiers n'ont pas été relus (leurs problèmes sont ci-dessous) : corrigez-les, "
        "puis appuyez à nouveau sur « Relire les fichiers de la cohorte » ; d'ici là, la "
        "cohorte ouverte reste celle lue avant",
    ),
    "web_upload_not_opened": (
        "These files were not opened (their problems are below): the cohort open is still "
        "the one above, and a run runs it.",
        "Ces fichiers n'ont pas été ouverts (leurs problèmes sont ci-dessous) : la cohorte "
        "ouverte reste celle du dessus, et c'est elle qu'un calcul utilise.",
    ),
    "web_upload_unkept": (
        "The files sent could not be kept on this computer: the temporary folder {folder} "
        "takes no more ({reason}); they were not used, and what the page showed is "
        "unchanged. Free some space on that disk (empty the trash, remove large files), "
        "then send the files again.",
        "Les fichiers envoyés n'ont pas pu être gardés sur cet ordinateur : le dossier "
        "temporaire {folder} n'en accepte plus ({reason}) ; ils n'ont pas été utilisés, et "
        "la page reste telle qu'elle était. Libérez de la place sur ce disque (videz la "
        "corbeille, supprimez de gros fichiers), puis envoyez à nouveau les fichiers.",
    ),
    "web_open_busy": (
        "A run is going: wait for its teams (or cancel it) before opening other files.",
        "Un calcul est en cours : attendez ses équipes (ou annulez-le) avant d'ouvrir "
        "d'autres fichiers.",
    ),
    "v_team_size_exact_one": (
        "team {team} has {n} student, expected {low}",
        "l'équipe {team} compte {n} étudiant, il en faut {low}",
    ),
    "v_team_size_exact_many": (
        "team {team} has {n} students, expected {low}",
        "l'équipe {team} compte {n} étudiants, il en faut {low}",
    ),
    "web_nothing_in_time": (
        "nothing found within the time limit: raise the time limit in the settings, then "
        "run again.",
        "rien trouvé dans la limite de temps : augmentez le temps maximal dans les "
        "paramètres, puis relancez.",
    ),
    "web_status_cancelled": (
        "cancelled (the best found so far, not proven the best)",
        "annulé (le meilleur trouvé jusque-là, sans preuve qu'il soit le meilleur)",
    ),
    "web_http_400": (
        "The request was not understood (a student or team that is not on the board?). "
        "Reload the page.",
        "Demande incomprise (un étudiant ou une équipe absent du tableau ?). Rechargez la page.",
    ),
    "web_http_404": (
        "Not found: reload the page.",
        "Introuvable : rechargez la page.",
    ),
    "web_http_405": (
        "This address does not take that request: reload the page.",
        "Cette adresse n'accepte pas cette demande : rechargez la page.",
    ),
    "web_http_409": (
        "Not possible yet: open a cohort and run it first.",
        "Pas encore possible : ouvrez une cohorte et lancez le calcul d'abord.",
    ),
    "web_stale_tab": (
        "The cohort or its board was changed in another tab or window of the workbench: "
        "reload this page to see them as they are now (nothing was done).",
        "La cohorte ou son tableau a été modifié dans un autre onglet ou une autre fenêtre "
        "de l'atelier : rechargez cette page pour les voir tels qu'ils sont maintenant (rien "
        "n'a été fait).",
    ),
    "web_os_error": (
        "The workbench could not read or write a file on this computer ({reason}): check "
        "the disk, then reload the page.",
        "L'atelier n'a pas pu lire ou écrire un fichier sur cet ordinateur ({reason}) : "
        "vérifiez le disque, puis rechargez la page.",
    ),
    "web_http_other": (
        "The workbench could not answer: reload the page.",
        "L'atelier n'a pas pu répondre : rechargez la page.",
    ),
    # Said by the page itself when no answer came (the server stopped: Ctrl-C, the terminal
    # closed): before, the press did nothing and said nothing.
    "web_unreachable": (
        "The workbench does not answer: it was stopped (Ctrl-C or its window closed). Start "
        "matcher serve again, then reload this page (nothing was done).",
        "L'atelier ne répond pas : il a été arrêté (Ctrl-C ou sa fenêtre fermée). Relancez "
        "matcher serve, puis rechargez cette page (rien n'a été fait).",
    ),
    # French probe of session 7: agreement with counts, units, files as named (s7-french)
    "plain_choices_got": (
        "{first} of the students got their first written choice, {listed} a commission they "
        "listed; {unlisted}.",
        "{first} des étudiants ont obtenu leur premier choix écrit, {listed} une commande de "
        "leur liste ; {unlisted}.",
    ),
    # Not every student gave choices: the shares are over those who did (contract §5).
    "plain_choices_got_some_one": (
        "Of the {n} student who gave choices, {first} got their first written choice, {listed} "
        "a commission they listed; {unlisted}.",
        "Sur {n} étudiant qui a donné des choix, {first} a obtenu son premier choix écrit, "
        "{listed} une commande de sa liste ; {unlisted}.",
    ),
    "plain_choices_got_some_many": (
        "Of the {n} students who gave choices, {first} got their first written choice, {listed} "
        "a commission they listed; {unlisted}.",
        "Sur les {n} étudiants qui ont donné des choix, {first} ont obtenu leur premier choix "
        "écrit, {listed} une commande de leur liste ; {unlisted}.",
    ),
    "plain_unlisted_none": (
        "none was placed on a commission they did not list",
        "aucun n'a été placé sur une commande hors de sa liste",
    ),
    "plain_unlisted_one": (
        "{n} was placed on a commission they did not list",
        "{n} a été placé sur une commande hors de sa liste",
    ),
    "plain_unlisted_many": (
        "{n} were placed on a commission they did not list",
        "{n} ont été placés sur une commande hors de leur liste",
    ),
    "explain_years_one": ("{years} years", "{years} an"),
    "explain_years_many": ("{years} years", "{years} ans"),
    "web_cannot_plan_one": (
        "The supervisors and the calendar cannot be planned as the cohort stands: {n} rule "
        "cannot hold, whatever the selection (the teams can be formed, without a plan; "
        "correct the files or the settings):",
        "Le planning des accompagnateur·rice·s et du calendrier ne peut pas aboutir avec la "
        "cohorte telle quelle : {n} règle ne peut pas tenir, quelle que soit la sélection "
        "(les équipes peuvent être formées, sans planning ; corrigez les fichiers ou les "
        "paramètres) :",
    ),
    "web_cannot_plan_many": (
        "The supervisors and the calendar cannot be planned as the cohort stands: {n} rules "
        "cannot hold, whatever the selection (the teams can be formed, without a plan; "
        "correct the files or the settings):",
        "Le planning des accompagnateur·rice·s et du calendrier ne peut pas aboutir avec la "
        "cohorte telle quelle : {n} règles ne peuvent pas tenir, quelle que soit la sélection "
        "(les équipes peuvent être formées, sans planning ; corrigez les fichiers ou les "
        "paramètres) :",
    ),
    "web_cannot_hold_one": (
        "No run can succeed as the cohort stands: {n} rule cannot hold, whatever the "
        "selection (correct the files or the settings):",
        "Aucun calcul ne peut aboutir avec la cohorte telle quelle : {n} règle ne peut pas "
        "tenir, quelle que soit la sélection (corrigez les fichiers ou les paramètres) :",
    ),
    "web_cannot_hold_many": (
        "No run can succeed as the cohort stands: {n} rules cannot hold, whatever the "
        "selection (correct the files or the settings):",
        "Aucun calcul ne peut aboutir avec la cohorte telle quelle : {n} règles ne peuvent pas "
        "tenir, quelle que soit la sélection (corrigez les fichiers ou les paramètres) :",
    ),
    "validate_impossible_one": (
        "error: {n} rule cannot hold, whatever the selection:",
        "erreur : {n} règle ne peut pas tenir, quelle que soit la sélection :",
    ),
    "validate_impossible_many": (
        "error: {n} rules cannot hold, whatever the selection:",
        "erreur : {n} règles ne peuvent pas tenir, quelle que soit la sélection :",
    ),
    "td_size_asks_exact_one": (
        "team sizes: {id} asks for {asks} student, but every team holds {size}",
        "tailles d'équipe : {id} demande {asks} étudiant, mais chaque équipe en compte {size}",
    ),
    "td_size_asks_exact_many": (
        "team sizes: {id} asks for {asks} students, but every team holds {size}",
        "tailles d'équipe : {id} demande {asks} étudiants, mais chaque équipe en compte {size}",
    ),
    "td_rule_size_exact_one": (
        "team size of {id}: {size} student",
        "taille de l'équipe {id} : {size} étudiant",
    ),
    "td_rule_size_exact_many": (
        "team size of {id}: {size} students",
        "taille de l'équipe {id} : {size} étudiants",
    ),
    "val_teams_cannot_fill": (
        "{n} students cannot fill {teams} teams of at least {low}: the teams cannot be formed "
        "(see [teams] min_size / max_size)",
        "{n} étudiants ne suffisent pas à remplir {teams} équipes d'au moins {low} : les "
        "équipes ne peuvent pas être formées (voir [teams] min_size / max_size)",
    ),
    "val_teams_cannot_fit": (
        "{teams} teams of at most {high} students cannot hold {n} students: the teams cannot be "
        "formed (see [teams] min_size / max_size)",
        "{teams} équipes d'au plus {high} étudiants ne peuvent pas accueillir {n} étudiants : les "
        "équipes ne peuvent pas être formées (voir [teams] min_size / max_size)",
    ),
    "val_teams_cannot_exact": (
        "{teams} teams of {size} students cannot hold {n} students: the teams cannot be "
        "formed (see [teams] min_size / max_size)",
        "{teams} équipes de {size} étudiants ne peuvent pas accueillir {n} étudiants : les "
        "équipes ne peuvent pas être formées (voir [teams] min_size / max_size)",
    ),
    "ld_include_and_exclude_one": (
        "{ids} is both included and excluded",
        "{ids} est à la fois incluse et exclue",
    ),
    "ld_include_and_exclude_many": (
        "{ids} are both included and excluded",
        "{ids} sont à la fois incluses et exclues",
    ),
    "sup_tie_unmatched": (
        "{file}: the tie '{tie}' of {id} names no institution of {commissions}, so it keeps "
        "{id} off no team",
        "{file} : le lien « {tie} » de {id} ne nomme aucune institution de {commissions} : "
        "il n'écarte {id} d'aucune équipe",
    ),
    "sup_tie_taken_one": (
        "{file}: the tie '{tie}' of {id} is taken as the institution {institutions} of "
        "{commissions} (one name contains the other): {id} supervises none of its teams",
        "{file} : le lien « {tie} » de {id} est compris comme l'institution {institutions} de "
        "{commissions} (un nom contient l'autre) : {id} n'accompagne aucune de ses équipes",
    ),
    "sup_tie_taken_many": (
        "{file}: the tie '{tie}' of {id} is taken as the institutions {institutions} of "
        "{commissions} (one name contains the other): {id} supervises none of their teams",
        "{file} : le lien « {tie} » de {id} est compris comme les institutions {institutions} "
        "de {commissions} (un nom contient l'autre) : {id} n'accompagne aucune de leurs "
        "équipes",
    ),
    "sup_unavailable_unmatched": (
        "{file}: {id} is unavailable on '{slot}', which is not a slot of the calendar "
        "({slots}), so it changes nothing",
        "{file} : {id} est indisponible pour « {slot} », qui n'est pas un créneau du "
        "calendrier ({slots}) : cette indisponibilité ne change rien",
    ),
    "sup_date_unmatched": (
        "[calendar] dates: '{slot}' is not a slot of the calendar ({slots}), so its date "
        "{date} applies to no event",
        "[calendar] dates : « {slot} » n'est pas un créneau du calendrier ({slots}) : sa date "
        "{date} ne s'applique à aucun événement",
    ),
    "sup_date_day_off": (
        "[calendar] dates puts {slot} on {day}, {why}: is it the day meant?",
        "[calendar] dates place {slot} le {day}, {why} : est-ce bien le jour voulu ?",
    ),
    "sup_oral_before_visit": (
        "[calendar] dates puts the oral defences of {slot} on {day}, before the visits of "
        "{visit} ({visit_day}): is the year right?",
        "[calendar] dates place les soutenances de {slot} le {day}, avant les visites de "
        "{visit} ({visit_day}) : l'année est-elle la bonne ?",
    ),
    "weekend": ("a weekend day", "un jour de week-end"),
    "hol_public": ("a public holiday in Belgium ({name})", "un jour férié en Belgique ({name})"),
    "hol_new_year": ("New Year's Day", "Nouvel An"),
    "hol_easter_monday": ("Easter Monday", "lundi de Pâques"),
    "hol_labour_day": ("Labour Day", "fête du Travail"),
    "hol_ascension": ("Ascension Day", "Ascension"),
    "hol_whit_monday": ("Whit Monday", "lundi de Pentecôte"),
    "hol_national_day": ("National Day", "fête nationale"),
    "hol_assumption": ("Assumption", "Assomption"),
    "hol_all_saints": ("All Saints' Day", "Toussaint"),
    "hol_armistice": ("Armistice", "Armistice"),
    "hol_christmas": ("Christmas", "Noël"),
    "sup_dates_missing_one": (
        "[calendar] dates gives no date for the slot {slots}: its events are in schedule.csv "
        "without a date, and calendar.ics leaves them out",
        "[calendar] dates ne donne pas de date au créneau {slots} : ses événements figurent "
        "dans schedule.csv sans date, et calendar.ics les omet",
    ),
    "sup_dates_missing_many": (
        "[calendar] dates gives no date for the slots {slots}: their events are in "
        "schedule.csv without a date, and calendar.ics leaves them out",
        "[calendar] dates ne donne pas de date aux créneaux {slots} : leurs événements "
        "figurent dans schedule.csv sans date, et calendar.ics les omet",
    ),
    "td_pins_unselected": (
        "{who} are pinned to {pin}, which is not a selected commission (to keep it, add "
        "{pin} to [selection] include and select again)",
        "{who} sont imposé·e·s dans {pin}, qui n'est pas une commande retenue (pour la garder, "
        "ajoutez {pin} à [selection] include et relancez la sélection)",
    ),
    "plain_balance_off_one": (
        "{n} of {total} teams outside a target ({attributes}): see the cells marked ▲ or ▼ "
        "in the composition.",
        "{n} équipe sur {total} hors d'une cible ({attributes}) : voir les cases marquées ▲ ou "
        "▼ de la composition.",
    ),
    "plain_balance_off_many": (
        "{n} of {total} teams outside a target ({attributes}): see the cells marked ▲ or ▼ "
        "in the composition.",
        "{n} équipes sur {total} hors d'une cible ({attributes}) : voir les cases marquées ▲ ou "
        "▼ de la composition.",
    ),
    "plain_conflicts_one": (
        "{n} student on their employer's commission.",
        "{n} étudiant sur la commande de son employeur.",
    ),
    "plain_conflicts_many": (
        "{n} students on their employer's commission.",
        "{n} étudiants sur la commande de leur employeur.",
    ),
    "plain_pairs_one": (
        "{n} request to keep students apart or together not honoured.",
        "{n} demande de séparer ou de réunir des étudiants non respectée.",
    ),
    "plain_pairs_many": (
        "{n} requests to keep students apart or together not honoured.",
        "{n} demandes de séparer ou de réunir des étudiants non respectées.",
    ),
    "plain_experience_below_two": (
        "Experience spread: every team at most {years} years from its fair share of the "
        "cohort's experience.",
        "Répartition de l'expérience : chaque équipe est à au plus {years} an de sa juste "
        "part de l'expérience de la cohorte.",
    ),
    # What-if from a result that breaks rules (session 7, lead)
    # The plan a what-if starts from, edited by hand into breaking a rule of §11 (probe s21h).
    "w_from_plan_breaks_one": (
        "{file}: the plan this what-if starts from breaks {n} rule ({first}); the what-if "
        "plans again without it, and the teams and events it changes for that count among "
        "its changes (matcher check lists the rules)",
        "{file} : le planning de départ enfreint {n} règle ({first}) ; la simulation planifie "
        "à nouveau sans cela, et les équipes et événements qu'elle change pour cela comptent "
        "parmi ses changements (matcher check liste les règles)",
    ),
    "w_from_plan_breaks_many": (
        "{file}: the plan this what-if starts from breaks {n} rules (first: {first}); the "
        "what-if plans again without them, and the teams and events it changes for that count "
        "among its changes (matcher check lists the rules)",
        "{file} : le planning de départ enfreint {n} règles (d'abord : {first}) ; la "
        "simulation planifie à nouveau sans cela, et les équipes et événements qu'elle change "
        "pour cela comptent parmi ses changements (matcher check liste les règles)",
    ),
    "w_from_breaks_one": (
        "{file}: the result this what-if starts from breaks {n} rule ({first}); the "
        "what-if repairs it, and the students it moves for that count among the moves",
        "{file} : le résultat de départ enfreint {n} règle ({first}) ; la simulation la "
        "répare, et les étudiants qu'elle déplace pour cela comptent parmi les déplacements",
    ),
    "w_from_breaks_many": (
        "{file}: the result this what-if starts from breaks {n} rules (first: {first}); "
        "the what-if repairs them, and the students it moves for that count among the moves",
        "{file} : le résultat de départ enfreint {n} règles (d'abord : {first}) ; la "
        "simulation les répare, et les étudiants qu'elle déplace pour cela comptent parmi les "
        "déplacements",
    ),
    "w_plan_teams_break_one": (
        "{file}: the teams planned break {n} rule ({first}); the plan is made for them as "
        "they stand (matcher check lists the rules)",
        "{file} : les équipes planifiées enfreignent {n} règle ({first}) ; le planning est "
        "fait pour elles telles qu'elles sont (matcher check liste les règles)",
    ),
    "w_plan_teams_break_many": (
        "{file}: the teams planned break {n} rules (first: {first}); the plan is made for "
        "them as they stand (matcher check lists the rules)",
        "{file} : les équipes planifiées enfreignent {n} règles (d'abord : {first}) ; le "
        "planning est fait pour elles telles qu'elles sont (matcher check liste les règles)",
    ),
    # Workbench loose ends: a cancelled run's status in outputs, sections before a run
    "status_interrupted": (
        "interrupted (the best found so far, not proven the best)",
        "interrompu (le meilleur trouvé jusque-là, sans preuve qu'il soit le meilleur)",
    ),
    "web_after_open": (
        "This section appears once a cohort is open (above).",
        "Cette section apparaît une fois une cohorte ouverte (ci-dessus).",
    ),
    "web_unplaced": ("Without a team", "Sans équipe"),
    "web_choices_written": ("choices", "choix"),
    "web_unplaced_help": (
        "In the cohort, not in the result: drag each into a team, or “Re-optimise the"
        " others” places them.",
        "Dans la cohorte, pas dans le résultat : glissez chacun dans une équipe, ou"
        " « Réoptimiser les autres » les place.",
    ),
    "web_selection_of_teams": (
        "The result shown came without selection.csv: its commissions are those of its"
        " teams ({ids}); a run chooses them again from the proposals.",
        "Le résultat affiché est venu sans selection.csv : ses commandes sont celles de ses"
        " équipes ({ids}) ; un calcul les choisit à nouveau parmi les propositions.",
    ),
    "web_after_run": (
        "This section appears after a run.",
        "Cette section apparaît après un calcul.",
    ),
    # Faults and hostile input, session 7 (settings strings, the instance's own name)
    "ld_settings_control_characters": (
        "{file}, key '{setting}': control characters removed ({chars}): check its text",
        "{file}, clé « {setting} » : caractères de contrôle retirés ({chars}) : vérifiez son texte",
    ),
    "ld_name_control_characters": (
        "the instance's name {name} holds control characters ({chars}): they are left out "
        "of the outputs",
        "le nom de l'instance {name} contient des caractères de contrôle ({chars}) : ils sont "
        "omis des sorties",
    ),
    "ld_expect_min_chars_one": (
        "a text of at least {n} character",
        "un texte d'au moins {n} caractère",
    ),
    "ld_expect_min_chars_many": (
        "a text of at least {n} characters",
        "un texte d'au moins {n} caractères",
    ),
    "ld_expect_max_chars_one": (
        "a text of at most {n} character",
        "un texte d'au plus {n} caractère",
    ),
    "ld_expect_max_chars_many": (
        "a text of at most {n} characters",
        "un texte d'au plus {n} caractères",
    ),
    "ld_expect_complete": (
        "every value it takes (one is missing)",
        "toutes les valeurs attendues (il en manque une)",
    ),
    # A what-if's record in summary.json that cannot be read (matcher.loading.summary)
    "sm_expect_object": ("expected an object", "il faut un objet"),
    # summary.json there but not the JSON object matcher writes (probe s28b).
    "sm_damaged": (
        "not the JSON matcher writes{where}; it records what the solve and any what-if "
        "changed, which reading the result needs: put back the file the run wrote, or "
        "remove it to read the teams against the cohort as it is",
        "ce n'est pas le JSON qu'écrit matcher{where} ; il garde ce que le calcul et les "
        "simulations ont changé, dont la lecture du résultat a besoin : remettez le fichier "
        "écrit par le calcul, ou supprimez-le pour lire les équipes avec la cohorte telle "
        "qu'elle est",
    ),
    "sm_damaged_at": (
        " (it stops making sense at line {line})",
        " (il perd son sens à la ligne {line})",
    ),
    "sm_expect_moves": ("expected a whole number ≥ 0", "il faut un nombre entier ≥ 0"),
    "sm_expect_replaced": (
        "expected an object of id → id",
        "il faut un objet de code → code",
    ),
    "sm_expect_ids": ("expected a list of ids", "il faut une liste de codes"),
    "sm_expect_students": ("expected a list of students", "il faut une liste d'étudiants"),
    "sm_student_refused": (
        "student {number} is not a row of {file} ({where})",
        "l'étudiant {number} n'est pas une ligne de {file} ({where})",
    ),
    "sm_field_refused": ("{field}: {refused}", "{field} : {refused}"),
    "sm_not_withdrawn": (
        "not among the withdrawn commissions: {ids}",
        "ne fait pas partie des commandes retirées : {ids}",
    ),
    "sm_not_proposals": (
        "not proposals of {file}: {ids} (the result was made for a {file} that had them)",
        "pas des commandes de {file} : {ids} (le résultat a été fait pour un {file} qui "
        "les contenait)",
    ),
    "sm_not_students": (
        "not students of {file}: {ids} (the result was made for a {file} that had them)",
        "pas des étudiants de {file} : {ids} (le résultat a été fait pour un {file} qui "
        "les contenait)",
    ),
    "sm_ids_taken": ("ids already taken: {ids}", "codes déjà pris : {ids}"),
    # Where an input problem is (matcher.errors.Problem)
    "problem_line": ("{where}: {message}", "{where} : {message}"),
    "where_row": ("{where}, row {row}", "{where}, ligne {row}"),
    "where_line": ("{where}, line {row}", "{where}, ligne {row}"),
    "where_column": ("{where}, column '{column}'", "{where}, colonne « {column} »"),
    "where_key": ("{where}, key '{column}'", "{where}, clé « {column} »"),
    # Terminal frames (matcher.cli.common)
    "err_prefix": ("error: {message}", "erreur : {message}"),
    "warn_prefix": ("warning: {message}", "avertissement : {message}"),
    "err_invalid_one": ("error: invalid input:", "erreur : données invalides :"),
    "warnings_more_one": (
        "… and {n} more warning, not listed",
        "… et {n} autre avertissement, non listé",
    ),
    "warnings_more_many": (
        "… and {n} more warnings, not listed",
        "… et {n} autres avertissements, non listés",
    ),
    "problems_more_one": (
        "… and {n} more problem, not listed: correct these first, then run again",
        "… et {n} autre problème, non listé : corrigez d'abord ceux-ci, puis relancez",
    ),
    "problems_more_many": (
        "… and {n} more problems, not listed: correct these first, then run again",
        "… et {n} autres problèmes, non listés : corrigez d'abord ceux-ci, puis relancez",
    ),
    "err_invalid_many": (
        "error: invalid input ({n} problems):",
        "erreur : données invalides ({n} problèmes) :",
    ),
    "versions": ("Versions", "Versions"),
}


#: The workbench's wording of messages that name settings.toml's keys (key → (English,
#: French), the same placeholders): the page names its own fields instead, as labelled
#: (``web_include``, ``web_min_size``, …); the command line keeps the keys.
_PAGE_LABELS: dict[str, tuple[str, str]] = {
    # Probe s33: « visit_minutes = 600 ne tient pas dans visit_window » beside the page's
    # French fields.
    "sc_visit_minutes_do_not_fit": (
        "“Length of a visit (minutes)” = {minutes} does not fit in “Visits between” "
        "{window} ({length} minutes)",
        "« Durée d'une visite (minutes) » = {minutes} ne tient pas dans « Visites entre » "
        "{window} ({length} minutes)",
    ),
    "sc_oral_minutes_do_not_fit": (
        "“Length of an oral defence (minutes)” = {minutes} does not fit in “Oral defences "
        "between” {window} ({length} minutes)",
        "« Durée d'une soutenance (minutes) » = {minutes} ne tient pas dans « Soutenances "
        "entre » {window} ({length} minutes)",
    ),
    "plan_capacity_setting": (
        "{name} takes at most {count} team{s} (“Most teams per supervisor” in the settings: "
        "no max_teams of their own in {file})",
        "{name} prend au plus {count} équipe{s} (« Équipes au plus par accompagnateur·rice » "
        "dans les paramètres : pas d'équipes max propre dans {file})",
    ),
    "plan_oral_none": (
        "{team} ({institution}) has none of the oral slots ({slots}) in its column "
        "'{column}' of {file}: its team cannot defend; add one of them there or change "
        "“Oral defence slots” in the settings",
        "{team} ({institution}) n'a aucun des créneaux de soutenance ({slots}) dans sa "
        "colonne « {column} » de {file} : son équipe ne peut pas présenter ; ajoutez-en un "
        "à cette colonne ou changez « Créneaux des soutenances » dans les paramètres",
    ),
    "plan_oral_none_year": (
        "{team} ({institution}) has none of the oral slots ({slots}) in its column "
        "'{column}' of {file}: its cell gives {date}, but “Dates of the slots” puts {slot} "
        "on {day}: is the year right? Correct “Dates of the slots” in the settings or that "
        "cell",
        "{team} ({institution}) n'a aucun des créneaux de soutenance ({slots}) dans sa "
        "colonne « {column} » de {file} : sa cellule donne {date}, mais « Jour de chaque "
        "créneau » place {slot} le {day} : l'année est-elle la bonne ? Corrigez « Jour de "
        "chaque créneau » dans les paramètres ou cette cellule",
    ),
    "sup_date_unmatched": (
        "“Dates of the slots”: '{slot}' is not a slot of the calendar ({slots}), so its date "
        "{date} applies to no event",
        "« Jour de chaque créneau » : « {slot} » n'est pas un créneau du calendrier ({slots}) : "
        "sa date {date} ne s'applique à aucun événement",
    ),
    "sup_oral_before_visit": (
        "“Dates of the slots” puts the oral defences of {slot} on {day}, before the visits "
        "of {visit} ({visit_day}): is the year right?",
        "« Jour de chaque créneau » place les soutenances de {slot} le {day}, avant les "
        "visites de {visit} ({visit_day}) : l'année est-elle la bonne ?",
    ),
    "sup_date_day_off": (
        "“Dates of the slots” puts {slot} on {day}, {why}: is it the day meant?",
        "« Jour de chaque créneau » place {slot} le {day}, {why} : est-ce bien le jour voulu ?",
    ),
    "sup_dates_missing_one": (
        "“Dates of the slots” gives no date for the slot {slots}: its events are in "
        "schedule.csv without a date, and calendar.ics leaves them out",
        "« Jour de chaque créneau » ne donne pas de date au créneau {slots} : ses événements "
        "figurent dans schedule.csv sans date, et calendar.ics les omet",
    ),
    "sup_dates_missing_many": (
        "“Dates of the slots” gives no date for the slots {slots}: their events are in "
        "schedule.csv without a date, and calendar.ics leaves them out",
        "« Jour de chaque créneau » ne donne pas de date aux créneaux {slots} : leurs "
        "événements figurent dans schedule.csv sans date, et calendar.ics les omet",
    ),
    "td_pin_unselected": (
        "{who} is pinned to {pin}, which is not a selected commission (to keep it, add {pin} "
        "to “Always include” in the settings and run again)",
        "{who} est imposé·e dans {pin}, qui n'est pas une commande retenue (pour la garder, "
        "ajoutez {pin} à « Toujours retenir » dans les paramètres et relancez)",
    ),
    "td_pin_include_full": (
        "{who} is pinned to {pin}, which is not a selected commission, and “Always include” "
        "already names {count} commissions ({ids}), as many as “Commissions to select”: to "
        "keep the pin, put {pin} there in place of one of them, or select more commissions",
        "{who} est imposé·e dans {pin}, qui n'est pas une commande retenue, et « Toujours "
        "retenir » nomme déjà {count} commandes ({ids}), autant que « Nombre de commandes à "
        "retenir » : pour garder l'imposition, mettez-y {pin} à la place de l'une d'elles, "
        "ou retenez plus de commandes",
    ),
    "td_pin_include_crowded": (
        "{who} is pinned to {pin}, which is not a selected commission, and “Always include” "
        "already names {ids} of the same institution ({institution}), where at most "
        "{cap} per institution may be selected: to keep the pin, take {ids} out of it, "
        "or allow more proposals per institution",
        "{who} est imposé·e dans {pin}, qui n'est pas une commande retenue, et « Toujours "
        "retenir » nomme déjà {ids} de la même institution ({institution}), alors qu'on peut "
        "en retenir au plus {cap} par institution : pour garder l'imposition, retirez-en {ids}, "
        "ou autorisez plus de commandes par institution",
    ),
    "td_pins_include_crowded": (
        "{who} are pinned to {pin}, which is not a selected commission, and “Always include” "
        "already names {ids} of the same institution ({institution}), where at most "
        "{cap} per institution may be selected: to keep the pins, take {ids} out of "
        "it, or allow more proposals per institution",
        "{who} sont imposé·e·s dans {pin}, qui n'est pas une commande retenue, et « Toujours "
        "retenir » nomme déjà {ids} de la même institution ({institution}), alors qu'on peut "
        "en retenir au plus {cap} par institution : pour garder les impositions, retirez-en "
        "{ids}, ou autorisez plus de commandes par institution",
    ),
    "td_in_include_one": ("{ids} in “Always include”", "{ids} dans « Toujours retenir »"),
    "td_in_include_many": ("{ids} in “Always include”", "{ids} dans « Toujours retenir »"),
    "td_pins_over_count_one": (
        "the pins {what} need {n} proposal selected, but “Commissions to select” is "
        "{count}: change a pin, or select more commissions",
        "les impositions {what} demandent de retenir {n} commande, mais « Nombre de "
        "commandes à retenir » vaut {count} : changez une imposition, ou retenez plus de "
        "commandes",
    ),
    "td_pins_over_count_many": (
        "the pins {what} need {n} proposals selected, but “Commissions to select” is "
        "{count}: change a pin, or select more commissions",
        "les impositions {what} demandent de retenir {n} commandes, mais « Nombre de "
        "commandes à retenir » vaut {count} : changez une imposition, ou retenez plus de "
        "commandes",
    ),
    "val_selection_cannot_zero": (
        "no eligible proposal can be selected but “Commissions to select” is {count}: the "
        "selection cannot succeed",
        "aucune commande éligible ne peut être retenue mais « Nombre de commandes à "
        "retenir » vaut {count} : la sélection ne peut pas aboutir",
    ),
    "val_selection_cannot_one": (
        "only {n} eligible proposal can be selected (at most {cap} per institution) but "
        "“Commissions to select” is {count}: the selection cannot succeed",
        "seulement {n} commande éligible peut être retenue (au plus {cap} par institution) "
        "mais « Nombre de commandes à retenir » vaut {count} : la sélection ne peut pas "
        "aboutir",
    ),
    "val_selection_cannot_many": (
        "only {n} eligible proposals can be selected together (at most {cap} per "
        "institution) but “Commissions to select” is {count}: the selection cannot succeed",
        "seulement {n} commandes éligibles peuvent être retenues ensemble (au plus {cap} par "
        "institution) mais « Nombre de commandes à retenir » vaut {count} : la sélection ne "
        "peut pas aboutir",
    ),
    "val_too_few_fit_zero": (
        "no eligible proposal could host a team of this cohort, but “Commissions to select” "
        "is {count}: {rules}",
        "aucune commande éligible ne pourrait accueillir une équipe de cette cohorte, mais "
        "« Nombre de commandes à retenir » vaut {count} : {rules}",
    ),
    "val_too_few_fit_one": (
        "only {n} eligible proposal could host a team of this cohort ({ids}), but "
        "“Commissions to select” is {count}, so every selection holds one that cannot: "
        "{rules}",
        "seulement {n} commande éligible pourrait accueillir une équipe de cette cohorte "
        "({ids}), mais « Nombre de commandes à retenir » vaut {count} : toute sélection en "
        "retient donc une qui ne le peut pas : {rules}",
    ),
    "val_too_few_fit_cap": (
        "the eligible proposals that could host a team of this cohort ({ids}) allow only "
        "{n} in one selection (at most {cap} per institution), but “Commissions to select” "
        "is {count}, so every selection holds one that cannot: {rules}",
        "les commandes éligibles qui pourraient accueillir une équipe de cette cohorte "
        "({ids}) ne permettent d'en retenir que {n} ensemble (au plus {cap} par "
        "institution), mais « Nombre de commandes à retenir » vaut {count} : toute sélection "
        "en retient donc une qui ne le peut pas : {rules}",
    ),
    "val_too_few_fit_many": (
        "only {n} eligible proposals could host a team of this cohort together ({ids}), but "
        "“Commissions to select” is {count}, so every selection holds one that cannot: "
        "{rules}",
        "seulement {n} commandes éligibles pourraient accueillir ensemble une équipe de cette "
        "cohorte ({ids}), mais « Nombre de commandes à retenir » vaut {count} : toute "
        "sélection en retient donc une qui ne le peut pas : {rules}",
    ),
    "td_pins_include_full": (
        "{who} are pinned to {pin}, which is not a selected commission, and “Always include” "
        "already names {count} commissions ({ids}), as many as “Commissions to select”: to "
        "keep the pins, put {pin} there in place of one of them, or select more commissions",
        "{who} sont imposé·e·s dans {pin}, qui n'est pas une commande retenue, et « Toujours "
        "retenir » nomme déjà {count} commandes ({ids}), autant que « Nombre de commandes à "
        "retenir » : pour garder les impositions, mettez-y {pin} à la place de l'une "
        "d'elles, ou retenez plus de commandes",
    ),
    "td_pins_unselected": (
        "{who} are pinned to {pin}, which is not a selected commission (to keep it, add "
        "{pin} to “Always include” in the settings and run again)",
        "{who} sont imposé·e·s dans {pin}, qui n'est pas une commande retenue (pour la garder, "
        "ajoutez {pin} à « Toujours retenir » dans les paramètres et relancez)",
    ),
    "v_include_missing": (
        "{id} is in “Always include” but is not selected",
        "{id} est dans « Toujours retenir » mais n'est pas retenue",
    ),
    "diag_sel_not_isolated": (
        "the rules conflict but the conflict could not be isolated within the time limit; "
        "check the commissions to select, the most per institution, “Always include” and "
        "the slots",
        "les règles se contredisent mais la contradiction n'a pas pu être isolée dans la "
        "limite de temps ; vérifiez le nombre de commandes à retenir, le maximum par "
        "institution, « Toujours retenir » et les créneaux",
    ),
    "el_count_above_received_one": (
        "“Commissions to select” is {count} but only {received} proposal was received "
        "({file}); expected a number from 1 to {received}",
        "« Nombre de commandes à retenir » vaut {count} mais seulement {received} commande a "
        "été reçue ({file}) ; il faut un nombre de 1 à {received}",
    ),
    "el_count_above_received_many": (
        "“Commissions to select” is {count} but only {received} proposals were received "
        "({file}); expected a number from 1 to {received}",
        "« Nombre de commandes à retenir » vaut {count} mais seulement {received} commandes "
        "ont été reçues ({file}) ; il faut un nombre de 1 à {received}",
    ),
    "w_refuse_cap": (
        "{id}: {institution} is already selected (“At most this many commissions per "
        "institution”: {cap})",
        "{id} : {institution} est déjà retenue (« Au plus ce nombre de commandes par "
        "institution » : {cap})",
    ),
    "family_include": ("{id} is in “Always include”", "{id} est dans « Toujours retenir »"),
    "diag_include_ineligible": (
        "{id} ({institution}) is in “Always include” but is {reason}",
        "{id} ({institution}) est dans « Toujours retenir » mais {reason}",
    ),
    "diag_include_same_both": (
        "{ids} are both in “Always include” but come from the same institution "
        "({institution}); at most {cap} per institution may be selected",
        "{ids} sont toutes deux dans « Toujours retenir » mais viennent de la même "
        "institution ({institution}) ; on peut retenir au plus {cap} par institution",
    ),
    "diag_include_same_all": (
        "{ids} are all in “Always include” but come from the same institution "
        "({institution}); at most {cap} per institution may be selected",
        "{ids} sont toutes dans « Toujours retenir » mais viennent de la même institution "
        "({institution}) ; on peut retenir au plus {cap} par institution",
    ),
    "diag_too_many_includes_one": (
        "{included} proposals are in “Always include” ({ids}) but only {n} commission is to "
        "be selected",
        "{included} commandes sont dans « Toujours retenir » ({ids}) mais seulement {n} "
        "commande est à retenir",
    ),
    "diag_too_many_includes_many": (
        "{included} proposals are in “Always include” ({ids}) but only {n} commissions are "
        "to be selected",
        "{included} commandes sont dans « Toujours retenir » ({ids}) mais seulement {n} "
        "commandes sont à retenir",
    ),
    # The team-size settings as the settings form labels them.
    "setting_min_size": ("“Smallest team”", "« Plus petite équipe »"),
    "setting_max_size": ("“Largest team”", "« Plus grande équipe »"),
    "val_teams_cannot": (
        "{teams} teams of {low} to {high} students cannot hold {n} students: the teams "
        "cannot be formed (see “Smallest team” / “Largest team”)",
        "{teams} équipes de {low} à {high} étudiants ne peuvent pas accueillir {n} "
        "étudiants : les équipes ne peuvent pas être formées (voir « Plus petite équipe » / "
        "« Plus grande équipe »)",
    ),
    "val_teams_cannot_fill": (
        "{n} students cannot fill {teams} teams of at least {low}: the teams cannot be formed "
        "(see “Smallest team” / “Largest team”)",
        "{n} étudiants ne suffisent pas à remplir {teams} équipes d'au moins {low} : les "
        "équipes ne peuvent pas être formées (voir « Plus petite équipe » / « Plus grande "
        "équipe »)",
    ),
    "val_teams_cannot_fit": (
        "{teams} teams of at most {high} students cannot hold {n} students: the teams cannot be "
        "formed (see “Smallest team” / “Largest team”)",
        "{teams} équipes d'au plus {high} étudiants ne peuvent pas accueillir {n} étudiants : les "
        "équipes ne peuvent pas être formées (voir « Plus petite équipe » / « Plus grande "
        "équipe »)",
    ),
    "val_teams_cannot_exact": (
        "{teams} teams of {size} students cannot hold {n} students: the teams cannot be "
        "formed (see “Smallest team” / “Largest team”)",
        "{teams} équipes de {size} étudiants ne peuvent pas accueillir {n} étudiants : les "
        "équipes ne peuvent pas être formées (voir « Plus petite équipe » / « Plus grande "
        "équipe »)",
    ),
    "td_isolation_pinned_alone_zero": (
        "“No isolated student” {condition}: the pins {pins} leave {teams} teams with a "
        "single such student each, and no other student meets it to join them",
        "« Pas d'étudiant isolé » {condition} : les impositions {pins} laissent {teams} "
        "équipes avec un seul étudiant de ce profil, et aucun autre étudiant n'en est pour "
        "les rejoindre",
    ),
    "td_isolation_pinned_alone_one": (
        "“No isolated student” {condition}: the pins {pins} leave {teams} teams with a "
        "single such student each, and only {n} other student meets it to join them",
        "« Pas d'étudiant isolé » {condition} : les impositions {pins} laissent {teams} "
        "équipes avec un seul étudiant de ce profil, et seulement {n} autre étudiant en est "
        "pour les rejoindre",
    ),
    "td_isolation_pinned_alone_many": (
        "“No isolated student” {condition}: the pins {pins} leave {teams} teams with a "
        "single such student each, and only {n} other students meet it to join them",
        "« Pas d'étudiant isolé » {condition} : les impositions {pins} laissent {teams} "
        "équipes avec un seul étudiant de ce profil, et seulement {n} autres étudiants en "
        "sont pour les rejoindre",
    ),
    "td_isolation_alone": (
        "“No isolated student” {condition}: {who} is the only such student, so their team "
        "cannot hold two",
        "« Pas d'étudiant isolé » {condition} : {who} est le seul étudiant de ce profil, son "
        "équipe ne peut donc pas en compter deux",
    ),
    "td_isolation_pair_apart": (
        "“No isolated student” {condition}: {a} and {b} are the only such students and must "
        "be kept apart, so each one's team would hold one",
        "« Pas d'étudiant isolé » {condition} : {a} et {b} sont les seuls étudiants de ce "
        "profil et doivent être séparés : chacun serait seul de ce profil dans son équipe",
    ),
    "td_rule_isolations": (
        "“No isolated student” conditions",
        "conditions « Pas d'étudiant isolé »",
    ),
    "td_rule_isolation": (
        "“No isolated student” {label}: its {n} students ({names}) must be 0 or at least 2 "
        "per team",
        "« Pas d'étudiant isolé » {label} : ses {n} étudiants ({names}) doivent être 0 ou au "
        "moins 2 par équipe",
    ),
}


def page_label_keys() -> tuple[str, ...]:
    """The keys the workbench words its own way (for tests)."""
    return tuple(_PAGE_LABELS)


def label(key: str, lang: Lang, **values: object) -> str:
    """The label ``key`` in ``lang``, with ``{name}`` placeholders filled from ``values``
    (the workbench's wording while ``lines_in_every_language`` words the page's lines)."""
    page = _PAGE_WORDING.get() and key in _PAGE_LABELS
    english, french = _PAGE_LABELS[key] if page else _LABELS[key]
    text = french if lang == "fr" else english
    if lang == "fr" and values and ("de {" in text or "que {" in text):
        # « matricule d'étudiants (1).csv » (probe s19d), « séparé·e d'Anna Pire » (probe
        # s29a), not « de étudiants », « de Anna »: elided before a word starting with a vowel
        # (a code stays: « de A1 », « de E01 », « de oral_thu », « de extra1 »: probe s29i).
        for name, value in values.items():
            if _elides(str(value)):
                text = re.sub(rf"\b(d|qu)e \{{{name}\}}", rf"\1'{{{name}}}", text)
    return text.format(**values) if values else text


#: The first letters before which French elides « de » into « d' » (not y: « de Yasmina »).
_FRENCH_VOWELS = frozenset("aàâäeéèêëiîïoôöuùûüœæ")
#: Words whose h is aspirated, so « de » stays before them (« de Haute École », « de Huy »,
#: « de Herve » the town): a mute h before a vowel elides as a vowel does (« d'Hélène »,
#: « d'Hugo », « d'Hervé », « d'Henri »: probe s39e).
_ASPIRATED_H = frozenset(
    [
        "haut",
        "haute",
        "hauts",
        "hautes",
        "hainaut",
        "hal",
        "halle",
        "hall",
        "hamoir",
        "handicap",
        "hannut",
        "hasselt",
        "herstal",
        "herve",
        "home",
        "homes",
        "hors",
        "hotton",
        "houffalize",
        "huy",
    ]
)
#: A value's first word and the character after it.
_FIRST_WORD = re.compile(r"([^\W\d_]+)(.?)")


def _elides(value: str) -> bool:
    """Whether « de »/« que » elide before ``value``: a word (two letters or more, lower case
    after the first, not run into a digit, ``_`` or ``-`` as a code is) starting with a
    vowel, or with a mute h before a vowel (not an aspirated one: :data:`_ASPIRATED_H`)."""
    found = _FIRST_WORD.match(value)
    if found is None:
        return False
    word, after = found.groups()
    lowered = word.lower()
    mute_h = (
        lowered[0] == "h"
        and len(word) >= 3
        and lowered[1] in _FRENCH_VOWELS
        and lowered not in _ASPIRATED_H
    )
    return (
        len(word) >= 2
        and (lowered[0] in _FRENCH_VOWELS or mute_h)
        # An acronym too (« d'ASBL Handicap », « d'AMO Le Cercle »: probe s40i).
        and (word[1:].islower() or word.isupper())
        and not (after.isdigit() or after in ("_", "-"))
    )


def label_pattern(key: str, lang: Lang) -> str:
    """The label ``key`` in ``lang`` with its ``{name}`` placeholders left unfilled."""
    english, french = _LABELS[key]
    return french if lang == "fr" else english


def has_label(key: str) -> bool:
    """Whether ``key`` has a label (for names that may come from settings, e.g. priorities)."""
    return key in _LABELS


def priority_label(name: str, lang: Lang) -> str:
    """Readable name of a priority, falling back on its settings key."""
    key = f"prio_{name}"
    return label(key, lang) if has_label(key) else name


def metric_label(name: str, lang: Lang) -> str:
    """Readable name of a metric of contract §3, falling back on its key."""
    key = f"m_{name}"
    return label(key, lang) if has_label(key) else name.replace("_", " ")


def percent(share: float, lang: Lang) -> str:
    """A share in whole per cent as each language writes it: ``62%`` in English, ``62 %``
    in French (validate's shares already did; the report and the summary wrote ``62 %``
    in both)."""
    return label("val_share_percent", lang, percent=whole_percent(share, lang))


def whole_percent(share: float, lang: Lang) -> str:
    """A share's number of whole per cent, halves up (:func:`decimal`), never 0 for a share
    someone holds nor 100 for one someone lacks (probe s29i: 1 VAE of 200 read « 0 % »,
    199 of 200 with choices « 100 % », 1 of 8 « 12 % »)."""
    shown = decimal(100 * share, lang, 0)
    if shown == "0" and share > 0:
        return "1"
    if shown == "100" and share < 1:
        return "99"
    return shown


def metric_value(name: str, value: object, lang: Lang) -> str:
    """A metric's value as people read it: shares in per cent, whole numbers without a
    decimal point, other numbers with two decimals (a decimal comma in French), a missing
    value as a dash."""
    if name.endswith("_share") and isinstance(value, int | float):
        return percent(value, lang)
    if isinstance(value, float):
        return str(int(value)) if value == int(value) else decimal(value, lang, 2)
    return "—" if value is None else str(value)


def attribute_label(attribute: str, lang: Lang) -> str:
    """A balanced attribute's name in ``lang`` (one of students.csv's known columns), else
    as the settings name it."""
    known = attribute in ("background", "vae", "employed", "gender")
    return label(attribute, lang) if known else attribute


def balance_column(attribute: str, value: bool | str, lang: Lang) -> str:
    """A balanced attribute's value in words, as the composition table heads its column:
    ``VAE: yes``, ``gender: F``, or the background itself (``éducateur``)."""
    name = attribute_label(attribute, lang)
    if isinstance(value, bool):
        return f"{name}{label('colon', lang)}{label('yes' if value else 'no', lang)}"
    if attribute == "background":
        return value
    return f"{name}{label('colon', lang)}{value}"


def all_keys() -> tuple[str, ...]:
    """Every label key (for tests)."""
    return tuple(_LABELS)
