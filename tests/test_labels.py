"""The one catalogue of messages: every key in both languages with the same placeholders."""

from __future__ import annotations

import string

from matcher.labels import _LABELS, all_keys, counted, label, listing, text


def _placeholders(pattern: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(pattern) if name}


#: click's messages (matcher.cli.words) whose French leaves out a value click fills in
#: English only: its type names (``integer range``, ``file``), words in an English message.
_ENGLISH_ONLY_VALUES = {
    "click_not_a_number": {"number_type"},
    "click_path_missing": {"name"},
    "click_path_is_file": {"name"},
    "click_path_is_folder": {"name"},
    "click_path_unreadable": {"name"},
    "click_path_unwritable": {"name"},
}


def test_every_message_exists_in_both_languages_with_the_same_placeholders() -> None:
    """English and French of each key are non-empty and take exactly the same ``{names}``
    (but for the English-only values of a few of click's messages, listed above)."""
    for key in all_keys():
        english, french = _LABELS[key]
        assert english.strip() and french.strip(), key
        dropped = _ENGLISH_ONLY_VALUES.get(key, set())
        assert _placeholders(english) - dropped == _placeholders(french), key


#: Keys whose names end like a counted pair's but that are worded on their own.
_NOT_COUNTED = {"err_invalid_one", "err_invalid_many", "plan_one_place_many"}


def test_counted_messages_come_in_pairs() -> None:
    """A ``counted`` key has both its ``_one`` and ``_many`` forms, taking the same values."""
    keys = set(all_keys()) - _NOT_COUNTED
    for key in keys:
        for mine, other in (("_one", "_many"), ("_many", "_one")):
            if key.endswith(mine):
                twin = key.removesuffix(mine) + other
                assert twin in keys, key
                assert _placeholders(_LABELS[key][0]) == _placeholders(_LABELS[twin][0]), key


def test_counts_agree_in_each_language() -> None:
    """English is singular for 1 only; French for 0 and 1."""
    assert counted("n_proposals", 1).words("en") == "1 proposal"
    assert counted("n_proposals", 0).words("en") == "0 proposals"
    assert counted("n_proposals", 0).words("fr") == "0 commande"
    assert counted("n_proposals", 3).words("fr") == "3 commandes"


def test_lists_are_joined_in_the_reader_language() -> None:
    """'a, b and c' / 'a, b et c'; 'or' / 'ou'; unnamed items counted."""
    assert listing(["C1", "C2", "C3"]).words("en") == "C1, C2 and C3"
    assert listing(["C1", "C2", "C3"]).words("fr") == "C1, C2 et C3"
    assert listing(["visit", "oral"], "word_or").words("fr") == "visit ou oral"
    assert listing([f"C{i}" for i in range(9)], most=6).words("fr") == (
        "C0, C1, C2, C3, C4, C5 et 3 autres"
    )
    assert listing(["x"]).words("en") == "x"


def test_nested_messages_are_worded_in_one_language() -> None:
    """A ``Text`` holding ``Text`` and ``Listing`` values is worded through in one language."""
    message = text(
        "diag_only",
        what=counted("diag_received", 2, requirements=""),
        needed=counted("diag_needed", 3),
    )
    assert message.words("en") == "only 2 proposals were received; 3 are needed"
    assert message.words("fr") == "seulement 2 commandes ont été reçues ; il en faut 3"
    assert str(message) == message.words("en")
    assert label("err_prefix", "fr", message=message.words("fr")).startswith("erreur : ")


def test_the_pages_words_take_the_same_values_as_the_command_lines() -> None:
    """Each page variant (``_PAGE_LABELS``: the settings form's fields instead of
    settings.toml's keys) is a key of the catalogue and takes exactly its ``{names}``, in
    both languages: a value dropped or misspelled there would fail only in the page."""
    from matcher.labels import _PAGE_LABELS

    for key, (english, french) in _PAGE_LABELS.items():
        assert key in _LABELS, key
        names = _placeholders(_LABELS[key][0])
        assert _placeholders(english) == names == _placeholders(french), key
