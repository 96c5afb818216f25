"""The full-text search (search.selectors.search): stemming, ranking, prefix, what each
user may find, query counts; the vectors kept current (core/search.py)."""

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from cooperation.models import BodyGroupObjectPermission, BodyUserObjectPermission
from core.search import refresh_vectors
from meetings.models import AgendaItem, Meeting, MeetingStatus, Minutes, MinutesStatus, Paper
from meetings.services import paper_withhold
from overview import services as overview_services
from search.selectors import marked_snippet, search
from workinggroups import services as wg_services
from workinggroups.models import Finding

from .. import factories as f

pytestmark = pytest.mark.django_db

postgres_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="stemming needs PostgreSQL's german configuration"
)


def found(results, kind=None):
    return [hit.object for hit in results.hits if kind is None or hit.kind == kind]


def facet_counts(results):
    return {facet.kind: facet.count for facet in results.facets}


def items(meeting, *specs):
    return [
        f.AgendaItemFactory(meeting=meeting, position=n, title=title, description=text, **kw)
        for n, (title, text, kw) in enumerate(specs, 1)
    ]


# --- Language ------------------------------------------------------------------------


@postgres_only
@pytest.mark.parametrize(
    ("query", "stored"),
    [("Krankenhäuser", "Sanierung Krankenhaus"), ("Bahnhöfe", "Neuer Bahnhof in Ilsenburg")],
)
def test_german_stemming_finds_the_singular(world, query, stored):
    item = f.AgendaItemFactory(meeting=world.meeting, position=5, title=stored)
    results = search(query, user=world.board_member)
    assert item in found(results, "agenda_item")


@postgres_only
def test_a_stemmed_plural_in_the_body_is_found_by_the_singular(world):
    item = f.AgendaItemFactory(
        meeting=world.meeting, position=5, title="Versorgung", description="Zwei Krankenhäuser"
    )
    assert item in found(search("Krankenhaus", user=world.board_member))


def test_the_last_word_matches_as_a_prefix(world):
    item = f.AgendaItemFactory(meeting=world.meeting, position=5, title="Regionalbahnhof Thale")
    member = world.board_member
    assert item in found(search("Regionalbahn", user=member))
    assert item in found(search("Thale Regionalbahnh", user=member))


@postgres_only  # SQLite's fallback matches every word anywhere (README)
def test_only_the_last_word_is_a_prefix(world):
    item = f.AgendaItemFactory(meeting=world.meeting, position=5, title="Regionalbahnhof Thale")
    assert item not in found(search("Regionalbahn Thale", user=world.board_member))


def test_every_word_must_occur(world):
    item = f.AgendaItemFactory(meeting=world.meeting, position=5, title="Radweg Harz")
    assert item in found(search("radweg harz", user=world.board_member))
    assert item not in found(search("radweg brocken", user=world.board_member))


def test_a_title_hit_ranks_above_a_body_hit(world):
    body_hit, title_hit = items(
        world.meeting,
        ("Verschiedenes", "Auch die Schwimmhalle wurde besprochen.", {}),
        ("Schwimmhalle Blankenburg", "Bericht", {}),
    )
    hits = found(search("Schwimmhalle", user=world.board_member))
    assert hits.index(title_hit) < hits.index(body_hit)


def test_operators_and_quotes_in_the_query_are_only_words(world):
    item = f.AgendaItemFactory(meeting=world.meeting, position=5, title="Radweg Harz")
    for query in ["radweg & | ! harz", "'radweg' (harz):*", "radweg harz\\", "<->radweg"]:
        assert item in found(search(query, user=world.board_member)), query
    assert search("& | ! ( ) :*", user=world.board_member).total == 0


def test_snippets_mark_the_match_and_escape_the_text(world):
    f.AgendaItemFactory(
        meeting=world.meeting,
        position=5,
        title="Hinweis",
        description='Im Schwimmbad gilt: Kinder < 6 & Eltern "frei" <img src=x onerror=alert(1)>',
    )
    results = search("Schwimmbad", user=world.board_member)
    snippet = str(results.hits[0].snippet)
    assert "<mark>Schwimmbad</mark>" in snippet
    assert "Kinder &lt; 6 &amp; Eltern" in snippet
    assert "<img" not in snippet


def test_marked_snippet_escapes_everything_outside_the_marks():
    assert str(marked_snippet("a<b \ue000c&d\ue001 e")) == "a&lt;b <mark>c&amp;d</mark> e"


# --- Who finds what ------------------------------------------------------------------


def test_a_member_of_another_body_does_not_find_a_non_public_item(world):
    """Not in the hits, the snippet, the total or the facets."""
    AgendaItem.objects.filter(pk=world.confidential_item.pk).update(
        description="Geheimwort Zaunkönig"
    )
    for user in (world.wg_member, world.other_wg_member, world.admin_halberstadt):
        results = search("Zaunkönig", user=user)
        assert results.total == 0
        assert all(count == 0 for count in facet_counts(results).values())
        assert results.hits == []
    board = search("Zaunkönig", user=world.board_member)
    assert found(board) == [world.confidential_item]
    assert facet_counts(board)["agenda_item"] == 1
    assert "<mark>Zaunkönig</mark>" in str(board.hits[0].snippet)


def test_the_board_member_finds_what_the_public_search_does_not(world):
    AgendaItem.objects.filter(pk__in=[world.confidential_item.pk, world.public_item.pk]).update(
        description="Stichwort Mauersegler"
    )
    public = search("Mauersegler", user=None)
    assert found(public) == [world.public_item]
    assert facet_counts(public)["agenda_item"] == 1
    assert set(found(search("Mauersegler", user=world.board_member))) == {
        world.public_item,
        world.confidential_item,
    }


def test_the_public_search_finds_only_published_meetings(world):
    planned = f.MeetingFactory(body=world.board, status=MeetingStatus.PLANNED, title="Eulenflug")
    f.AgendaItemFactory(meeting=planned, position=1, title="Eulenflug Vorbereitung")
    assert search("Eulenflug", user=None).total == 0
    assert search("Eulenflug", user=world.board_member).total == 2
    Meeting.objects.filter(pk=planned.pk).update(status=MeetingStatus.INVITED)
    assert search("Eulenflug", user=None).total == 2


def test_the_public_search_leaves_out_drafts_and_circulated_minutes(world):
    minutes = Minutes.objects.create(
        agenda_item=world.public_item, text="Die Kranichwiese wird gemäht.", status="draft"
    )
    assert search("Kranichwiese", user=None).total == 0
    Minutes.objects.filter(pk=minutes.pk).update(status=MinutesStatus.CIRCULATED)
    assert search("Kranichwiese", user=None).total == 0
    assert found(search("Kranichwiese", user=world.board_member)) == [minutes]
    Minutes.objects.filter(pk=minutes.pk).update(status=MinutesStatus.APPROVED)
    assert found(search("Kranichwiese", user=None)) == [minutes]


def test_draft_findings_only_for_the_group_and_never_public(world):
    Finding.objects.filter(pk=world.draft_finding.pk).update(text="Der Wendehals fehlt.")
    assert found(search("Wendehals", user=world.wg_member)) == [world.draft_finding]
    assert search("Wendehals", user=world.board_member).total == 0
    assert search("Wendehals", user=None).total == 0
    Finding.objects.filter(pk=world.agreed_finding.pk).update(text="Der Wendehals brütet.")
    assert found(search("Wendehals", user=None)) == [world.agreed_finding]


def test_comments_and_attachments_are_never_public(world):
    comment = wg_services.comment_add(
        finding=world.agreed_finding, author=world.wg_member, text="Was ist mit dem Kiebitz?"
    )
    assert found(search("Kiebitz", user=world.board_member)) == [comment]
    assert search("Kiebitz", user=None).total == 0
    assert "comment" not in facet_counts(search("Kiebitz", user=None))


def test_a_withheld_paper_is_found_by_members_only(world):
    Paper.objects.filter(pk=world.public_paper.pk).update(title="Gutachten Steinkauz")
    assert found(search("Steinkauz", user=None)) == [world.public_paper]
    paper_withhold(paper=world.public_paper, reason="Personenbezogene Daten", actor=world.office)
    assert search("Steinkauz", user=None).total == 0
    assert found(search("Steinkauz", user=world.board_member)) == [world.public_paper]


def test_the_public_search_reads_only_the_published_chapter(world):
    chapter = overview_services.chapter_create(
        position=1, title="Leitbild", text="Die Region stärkt den Uhu.", actor=world.office
    )
    assert search("Uhu", user=None).total == 0  # never published
    chapter = overview_services.chapter_publish(
        chapter=chapter, expected_version=chapter.version, actor=world.office
    )
    chapter = overview_services.chapter_update(
        chapter=chapter,
        data={"title": "Leitbild", "text": "Die Region stärkt den Wiedehopf."},
        expected_version=chapter.version,
        actor=world.office,
    )
    public = search("Uhu", user=None)
    assert found(public) == [chapter]
    assert "Uhu" in str(public.hits[0].snippet)
    assert "Wiedehopf" not in public.hits[0].object.text  # the object carries the published text
    assert search("Wiedehopf", user=None).total == 0  # the unpublished edit
    assert found(search("Wiedehopf", user=world.board_member)) == [chapter]
    assert search("Uhu", user=world.board_member).total == 0


def test_a_user_without_membership_finds_nothing(world):
    assert search("Bericht", user=world.no_membership).total == 0


# --- Keeping the vectors current ----------------------------------------------------


def test_an_edit_through_the_service_updates_the_vector(world):
    finding = world.agreed_finding
    assert search("Rotmilan", user=world.board_member).total == 0
    wg_services.finding_update(
        finding=finding,
        data={"title": "Empfehlung: Rufbus Rotmilan"},
        expected_version=finding.version,
        actor=world.wg_member,
    )
    assert found(search("Rotmilan", user=world.board_member)) == [finding]
    # Any write keeps it current, a queryset update too (the trigger, on PostgreSQL).
    Finding.objects.filter(pk=finding.pk).update(title="Empfehlung: Rufbus")
    assert search("Rotmilan", user=world.board_member).total == 0


def test_the_vector_is_not_in_the_history(world):
    item = world.public_item
    history = item.history.count()
    if connection.vendor == "postgresql":
        assert refresh_vectors(AgendaItem, AgendaItem.objects.filter(pk=item.pk)) == 1
    assert item.history.count() == history
    fields = {field.name for field in AgendaItem.history.model._meta.fields}
    assert "search_vector" not in fields
    assert "search_vector" not in {field.name for field in Paper.history.model._meta.fields}


# --- Pages, kinds, input -------------------------------------------------------------


def test_kinds_limit_the_hits_but_the_facets_count_all(world):
    Finding.objects.filter(pk=world.agreed_finding.pk).update(text="Der Pirol singt.")
    AgendaItem.objects.filter(pk=world.public_item.pk).update(description="Pirol")
    results = search("Pirol", user=world.board_member, kinds=["finding"])
    assert found(results) == [world.agreed_finding]
    assert results.total == 1
    assert facet_counts(results)["agenda_item"] == 1


def test_unknown_kind_and_too_long_query_are_refused(world):
    with pytest.raises(ValidationError):
        search("Pirol", user=world.board_member, kinds=["bogus"])
    with pytest.raises(ValidationError):
        search("Pirol", user=None, kinds=["comment"])  # not public
    with pytest.raises(ValidationError):
        search("x" * 201, user=world.board_member)


def test_pages_hold_page_size_hits_and_clamp(world):
    items(world.meeting, *[(f"Haselhuhn {n}", "", {}) for n in range(5)])
    first = search("Haselhuhn", user=world.board_member, page_size=2)
    assert first.total == 5 and len(first.hits) == 2 and first.page.paginator.num_pages == 3
    last = search("Haselhuhn", user=world.board_member, page=99, page_size=2)
    assert last.page.number == 3 and len(last.hits) == 1
    huge = search("Haselhuhn", user=world.board_member, page="9" * 30, page_size=2)
    assert huge.page.number == 3 and len(huge.hits) == 1
    seen = {h.object.pk for p in (1, 2, 3) for h in search(
        "Haselhuhn", user=world.board_member, page=p, page_size=2).hits}  # fmt: skip
    assert len(seen) == 5


def test_url_for_maps_the_hits(world):
    results = search(
        "Bericht", user=None, url_for=lambda kind, obj: f"/oeffentlich/{kind}/{obj.pk}/"
    )
    assert results.hits
    assert all(hit.url == f"/oeffentlich/{hit.kind}/{hit.object.pk}/" for hit in results.hits)


# The ranked page with the facets, one query for the kind on the page; for a member one
# more, before them: the bodies they are a member of (read once for every kind's gate).
@pytest.mark.parametrize("user, queries", [("board_member", 3), (None, 2)])
def test_the_query_count_does_not_depend_on_the_number_of_hits(
    world, django_assert_num_queries, user, queries
):
    user = getattr(world, user) if user else None
    # Warm the permission cache the way one request does.
    search("Bericht", user=user)
    items(world.meeting, *[(f"Seeadler {n}", "Seeadler", {}) for n in range(3)])
    with django_assert_num_queries(queries):
        few = search("Seeadler", user=user)
    items(world.meeting, *[(f"Seeadler {n}", "Seeadler", {}) for n in range(3, 30)])
    with django_assert_num_queries(queries):
        many = search("Seeadler", user=user)
    assert (few.total, many.total) == (3, 30)
    assert len(many.hits) == 20


def test_one_query_more_for_each_kind_on_the_page(world, django_assert_num_queries):
    member = world.board_member
    search("Bericht", user=member)
    Finding.objects.filter(pk=world.agreed_finding.pk).update(text="Seeadler")
    f.AgendaItemFactory(meeting=world.meeting, position=7, title="Seeadler")
    with django_assert_num_queries(4):  # the member's bodies, the page, two kinds
        results = search("Seeadler", user=member)
    assert {hit.kind for hit in results.hits} == {"finding", "agenda_item"}


def test_a_membership_that_ends_between_two_searches_is_seen_by_the_next(world):
    """The member's bodies are read once per search, not kept between searches."""
    group_meeting = f.MeetingFactory(body=world.working_group.body, status=MeetingStatus.INVITED)
    f.AgendaItemFactory(
        meeting=group_meeting, position=1, title="Intern Zwergtaucher", is_public=False
    )
    member = world.wg_member
    assert search("Zwergtaucher", user=member).total == 1
    BodyUserObjectPermission.objects.filter(
        user=member, content_object=world.working_group.body
    ).delete()
    BodyGroupObjectPermission.objects.filter(
        group__user=member, content_object=world.working_group.body
    ).delete()
    assert search("Zwergtaucher", user=member).total == 0


def test_non_public_items_of_a_working_group_only_for_its_members_and_the_office(world):
    group_meeting = f.MeetingFactory(body=world.working_group.body, status=MeetingStatus.INVITED)
    f.AgendaItemFactory(meeting=group_meeting, position=1, title="Intern Ortolan", is_public=False)
    assert search("Ortolan", user=world.board_member).total == 0
    assert search("Ortolan", user=world.wg_member).total == 1
    assert search("Ortolan", user=world.office).total == 1
