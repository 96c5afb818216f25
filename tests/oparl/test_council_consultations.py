"""The partners' councils' consultations of published decisions (`councils`) are OParl
Consultation objects of their own (`consultation/rat-<pk>/`), next to the papers on
agenda items in one list: the partner's Organization, the item's first published paper,
the council's result under `impuls:`; never a non-public decision's, never the note."""

import datetime
from urllib.parse import quote

import pytest
import time_machine
from django.utils import timezone

from councils import services
from councils.models import Consultation, ConsultationStatus, Scope
from meetings import services as meeting_services
from meetings.models import Paper

from .. import factories as f
from .crawl import api_root, crawl

pytestmark = pytest.mark.django_db


def _since(when: datetime.datetime) -> str:
    return quote(when.isoformat(timespec="seconds"))


def _require(world, decision=None, partners=None):
    return services.requirement_create(
        decision=decision or world.decision,
        scope=Scope.NAMED,
        partners=partners or [world.halberstadt, world.wernigerode],
        planned_date=timezone.localdate() - datetime.timedelta(days=2),
        actor=world.office,
    )


def _approve(consultation, actor, note="Nur intern"):
    services.consultation_record(
        consultation=consultation,
        data={
            "council_name": consultation.council_name,
            "planned_date": consultation.planned_date,
            "status": ConsultationStatus.APPROVED,
            "resolution_number": "SR-2026/114",
            "resolution_date": timezone.localdate(),
            "note": note,
        },
        actor=actor,
    )


def _url(consultation) -> str:
    return f"{api_root()}consultation/rat-{consultation.pk}/"


def _hidden_requirement(world):
    hidden = meeting_services.decision_record(
        item=world.confidential_item, title="Vertraulich", text="…", votes_yes=1, actor=world.office
    )
    requirement = _require(world, hidden, [world.wernigerode])
    requirement.consultations.update(council_name="GEHEIMRAT")
    return requirement.consultations.get()


def test_a_published_decisions_councils_are_consultations_of_the_partners(client, world):
    _require(world)
    approved = Consultation.objects.get(partner=world.halberstadt)
    _approve(approved, world.admin_halberstadt)
    root = api_root()
    data = client.get(f"/oparl/v1/consultation/rat-{approved.pk}/").json()
    assert data["id"] == _url(approved)
    assert data["type"] == "https://schema.oparl.org/1.1/Consultation"
    assert data["organization"] == [f"{root}organization/partner-{world.halberstadt.pk}/"]
    assert data["paper"] == f"{root}paper/{world.public_paper.pk}/"
    assert data["authoritative"] is True
    assert data["role"] == "Zustimmung des Rates"
    assert "meeting" not in data and "agendaItem" not in data
    assert data["impuls:councilName"] == "Stadtrat Halberstadt"
    assert data["impuls:status"] == "approved"
    assert data["impuls:statusLabel"] == "Zugestimmt"
    assert data["impuls:resolutionNumber"] == "SR-2026/114"
    assert data["impuls:resolutionDate"] == timezone.localdate().isoformat()
    assert data["impuls:overdue"] is False
    assert data["impuls:decision"]["number"] == world.decision.format_number()
    assert data["impuls:decision"]["web"].endswith(f"/beschluesse/{world.decision.pk}/")
    assert data["web"] == data["impuls:decision"]["web"]
    assert "Nur intern" not in str(data)
    # The other council is still waiting and overdue; its organization is Wernigerode.
    waiting = Consultation.objects.get(partner=world.wernigerode)
    other = client.get(f"/oparl/v1/consultation/rat-{waiting.pk}/").json()
    assert other["impuls:overdue"] is True
    assert other["impuls:plannedDate"] == waiting.planned_date.isoformat()
    assert other["organization"] == [f"{root}organization/partner-{world.wernigerode.pk}/"]
    # The decision's councilApproval links each consultation's OParl object.
    item = client.get(f"/oparl/v1/agendaitem/{world.public_item.pk}/").json()
    [decision] = item["impuls:decisions"]
    assert {c["consultation"] for c in decision["councilApproval"]["consultations"]} == {
        _url(approved),
        _url(waiting),
    }


def test_without_a_published_paper_on_the_item_the_consultation_names_none(client, world):
    _require(world, partners=[world.halberstadt])
    meeting_services.paper_withhold(paper=world.public_paper, reason="Daten", actor=world.office)
    consultation = Consultation.objects.get()
    data = client.get(f"/oparl/v1/consultation/rat-{consultation.pk}/").json()
    assert "paper" not in data


def test_the_crawl_validates_and_reaches_every_published_council_and_nothing_else(client, world):
    _require(world)
    _approve(Consultation.objects.get(partner=world.wernigerode), world.admin_wernigerode)
    hidden = _hidden_requirement(world)
    result = crawl(client)
    assert result.errors == []
    council_ids = {
        o["id"] for o in result.of_type("Consultation") if "/consultation/rat-" in o["id"]
    }
    assert council_ids == {_url(c) for c in Consultation.objects.published()}
    assert len(council_ids) == 2
    assert _url(hidden) not in result.objects
    body = b"".join(result.bodies.values()).decode()
    assert "GEHEIMRAT" not in body
    assert "Nur intern" not in body
    # The paper consultations are still there, beside the councils'.
    papers_on_items = Paper.objects.published().filter(agenda_item__isnull=False)
    assert {f"{api_root()}consultation/{p.pk}/" for p in papers_on_items} <= set(result.objects)


def test_a_non_public_decisions_council_is_never_served(client, world):
    hidden = _hidden_requirement(world)
    assert client.get(f"/oparl/v1/consultation/rat-{hidden.pk}/").status_code == 404
    data = client.get("/oparl/v1/consultation/?limit=100").json()["data"]
    assert _url(hidden) not in {o["id"] for o in data}
    for key in ("rat-", "rat-abc", "rat-²", f"rat-{'9' * 5000}", "gremium-1"):
        assert client.get(f"/oparl/v1/consultation/{key}/").status_code == 404, key


def test_the_list_pages_across_paper_and_council_consultations(client, world):
    _require(world)
    first = client.get("/oparl/v1/consultation/?limit=1").json()
    papers = Paper.objects.published().filter(agenda_item__isnull=False).count()
    assert first["pagination"]["totalElements"] == papers + 2
    assert first["pagination"]["totalPages"] == papers + 2
    result = crawl(client, f"{api_root()}consultation/?limit=1")
    assert result.errors == []
    ids = [o["id"] for o in result.of_type("Consultation")]
    assert len(ids) == len(set(ids)) == papers + 2
    assert {_url(c) for c in Consultation.objects.all()} <= set(ids)


def test_modified_since_finds_a_changed_council_and_tombstones_withdrawn_ones(client, world):
    _require(world)
    halberstadt = Consultation.objects.get(partner=world.halberstadt)
    wernigerode = Consultation.objects.get(partner=world.wernigerode)
    since = timezone.now() + datetime.timedelta(seconds=1)
    url = f"/oparl/v1/consultation/?modified_since={_since(since)}"
    assert client.get(url).json()["data"] == []
    with time_machine.travel(since + datetime.timedelta(seconds=5)):
        _approve(halberstadt, world.admin_halberstadt)
    [changed] = client.get(url).json()["data"]
    assert changed["id"] == _url(halberstadt)
    assert "deleted" not in changed

    # Deleted while its decision is published: a tombstone.
    later = timezone.now() + datetime.timedelta(seconds=30)
    with time_machine.travel(later):
        wernigerode_pk = wernigerode.pk
        wernigerode.delete()
    data = client.get(url).json()["data"]
    assert [o["id"] for o in data if o.get("deleted")] == [
        f"{api_root()}consultation/rat-{wernigerode_pk}/"
    ]

    # The decision's item made non-public: its councils are withdrawn with it.
    with time_machine.travel(later + datetime.timedelta(seconds=30)):
        meeting_services.agenda_item_update(
            item=world.public_item, data={"is_public": False}, actor=world.office
        )
    data = client.get(url).json()["data"]
    dead = {o["id"]: o for o in data if o.get("deleted")}
    assert _url(halberstadt) in dead
    assert set(dead[_url(halberstadt)]) == {"id", "type", "deleted", "modified"}
    assert all("deleted" in o for o in data)  # nothing of the item is live any more
    assert client.get(f"/oparl/v1/consultation/rat-{halberstadt.pk}/").status_code == 404
    # Without modified_since there are no tombstones.
    assert all("deleted" not in o for o in client.get("/oparl/v1/consultation/").json()["data"])


def test_the_items_first_paper_embeds_its_councils_and_counts_their_changes(client, world):
    _require(world)
    # A second paper on the item (after the first by title) embeds no council.
    second = f.PaperFactory(
        meeting=world.meeting,
        agenda_item=world.public_item,
        uploaded_by=world.office,
        title="Zzz Anlage",
    )
    paper = client.get(f"/oparl/v1/paper/{world.public_paper.pk}/").json()
    councils = [c for c in paper["consultation"] if "/consultation/rat-" in c["id"]]
    assert {c["id"] for c in councils} == {_url(c) for c in Consultation.objects.all()}
    # Embedded, each says the same as the object itself.
    for embedded in councils:
        key = embedded["id"].rstrip("/").rsplit("/", 1)[1]
        assert embedded == client.get(f"/oparl/v1/consultation/{key}/").json()
        assert embedded["paper"] == paper["id"]
    # The paper's own consultation is there too, first.
    assert paper["consultation"][0]["id"] == f"{api_root()}consultation/{world.public_paper.pk}/"
    other = client.get(f"/oparl/v1/paper/{second.pk}/").json()
    assert [c["id"] for c in other["consultation"]] == [f"{api_root()}consultation/{second.pk}/"]
    # A council's result changes the first paper's `modified`, not the second's.
    since = timezone.now() + datetime.timedelta(seconds=1)
    url = f"/oparl/v1/paper/?modified_since={_since(since)}"
    assert client.get(url).json()["data"] == []
    with time_machine.travel(since + datetime.timedelta(seconds=5)):
        _approve(Consultation.objects.get(partner=world.halberstadt), world.admin_halberstadt)
    [changed] = client.get(url).json()["data"]
    assert changed["id"] == paper["id"]
    assert changed["modified"] >= since.isoformat()[:19]
    # The file and the paper's consultation keep the paper row's own `modified`.
    assert changed["mainFile"]["modified"] == paper["mainFile"]["modified"]
    assert changed["consultation"][0]["modified"] == paper["consultation"][0]["modified"]
