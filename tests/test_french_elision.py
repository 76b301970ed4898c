"""French elides « de » before a file's name starting with a vowel (probe s19d: « n'est pas
un matricule de étudiants (1).csv »), and only there."""

from __future__ import annotations

from matcher.labels import label, text


def test_de_before_a_vowel_is_elided() -> None:
    said = label("ld_not_a_student", "fr", ref="S9", file="étudiants (1).csv")
    assert "un matricule d'étudiants (1).csv" in said
    assert "de étudiants" not in said


def test_de_before_a_consonant_and_english_are_as_written() -> None:
    said = label("ld_not_a_student", "fr", ref="S9", file="students.csv")
    assert "un matricule de students.csv" in said
    english = text("ld_not_a_student", ref="S9", file="étudiants.csv").words("en")
    assert "d'" not in english and "étudiants.csv" in english


def test_de_before_a_name_starting_with_a_vowel_is_elided_not_before_a_code() -> None:
    """Probe s29a: « Hanne Claes doit être séparé·e de Anna Pire » (d'Anna); a code keeps
    « de » (« le lien … de A1 »), as does English."""
    said = label(
        "explain_rule_apart_pinned", "fr", member="Hanne Claes", partner="Anna Pire", wanted="A1"
    )
    assert "séparé·e d'Anna Pire, dont" in said
    assert "séparé·e de Bob Pire" in label(
        "explain_rule_apart_pinned", "fr", member="Hanne Claes", partner="Bob Pire", wanted="A1"
    )
    assert "séparé·e de E01," in label(
        "explain_rule_apart_pinned", "fr", member="Hanne Claes", partner="E01", wanted="A1"
    )
    english = label(
        "explain_rule_apart_pinned", "en", member="Hanne Claes", partner="Anna Pire", wanted="A1"
    )
    assert "d'" not in english
