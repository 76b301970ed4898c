"""Session 18: French sentences agree with the student whatever their gender.

The older "apart" sentences said « doit être séparé de » (masculine) of any student, where
the newer ones say « séparé·e » (the project's inclusive form, as « verrouillé·e »)."""

from __future__ import annotations

from typing import Any

from matcher.explain import explain
from matcher.schemas import Commission, Instance, Pair, Settings, Student
from models.solve import SolveParams

PARAMS = SolveParams(time_limit=10.0, seed=0, workers=1)


def _student(sid: str, name: str, **fields: Any) -> Student:
    return Student(id=sid, name=name, background="AS", **fields)


def test_apart_from_a_pinned_partner_is_worded_for_any_gender() -> None:
    """Six students, three teams of two. Tom is pinned to C1 and Sara must be kept apart
    from him, so Sara's first choice C1 is impossible whatever the others do, because of
    that pin: the sentence names it, with « séparé·e »."""
    ids = ["C1", "C2", "C3"]
    students = (
        _student("S1", "Tom", pinned="C1"),
        _student("S2", "Ana"),
        _student("S3", "Sara", choices=("C1", "C2")),
        _student("S4", "Marc"),
        _student("S5", "Léa"),
        _student("S6", "Hugo"),
    )
    commissions = tuple(
        Commission(id=c, institution=f"Inst {c}", sector="s", problem_type="p") for c in ids
    )
    instance = Instance(
        name="t",
        commissions=commissions,
        students=students,
        pairs=(Pair(student_a="S3", student_b="S1", relation="apart"),),
        settings=Settings(),
    )
    current = {"S1": "C1", "S2": "C1", "S3": "C2", "S4": "C2", "S5": "C3", "S6": "C3"}
    found = [e for e in explain(instance, ids, current, PARAMS) if e.student_id == "S3"]
    (wish,) = [e for e in found if e.wanted == "C1"]
    assert wish.verdict == "impossible"
    assert wish.reason("fr").endswith(
        "Sara doit être séparé·e de Tom, dont l'équipe imposée est C1"
    ), wish.reason("fr")
    assert wish.reason("en").endswith("Sara must be kept apart from Tom, who is pinned to C1")
