"""settings.toml's text as a director saves it, read into a TOML document.

Notepad saves UTF-8, Windows-1252 or "Unicode" (UTF-16 with a BOM); a word processor
saved as text writes curly quotes and non-breaking spaces. A syntax error is said in the
catalogue's words with its line and column, never in tomllib's English.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Any

from matcher.errors import InputError, Problem
from matcher.labels import Text, text
from matcher.loading.file_bytes import read_file_bytes

#: A word processor's typography, as plain TOML writes it: curly double quotes, and the
#: non-breaking (and narrow or figure) spaces French typography puts before ``:`` or in
#: « », which TOML reads as no space at all.
_TYPOGRAPHY = str.maketrans(
    {"\u201c": '"', "\u201d": '"', "\u201e": '"', "\u00a0": " ", "\u202f": " ", "\u2007": " "}
)


def _decode(data: bytes) -> str:
    """The text of settings.toml's bytes: UTF-16 with its BOM (Notepad's "Unicode"), UTF-8
    (with or without BOM), else Windows-1252 as an old Notepad saves it."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        # TOML wants UTF-8 but the intent is clear.
        return data.decode("cp1252", errors="replace")


def read_toml(
    path: Path, warnings: list[str | Text] | None = None, label: str | None = None
) -> dict[str, Any]:
    """The TOML document of ``path``.

    A file that is TOML only once its curly quotes and non-breaking spaces are plain (lines
    of the README pasted into Word) is read so; ``warnings``, when given, receives one
    warning saying so.

    Raises
    ------
    InputError
        When the file is not TOML: its line, column and what is wrong in plain words.
    """
    label = label or path.name  # the file as messages name it (``--settings`` as typed)
    document = _decode(read_file_bytes(path, label))
    try:
        return tomllib.loads(document)
    except tomllib.TOMLDecodeError as error:
        plain = document.translate(_TYPOGRAPHY)
        if plain != document:
            try:
                read = tomllib.loads(plain)
            except (tomllib.TOMLDecodeError, ValueError):
                pass
            else:
                if warnings is not None:
                    warnings.append(text("ld_settings_typography", file=label))
                return read
        raise InputError(_syntax_problem(label, error, document)) from None
    except ValueError:
        # Not a TOMLDecodeError: Python refuses to read an integer of over 4,300 digits
        # (``count = 999…``), which was an internal error.
        too_long = text("ld_not_toml", reason=text("toml_number_too_long"))
        raise InputError(Problem(label, too_long)) from None


def _syntax_problem(label: str, error: tomllib.TOMLDecodeError, document: str) -> Problem:
    """tomllib's refusal as the director reads it: the line, the column, what is wrong."""
    # Python < 3.14 gives the line and column only inside the message: "(at line 3, column 7)".
    found = re.search(r"at line (\d+), column (\d+)", str(error))
    line = getattr(error, "lineno", None) or (int(found.group(1)) if found else None)
    column = getattr(error, "colno", None) or (int(found.group(2)) if found else None)
    lines = document.splitlines()
    if line is None and str(error).startswith(("Unclosed array", "Unclosed inline table")):
        # At the end of the document: the line that opened it, the last one opening more
        # than it closes (``exclude = ["C6"`` as the file's last line).
        opener, closer = ("[", "]") if str(error).startswith("Unclosed array") else ("{", "}")
        opened = [n for n, t in enumerate(lines, 1) if t.count(opener) > t.count(closer)]
        line = opened[-1] if opened else None
    written = lines[line - 1] if line and line <= len(lines) else ""
    reason = _line_reason(written) or _toml_reason(str(getattr(error, "msg", error)))
    message = text("ld_not_toml", reason=reason)
    if column is not None and line is not None:
        message = text("ld_not_toml_at", reason=reason, col=column)
    key = _twice_key(str(error), document, line)
    return Problem(label, message, row=line, column=key)


#: Yes and no as a director may write them unquoted (``conflict_of_interest = True``, as
#: Excel or Python spell it, or ``oui``), where TOML takes only ``true`` and ``false``.
_FLAG_WORDS = {"true", "false", "yes", "no", "oui", "non", "vrai", "faux"}


def _line_reason(written: str) -> Text | None:
    """What a line as written shows wrong, in the director's terms, when tomllib's reason
    would not say it: a name with an accent (``[équipes]``), a decimal comma
    (``time_limit = 1,5``), a comma after a value (``count = 10,``)."""
    line = written.strip()
    header = re.fullmatch(r"\[+\s*([^\]]*?)\s*\]*", line)
    name = header.group(1) if header else line.split("=", 1)[0].strip()
    # A name as written (a section, a key, or a word alone), not a line of a list's values.
    if name and not name.isascii() and not re.search(r"[\"'\[\]{},#]", name):
        return text("toml_name_not_ascii", name=name)
    if "=" not in line or header:
        return None
    value = line.split("=", 1)[1].split("#", 1)[0].strip()
    if value.lower() in _FLAG_WORDS and value not in ("true", "false"):
        return text("toml_flag_spelling", value=value)
    if re.fullmatch(r"[+-]?\d+,\d+", value):
        return text("toml_decimal_comma", value=value, point=value.replace(",", "."))
    if value.endswith(",") and not value.startswith(("[", "{")):
        return text("toml_trailing_comma", value=value, bare=value[:-1].strip())
    # A date as Belgium writes it, unquoted (``required_slots = [01/10/2026]``, ``visit =
    # 1-10-2026``): TOML reads only ISO dates bare, and said "a list is not closed".
    unquoted = re.sub(r'"[^"]*"|\'[^\']*\'', " ", value)
    date = re.search(r"(?<![\w.-])\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}(?![\w.-])", unquoted)
    if date:
        return text("toml_date_unquoted", value=date.group(0))
    return None


def _twice_key(message: str, document: str, line: int | None) -> str | None:
    """The dotted key (``selection.count``) or section that tomllib found given twice, as
    the file writes it: tomllib's message names only the line (or the section, in its
    Python spelling ``('selection',)``)."""
    declared = re.match(r"Cannot declare \((.*?),?\) twice", message)
    if declared:
        return ".".join(part.strip().strip("'\"") for part in declared.group(1).split(","))
    if not message.startswith("Cannot overwrite a value") or line is None:
        return None
    lines = document.splitlines()
    if not 0 < line <= len(lines) or "=" not in lines[line - 1]:
        return None
    key = lines[line - 1].split("=", 1)[0].strip().strip("'\"")
    headers = (re.match(r"\s*\[\s*([^\[\]]+?)\s*\]", text_) for text_ in lines[: line - 1])
    sections = [found.group(1) for found in headers if found]
    return f"{sections[-1]}.{key}" if sections else key


#: tomllib's messages (English, whatever the reader's language) → the catalogue's words.
_TOML_REASONS = {
    "Cannot declare": "toml_declared_twice",
    "Cannot overwrite a value": "toml_key_twice",
    "Expected ']'": "toml_unclosed_header",
    "Expected ']]'": "toml_unclosed_header",
    "Invalid value": "toml_invalid_value",
    "Unterminated string": "toml_unterminated_string",
    # The line ends inside a text between quotes (``exclude = ["C6]``).
    "Illegal character '\\n'": "toml_unterminated_string",
    "Unclosed array": "toml_unclosed_array",
    "Unclosed inline table": "toml_unclosed_table",
    "Expected '=' after a key": "toml_expected_equals",
    "Invalid statement": "toml_invalid_statement",
    "Expected newline or end of document": "toml_one_per_line",
}


def _toml_reason(message: str) -> Text:
    """What tomllib found wrong, in the catalogue's words (never its raw English)."""
    bare = re.sub(r"\s*\(at (line \d+, column \d+|end of document)\)$", "", message)
    key = next((k for prefix, k in _TOML_REASONS.items() if bare.startswith(prefix)), None)
    return text(key or "toml_syntax")
