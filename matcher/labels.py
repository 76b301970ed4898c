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
    # Stage 3: supervisors and the calendar (matcher.planning, report, workbook)
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
        "visites et présentations déplacées (min)",
    ),
    "plan_visit": ("Visit", "Visite"),
    "plan_oral": ("Oral defence", "Présentation orale"),
    "plan_supervisor": ("supervisor", "accompagnateur·rice"),
    "plan_team": ("team", "équipe"),
    "plan_no_supervisors": (
        "no supervisor in supervisors.csv: a plan needs at least one",
        "aucun·e accompagnateur·rice dans supervisors.csv : il en faut au moins un·e",
    ),
    "plan_oral_nobody": (
        "no supervisor is available on {slots} for {team}, whose institution ({institution})"
        " can only host the oral on {slots}",
        "aucun·e accompagnateur·rice n'est disponible le {slots} pour {team}, dont "
        "l'institution ({institution}) ne peut accueillir la présentation que le {slots}",
    ),
    "plan_capacity": (
        "{name} takes at most {count} team{s}",
        "{name} prend au plus {count} équipe{s}",
    ),
    "plan_ties": ("{name} is tied to {institutions}", "{name} a des liens avec {institutions}"),
    "plan_unavailable": ("{name} is unavailable on {slots}", "{name} est indisponible le {slots}"),
    "plan_oral_slots": (
        "the institution of {team} ({institution}) can only host the oral on {slots}",
        "l'institution de {team} ({institution}) ne peut accueillir la présentation que le {slots}",
    ),
    "plan_one_place": (
        "{name} cannot attend all of {events} on {slot}: {places} need {sum} minutes, "
        "the window {window} has {length}",
        "{name} ne peut assister à tout ({events}) le {slot} : {places} demandent "
        "{sum} minutes, la plage {window} en compte {length}",
    ),
    "plan_one_place_many": (
        "{name} cannot attend all of the {count} {events} of {slot} ({teams}): they need "
        "at least {sum} minutes, the window {window} has {length}",
        "{name} ne peut assister aux {count} {events} du {slot} ({teams}) : il faut au "
        "moins {sum} minutes, la plage {window} en compte {length}",
    ),
    "plan_visits_total": (
        "the {count} teams each need a visit on {slot}, but {names} can make at most "
        "{most} together: {each} each in the window {window} ({length} minutes) with "
        "{minutes}-minute visits and at least {gap} minutes between institutions",
        "les {count} équipes ont chacune besoin d'une visite le {slot}, mais {names} "
        "peuvent en faire au plus {most} ensemble : {each} chacun·e dans la plage {window} "
        "({length} minutes), avec des visites de {minutes} minutes et au moins {gap} minutes "
        "entre institutions",
    ),
    "plan_visits": ("visits", "visites"),
    "plan_orals": ("oral defences", "présentations orales"),
    "plan_one_place_plain": (
        "a supervisor is in one place at a time on {slot} and travels between institutions "
        "({travel} minutes, {same_town} within a town)",
        "un·e accompagnateur·rice est en un seul lieu à la fois le {slot} et se déplace "
        "entre institutions ({travel} minutes, {same_town} dans une même localité)",
    ),
    "plan_conflict": (
        "these rules cannot all hold together:",
        "ces règles ne peuvent pas toutes être respectées ensemble :",
    ),
    "plan_unknown": (
        "no conflict between the supervisors' rules could be isolated within the time limit",
        "aucun conflit entre les règles n'a pu être isolé dans le temps imparti",
    ),
    "plan_and": ("and", "et"),
    "plan_or": ("or", "ou"),
    "plan_colon": (": ", " : "),
    "plan_in": ("in", "à"),
    "plan_no_file": (
        "{instance} has no supervisors.csv (or accompagnateurs.csv): one row per supervisor "
        "is needed to plan",
        "{instance} n'a pas de supervisors.csv (ni accompagnateurs.csv) : il faut une ligne "
        "par accompagnateur·rice pour planifier",
    ),
    "plan_unknown_supervisor": (
        "--withdraw-supervisor {id}: no supervisor of supervisors.csv has this id",
        "--withdraw-supervisor {id} : aucun·e accompagnateur·rice de supervisors.csv "
        "n'a cet identifiant",
    ),
    "section_plan": ("Supervision and calendar", "Accompagnement et calendrier"),
    "plan_withdrawn": (
        "Withdrawn supervisors (not planned): {ids}",
        "Accompagnateur·rices retiré·es (non planifié·es) : {ids}",
    ),
    "plan_intro": (
        "Each team's supervisor comes with it to the visit and to the oral defence. "
        "The timeline shows, for each day, who is where and when; the gaps between two "
        "boxes on one row are the travel between institutions.",
        "L'accompagnateur·rice de chaque équipe l'accompagne à la visite et à la "
        "présentation orale. La frise montre, pour chaque journée, qui est où et quand ; "
        "les espaces entre deux cases d'une même ligne sont les déplacements entre institutions.",
    ),
    "plan_col_commission": ("Commission", "Commande"),
    "plan_col_institution": ("Institution", "Institution"),
    "plan_col_town": ("Town", "Localité"),
    "plan_col_supervisor": ("Supervisor", "Accompagnateur·rice"),
    "plan_col_expertise": ("Expertise", "Expertise"),
    "plan_col_visit": ("Visit", "Visite"),
    "plan_col_oral": ("Oral", "Présentation"),
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
        "Frise du {slot} : une ligne par accompagnateur·rice",
    ),
    "sheet_schedule": ("Schedule", "Calendrier"),
    "sheet_supervision": ("Supervision", "Accompagnement"),
    # Loading: the director's own spreadsheets (matcher.loading: columns, records,
    # crossrefs, settings, instance)
    "ld_list_more": ("{shown}, … ({n} in all)", "{shown}, … ({n} en tout)"),
    "ld_none_found": ("none", "aucune"),
    "ld_with_suggestion": (
        "{message}: did you mean {near}?",
        "{message} : vouliez-vous dire {near} ?",
    ),
    "ld_choice_repeated": (
        "choice {n} appears in {count} columns",
        "le choix {n} figure dans {count} colonnes",
    ),
    "ld_choices_both_ways": (
        "both a '{column}' column and numbered choice columns: keep one way of giving choices",
        "à la fois une colonne « {column} » et des colonnes de choix numérotées : gardez une "
        "seule façon de donner les choix",
    ),
    "ld_same_column": (
        "columns '{first}' and '{second}' both mean '{name}': keep only one",
        "les colonnes « {first} » et « {second} » désignent toutes deux « {name} » : "
        "n'en gardez qu'une",
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
    "ld_not_number": (
        "'{value}' is not a number: expected a number ≥ 0",
        "« {value} » n'est pas un nombre : il faut un nombre ≥ 0",
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
        "'{value}' is not a relation: expected apart (séparer) or together (ensemble)",
        "« {value} » n'est pas un lien : il faut séparer (apart) ou ensemble (together)",
    ),
    "ld_value_refused": (
        "{found} is not accepted: expected {expected}",
        "{found} ne convient pas : il faut {expected}",
    ),
    "ld_expect_int": ("a whole number", "un nombre entier"),
    "ld_expect_number": ("a number", "un nombre"),
    "ld_expect_finite": ("a finite number", "un nombre fini"),
    "ld_expect_bool": ("true or false", "true ou false"),
    "ld_expect_text": ("a text in quotes", "un texte entre guillemets"),
    "ld_expect_list": (
        'a list in brackets, e.g. ["a", "b"]',
        'une liste entre crochets, p. ex. ["a", "b"]',
    ),
    "ld_expect_table": ("a section of keys", "une section de clés"),
    "ld_expect_one_of": ("one of {choices}", "l'une des valeurs {choices}"),
    "ld_expect_ge": ("a number ≥ {limit}", "un nombre ≥ {limit}"),
    "ld_expect_gt": ("a number > {limit}", "un nombre > {limit}"),
    "ld_expect_le": ("a number ≤ {limit}", "un nombre ≤ {limit}"),
    "ld_expect_lt": ("a number < {limit}", "un nombre < {limit}"),
    "ld_expect_min_items": ("at least {limit} item(s)", "au moins {limit} élément(s)"),
    "ld_expect_max_items": ("at most {limit} item(s)", "au plus {limit} élément(s)"),
    "ld_expect_valid": ("a valid value ({reason})", "une valeur valable ({reason})"),
    "ld_not_a_proposal": (
        "'{ref}' is not a proposal id of {file}",
        "« {ref} » n'est pas un code de commande de {file}",
    ),
    "ld_not_a_student": (
        "'{ref}' is not a student id of {file}",
        "« {ref} » n'est pas un matricule de {file}",
    ),
    "ld_paired_self": (
        "student '{id}' is paired with themself: expected two different students",
        "l'étudiant « {id} » est apparié avec lui-même : il faut deux étudiants différents",
    ),
    "ld_pair_repeated": (
        "{file} row {row}: {a} and {b} are already paired on row {first}",
        "{file} ligne {row} : {a} et {b} forment déjà une paire à la ligne {first}",
    ),
    "ld_pair_contradiction": (
        "{file} row {row}: {a} and {b} are to be kept both apart and together (row {first}): "
        "no teams can honour both",
        "{file} ligne {row} : {a} et {b} doivent être à la fois séparés et ensemble "
        "(ligne {first}) : aucune répartition ne peut respecter les deux",
    ),
    "ld_choice_twice": (
        "a choice is listed twice (only the first counts) by: {who}",
        "un choix figure deux fois (seul le premier compte) chez : {who}",
    ),
    "ld_no_choices_some": (
        "{n} student(s) gave no choices (placed wherever balance is best): {who}",
        "{n} étudiant(s) sans aucun choix (placés là où l'équilibre est le meilleur) : {who}",
    ),
    "ld_no_choices_column": (
        "{file} has no choices: choices play no part in the teams",
        "{file} ne contient aucun choix : les choix ne jouent aucun rôle dans les équipes",
    ),
    "ld_pinned_unselectable": (
        "{student} is pinned to {pin}, which cannot be selected ({reason})",
        "{student} est imposé sur {pin}, qui ne peut pas être retenue ({reason})",
    ),
    "ld_choice_unselectable": (
        "{id} cannot be selected ({reason}) but is among the choices of {n} student(s): {who}",
        "{id} ne peut pas être retenue ({reason}) mais figure parmi les choix de "
        "{n} étudiant(s) : {who}",
    ),
    "ld_more_unselectable": (
        "{n} more proposals that cannot be selected are among the choices of "
        "{students} student(s)",
        "{n} autres commandes qui ne peuvent pas être retenues figurent parmi les choix de "
        "{students} étudiant(s)",
    ),
    "ld_pinned_employer": (
        "{student} is pinned to {pin} of their employer {institution} (conflict of interest)",
        "{student} est imposé sur {pin} de son employeur {institution} (conflit d'intérêts)",
    ),
    "ld_employer_taken": (
        "employer '{written}' ({who}) is taken as the institution '{institution}' of "
        "{file} (one name contains the other): no such student joins its commission",
        "l'employeur « {written} » ({who}) est compris comme l'institution « {institution} » "
        "de {file} (un nom contient l'autre) : ces étudiants ne rejoignent pas sa commande",
    ),
    "ld_employer_ambiguous": (
        "employer '{written}' ({who}) may be any of the institutions {institutions}: "
        "conflicts of interest are checked against none of them; write the institution's "
        "name as {file} does",
        "l'employeur « {written} » ({who}) peut désigner plusieurs institutions "
        "({institutions}) : les conflits d'intérêts ne sont vérifiés pour aucune ; écrivez "
        "le nom de l'institution comme dans {file}",
    ),
    "ld_already_in_cohort": (
        "'{id}' is already a student of the cohort ({clash}): expected a new id",
        "« {id} » est déjà un étudiant de la cohorte ({clash}) : il faut un nouveau matricule",
    ),
    "ld_missing_file": (
        "missing file {name} (accepted names: {accepted}, in any case, or a sheet of that "
        "name in an .xlsx instance): this command needs it",
        "fichier {name} absent (noms acceptés : {accepted}, majuscules ou non, ou une feuille "
        "de ce nom dans une instance .xlsx) : cette commande en a besoin",
    ),
    "ld_missing_sheet": (
        "missing sheet {name} (accepted names: {accepted}): this command needs it",
        "feuille {name} absente (noms acceptés : {accepted}) : cette commande en a besoin",
    ),
    "ld_workbook_hint": (
        "{message}; to read {book}, give the workbook itself as the instance",
        "{message} ; pour lire {book}, donnez le classeur lui-même comme instance",
    ),
    "ld_file_unreadable": ("cannot be read: {reason}", "illisible : {reason}"),
    "ld_not_toml": ("not valid TOML: {reason}", "n'est pas un fichier TOML valide : {reason}"),
    "ld_unknown_section": (
        "unknown section (known: {known})",
        "section inconnue (connues : {known})",
    ),
    "ld_unknown_setting": (
        "unknown setting (known: {known})",
        "réglage inconnu (connus : {known})",
    ),
    "ld_any_slots_shape": (
        'expected a list of groups of slots, e.g. any_slots = [["oral-2027-05-20", '
        '"oral-2027-05-21"]]',
        'il faut une liste de groupes de créneaux, p. ex. any_slots = [["oral-2027-05-20", '
        '"oral-2027-05-21"]]',
    ),
    "ld_include_and_exclude": (
        "{ids} both included and excluded",
        "{ids} à la fois incluses et exclues",
    ),
    "ld_priority_twice": (
        "{names} listed more than once: each priority counts once",
        "{names} figure plus d'une fois : chaque priorité compte une fois",
    ),
    "ld_cannot_balance": (
        "'{attribute}' cannot be balanced: expected some of {attributes}",
        "« {attribute} » ne peut pas être équilibré : il faut choisir parmi {attributes}",
    ),
    "ld_cannot_balance_absent": (
        "'{attribute}' cannot be balanced: {file} has no such column",
        "« {attribute} » ne peut pas être équilibré : {file} n'a pas cette colonne",
    ),
    "ld_not_condition": (
        "'{condition}' is not a condition: expected attribute=value with an attribute among "
        "{attributes} (e.g. vae=yes, gender=M)",
        "« {condition} » n'est pas une condition : il faut attribut=valeur avec un attribut "
        "parmi {attributes} (p. ex. vae=oui, gender=M)",
    ),
    "ld_condition_no_column": (
        "'{condition}': {file} has no {attribute} column",
        "« {condition} » : {file} n'a pas de colonne {attribute}",
    ),
    "ld_condition_not_bool": (
        "'{condition}': {value} is not a yes/no value",
        "« {condition} » : {value} n'est pas une valeur oui/non",
    ),
    "ld_unknown_slots": (
        "{file}: slot(s) {slots} appear in no proposal's slots",
        "{file} : le(s) créneau(x) {slots} ne figure(nt) dans les créneaux d'aucune commande",
    ),
    # --- Edited results and `matcher report` (matcher.loading.results, outputs, cli/report)
    "result_teams_differ": (
        "{csv} and {book} give different teams for {n} student(s) (e.g. {student}: "
        "{in_csv} in {csv}, {in_book} in {book}); {csv} is used",
        "{csv} et {book} donnent des équipes différentes pour {n} étudiant·e(s) (p. ex. "
        "{student} : {in_csv} dans {csv}, {in_book} dans {book}) ; {csv} est utilisé",
    ),
    "result_book_unread": (
        "{book} could not be read; the CSV files of the result are used",
        "{book} n'a pas pu être lu ; les fichiers CSV du résultat sont utilisés",
    ),
    "section_broken": ("Broken rules", "Règles enfreintes"),
    "sheet_broken": ("Broken rules", "Règles enfreintes"),
    "broken_intro": (
        "This result was edited by hand and breaks {n} rule(s); the figures below describe it "
        "as it stands.",
        "Ce résultat a été modifié à la main et enfreint {n} règle(s) ; les chiffres ci-dessous "
        "le décrivent tel quel.",
    ),
    "edited_ok": (
        "This result was edited by hand and keeps every rule.",
        "Ce résultat a été modifié à la main et respecte toutes les règles.",
    ),
    "section_edit_cost": ("What the edit cost", "Ce que la modification a coûté"),
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
        "{n} commissions selected, covering {sectors} sectors and {types} problem types, "
        "at most {most} in one sector.",
        "{n} commandes retenues, couvrant {sectors} secteurs et {types} types de "
        "problématique, au plus {most} dans un même secteur.",
    ),
    "plain_sizes": (
        "{n} students in {teams} teams of {sizes}.",
        "{n} étudiants répartis en {teams} équipes de {sizes}.",
    ),
    "plain_balance_ok": (
        "Every team within its targets ({attributes}).",
        "Toutes les équipes dans leurs cibles ({attributes}).",
    ),
    "plain_balance_off": (
        "{n} team(s) of {total} outside a target ({attributes}): see the highlighted cells "
        "of the composition.",
        "{n} équipe(s) sur {total} hors d'une cible ({attributes}) : voir les cases en "
        "couleur de la composition.",
    ),
    "plain_experience": (
        "Experience spread: every team at most {years} years from its fair share of the "
        "cohort's experience.",
        "Répartition de l'expérience : chaque équipe à au plus {years} années de sa juste part "
        "de l'expérience de la cohorte.",
    ),
    "plain_choices": (
        "{first} of the students got their first written choice, {listed} a commission they "
        "listed; {unlisted} were placed on a commission they did not list.",
        "{first} des étudiants ont obtenu leur premier choix écrit, {listed} une commande de "
        "leur liste ; {unlisted} ont été placés sur une commande hors de leur liste.",
    ),
    "plain_conflicts_ok": (
        "No student is on their employer's commission.",
        "Aucun étudiant n'est sur la commande de son employeur.",
    ),
    "plain_conflicts": (
        "{n} student(s) on their employer's commission.",
        "{n} étudiant(s) sur la commande de leur employeur.",
    ),
    "plain_pairs_ok": (
        "Every request to keep students apart or together is honoured.",
        "Toutes les demandes de séparer ou de réunir des étudiants sont respectées.",
    ),
    "plain_pairs": (
        "{n} request(s) to keep students apart or together not honoured.",
        "{n} demande(s) de séparer ou de réunir des étudiants non respectée(s).",
    ),
    "plain_proven": (
        "No better result exists for these priorities: the solver proved it.",
        "Aucun meilleur résultat n'existe pour ces priorités : le solveur l'a prouvé.",
    ),
    "plain_not_proven": (
        "The time limit was reached: a good result, not proven to be the best.",
        "La limite de temps a été atteinte : un bon résultat, sans preuve qu'il est le meilleur.",
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
    "plain_prio_priority": ("sum of the staff's ratings", "somme des priorités de l'équipe"),
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
