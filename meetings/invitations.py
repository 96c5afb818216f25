"""E-mail to the members about a meeting, with an iCalendar entry.

INTERFACE (implemented by the calendar work package):
* send_invitations(meeting, *, actor) -> list[Invitation]
* send_update(meeting, *, actor) -> list[Invitation]
* send_cancellation(meeting, *, actor) -> list[Invitation]
* send_proposal_outcome(proposal) -> None
* meeting_ics(meeting, *, method="PUBLISH") -> bytes
"""


def send_invitations(meeting, *, actor):
    raise NotImplementedError


def send_update(meeting, *, actor):
    raise NotImplementedError


def send_cancellation(meeting, *, actor):
    raise NotImplementedError


def send_proposal_outcome(proposal):
    raise NotImplementedError


def meeting_ics(meeting, *, method="PUBLISH") -> bytes:
    raise NotImplementedError
