"""The whole OParl API of the demo (`seed_demo`), crawled as a client would from the
System object through every list and `next` link: 0 schema errors, 0 rule violations,
and every published meeting, agenda item, paper, file and decision reached."""

import io
from types import SimpleNamespace

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import TestCase, override_settings

from cooperation.models import Membership
from meetings.models import AgendaItem, Decision, Meeting, Paper

from .crawl import api_root, crawl

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker, tmp_path_factory):
    """The demo, seeded once for the module in a transaction rolled back at its end."""
    hashers = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    media = tmp_path_factory.mktemp("media")
    with (
        django_db_blocker.unblock(),
        override_settings(PASSWORD_HASHERS=hashers, LANGUAGE_CODE="de", MEDIA_ROOT=media),
        transaction.atomic(),
    ):
        with TestCase.captureOnCommitCallbacks():
            call_command("seed_demo", stdout=io.StringIO(), force=True)
        yield SimpleNamespace(media=media)
        transaction.set_rollback(True)


def _keys(result, name, kind):
    prefix = f"{api_root()}{kind}/"
    return {int(o["id"].removeprefix(prefix).strip("/")) for o in result.of_type(name)}


def test_the_demo_crawl_validates_and_reaches_every_published_object(seeded, client, settings):
    settings.MEDIA_ROOT = seeded.media
    result = crawl(client)
    assert result.errors == []

    meetings = set(Meeting.objects.published().values_list("pk", flat=True))
    assert len(meetings) > 5
    assert _keys(result, "Meeting", "meeting") == meetings
    assert _keys(result, "AgendaItem", "agendaitem") == set(
        AgendaItem.objects.published().values_list("pk", flat=True)
    )
    papers = set(Paper.objects.published().values_list("pk", flat=True))
    assert papers
    assert _keys(result, "Paper", "paper") == papers
    assert _keys(result, "File", "file") == papers
    assert all(f.get("sha512Checksum") for f in result.of_type("File"))
    # Every file's accessUrl is the public download, and it answers.
    for file in result.of_type("File"):
        path = file["accessUrl"].removeprefix(settings.PORTAL_BASE_URL)
        assert client.get(path).status_code == 200, path
    numbers = {
        d["number"]
        for item in result.of_type("AgendaItem")
        for d in item.get("impuls:decisions", [])
    }
    assert numbers == {d.format_number() for d in Decision.objects.published()}
    assert _keys(result, "Membership", "membership") == set(
        Membership.objects.current().values_list("pk", flat=True)
    )
    # Lists longer than a page were followed through their `next` links.
    assert any("page=2" in url for url in result.bodies)
    # Held meetings carry the quorum frozen on the day.
    assert any(
        "quorum" in d for i in result.of_type("AgendaItem") for d in i.get("impuls:decisions", [])
    )
