"""Names and titles are one line of visible text: forms and services refuse line
breaks, control characters and invisible or text-direction characters."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from cooperation import services as cooperation_services
from core.validators import validate_single_line
from meetings.models import AgendaItem
from workinggroups import services as wg_services
from workinggroups.models import FindingType

from .. import factories as f

MESSAGE = "Bitte nur eine Zeile ohne Zeilenumbrüche, Steuerzeichen oder unsichtbare"

REFUSED = {
    "line feed": "Sitzung\nZwei",
    "carriage return": "Sitzung\rZwei",
    "tab": "Sitzung\tZwei",
    "NUL": "Sitzung\x00",
    "line separator": "Sitzung\u2028Zwei",
    "paragraph separator": "Sitzung\u2029Zwei",
    "next line": "Sitzung\x85Zwei",
    "right-to-left override": "Rechnung \u202eFDP.exe",
    "left-to-right embedding": "\u202aHalberstadt",
    "pop directional formatting": "Halberstadt\u202c",
    "first strong isolate": "\u2068Halberstadt\u2069",
    "right-to-left isolate": "\u2067Halberstadt",
    "zero-width space": "Halber\u200bstadt",
    "zero-width joiner": "Halber\u200dstadt",
    "byte-order mark": "\ufeffHalberstadt",
    "DEL": "Halberstadt\x7f",
}
ACCEPTED = [
    "Stadt Halberstadt",
    "Blankenburg (Harz) – Ölmühle „Süd“ & Co. § 3",
    "Straße der Einheit 12a",
    "Ελληνικά, العربية, 日本語",
    "Bahnhof 🚉",
]


@pytest.mark.parametrize("name", REFUSED)
def test_it_refuses_what_breaks_a_line_or_hides_in_it(name):
    with pytest.raises(ValidationError) as caught:
        validate_single_line(REFUSED[name])

    assert caught.value.code == "single_line"


@pytest.mark.parametrize("text", ACCEPTED)
def test_it_accepts_ordinary_names(text):
    validate_single_line(text)


def test_a_meeting_form_with_a_line_break_in_the_title_is_refused_with_400(client, world):
    meeting = world.meeting
    title = meeting.title
    client.force_login(world.office)

    response = client.post(
        reverse("meetings:meeting_update", args=[meeting.pk]),
        {
            "title": "Sitzung\nBCC: alle@example.org",
            "starts_at": meeting.starts_at.strftime("%Y-%m-%dT%H:%M"),
            "ends_at": meeting.ends_at.strftime("%Y-%m-%dT%H:%M"),
            "location": meeting.location,
        },
    )

    assert response.status_code == 400
    content = response.content.decode()
    assert MESSAGE in content
    assert "U+000A" in content
    meeting.refresh_from_db()
    assert meeting.title == title


def test_an_agenda_item_with_a_direction_override_is_refused_with_400(client, world):
    client.force_login(world.office)
    before = AgendaItem.objects.filter(meeting=world.meeting).count()

    response = client.post(
        reverse("meetings:agenda_item_create", args=[world.meeting.pk]),
        {"title": "Haushalt \u202e1202", "is_public": "on"},
    )

    assert response.status_code == 400
    assert MESSAGE in response.content.decode()
    assert AgendaItem.objects.filter(meeting=world.meeting).count() == before


def test_a_finding_form_with_an_invisible_character_is_refused_with_400(client, world):
    finding = world.draft_finding
    title = finding.title
    client.force_login(world.wg_member)

    response = client.post(
        reverse("workinggroups:finding_update", args=[finding.pk]),
        {
            "type": finding.type,
            "title": "Park\u200b&Ride",
            "text": finding.text,
            "function_area": finding.function_area_id,
            "central_function": finding.central_function_id or "",
            "version": finding.version,
        },
    )

    assert response.status_code == 400
    assert MESSAGE in response.content.decode()
    finding.refresh_from_db()
    assert finding.title == title


def test_a_partner_form_with_a_line_break_in_the_name_is_refused_with_400(client, world):
    partner = world.halberstadt
    client.force_login(world.admin_halberstadt)
    page = client.get(reverse("cooperation:partner_update", args=[partner.pk]))
    data = {
        name: value
        for name, value in page.context["form"].initial.items()
        if value is not None and name in page.context["form"].fields
    }
    data["short_name"] = "Halber\nstadt"

    response = client.post(reverse("cooperation:partner_update", args=[partner.pk]), data)

    assert response.status_code == 400
    assert MESSAGE in response.content.decode()
    partner.refresh_from_db()
    assert partner.short_name == "Halberstadt"


def test_services_refuse_them_too(world):
    with pytest.raises(ValidationError) as caught:
        wg_services.finding_create(
            group=world.working_group,
            author=world.wg_member,
            type=FindingType.OBSTACLE,
            title="Zwei\nZeilen",
            text="Text",
            function_area=world.working_group.function_area,
            actor=world.wg_member,
        )
    assert "title" in caught.value.message_dict

    with pytest.raises(ValidationError) as caught:
        cooperation_services.body_update(
            body=world.board, data={"name": "Gremium\u2066"}, actor=world.office
        )
    assert "name" in caught.value.message_dict
    world.board.refresh_from_db()
    assert world.board.name == "Kooperationsgremium"


def test_a_display_name_is_one_line(db):
    user = f.UserFactory(username="ines")
    user.display_name = "Bürgermeisterin\r\nIlsenburg"

    with pytest.raises(ValidationError) as caught:
        user.full_clean()

    assert "display_name" in caught.value.message_dict
