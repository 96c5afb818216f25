"""Validators shared by the apps."""

import unicodedata

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# --- Single-line text: names and titles -------------------------------------------------

# Invisible characters that change how a name reads or looks without being seen:
# zero-width characters and directional marks, embeddings, overrides and isolates
# ("Trojan Source"), the word joiner and invisible operators, the byte-order mark.
_INVISIBLE = frozenset(
    [
        0x061C,  # Arabic letter mark
        0x180E,  # Mongolian vowel separator
        *range(0x200B, 0x2010),  # zero-width space, (non-)joiner, LRM, RLM
        *range(0x202A, 0x202F),  # embeddings and overrides (LRE … RLO)
        *range(0x2060, 0x2065),  # word joiner, invisible operators
        *range(0x2066, 0x206A),  # isolates (LRI … PDI)
        0xFEFF,  # zero-width no-break space (byte-order mark)
    ]
)
# Control characters (line breaks, tabs, NUL …) and the Unicode line/paragraph separators.
_BREAKING_CATEGORIES = frozenset(["Cc", "Zl", "Zp"])


def validate_single_line(value) -> None:
    """Names and titles are one line of visible text: no line breaks, no control
    characters, no invisible or text-direction characters (which could make a name
    look like another one, or break e-mail subjects, calendar entries and PDFs)."""
    for char in str(value):
        if ord(char) in _INVISIBLE or unicodedata.category(char) in _BREAKING_CATEGORIES:
            raise ValidationError(
                _(
                    "Please enter a single line without line breaks, control characters "
                    "or invisible formatting characters (found: %(char)s)."
                ),
                code="single_line",
                params={"char": f"U+{ord(char):04X}"},
            )
