"""`get_FOO_display()` of every IMPULS model reads its labels from `core.choices`: the
label in the active language, the stored value itself when it is no choice."""

from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.utils import translation

from access.models import AccessEvent, EventKind
from cooperation.models import Body, BodyKind, Membership
from core.models import ChoiceLabels
from meetings.models import Meeting, MeetingStatus


def test_the_label_follows_the_active_language():
    body = Body(kind=BodyKind.BOARD)

    with translation.override("de"):
        german = body.get_kind_display()
    with translation.override("en"):
        english = body.get_kind_display()

    assert german == "Kooperationsgremium"
    assert english == "Cooperation board"
    assert german != english


def test_each_status_shows_its_own_label():
    with translation.override("de"):
        labels = {status: Meeting(status=status).get_status_display() for status in MeetingStatus}

    assert labels[MeetingStatus.INVITED] == "Eingeladen"
    assert labels == {status: str(status.label) for status in MeetingStatus}


def test_a_value_that_is_no_choice_is_shown_as_stored():
    assert Membership(role="not-a-role").get_role_display() == "not-a-role"
    assert Meeting(status="").get_status_display() == ""


def test_the_access_log_labels_its_kinds_the_same_way():
    with translation.override("de"):
        assert AccessEvent(kind=EventKind.LOGIN).get_kind_display() == str(EventKind.LOGIN.label)


@pytest.mark.parametrize(
    "model",
    [
        m
        for m in apps.get_models()
        if Path(m._meta.app_config.path).parent == Path(settings.BASE_DIR)
        and not m.__name__.startswith("Historical")
        and any(f.choices for f in m._meta.concrete_fields)
    ],
    ids=lambda m: m._meta.label,
)
def test_every_model_with_choices_uses_the_shared_labels(model):
    assert issubclass(model, ChoiceLabels)
