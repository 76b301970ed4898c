"""The bytes of a file that is not all UTF-8: which 8-bit encoding a spreadsheet wrote it
in, and how text mixing UTF-8 with it is read (``matcher.loading.tables``)."""

from __future__ import annotations

import re
from collections import Counter

__all__ = ["decode_mixed", "has_utf8_sequences", "legacy_encoding", "mostly_utf8"]

#: The accented letters of French in lower case, and ``É`` (« Équipes max »): each reads as
#: another character in the other 8-bit encodings a spreadsheet may write (``é`` is byte
#: 0xE9 in Windows-1252, 0x8E in Mac Roman, 0x82 in code page 850), seldom a French letter.
_FRENCH = frozenset("éèêëàâîïôûùüçœÉ")
#: Letters of Central European names in Windows-1252 (``Šime``, ``Žaneta``), whose bytes
#: are ``è`` and ``Ä`` in code page 850, ``ä`` and ``é`` in Mac Roman: half a letter each
#: for Windows-1252 (probe s35d: « Équipes max » read « ╔quipes max », the column lost).
_CENTRAL = frozenset("ŠŽšž")
#: What an encoding reads that no French text holds: a byte it does not define, box
#: drawing (code page 850's ``╔`` for Windows-1252's ``É``), ``‚ „ ‡ ˆ ‰``.
_UNLIKELY = frozenset("\ufffd‚„‡ˆ‰")
#: Windows-1252 first (ties), Excel for Mac's "CSV (Macintosh)", Excel's "CSV (MS-DOS)".
_LEGACY_ENCODINGS = ("cp1252", "mac_roman", "cp850")


#: French letters no French word begins with (``è`` of « ère » aside): one read so (code
#: page 850's « èime » for Windows-1252's « Šime ») counts against its encoding.
_NEVER_FIRST = "èçùëïü"
_ASCII = bytes(range(128))


def legacy_encoding(data: bytes) -> str:
    """The 8-bit encoding of text that is not UTF-8: Windows-1252 (contract §1), unless it
    reads as more French text in Mac Roman or DOS's code page 850: its French letters
    (``_FRENCH``) counted, those beginning a word where no French word does
    (``_NEVER_FIRST``) and what no French text holds (``_UNLIKELY``, box drawing) taken
    off, half a letter for Windows-1252's ``Š``/``Ž`` (probe s35d; probe s35f: requiring an
    ``é`` read Mac and DOS files of « Michèle », « François » as Windows-1252). Ties go to
    Windows-1252. A Windows-1252 file whose only letters beyond ASCII are ``Ž`` reads as
    Mac Roman's ``é``: the bytes cannot tell them apart."""
    counts = Counter(data.translate(None, _ASCII))  # the bytes beyond ASCII, counted
    if not counts:
        return "cp1252"

    def letters(encoding: str) -> float:
        score = 0.0
        first: list[int] = []
        for byte, n in counts.items():
            ch = bytes([byte]).decode(encoding, errors="replace")
            if ch in _NEVER_FIRST:
                first.append(byte)
            if ch in _FRENCH:
                score += n
            elif ch in _UNLIKELY or "\u2500" <= ch <= "\u259f":
                score -= n
            elif encoding == "cp1252" and ch in _CENTRAL:
                score += 0.5 * n
        if first:  # one at a word's start: after neither a letter nor a byte beyond ASCII
            starts = re.compile(rb"(?<![A-Za-z\x80-\xff])[" + re.escape(bytes(first)) + rb"]")
            score -= 2 * len(starts.findall(data))
        return score

    scores = {encoding: letters(encoding) for encoding in _LEGACY_ENCODINGS}
    return max(_LEGACY_ENCODINGS, key=lambda encoding: scores[encoding])


#: A character of UTF-8 written in two to four bytes, as the text of a mixed file holds it.
_UTF8_SEQUENCE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}"
)


#: A character of UTF-8 that a Windows-1252 text (French) does not hold by chance: Latin-1
#: and Latin Extended-A letters (``é`` is ``Ã©`` in Windows-1252, never written so),
#: punctuation and currency (``’``, ``€``), characters of four bytes (emoji). Not the other
#: two-byte ones: ``É`` then a no-break space (``RENÉ DUPONT``) is ``ɠ`` in UTF-8, ``é`` then
#: a no-break space and ``»`` (« lié ») one character of three bytes (probe s31i).
_LIKELY_UTF8 = re.compile(
    rb"[\xc2-\xc5][\x80-\xbf]|\xe2[\x80-\x86][\x80-\xbf]|[\xf0-\xf4][\x80-\xbf]{3}"
)


def has_utf8_sequences(data: bytes, *, likely: bool = False) -> bool:
    """Whether ``data`` holds a character of UTF-8 beyond ASCII (``é`` as two bytes);
    ``likely``: one that a Windows-1252 text does not hold by chance (:data:`_LIKELY_UTF8`)."""
    return (_LIKELY_UTF8 if likely else _UTF8_SEQUENCE).search(data) is not None


def mostly_utf8(data: bytes) -> bool:
    """Whether bytes that are not all UTF-8 are UTF-8 text with a few bytes of another
    encoding (a cell pasted from elsewhere): more characters of UTF-8 beyond ASCII than
    bytes above 127 outside them. A Windows-1252 file has almost none (``é`` is one byte
    followed by ASCII)."""
    sequences = _UTF8_SEQUENCE.findall(data)
    if not sequences:
        return False
    inside = sum(len(seq) for seq in sequences)
    stray = sum(b > 127 for b in data) - inside
    return len(sequences) >= stray


def decode_mixed(data: bytes, encoding: str = "cp1252", *, likely: bool = False) -> str:
    """Text mixing UTF-8 and ``encoding`` (Windows-1252: ``\xe8`` is ``è``): each character
    of UTF-8 where it is, every other byte as ``encoding`` (ASCII reads alike in both),
    those that encoding leaves undefined shown as U+FFFD. A cell written in UTF-8 inside a
    line of Windows-1252 too (probe s31g: an employer so written was garbled, and the
    conflict of interest it made was lost). ``likely``: a text mostly in ``encoding``, where
    only the characters of :data:`_LIKELY_UTF8` are read as UTF-8."""
    out: list[str] = []
    at = 0
    for match in (_LIKELY_UTF8 if likely else _UTF8_SEQUENCE).finditer(data):
        out.append(data[at : match.start()].decode(encoding, errors="replace"))
        out.append(match.group().decode("utf-8", errors="replace"))
        at = match.end()
    out.append(data[at:].decode(encoding, errors="replace"))
    return "".join(out)
