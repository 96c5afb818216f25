"""Turning what someone typed into a search query: sanitised words only.

No typed character reaches `to_tsquery` except word characters: the words are joined
with `&` and the last one gets `:*`, so results appear while one types
("Bahnh" finds "Bahnhof").
"""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

MAX_QUERY_LENGTH = 200
MAX_WORDS = 10
# Letters and digits of any script (no underscore, no tsquery operator).
_WORD = re.compile(r"[^\W_]+")


def query_words(text: str) -> list[str]:
    """The words of a query, at most `MAX_WORDS`; raises ValidationError if too long."""
    if len(text) > MAX_QUERY_LENGTH:
        raise ValidationError(
            _("The search text may have at most %(limit)d characters."),
            code="too_long",
            params={"limit": MAX_QUERY_LENGTH},
        )
    words = _WORD.findall(text)
    if len(words) > MAX_WORDS:
        raise ValidationError(
            _("Please search for at most %(limit)d words."),
            code="too_many_words",
            params={"limit": MAX_WORDS},
        )
    return words


def tsquery_text(words: list[str], *, prefix_last: bool = True) -> str:
    """The raw `to_tsquery` text: `wort1 & wort2 & wort3:*` (words are `[^\\W_]+`)."""
    terms = [word.lower() for word in words]
    if prefix_last and terms:
        terms[-1] = f"{terms[-1]}:*"
    return " & ".join(terms)
