"""The shared form mechanism: ServiceFormView, VersionedEditView and `Conflict`.

A small versioned "note" stands in for the three real editors (findings, minutes,
concept chapters): the view and the error mapping are the ones every app uses.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass

import pytest
from django import forms
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import RequestFactory
from django.utils import translation

from core.errors import Conflict, Unavailable, error_codes, is_conflict
from core.views import ServiceFormView, VersionedEditView


@dataclass
class Note:
    pk: int
    text: str
    version: int

    def get_absolute_url(self) -> str:
        return f"/notizen/{self.pk}/"


class Store:
    """The "database" of the test: what a service wrote, read back by the view's gate."""

    def __init__(self):
        self.note = Note(pk=1, text="Erste Fassung", version=1)

    def read(self) -> Note:
        return copy.copy(self.note)

    def update(self, *, note: Note, text: str, expected_version: int) -> Note:
        if text == "geheim":
            raise PermissionDenied
        if self.note.version != expected_version:
            raise Conflict(
                "Jemand anderes hat diese Notiz inzwischen gespeichert.", code="conflict"
            )
        if "verboten" in text:
            raise ValidationError({"text": ValidationError("Dieses Wort ist nicht erlaubt.")})
        self.note = Note(pk=note.pk, text=text, version=self.note.version + 1)
        return self.note


class NoteForm(forms.Form):
    text = forms.CharField(label="Text", max_length=100)
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


class NoteEditView(VersionedEditView):
    # The form partial only: the test looks at the view's answers, not the layout.
    template_name = "partials/form.html"
    form_class = NoteForm
    store: Store | None = None
    shown: dict | None = None

    def get_target(self):
        return self.store.read()

    def render_page(self, form, target, *, status=200, **extra):
        self.shown.update(form=form, target=target, status=status, **extra)
        return super().render_page(form, target, status=status, **extra)

    def perform(self, form, note):
        self.store.update(
            note=note,
            text=form.cleaned_data["text"],
            expected_version=form.cleaned_data["version"],
        )
        return note.get_absolute_url()


@pytest.fixture
def store():
    return Store()


def call(store, method="get", data=None):
    request = getattr(RequestFactory(), method)("/notizen/1/bearbeiten/", data or {})
    shown: dict = {}
    view = NoteEditView.as_view(store=store, shown=shown)
    with translation.override("de"):
        response = view(request, pk=1)
        if hasattr(response, "render"):
            response.render()
    return response, shown


def test_it_starts_the_form_at_the_stored_version(store):
    store.note.version = 4

    response, shown = call(store)

    assert response.status_code == 200
    assert shown["form"].initial["version"] == 4


def test_it_saves_through_the_service_and_redirects(store):
    response, _shown = call(store, "post", {"text": "Zweite Fassung", "version": 1})

    assert response.status_code == 302
    assert response["Location"] == "/notizen/1/"
    assert (store.note.text, store.note.version) == ("Zweite Fassung", 2)


def test_it_answers_a_concurrent_save_with_409_and_shows_the_other_version(store):
    # Someone else saved version 2 after this editor read version 1.
    store.note = Note(pk=1, text="Fassung aus dem anderen Tab", version=2)

    response, shown = call(store, "post", {"text": "Meine Fassung", "version": 1})

    assert response.status_code == 409
    assert shown["theirs"] == Note(pk=1, text="Fassung aus dem anderen Tab", version=2)
    # The editor's text stays; the next save is meant to replace the version shown.
    assert shown["form"]["text"].value() == "Meine Fassung"
    assert shown["form"]["version"].value() == 2
    assert "Jemand anderes hat diese Notiz inzwischen gespeichert." in response.content.decode()
    assert store.note == Note(pk=1, text="Fassung aus dem anderen Tab", version=2)


def test_the_next_save_after_a_conflict_replaces_the_version_shown(store):
    store.note = Note(pk=1, text="Fassung aus dem anderen Tab", version=2)
    _response, shown = call(store, "post", {"text": "Zusammengeführt", "version": 1})

    response, _shown = call(
        store, "post", {"text": "Zusammengeführt", "version": shown["form"]["version"].value()}
    )

    assert response.status_code == 302
    assert (store.note.text, store.note.version) == ("Zusammengeführt", 3)


def test_it_answers_invalid_input_with_400_in_german_and_changes_nothing(store):
    response, shown = call(store, "post", {"text": "", "version": 1})

    assert response.status_code == 400
    assert "theirs" not in shown
    content = response.content.decode()
    assert "Bitte korrigieren Sie die markierten Felder." in content
    assert "Dieses Feld ist zwingend erforderlich." in content
    assert store.note == Note(pk=1, text="Erste Fassung", version=1)


def test_it_shows_a_services_refusal_at_its_field_with_400(store):
    response, shown = call(store, "post", {"text": "ein verbotenes Wort", "version": 1})

    assert response.status_code == 400
    assert shown["form"].errors["text"] == ["Dieses Wort ist nicht erlaubt."]
    assert store.note == Note(pk=1, text="Erste Fassung", version=1)


def test_it_leaves_permission_denied_to_django_so_it_answers_403(store):
    with pytest.raises(PermissionDenied):
        call(store, "post", {"text": "geheim", "version": 1})
    assert store.note == Note(pk=1, text="Erste Fassung", version=1)


class PlainView(ServiceFormView):
    template_name = "partials/form.html"
    form_class = NoteForm
    error: ValidationError | None = None

    def get_target(self):
        return None

    def get_cancel_url(self, target):
        return "/"

    def perform(self, form, target):
        raise self.error


@pytest.mark.parametrize(
    ("error", "status"),
    [
        (Conflict("Die Sitzung ist abgesagt.", code="cancelled"), 409),
        (ValidationError({"text": Conflict("Schon entschieden.", code="decided")}), 409),
        (ValidationError("Ungültig.", code="conflict"), 400),
        (ValidationError({"text": "Zu lang."}), 400),
        (Unavailable("Der Mailserver antwortet nicht.", code="mail_failed"), 503),
    ],
)
def test_each_kind_of_refusal_gets_its_status_and_only_a_conflict_409(error, status):
    request = RequestFactory().post("/", {"text": "x", "version": 1})

    response = PlainView.as_view(error=error)(request)

    assert response.status_code == status


def test_a_conflict_is_a_validation_error_and_found_inside_field_errors():
    nested = ValidationError({"file": [Conflict("Eingefroren.", code="frozen")]})

    assert isinstance(Conflict("x"), ValidationError)
    assert is_conflict(nested)
    assert error_codes(nested) == {"frozen"}
    assert not is_conflict(ValidationError("x", code="conflict"))
