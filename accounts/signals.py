"""Signals of the account security events, for whoever records them (the access audit log).

Each is sent by the service in accounts.second_factor after the change is saved, with
`user` (whose account), `actor` (who did it) and `request` (or None outside a request).
`lockout_lifted` names the account (`username`, may be "") and the `ip_address` (may be
None) whose lock-out ended, instead of a user: the account may not exist.
"""

from django.dispatch import Signal

second_factor_enrolled = Signal()
second_factor_verified = Signal()
recovery_codes_regenerated = Signal()
second_factor_reset = Signal()
lockout_lifted = Signal()
