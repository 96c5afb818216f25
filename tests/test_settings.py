"""Production settings come from the environment and refuse to start unsafe."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.management.utils import get_random_secret_key

from impuls.settings import env_bool

BASE_DIR = Path(__file__).resolve().parent.parent
PRODUCTION = {
    "DEBUG": "false",
    "SECRET_KEY": get_random_secret_key(),
    "ALLOWED_HOSTS": "portal.example.org",
}

# Variables of the parent environment that must not leak into the child process.
PORTAL_VARIABLES = {
    "DEBUG",
    "SECRET_KEY",
    "ALLOWED_HOSTS",
    "DATABASE_URL",
    "DJANGO_SETTINGS_MODULE",
}


def manage(*args, **env):
    """Run manage.py in a fresh process with only the given portal variables set."""
    clean = {key: value for key, value in os.environ.items() if key not in PORTAL_VARIABLES}
    clean["DJANGO_SETTINGS_MODULE"] = "impuls.settings"
    clean.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=BASE_DIR,
        env=clean,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_it_passes_the_deployment_check_with_production_settings():
    assert len(PRODUCTION["SECRET_KEY"]) == 50

    result = manage("check", "--deploy", "--fail-level", "WARNING", **PRODUCTION)

    assert result.returncode == 0, result.stdout + result.stderr


def test_it_refuses_to_start_without_a_secret_key_when_debug_is_off():
    env = {key: value for key, value in PRODUCTION.items() if key != "SECRET_KEY"}

    result = manage("check", **env)

    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_it_refuses_to_start_without_allowed_hosts_when_debug_is_off():
    env = {key: value for key, value in PRODUCTION.items() if key != "ALLOWED_HOSTS"}

    result = manage("check", **env)

    assert result.returncode != 0
    assert "ALLOWED_HOSTS" in result.stderr


def test_it_refuses_a_debug_value_it_does_not_understand():
    result = manage("check", **{**PRODUCTION, "DEBUG": "vielleicht"})

    assert result.returncode != 0
    assert "DEBUG" in result.stderr


@pytest.mark.parametrize("raw", ["vielleicht", "2", "wahr", "yes please"])
def test_it_rejects_a_flag_that_is_neither_true_nor_false(monkeypatch, raw):
    monkeypatch.setenv("IMPULS_TEST_FLAG", raw)

    with pytest.raises(ImproperlyConfigured, match="IMPULS_TEST_FLAG"):
        env_bool("IMPULS_TEST_FLAG", False)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("true", True),
        ("TRUE", True),
        (" 1 ", True),
        ("yes", True),
        ("on", True),
        ("false", False),
        ("0", False),
        ("no", False),
        ("Off", False),
    ],
)
def test_it_reads_the_usual_spellings_of_a_flag(monkeypatch, raw, expected):
    monkeypatch.setenv("IMPULS_TEST_FLAG", raw)

    assert env_bool("IMPULS_TEST_FLAG", not expected) is expected


@pytest.mark.parametrize("default", [True, False])
def test_it_uses_the_default_for_an_unset_flag(monkeypatch, default):
    monkeypatch.delenv("IMPULS_TEST_FLAG", raising=False)

    assert env_bool("IMPULS_TEST_FLAG", default) is default


def test_it_reads_the_session_time_outs_and_the_log_retention_from_the_environment():
    result = manage(
        "shell",
        "--no-imports",
        "-c",
        "from django.conf import settings as s; "
        "print(s.SESSION_TIMEOUTS, s.SESSION_COOKIE_AGE, s.ACCESS_LOG_RETENTION_DAYS)",
        SESSION_IDLE_MINUTES_STRICT="15",
        SESSION_ABSOLUTE_HOURS_STRICT="4",
        SESSION_IDLE_MINUTES="60",
        SESSION_ABSOLUTE_HOURS="10",
        ACCESS_LOG_RETENTION_DAYS="90",
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == (
        "{'strict': {'idle': 900, 'absolute': 14400}, "
        "'default': {'idle': 3600, 'absolute': 36000}} 39600 90"
    )


@pytest.mark.parametrize(
    "variable",
    ["SESSION_IDLE_MINUTES", "SESSION_ABSOLUTE_HOURS_STRICT", "ACCESS_LOG_RETENTION_DAYS"],
)
def test_it_refuses_a_time_out_or_retention_of_zero(variable):
    result = manage("check", **{variable: "0"})

    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr


@pytest.mark.django_db
def test_postgresql_starts_no_parallel_query_workers_for_the_portals_small_statements():
    """Parallel workers cost more than they save on a search or a list page, and under
    load they take the cores the app servers need (DB_PARALLEL_WORKERS_PER_GATHER)."""
    from django.db import connection

    if connection.vendor != "postgresql":
        assert "options" not in connection.settings_dict.get("OPTIONS", {})
        return
    with connection.cursor() as cursor:
        cursor.execute("SHOW max_parallel_workers_per_gather")
        assert cursor.fetchone() == ("0",)
