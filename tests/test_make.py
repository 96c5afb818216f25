"""`make run` gives the links in e-mails the address it serves (issue 13: they pointed at
PORTAL_BASE_URL's default port when the demo was served elsewhere)."""

import os
import subprocess
from pathlib import Path

import pytest

BASE_DIR = Path(__file__).resolve().parent.parent


def make(*args, base_url=None) -> str:
    env = {k: v for k, v in os.environ.items() if k != "PORTAL_BASE_URL"}
    if base_url is not None:
        env["PORTAL_BASE_URL"] = base_url
    result = subprocess.run(
        ["make", "-s", "--no-print-directory", *args],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout


@pytest.mark.parametrize(
    ("host", "expected"),
    [(None, "http://127.0.0.1:8000"), ("0.0.0.0:9000", "http://0.0.0.0:9000")],
)
def test_the_links_point_at_the_address_served(host, expected):
    args = ["run-base-url", *([f"HOST={host}"] if host else [])]
    assert make(*args).strip() == expected


def test_a_configured_base_url_wins():
    assert make("run-base-url", "HOST=0.0.0.0:9000", base_url="https://portal.example.org") == (
        "https://portal.example.org\n"
    )


def test_the_server_target_exports_it():
    """`make -p -n` prints the rules without running any: run's own variable."""
    database = make("-p", "-n", "run", "HOST=0.0.0.0:9000")
    assert "run: PORTAL_BASE_URL := http://0.0.0.0:9000" in database
