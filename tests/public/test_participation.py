"""The public pages of the participation procedures: the published ones (statements
without private contact data, their weighing, the table) and those open to the public
(the concept as put out, the statement form); and the marker test: nothing of an
unfinished procedure is public, on any public page, the public search, OParl or the feeds."""

import io

import pytest
from django.core import mail
from django.test import override_settings
from django.urls import resolve, reverse
from pypdf import PdfReader

from participation.models import Statement, StatementStatus
from tests.participation import office_helpers as h

from .crawl import crawl
from .test_no_leak import RUN, Markers

pytestmark = pytest.mark.django_db


def _pdf_text(content: bytes) -> str:
    return " ".join(
        " ".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages).split()
    )


# --- a published procedure -----------------------------------------------------------------


def test_a_published_procedure_shows_statements_and_weighing_without_contact_data(client, world):
    procedure = h.procedure(world, public=True)
    chapter = procedure.chapters.order_by("position").first()
    huy = h.participant(world, procedure, organisation="Gemeinde Huy")
    ours = h.statement(procedure, participant=huy, chapter=chapter, text="Radweg fehlt")
    theirs = h.statement(
        procedure, text="Mehr Busse", submitter_name="Erika Mustermann",
        submitter_email="erika.privat@example.org",
    )  # fmt: skip
    h.weigh(world, ours, outcome="followed", reasoning="Radweg aufgenommen")
    h.weigh(world, theirs, outcome="noted", reasoning="Zur Kenntnis")
    h.draft(procedure, huy, text="Unfertiger Entwurf")
    detail = reverse("public:participation_detail", args=[procedure.pk])
    table = reverse("public:participation_table", args=[procedure.pk])
    h.end(procedure)
    h.on_agenda(world, procedure)
    h.decide(world, procedure)
    # Decided, not yet published: nothing there.
    assert client.get(detail).status_code == 404
    assert client.get(table).status_code == 404
    assert (
        "Entwurf REK 2027" not in client.get(reverse("public:participation_list")).content.decode()
    )

    from participation import services
    from participation.table_pdf import build_table

    services.procedure_publish(procedure=procedure, actor=world.office)
    # Published, the final table still being built: the page says so.
    page = client.get(detail).content.decode()
    assert "Die Abwägungstabelle wird vorbereitet." in page
    build_table(procedure.tables.latest("pk").pk)

    page = client.get(detail).content.decode()
    shown_texts = (
        "Radweg fehlt", "Mehr Busse", "Gemeinde Huy", "Bürger:in (Öffentlichkeit)",
        "Gefolgt", "Zur Kenntnis genommen", "Radweg aufgenommen", "Zur Kenntnis",
    )  # fmt: skip
    for shown in shown_texts:
        assert shown in page, shown
    for hidden in ("Erika", "Mustermann", "erika.privat", "Unfertiger Entwurf", huy.user.email):
        assert hidden not in page, hidden
    assert "Entwurf REK 2027" in client.get(reverse("public:participation_list")).content.decode()
    response = client.get(table)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert "public" in response["Cache-Control"]
    text = _pdf_text(b"".join(response.streaming_content))
    assert "Radweg fehlt" in text and "Mehr Busse" in text and "Gemeinde Huy" in text
    assert "Mustermann" not in text and "erika.privat" not in text


def test_an_older_table_is_not_the_published_one(client, world):
    procedure = h.decided(world)
    old = h.finished_table(world, procedure)
    from participation import services

    procedure = services.procedure_publish(procedure=procedure, actor=world.office)
    # Only the table built for the publication is public; until it is built, none.
    assert client.get(reverse("public:participation_table", args=[procedure.pk])).status_code == 404
    assert old.created < procedure.published_at


# --- the public statement form ----------------------------------------------------------------


def _form(**changes):
    return {"name": "Erika Mustermann", "email": "erika@example.org", "chapter": "",
            "text": "Mehr Busse am Abend.", **changes}  # fmt: skip


def test_the_public_submits_a_statement_and_gets_a_receipt(
    client, world, django_capture_on_commit_callbacks
):
    procedure = h.procedure(world, public=True)
    chapter = procedure.chapters.order_by("position").last()
    h.statement(procedure, participant=h.participant(world, procedure))  # number 1
    detail = client.get(reverse("public:participation_detail", args=[procedure.pk]))
    page = detail.content.decode()
    assert "Der Text des Kapitels Mobilität." in page  # the concept as put out
    assert "Wir regen an" not in page  # never a statement while it runs
    url = reverse("public:participation_statement", args=[procedure.pk])
    assert client.get(url).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, _form(chapter=str(chapter.pk)), follow=True)
    assert response.status_code == 200
    assert "als Nr. 2 eingegangen" in response.content.decode()
    statement = Statement.objects.get(procedure=procedure, number=2)
    assert statement.status == StatementStatus.SUBMITTED and statement.chapter == chapter
    assert statement.participant is None and statement.submitter_email == "erika@example.org"
    assert statement.receipt_sent_at is not None
    (receipt,) = mail.outbox
    assert receipt.to == ["erika@example.org"]
    assert "Nr. 2" in receipt.subject and "Mehr Busse am Abend." in receipt.body
    assert "2. Mobilität" in receipt.body


def test_bad_input_is_refused_in_german_and_nothing_is_saved(client, world):
    procedure = h.procedure(world, public=True)
    url = reverse("public:participation_statement", args=[procedure.pk])
    response = client.post(url, _form(email="keine-adresse", text=""))
    assert response.status_code == 400
    page = response.content.decode()
    assert "Bitte gültige E-Mail-Adresse eingeben." in page
    assert "Dieses Feld ist zwingend erforderlich." in page
    assert client.post(url, _form(chapter="999999")).status_code == 400
    assert not Statement.objects.filter(procedure=procedure).exists()


@override_settings(PUBLIC_STATEMENT_LIMIT_PER_ADDRESS=2)
def test_the_form_is_rate_limited(client, world):
    procedure = h.procedure(world, public=True)
    url = reverse("public:participation_statement", args=[procedure.pk])
    assert client.post(url, _form()).status_code == 302
    assert client.post(url, _form(email="ERIKA@example.org ")).status_code == 302
    response = client.post(url, _form())
    assert response.status_code == 429
    assert "zu viele Stellungnahmen" in response.content.decode()
    assert Statement.objects.filter(procedure=procedure).count() == 2


def test_no_form_when_the_procedure_is_closed_to_the_public_or_has_ended(client, world):
    closed = h.procedure(world, public=False, title="Nur für Beteiligte")
    ended = h.end(h.procedure(world, public=True, title="Abgelaufen"))
    for procedure in (closed, ended):
        url = reverse("public:participation_statement", args=[procedure.pk])
        assert client.get(url).status_code == 404
        assert client.post(url, _form()).status_code == 404
        assert (
            client.get(reverse("public:participation_detail", args=[procedure.pk])).status_code
            == 404
        )
    assert not Statement.objects.exists()
    listing = client.get(reverse("public:participation_list")).content.decode()
    assert "Nur für Beteiligte" not in listing and "Abgelaufen" not in listing


def test_the_public_pages_run_a_fixed_number_of_queries(client, world, django_assert_num_queries):
    published = h.published_quickly(world, statements=3)
    running = h.procedure(world, public=True, title="Läuft")
    pages = [
        # the procedures (and their count)
        (reverse("public:participation_list"), 2),
        # the procedure, its statements (count, a page with participants and weighings),
        # the published table
        (reverse("public:participation_detail", args=[published.pk]), 4),
        (reverse("public:participation_table", args=[published.pk]), 2),
        (reverse("public:participation_detail", args=[running.pk]), 2),
        (reverse("public:participation_statement", args=[running.pk]), 2),
    ]
    for url, queries in pages:
        with django_assert_num_queries(queries):
            assert client.get(url).status_code == 200, url
    # Thirty times the statements and procedures: the same queries, one page of rows.
    who = published.participants.first()
    for i in range(30):
        h.statement(published, participant=who, text=f"Nachtrag {i}")
        h.procedure(world, public=True, title=f"Weiteres Verfahren {i}")
    for url, queries in pages:
        with django_assert_num_queries(queries):
            response = client.get(url)
        assert response.status_code == 200, url
    page = client.get(reverse("public:participation_detail", args=[published.pk]))
    assert len(page.context["statements"]) == 20


# --- the marker test ----------------------------------------------------------------------------


def _plant(world) -> Markers:
    """Markers in everything of unfinished procedures (a draft, one put out to the
    participants only, one running open to the public, one decided but not published)
    and in the private fields of a published one."""
    m = Markers()
    draft = h.procedure(world, opened=False, title=m("draft_title"))
    draft.description = m("draft_description")
    draft.save()
    h.concept(world)

    internal = h.procedure(world, title=m("internal_title"))
    internal.description = m("internal_description")
    internal.save()
    chapter = internal.chapters.first()
    chapter.title, chapter.text = m("internal_chapter_title"), m("internal_chapter_text")
    chapter.save()
    who = h.participant(world, internal, organisation=m("internal_organisation"))
    h.weigh(
        world,
        h.statement(internal, participant=who, chapter=chapter, text=m("internal_statement")),
        reasoning=m("internal_reasoning"),
        change=m("internal_chapter_change"),
    )

    running = h.procedure(world, public=True, title="Läuft öffentlich")
    runner = h.participant(world, running, organisation=m("running_organisation"))
    h.weigh(
        world,
        h.statement(running, participant=runner, text=m("running_statement")),
        reasoning=m("running_reasoning"),
    )
    h.statement(
        running,
        text=m("running_public_statement"),
        submitter_name=m("running_name"),
        submitter_email=f"{m('running_email')}@example.org",
    )

    decided = h.procedure(world, title="Beschlossen, nicht veröffentlicht")
    other = h.participant(world, decided, organisation=m("decided_organisation"))
    h.weigh(
        world,
        h.statement(decided, participant=other, text=m("decided_statement")),
        reasoning=m("decided_reasoning"),
        change=m("decided_chapter_change"),
    )
    h.end(decided)
    h.on_agenda(world, decided)
    h.decide(world, decided)
    h.finished_table(world, decided)

    published = h.procedure(world, public=True, title="Veröffentlicht")
    pub_who = h.participant(world, published, organisation="Gemeinde Huy")
    pub_who.user.email = f"{m('participant_email')}@example.org"
    pub_who.user.username = m("participant_username")
    pub_who.user.display_name = m("participant_display_name")
    pub_who.user.save()
    h.weigh(world, h.statement(published, participant=pub_who, text="Öffentlich"))
    h.weigh(world, h.statement(published, text="Auch öffentlich",
                               submitter_name=m("public_name"),
                               submitter_email=f"{m('public_email')}@example.org"))  # fmt: skip
    h.draft(published, pub_who, text=m("published_draft"))
    h.end(published)
    h.on_agenda(world, published)
    h.decide(world, published)
    from participation import services

    services.procedure_publish(procedure=published, actor=world.office)
    from participation.table_pdf import build_table

    assert build_table(published.tables.latest("pk").pk)  # the real PDF, read back below
    return m


def test_nothing_of_an_unfinished_procedure_is_public(client, world):
    markers = _plant(world)
    pages = crawl(client, [reverse("public:home")])
    reached = {resolve(url.split("?")[0]).view_name for url, p in pages.items() if p.status == 200}
    expected = {
        "public:participation_list",
        "public:participation_detail",
        "public:participation_table",
        "public:participation_statement",
    }
    assert expected <= reached, expected - reached
    extra = [
        reverse("public:search") + f"?q={RUN}",
        reverse("oparl:system"),
        reverse("oparl:meeting_feed"),
        reverse("oparl:decision_feed"),
        reverse("oparl:meeting_calendar"),
        *(reverse("oparl:list", args=[kind]) for kind in ("meeting", "agendaitem", "paper")),
    ]
    for url in extra:
        response = client.get(url)
        assert response.status_code == 200, url
        body = b"".join(response.streaming_content) if response.streaming else response.content
        pages[url] = type(next(iter(pages.values())))(url, 200, response["Content-Type"], body)
    for url, page in pages.items():
        body = page.body
        if resolve(url.split("?")[0]).view_name == "public:participation_table":
            body = _pdf_text(body).encode()
        for marker, field in markers.all.items():
            assert marker.encode() not in body, f"{field} leaks on {url}"
