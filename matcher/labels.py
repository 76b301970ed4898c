"""Every label a person reads in reports, workbooks and terminal summaries, in English and French.

Data (institution names, backgrounds, sectors) stays as given; only the words around it are
translated here. Keys are English identifiers; a missing key is a programming error, caught by
the tests that render every output in both languages.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import Literal

Lang = Literal["en", "fr"]

LANGS: tuple[Lang, ...] = ("en", "fr")


def resolve_lang(explicit: str | None = None) -> Lang:
    """The language in force (contract §7): ``explicit`` (``--lang``), else the environment
    variable ``MATCHER_LANG``, else French when the locale (``LC_ALL``, ``LC_MESSAGES``,
    ``LANG``, the first one set) starts with ``fr``, else English."""
    for candidate in (explicit, os.environ.get("MATCHER_LANG")):
        if candidate:
            folded = candidate.strip().lower()[:2]
            if folded in LANGS:
                return "fr" if folded == "fr" else "en"
    for variable in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(variable)
        if value:
            return "fr" if value.lower().startswith("fr") else "en"
    return "en"


@dataclass(frozen=True)
class Text:
    """A message to be worded later, in the language of whoever reads it.

    Code that does not know the reader's language (loading, verification, the engines)
    returns ``Text(key, values)``; front ends word it with ``words(lang)``. ``str()`` gives
    the English wording, for logs and tests.
    """

    key: str
    values: dict[str, object] = field(default_factory=dict)

    def words(self, lang: Lang) -> str:
        """The message in ``lang``; values that are ``Text`` are worded too."""
        shown = {k: v.words(lang) if isinstance(v, Text) else v for k, v in self.values.items()}
        return label(self.key, lang, **shown)

    def __str__(self) -> str:
        return self.words("en")


def text(key: str, **values: object) -> Text:
    """``Text(key, values)``: a message worded when the language is known."""
    return Text(key, dict(values))


def worded(message: str | Text, lang: Lang) -> str:
    """A message in ``lang``: ``Text`` is worded, plain strings (data) are kept as they are."""
    return message.words(lang) if isinstance(message, Text) else message


#: key → (English, French).
_LABELS: dict[str, tuple[str, str]] = {
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
    "time": ("Time", "Temps"),
    "priority": ("Priority", "Priorité"),
    "value": ("Value", "Valeur"),
    "bound": ("Bound", "Borne"),
    "proven_short": ("Proven", "Prouvée"),
    "objective": ("Objective", "Objectif"),
    # Priorities (names are the settings' keys)
    "prio_sectors": ("distinct sectors (max)", "secteurs distincts (max)"),
    "prio_problem_types": ("distinct problem types (max)", "types de problématique (max)"),
    "prio_sector_spread": ("most proposals in one sector (min)", "maximum par secteur (min)"),
    "prio_priority": ("sum of staff priorities (max)", "somme des priorités (max)"),
    "prio_worst_choice": ("worst choice rank (min)", "pire rang de choix (min)"),
    "prio_balance": ("balance violations (min)", "écarts d'équilibre (min)"),
    "prio_choices": ("sum of choice ranks (min)", "somme des rangs de choix (min)"),
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
    "selected_count": ("{n} of {total} proposals selected", "{n} commandes retenues sur {total}"),
    "eligible_count": ("{n} eligible", "{n} éligibles"),
    "of_available": (
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
    "no_rank": ("—", "—"),
    "target": ("target", "cible"),
    "count": ("count", "nombre"),
    "in_target": ("within target", "dans la cible"),
    "off_target": ("outside target", "hors cible"),
    "composition_note": (
        "Each cell: students of that kind in the team. Target: between floor and ceiling "
        "of the cohort's count divided by the number of teams. Highlighted cells are "
        "outside their target.",
        "Chaque case : nombre d'étudiants de ce profil dans l'équipe. Cible : entre "
        "l'arrondi inférieur et supérieur du nombre dans la cohorte divisé par le nombre "
        "d'équipes. Les cases en couleur sont hors cible.",
    ),
    "rank_n": ("written choice {n}", "choix écrit n° {n}"),
    "students_with_choices": (
        "{n} students expressed choices",
        "{n} étudiants ont exprimé des choix",
    ),
    "choices_note": (
        "Figures about the choices as the students wrote them. {unavailable} of them wrote a "
        "first choice that was not selected; the solver ranks each student's choices among the "
        "selected commissions only, and its worst rank there is {worst}.",
        "Chiffres sur les choix tels que les étudiants les ont écrits. {unavailable} d'entre "
        "eux ont écrit un premier choix qui n'a pas été retenu ; le solveur classe les choix "
        "de chacun parmi les commandes retenues seulement, et le pire rang y est {worst}.",
    ),
    "rank_axis": ("written choice", "choix écrit"),
    "students_axis": ("students", "étudiants"),
    "not_listed": ("not listed", "non listé"),
    # What-if
    "moves": ("Students moved", "Étudiants déplacés"),
    "replaced": ("Replaced commissions", "Commandes remplacées"),
    "from_commission": ("From", "De"),
    "to_commission": ("To", "Vers"),
    "withdrawn": ("withdrawn", "retiré"),
    "arrived": ("new", "nouveau"),
    "no_changes": ("No student changed team.", "Aucun étudiant n'a changé d'équipe."),
    # Workbook
    "sheet_summary": ("Summary", "Résumé"),
    "sheet_selection": ("Selection", "Sélection"),
    "key": ("Item", "Élément"),
    # Terminal / check
    "summary_heading": ("Summary", "Résumé"),
    "solver_value": ("Solver's result", "Résultat du solveur"),
    "check_ok": (
        "The result holds every rule.",
        "Le résultat respecte toutes les règles.",
    ),
    "selection_broken": (
        "The selection in {file} breaks {n} selection rule(s); nothing was written:",
        "La sélection de {file} enfreint {n} règle(s) de sélection ; rien n'a été écrit :",
    ),
    "check_broken": (
        "The result breaks {n} rule(s):",
        "Le résultat enfreint {n} règle(s) :",
    ),
    "generated_by": ("Generated by matcher {version}", "Produit par matcher {version}"),
    # Explanations (matcher.explain, matcher explain, explanations.csv; contract §9)
    "explain_costs": (
        (
            "{name} would have their {ordinal} choice {wanted} only if {priority} got worse: "
            "from {value} to {value_if} ({displaced} other students would move)"
        ),
        (
            "{name} n'aurait son {ordinal} choix {wanted} qu'en dégradant {priority} : de "
            "{value} à {value_if} ({displaced} autres étudiants changeraient d'équipe)"
        ),
    ),
    "explain_free": (
        "Granting {name} {wanted} (their {ordinal} choice) is free: {moves} at no cost",
        "Accorder {wanted} (son {ordinal} choix) à {name} ne coûte rien : {moves}",
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
    "explain_rule_pinned": (
        "they are pinned to {pin}",
        "son équipe est imposée : {pin}",
    ),
    "explain_rule_partner_pinned": (
        "they must be together with {partner}, who is pinned to {pin}",
        "cette personne doit rester avec {partner}, dont l'équipe imposée est {pin}",
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
    "explain_rule_apart_pinned": (
        "{member} must be kept apart from {partner}, who is pinned to {wanted}",
        "{member} doit être séparé de {partner}, dont l'équipe imposée est {wanted}",
    ),
    "explain_rule_full": (
        "{wanted} holds at most {max} students and {pinned} are pinned to it: no room for {group}",
        (
            "{wanted} accueille au plus {max} étudiants et {pinned} y sont imposés : pas de "
            "place pour {group}"
        ),
    ),
    "explain_rule_no_assignment": (
        "no assignment keeps every rule with them in {wanted}",
        "aucune répartition ne respecte toutes les règles avec cette personne dans {wanted}",
    ),
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
        "the experience gap between teams",
        "l'écart d'expérience entre équipes",
    ),
    "explain_priority_moves": (
        "the students moved",
        "les étudiants déplacés",
    ),
    # Explanations in the report and the workbook (matcher.outputs; contract §9)
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
    "explain_wanted_rank": ("Its position", "Sa position"),
    "explain_verdict": ("Verdict", "Verdict"),
    "value_if_label": ("Value if granted", "Valeur si accordé"),
    "displaced_label": ("Others moved", "Autres déplacés"),
    "explain_reason": ("Explanation", "Explication"),
    "explain_none_needed": (
        "Every student with choices is on the best of their selected choices.",
        "Chaque étudiant ayant des choix est sur le meilleur de ses choix retenus.",
    ),
    "explain_not_run": (
        "Placements were not explained (--no-explain, or more than 200 students): "
        "run matcher explain.",
        "Les placements n'ont pas été expliqués (--no-explain, ou plus de 200 étudiants) : "
        "lancez matcher explain.",
    ),
    "explain_unknown_left": (
        "{count} questions were not settled within the time limit: matcher explain "
        "answers them with the full time limit per question.",
        "{count} questions n'ont pas été tranchées dans le temps imparti : matcher explain "
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
    "explain_no_swap_pairs": (
        "No two students would both gain by swapping teams.",
        "Aucune paire d'étudiants ne gagnerait à échanger d'équipe.",
    ),
    # Where an input problem is (matcher.errors.Problem)
    "problem_line": ("{where}: {message}", "{where} : {message}"),
    "where_row": ("{where}, row {row}", "{where}, ligne {row}"),
    "where_column": ("{where}, column '{column}'", "{where}, colonne « {column} »"),
    "where_key": ("{where}, key '{column}'", "{where}, clé « {column} »"),
    # Terminal frames (matcher.cli.common)
    "err_prefix": ("error: {message}", "erreur : {message}"),
    "warn_prefix": ("warning: {message}", "avertissement : {message}"),
    "err_invalid_one": ("error: invalid input:", "erreur : données invalides :"),
    "err_invalid_many": (
        "error: invalid input ({n} problems):",
        "erreur : données invalides ({n} problèmes) :",
    ),
    "versions": ("Versions", "Versions"),
}


def label(key: str, lang: Lang, **values: object) -> str:
    """The label ``key`` in ``lang``, with ``{name}`` placeholders filled from ``values``."""
    english, french = _LABELS[key]
    text = french if lang == "fr" else english
    return text.format(**values) if values else text


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


def all_keys() -> tuple[str, ...]:
    """Every label key (for tests)."""
    return tuple(_LABELS)
