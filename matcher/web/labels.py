"""Every word of the workbench's pages, in English and French (one dict per language)."""

from __future__ import annotations

import re

from matcher.labels import Lang

LABELS: dict[Lang, dict[str, str]] = {
    "en": {
        # A label and its value: French typography puts a space before the colon.
        "colon": ": ",
        "title": "matcher workbench",
        "language": "Language",
        "tab_open": "Open",
        "tab_settings": "Settings",
        "tab_run": "Run",
        "tab_selection": "Selection",
        "tab_teams": "Teams",
        "tab_whatif": "What-if",
        "tab_save": "Save",
        "no_instance": "No cohort is open yet: upload its files below.",
        "instance_open": "Cohort open",
        "students": "students",
        "proposals": "proposals",
        "reload": "Reload the instance given on the command line",
        "upload_help": (
            "Upload commissions.csv, students.csv (and pairs.csv), or one .xlsx workbook."
        ),
        "upload": "Upload and check",
        "problems": "Problems found in the files",
        "col_file": "File",
        "col_row": "Row",
        "col_column": "Column",
        "col_message": "Problem",
        "warnings": "Warnings",
        "too_large": "The upload is larger than 20 MB: send smaller files.",
        "forbidden": "Forbidden: this workbench only answers its own page.",
        "count": "Commissions to select",
        "required_slots": "Required slots (one per line)",
        "any_slots": "At least one of (groups, one per line, slots separated by ';')",
        "include": "Always include (ids separated by ';')",
        "exclude": "Never select (ids separated by ';')",
        "balance": "Balanced attributes",
        "no_isolation": "No isolated student (conditions, one per line, e.g. vae=yes)",
        "team_priorities": "Team priorities, most important first (drag to reorder)",
        "time_limit": "Time limit (seconds)",
        "apply_settings": "Apply settings",
        "settings_saved": "Settings applied.",
        "run": "Run both stages",
        "cancel": "Cancel (keep the best so far)",
        "running": "Solving…",
        "stage": "Stage",
        "priority": "Priority",
        "best": "Best value",
        "bound": "Bound",
        "elapsed": "Seconds",
        "done": "Solved",
        "failed": "No solution",
        "cancelled": "Cancelled: nothing was found yet.",
        "busy": "A solve is already running.",
        "not_run": "Run the solver first.",
        "selected": "Selected",
        "reserve": "Reserve",
        "reason": "Reason",
        "proposal": "Proposal",
        "institution": "Institution",
        "broken_rules": "Broken rules",
        "all_rules_kept": "Every rule holds.",
        "priorities": "Priorities (now / optimum / difference)",
        "undo": "Undo",
        "redo": "Redo",
        "reoptimise": "Re-optimise the others (fewest moves)",
        "lock": "Lock",
        "unlock": "Unlock",
        "locked": "locked",
        "vae": "VAE",
        "employed": "employed",
        "choice": "choice",
        "no_choice": "no choices",
        "off_first": "not their first choice",
        "size": "size",
        "withdraw_commission": "Withdraw a commission",
        "withdraw_student": "Withdraw a student",
        "withdraw": "Show the changes",
        "force": "Next run",
        "force_include": "always",
        "force_exclude": "never",
        "force_free": "free",
        "rerun_needed": "Settings changed: run again to apply them.",
        "add_students": "Students arriving (file)",
        "changes": "Changes (who moves where)",
        "student": "Student",
        "from": "From",
        "to": "To",
        "accept": "Accept",
        "discard": "Discard",
        "no_changes": "Nobody moves.",
        "save": "Save the result",
        "saved_to": "Saved into the output folder",
        "saved_broken": "Saved, but the result breaks rules (matcher check will say which).",
        "download": "Download",
        "explanation": "Why this team?",
        "not_computed": "Not computed yet (the explain command is coming).",
        "click_card": "Click a card to see why the student is there.",
        "moves": "moves",
        "prio_moves": "students moved",
        "prio_worst_choice": "worst choice rank",
        "prio_balance": "balance deviations",
        "prio_choices": "sum of choice ranks",
        "prio_experience": "experience gap",
        "cancelled_kept": "Cancelled: the best result found so far is kept (not proven best).",
        "max_per_institution": "At most this many commissions per institution",
        "selection_priorities": "Selection priorities, most important first (drag to reorder)",
        "sprio_sectors": "sectors covered",
        "sprio_problem_types": "problem types covered",
        "sprio_sector_spread": "spread across sectors",
        "sprio_priority": "proposals' own priority",
        "min_size": "Smallest team (empty: as even as possible)",
        "max_size": "Largest team (empty: as even as possible)",
        "size_default": "even",
        "no_replace": "No replacement: keep the team in the remaining commissions",
        "not_replaced": "withdrawn, no replacement",
        "explain_broken": "The board breaks a rule: explanations need a board keeping every rule.",
        "explain_best": "On their best available choice: nothing to explain.",
        # Stage 3 (supervisors and calendar), the run's explanations, saving them.
        "tab_plan": "Supervision and calendar",
        "stage_selection": "selection of the commissions",
        "stage_teams": "teams",
        "stage_plan": "supervisors and calendar",
        "stage_explanations": "explanations",
        "explaining": (
            "Explaining every wish, as matcher run does (the board is ready meanwhile)."
        ),
        "explained_ready": "Every wish is explained: click a card to see why, at once.",
        "explain_cancelled": (
            "Explanations cancelled: the why panel explains each student on demand."
        ),
        "explained_run": "From the run's explanations (no new solve).",
        "replan": "Plan again",
        "plan_help": (
            "Each team's supervisor comes with it to the institution visit and to the oral "
            "defence. Moving students does not change the plan: it depends on which teams "
            "there are and on the supervisors, not on who is in a team."
        ),
        "plan_none": "No plan of supervisors and calendar satisfies the rules:",
        "plan_timeout": (
            "No plan of supervisors and calendar was found within the time limit: raise the "
            "time limit in the settings, then plan again."
        ),
        "plan_cancelled": "Not planned: the run was cancelled. Plan again when ready.",
        "plan_supervision": "Who supervises which team",
        "plan_schedule": "Day by day",
        "plan_withdrawn_list": "Supervisors withdrawn",
        "withdraw_supervisor": "Withdraw a supervisor",
        "supervisor_changes": "Teams changing supervisor",
        "saved_plan": "supervision.csv, schedule.csv and calendar.ics written.",
        "saved_plan_moved": (
            "supervision.csv, schedule.csv and calendar.ics written as planned: moving "
            "students does not change the plan; calendar.ics lists each team as it is now."
        ),
        "saved_no_plan": "Saved without supervision.csv, schedule.csv and calendar.ics: no plan.",
        "saved_explanations": "explanations.csv written (the run's explanations of this board).",
        "saved_no_explanations": (
            "explanations.csv not written: the board was moved since the run explained it "
            "(matcher explain explains the saved result)."
        ),
    },
    "fr": {
        "colon": " : ",
        "title": "atelier matcher",
        "language": "Langue",
        "tab_open": "Ouvrir",
        "tab_settings": "Paramètres",
        "tab_run": "Calcul",
        "tab_selection": "Sélection",
        "tab_teams": "Équipes",
        "tab_whatif": "Simulation",
        "tab_save": "Enregistrer",
        "no_instance": "Aucune cohorte ouverte : déposez ses fichiers ci-dessous.",
        "instance_open": "Cohorte ouverte",
        "students": "étudiants",
        "proposals": "propositions",
        "reload": "Recharger l'instance donnée en ligne de commande",
        "upload_help": (
            "Déposez commissions.csv, students.csv (et pairs.csv), ou un classeur .xlsx."
        ),
        "upload": "Déposer et vérifier",
        "problems": "Problèmes trouvés dans les fichiers",
        "col_file": "Fichier",
        "col_row": "Ligne",
        "col_column": "Colonne",
        "col_message": "Problème",
        "warnings": "Avertissements",
        "too_large": "Le dépôt dépasse 20 Mo : envoyez des fichiers plus petits.",
        "forbidden": "Interdit : cet atelier ne répond qu'à sa propre page.",
        "count": "Nombre de commandes à retenir",
        "required_slots": "Dates obligatoires (une par ligne)",
        "any_slots": "Au moins une de (groupes, un par ligne, dates séparées par « ; »)",
        "include": "Toujours retenir (identifiants séparés par « ; »)",
        "exclude": "Ne jamais retenir (identifiants séparés par « ; »)",
        "balance": "Attributs à équilibrer",
        "no_isolation": "Pas d'étudiant isolé (conditions, une par ligne, p. ex. vae=yes)",
        "team_priorities": (
            "Priorités des équipes, la plus importante d'abord (glisser pour réordonner)"
        ),
        "time_limit": "Temps maximal (secondes)",
        "apply_settings": "Appliquer les paramètres",
        "settings_saved": "Paramètres appliqués.",
        "run": "Lancer les deux étapes",
        "cancel": "Annuler (garder le meilleur trouvé)",
        "running": "Calcul en cours…",
        "stage": "Étape",
        "priority": "Priorité",
        "best": "Meilleure valeur",
        "bound": "Borne",
        "elapsed": "Secondes",
        "done": "Résolu",
        "failed": "Aucune solution",
        "cancelled": "Annulé : rien n'avait encore été trouvé.",
        "busy": "Un calcul est déjà en cours.",
        "not_run": "Lancez d'abord le calcul.",
        "selected": "Retenue",
        "reserve": "Réserve",
        "reason": "Raison",
        "proposal": "Proposition",
        "institution": "Institution",
        "broken_rules": "Règles enfreintes",
        "all_rules_kept": "Toutes les règles sont respectées.",
        "priorities": "Priorités (maintenant / optimum / écart)",
        "undo": "Annuler",
        "redo": "Rétablir",
        "reoptimise": "Réoptimiser les autres (le moins de changements)",
        "lock": "Verrouiller",
        "unlock": "Déverrouiller",
        "locked": "verrouillé",
        "vae": "VAE",
        "employed": "en emploi",
        "choice": "choix",
        "no_choice": "sans choix",
        "off_first": "pas son premier choix",
        "size": "taille",
        "withdraw_commission": "Retirer une commande",
        "withdraw_student": "Retirer un étudiant",
        "withdraw": "Montrer les changements",
        "force": "Prochain calcul",
        "force_include": "toujours",
        "force_exclude": "jamais",
        "force_free": "libre",
        "rerun_needed": "Paramètres modifiés : relancez le calcul pour les appliquer.",
        "add_students": "Étudiants qui arrivent (fichier)",
        "changes": "Changements (qui va où)",
        "student": "Étudiant",
        "from": "De",
        "to": "Vers",
        "accept": "Accepter",
        "discard": "Abandonner",
        "no_changes": "Personne ne change d'équipe.",
        "save": "Enregistrer le résultat",
        "saved_to": "Enregistré dans le dossier de sortie",
        "saved_broken": (
            "Enregistré, mais le résultat enfreint des règles (matcher check dira lesquelles)."
        ),
        "download": "Télécharger",
        "explanation": "Pourquoi cette équipe ?",
        "not_computed": "Pas encore calculé (la commande explain arrive).",
        "click_card": "Cliquez une carte pour voir pourquoi l'étudiant y est.",
        "moves": "changements",
        "prio_moves": "étudiants déplacés",
        "prio_worst_choice": "pire rang de choix",
        "prio_balance": "écarts d'équilibre",
        "prio_choices": "somme des rangs de choix",
        "prio_experience": "écart d'expérience",
        "cancelled_kept": (
            "Annulé : le meilleur résultat trouvé jusque-là est gardé (sans preuve qu'il "
            "soit le meilleur)."
        ),
        "max_per_institution": "Au plus ce nombre de commandes par institution",
        "selection_priorities": (
            "Priorités de la sélection, la plus importante d'abord (glisser pour réordonner)"
        ),
        "sprio_sectors": "secteurs couverts",
        "sprio_problem_types": "types de problèmes couverts",
        "sprio_sector_spread": "répartition entre secteurs",
        "sprio_priority": "priorité propre des propositions",
        "min_size": "Plus petite équipe (vide : aussi égales que possible)",
        "max_size": "Plus grande équipe (vide : aussi égales que possible)",
        "size_default": "égales",
        "no_replace": "Sans remplacement : garder l'équipe dans les commandes restantes",
        "not_replaced": "retirée, sans remplacement",
        "explain_broken": (
            "Le tableau enfreint une règle : les explications demandent un tableau qui les "
            "respecte toutes."
        ),
        "explain_best": "Sur son meilleur choix disponible : rien à expliquer.",
        # Étape 3 (accompagnement et calendrier), les explications du calcul, leur enregistrement.
        "tab_plan": "Accompagnement et calendrier",
        "stage_selection": "sélection des commandes",
        "stage_teams": "équipes",
        "stage_plan": "accompagnement et calendrier",
        "stage_explanations": "explications",
        "explaining": (
            "Explication de chaque souhait, comme matcher run (le tableau est déjà prêt)."
        ),
        "explained_ready": (
            "Chaque souhait est expliqué : cliquez une carte pour voir pourquoi, sans attendre."
        ),
        "explain_cancelled": (
            "Explications annulées : le panneau « pourquoi » explique chaque étudiant à la demande."
        ),
        "explained_run": "Tiré des explications du calcul (sans nouveau calcul).",
        "replan": "Planifier à nouveau",
        "plan_help": (
            "L'accompagnateur·rice de chaque équipe vient avec elle à la visite de "
            "l'institution et à la présentation orale. Déplacer des étudiants ne change pas "
            "le planning : il dépend des équipes et des accompagnateur·rices, pas de qui est "
            "dans une équipe."
        ),
        "plan_none": "Aucun planning des accompagnateurs et du calendrier ne respecte les règles :",
        "plan_timeout": (
            "Aucun planning des accompagnateurs et du calendrier trouvé dans la limite de "
            "temps : augmentez la limite de temps dans les paramètres, puis planifiez à nouveau."
        ),
        "plan_cancelled": (
            "Pas de planning : le calcul a été annulé. Planifiez à nouveau quand vous voulez."
        ),
        "plan_supervision": "Qui accompagne quelle équipe",
        "plan_schedule": "Jour par jour",
        "plan_withdrawn_list": "Accompagnateur·rices retiré·es",
        "withdraw_supervisor": "Retirer un·e accompagnateur·rice",
        "supervisor_changes": "Équipes qui changent d'accompagnateur·rice",
        "saved_plan": "supervision.csv, schedule.csv et calendar.ics écrits.",
        "saved_plan_moved": (
            "supervision.csv, schedule.csv et calendar.ics écrits tels que planifiés : "
            "déplacer des étudiants ne change pas le planning ; calendar.ics donne chaque "
            "équipe telle qu'elle est maintenant."
        ),
        "saved_no_plan": (
            "Enregistré sans supervision.csv, schedule.csv ni calendar.ics : pas de planning."
        ),
        "saved_explanations": (
            "explanations.csv écrit (les explications du calcul pour ce tableau)."
        ),
        "saved_no_explanations": (
            "explanations.csv non écrit : le tableau a changé depuis que le calcul l'a "
            "expliqué (matcher explain explique le résultat enregistré)."
        ),
    },
}


#: The schema's (pydantic's) refusals, reworded in French; English is kept as it comes.
_SCHEMA_FR: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), french)
    for pattern, french in (
        (r"Input should be greater than or equal to (\S+)", r"doit valoir au moins \1"),
        (r"Input should be greater than (\S+)", r"doit être supérieur à \1"),
        (r"Input should be less than or equal to (\S+)", r"doit valoir au plus \1"),
        (r"Input should be a valid integer[^(]*", "un nombre entier est attendu "),
        (r"Input should be a valid number[^(]*", "un nombre est attendu "),
        (r"Input should be a finite number", "un nombre fini est attendu"),
        (r"Input should be (.*)", r"attendu : \1"),
        (r"\(found ", "(trouvé "),
    )
)


def schema_words(message: str, lang: Lang) -> str:
    """A settings refusal of the schema in ``lang`` (other messages pass unchanged)."""
    if lang != "fr":
        return message
    for pattern, french in _SCHEMA_FR:
        message = pattern.sub(french, message)
    return message
