"""NameIndex finds exactly the names that names_contain would, without comparing them all."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from matcher.text import NameIndex, names_contain

_WORDS = ["AMO", "Le", "Cercle", "CPAS", "de", "Namur", "Liège", "(Est)", "Huy", "asbl", "le"]
_name = st.lists(st.sampled_from(_WORDS), min_size=0, max_size=5).map(" ".join)


@settings(max_examples=300, derandomize=True)
@given(st.lists(_name, max_size=12), _name)
def test_index_finds_what_comparing_every_name_finds(names: list[str], employer: str) -> None:
    """The twin: every name compared with names_contain, in the order given."""
    expected = [n for n in names if names_contain(employer, n)]
    assert NameIndex(names).fitting(employer) == expected


def test_index_both_ways_and_only_whole_contiguous_words() -> None:
    """Contained in (``AMO Le Cercle`` in ``AMO Le Cercle (Liège)``) and containing both
    count; words that do not follow one another do not (``AMO Cercle``)."""
    index = NameIndex(["AMO Le Cercle (Liège)", "CPAS de Namur", "AMO Le Cercle"])
    assert index.fitting("AMO le cercle") == ["AMO Le Cercle (Liège)", "AMO Le Cercle"]
    assert index.fitting("CPAS de Namur - antenne Est") == ["CPAS de Namur"]
    assert index.fitting("AMO Cercle") == []
    assert index.fitting("") == []
