"""One world per test module instead of one per test.

Building the world (tests/conftest.py) writes about 30 rows through the services and
their permission syncs; built for each of well over a thousand tests it was most of
the suite's time. Now a module's world is built once, inside a transaction that stays
open while the module's world tests run. Each test runs in its own savepoint inside it
(pytest-django's ordinary `db` fixture) and gets its own deep copy of the world's
instances, as Django's TestCase does with setUpTestData, so whatever a test writes, in
the database or on the instances, the next test starts from the same world. The
transaction is rolled back when it is no longer needed.

The open transaction must never be seen by a test that does not use the world: tests
without it assume an empty database, and transactional tests (threads, a real worker)
need to commit. So before each test is set up, `pytest_runtest_setup` closes the open
world unless the test shares it, and reopens (rebuilds) it for a world test whose module's
world was closed in between. Within each module the world tests run first, so this
normally happens once per module. A transactional test that asks for the world builds
its own, committed and flushed as before.
"""

import itertools
import shutil
import sys

import pytest
from django.db import connection, transaction
from django.test.utils import override_settings
from pytest_django.fixtures import validate_django_db

_current_item = None
_open = None  # the SharedWorld whose transaction is open, if any
_by_module = {}  # module -> its SharedWorld, while the module's fixture lives


def _transactional(item) -> bool:
    marker = item.get_closest_marker("django_db")
    if marker is not None:
        transaction_, reset_sequences, *_ = validate_django_db(marker)
        if transaction_ or reset_sequences:
            return True
    names = getattr(item, "fixturenames", ())
    return "transactional_db" in names or "live_server" in names


def shares_world(item) -> bool:
    """A test that uses the world and runs in a (rolled back) transaction."""
    return "world" in getattr(item, "fixturenames", ()) and not _transactional(item)


class SharedWorld:
    """The world of one module and the open transaction it lives in."""

    def __init__(self, *, build, blocker, media, settings):
        self.build = build
        self.blocker = blocker
        self.media = media
        self.settings = settings
        self.world = None
        self._atomic = None
        self.module = getattr(_current_item, "module", None)
        _by_module[self.module] = self
        if _current_item is not None and shares_world(_current_item):
            self.open()

    @property
    def is_open(self) -> bool:
        return self._atomic is not None

    def open(self) -> None:
        global _open
        if _open is not None:
            _open.close()
        with self.blocker.unblock():
            atomic = transaction.atomic()
            atomic.__enter__()
            try:
                with override_settings(MEDIA_ROOT=self.media, **self.settings):
                    self.world = self.build()
            except BaseException:
                atomic.__exit__(*sys.exc_info())
                raise
        self._atomic = atomic
        _open = self

    def close(self) -> None:
        global _open
        if self._atomic is None:
            return
        with self.blocker.unblock():
            # Only the world's own transaction may be open now: no test is running.
            assert connection.atomic_blocks[-1] is self._atomic, connection.atomic_blocks
            transaction.set_rollback(True)
            self._atomic.__exit__(None, None, None)
        self._atomic = None
        self.world = None
        if _open is self:
            _open = None
        shutil.rmtree(self.media, ignore_errors=True)
        self.media.mkdir()

    def dispose(self) -> None:
        self.close()
        if _by_module.get(self.module) is self:
            del _by_module[self.module]


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item):
    """Runs before the test's fixtures: close or (re)open the shared world for it."""
    global _current_item
    _current_item = item
    shared = _by_module.get(getattr(item, "module", None))
    wants = shares_world(item)
    if _open is not None and (_open is not shared or not wants):
        _open.close()
    if shared is not None and wants and not shared.is_open:
        shared.open()


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items):
    """Within each module (after pytest-django's ordering by kind of database use),
    the tests that share the world first, so that it is built once."""
    ordered = []
    for _module, run in itertools.groupby(items, key=lambda item: getattr(item, "module", None)):
        run = list(run)
        ordered += [item for item in run if shares_world(item)]
        ordered += [item for item in run if not shares_world(item)]
    items[:] = ordered
