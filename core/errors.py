"""The one error for "the input is fine, but the record's state refuses it".

A service raises `Conflict` when someone else saved the record since the editor
read it (code "conflict"), or when the record no longer accepts the change
(approved minutes, a cancelled meeting, a decided proposal, a submitted report).
It is a ValidationError, so a service's callers (tests, the demo, the shell) catch
it like any refusal; `core.views.ServiceFormView` answers it with 409 and every
other ValidationError with 400 (`Unavailable`, an outside failure such as the mail
server, with 503). No other place maps errors to status codes.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError


class Conflict(ValidationError):
    """Refused because of the record's current state; views answer 409."""


class Unavailable(ValidationError):
    """Something outside the portal failed (the mail server), so nothing was saved and
    the same request may work later; views answer 503."""


def _messages(error: ValidationError):
    if hasattr(error, "error_dict"):
        for errors in error.error_dict.values():
            yield from errors
    else:
        yield from error.error_list


def is_conflict(error: ValidationError) -> bool:
    """True when any message of `error` (also nested in a field's errors) is a Conflict."""
    if isinstance(error, Conflict):
        return True
    return any(isinstance(message, Conflict) for message in _messages(error))


def is_unavailable(error: ValidationError) -> bool:
    return isinstance(error, Unavailable) or any(
        isinstance(message, Unavailable) for message in _messages(error)
    )


def error_codes(error: ValidationError) -> set:
    """The codes of all messages in a ValidationError, whether per field or not."""
    return {message.code for message in _messages(error)}
