"""The headers of the columns of ids, one place for the tables that read them
(:mod:`matcher.loading.columns`) and for the totals typed under a table
(:mod:`matcher.loading.totals`), which count such a column and never sum it.
"""

from __future__ import annotations

__all__ = [
    "COMMISSION_ID",
    "COMMISSION_REF",
    "ID_HEADERS",
    "PAIR_A",
    "PAIR_B",
    "STUDENT_ID",
    "STUDENT_REF",
    "SUPERVISOR_REF",
]

#: A commission's (a supervisor's) own id in its table.
COMMISSION_ID = ("id", "code", "identifiant")
#: A student's own id in students.csv (« N° matricule » as a secretariat heads it; probe
#: s34f: only warned unread).
STUDENT_ID = ("id", "matricule", "student_id", "noma", "n° matricule", "numéro de matricule")
#: A student named in teams.csv or the Students sheet.
STUDENT_REF = ("student_id", "student", "étudiant", "matricule")
#: A commission (a team) named in teams.csv, supervision.csv, schedule.csv.
COMMISSION_REF = ("commission_id", "commission", "commande", "team", "équipe")
#: A supervisor named in supervision.csv, schedule.csv.
SUPERVISOR_REF = ("supervisor_id", "supervisor", "accompagnateur", "accompagnateur·rice")
#: The two students of a row of pairs.csv.
PAIR_A = ("student_a", "étudiant a", "student_1", "étudiant 1", "étudiant·e a")
PAIR_B = ("student_b", "étudiant b", "student_2", "étudiant 2", "étudiant·e b")

#: Every header of a column of ids, as written (fold them to compare).
ID_HEADERS = (
    *COMMISSION_ID,
    *STUDENT_ID,
    *STUDENT_REF,
    *COMMISSION_REF,
    *SUPERVISOR_REF,
    *PAIR_A,
    *PAIR_B,
)
