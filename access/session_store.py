"""The session engine (`SESSION_ENGINE = "access.session_store"`): Django's database
sessions, on `access.Session`, so that a person can see and end their sessions.

The columns besides Django's are written from the session's own data: the user id
Django's login puts there, and the network and user agent that the login receiver
adds (`access.receivers`). `created` and `handle` are set when the row is inserted
(the login cycles the key, so that is the login) and never updated.
"""

from __future__ import annotations

import datetime

from django.contrib.auth import SESSION_KEY
from django.contrib.sessions.backends.base import CreateError, UpdateError
from django.contrib.sessions.backends.db import SessionStore as DBStore
from django.db import DatabaseError, IntegrityError, router, transaction
from django.utils import timezone

IP_KEY = "_access_ip"
AGENT_KEY = "_access_agent"
LIMITS_KEY = "_access_limits"
LOGIN_AT_KEY = "_access_login_at"  # POSIX seconds: a cycled key keeps its login time

_UPDATED = ["session_data", "expire_date", "user", "ip_network", "user_agent", "last_used"]


class SessionStore(DBStore):
    # Read by the middleware: when the stored row began and was last used.
    row_created = None
    row_last_used = None

    @classmethod
    def get_model_class(cls):
        from .models import Session

        return Session

    def _get_session_from_db(self):
        row = super()._get_session_from_db()
        if row is not None:
            self.row_created = row.created
            self.row_last_used = row.last_used
        return row

    def create_model_instance(self, data):
        obj = super().create_model_instance(data)
        user_id = data.get(SESSION_KEY)
        obj.user_id = int(user_id) if user_id and str(user_id).isdigit() else None
        obj.ip_network = str(data.get(IP_KEY, ""))[:50]
        obj.user_agent = str(data.get(AGENT_KEY, ""))[:300]
        obj.last_used = timezone.now()
        login_at = data.get(LOGIN_AT_KEY)
        if isinstance(login_at, int | float):
            obj.created = datetime.datetime.fromtimestamp(login_at, tz=datetime.UTC)
        return obj

    def save(self, must_create=False):
        """Django's save, but an update leaves `created` and `handle` as inserted."""
        if self.session_key is None:
            return self.create()
        data = self._get_session(no_load=must_create)
        obj = self.create_model_instance(data)
        using = router.db_for_write(self.model, instance=obj)
        try:
            with transaction.atomic(using=using):
                if must_create:
                    obj.save(force_insert=True, using=using)
                else:
                    obj.save(update_fields=_UPDATED, using=using)
        except IntegrityError:
            if must_create:
                raise CreateError from None
            raise
        except DatabaseError:
            if not must_create:
                raise UpdateError from None
            raise
        self.row_last_used = obj.last_used
        if must_create:
            self.row_created = obj.created

    def touch(self) -> None:
        """Note that the session is in use (one UPDATE, no change to its data)."""
        now = timezone.now()
        self.model.objects.filter(session_key=self.session_key).update(last_used=now)
        self.row_last_used = now

    @classmethod
    def clear_expired(cls):
        cls.get_model_class().objects.filter(expire_date__lt=timezone.now()).delete()
