"""What the documents app does when other apps act (connected in `DocumentsConfig.ready`).

Invitations: the meetings app records them and asks, through its signal
`meetings.signals.invitations_recorded`, who delivers them. We queue the members'
edition of the invitation PDF (the mail goes only to the body's members and lists the
non-public items too); the worker builds it and then mails every waiting invitation
with the PDF attached (`documents.build`). The request renders nothing.
"""

from meetings.signals import invitations_recorded

from .models import DocumentKind, Edition


def queue_invitation_pdf(sender, *, meeting, invitations, actor, **kwargs) -> bool:
    from . import services

    services.request_meeting_document(
        meeting=meeting,
        kind=DocumentKind.INVITATION,
        edition=Edition.INTERNAL,
        actor=actor,
        mail_invitations=True,
    )
    return True


def connect() -> None:
    invitations_recorded.connect(queue_invitation_pdf, dispatch_uid="documents.invitation_pdf")
