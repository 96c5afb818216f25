"""The demo's legal texts (seed_demo): plausible, marked as demo text, written once."""

import html

import pytest
from django.urls import reverse

from demo.legal import seed_legal_texts
from legal import services
from legal.models import Conformity, LegalText, LegalTextKind

pytestmark = pytest.mark.django_db


def test_it_writes_the_three_texts_marked_as_demo_and_renders_them(client, world):
    assert seed_legal_texts(actor=world.office) == 3

    texts = {text.kind: text for text in LegalText.objects.all()}
    assert set(texts) == set(LegalTextKind.values)
    for text in texts.values():
        assert text.text.startswith("*Demo-Text:")
        assert text.history.get().history_user == world.office
    statement = texts[LegalTextKind.ACCESSIBILITY]
    assert statement.conformity == Conformity.PARTIAL
    assert "Nicht barrierefreie Inhalte" in statement.text
    assert "Ombudsstelle" in statement.enforcement_body
    for name in ("legal:imprint", "legal:privacy", "legal:accessibility"):
        content = html.unescape(client.get(reverse(name)).content.decode())
        assert "Demo-Text" in content
        assert "Planungsgemeinschaft Harz" in content
        assert "<script" not in content


def test_it_leaves_texts_the_office_has_written_alone(world):
    services.legal_text_save(
        kind=LegalTextKind.IMPRINT,
        data={"title": "Impressum", "text": "Von der Geschäftsstelle geschrieben."},
        expected_version=0,
        actor=world.office,
    )

    assert seed_legal_texts(actor=world.office) == 2
    assert seed_legal_texts(actor=world.office) == 0
    assert LegalText.objects.get(kind=LegalTextKind.IMPRINT).text.startswith("Von der")
