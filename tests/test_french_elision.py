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
