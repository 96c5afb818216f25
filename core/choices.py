"""The labels of a model field's choices, looked up in a dict built once per field and
language.

Django's `get_FOO_display()` builds that dict on every call and, to do so, hashes every
label of the field, which translates each lazy label once more: tens of microseconds a
call, and list and public pages make hundreds of calls. Every IMPULS model reads its
labels here instead (`core.models.ChoiceLabels`), and so does the change history.
"""

from __future__ import annotations

import functools

from django.utils.translation import get_language


@functools.lru_cache(maxsize=4096)
def _labels(model_field, language) -> dict:
    return {value: str(label) for value, label in model_field.flatchoices}


def choice_labels(model_field, language: str | None = None) -> dict:
    """{value: label} of `model_field`'s choices in `language` (default: the active
    one). Raises TypeError for a field whose choice values cannot be dict keys."""
    return _labels(model_field, language or get_language())
