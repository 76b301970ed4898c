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
    # Unreadable files, cells and terminal safety (matcher.loading: tables, sources,
    # instance, results; matcher.planning; matcher.app.validate), issue 12
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
        "c'est un périphérique, un tube ou une socket, pas un fichier",
    ),
    "why_os_error": ("{reason}", "{reason}"),
    "why_not_instance": (
        "an instance is a folder (commissions.csv, students.csv, …) or an .xlsx workbook",
        "une instance est un dossier (commissions.csv, students.csv, …) ou un classeur .xlsx",
    ),
    "err_no_such_file": ("no such file", "fichier introuvable"),
    "err_missing_file": (
        "no {name}: expected {names} (any case), or a sheet of that name in a workbook "
        "given as the instance; this command needs it{hint}",
        "pas de {name} : attendu {names} (majuscules ou non), ou une feuille de ce nom dans "
        "un classeur donné comme instance ; cette commande en a besoin{hint}",
    ),
    "err_missing_sheet": (
        "no sheet {name}: expected a sheet named {names} (any case); this command needs it",
        "pas de feuille {name} : attendu une feuille nommée {names} (majuscules ou non) ; "
        "cette commande en a besoin",
    ),
    "hint_workbook_here": (
        " (to read {book}, give the workbook itself as the instance)",
        " (pour lire {book}, donnez le classeur lui-même comme instance)",
    ),
    "err_cell_too_large": (
        "the cell holds {size} characters, more than the {limit} a cell may hold "
        "(a whole text pasted into one cell?)",
        "la cellule contient {size} caractères, plus que les {limit} permis "
        "(un texte entier collé dans une cellule ?)",
    ),
    "err_unsaved_formula": (
        "formula without a saved value: open and save the file in Excel/LibreOffice, "
        "or paste values",
        "formule sans valeur enregistrée : ouvrez et enregistrez le fichier dans "
        "Excel/LibreOffice, ou collez les valeurs",
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
        "({size} students): no selection can keep it together",
        "le groupe « ensemble » {members} ({n} étudiants) dépasse la plus grande équipe "
        "({size} étudiants) : aucune sélection ne peut le garder réuni",
    ),
    "validate_impossible": (
        "error: {n} rule(s) cannot hold, whatever the selection:",
        "erreur : {n} règle(s) ne peuvent pas tenir, quelle que soit la sélection :",
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
