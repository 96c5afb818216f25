"""Hypothesis profiles, chosen by the environment variable HYPOTHESIS_PROFILE.

* `ci` (the default): few examples per test, derandomized (the same examples on every
  run and machine, so a red CI run is reproducible), no example database on disk.
* `release`: many random examples, for the checks before a release
  (`HYPOTHESIS_PROFILE=release make test PYTEST_ARGS="tests/test_bad_input.py"`);
  failures found are kept in `.hypothesis/` and tried first on the next run.

Tests scale their own counts from `settings().max_examples` (see tests/test_bad_input.py).
"""

import os

from hypothesis import HealthCheck, settings

_QUIET = [HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much]

settings.register_profile(
    "ci",
    max_examples=15,
    deadline=None,
    derandomize=True,
    database=None,
    print_blob=True,
    suppress_health_check=_QUIET,
)
settings.register_profile(
    "release",
    max_examples=200,
    deadline=None,
    print_blob=True,
    suppress_health_check=_QUIET,
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))
