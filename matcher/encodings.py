"""The bytes of a file that is not all UTF-8: which 8-bit encoding a spreadsheet wrote it
in, and how text mixing UTF-8 with it is read (``matcher.loading.tables``)."""

from __future__ import annotations

import math
import re

__all__ = ["decode_mixed", "has_utf8_sequences", "legacy_encoding", "mostly_utf8"]

#: The commonest accented letters of French, whose bytes differ in each 8-bit encoding a
#: spreadsheet may write and read as none of them in the others (unlike à, ô, ë: their
#: bytes are other encodings' … ” ‘): how those encodings are told apart.
_ACCENTED = frozenset("éèêçÉ")
#: Letters of Central European names in Windows-1252 (``Šime``, ``Žaneta``), whose bytes
#: are ``è`` and ``Ä`` in code page 850, ``ä`` and ``é`` in Mac Roman: half a letter each
#: for Windows-1252 (probe s35d: « Équipes max » read « ╔quipes max », the column lost).
_CENTRAL = frozenset("ŠŽšž")
#: What an encoding reads that no French text holds: a byte it does not define, box
#: drawing (code page 850's ``╔`` for Windows-1252's ``É``), ``‚ „ ‡ ˆ``.
_UNLIKELY = frozenset("\ufffd‚„‡ˆ")
#: Windows-1252 first (ties), Excel for Mac's "CSV (Macintosh)", Excel's "CSV (MS-DOS)".
_LEGACY_ENCODINGS = ("cp1252", "mac_roman", "cp850")


def legacy_encoding(data: bytes) -> str:
    """The 8-bit encoding of text that is not UTF-8: Windows-1252 (contract §1), unless it
    reads as clearly more French text in Mac Roman or DOS's code page 850 (``é`` is byte
    0x8E or 0x82, which Windows-1252 reads as ``Ž`` or ``‚``): more than one letter more,
    ``é`` among them (French's commonest accent: names with ``Š``, which code page 850 reads
    ``è``, are no French text)."""
    high = bytes(b for b in data if b > 127)

    def letters(encoding: str) -> float:
        decoded = high.decode(encoding, errors="replace")
        if encoding != "cp1252" and "é" not in decoded:
            return -math.inf
        score = 0.0
        for ch in decoded:
            if ch in _ACCENTED:
                score += 1
            elif ch in _UNLIKELY or "\u2500" <= ch <= "\u259f":
                score -= 1
            elif encoding == "cp1252" and ch in _CENTRAL:
                score += 0.5
        return score

    scores = {encoding: letters(encoding) for encoding in _LEGACY_ENCODINGS}
    best = max(_LEGACY_ENCODINGS, key=lambda encoding: scores[encoding])
    return best if scores[best] > scores["cp1252"] + 1 else "cp1252"


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
