"""Signals of the meetings app for the apps above it.

* ``invitations_recorded(sender=Invitation, meeting, invitations, actor)``: sent inside
  the transaction of `send_invitations`, after the rows are saved and before any mail
  goes out. A receiver that takes over the delivery (``documents`` queues the
  invitation PDF and mails the rows once it is built) returns True; with no such
  receiver the service mails at once, without a PDF.
"""

from django.dispatch import Signal

invitations_recorded = Signal()
