"""The WSGI entry point the app servers load (impuls.wsgi)."""

import subprocess
import sys

from django.conf import settings


def test_it_moves_what_start_up_loaded_out_of_the_garbage_collectors_way():
    # In a process of its own, as gunicorn's workers load it: freezing here would
    # freeze the test process's objects too.
    script = (
        "import gc; before = gc.get_freeze_count(); import impuls.wsgi; "
        "print(before, gc.get_freeze_count(), callable(impuls.wsgi.application))"
    )
    done = subprocess.run(
        [sys.executable, "-c", script],
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    before, frozen, callable_ = done.stdout.split()
    assert int(before) == 0
    assert int(frozen) > 10_000  # Django and the apps, not a handful of objects
    assert callable_ == "True"
