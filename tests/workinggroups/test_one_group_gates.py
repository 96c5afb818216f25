"""The gates that answer for one finding or one group from the rights on its body
(`can_see_finding`, `visible_group_findings`, the lead check of `decisions_updatable_by`)
answer as the gates that read the user's bodies (`visible_findings`,
`bodies_for_user(user, "cooperation.lead_body")`), for every persona."""

import pytest

from cooperation.permissions import bodies_for_user
from meetings.models import Decision
from meetings.permissions import decisions_updatable_by
from workinggroups.permissions import can_see_finding, visible_findings, visible_group_findings


@pytest.mark.django_db
def test_it_shows_one_finding_to_those_who_see_it_in_the_lists(world):
    findings = [world.draft_finding, world.agreed_finding]
    for name, user in world.personas.items():
        listed = set(visible_findings(user).values_list("pk", flat=True))
        for finding in findings:
            assert can_see_finding(user, finding) == (finding.pk in listed), (name, finding)


@pytest.mark.django_db
def test_it_shows_a_groups_findings_as_the_lists_do(world):
    group = world.working_group
    for name, user in world.personas.items():
        listed = set(visible_findings(user, group.findings.all()).values_list("pk", flat=True))
        assert set(visible_group_findings(user, group).values_list("pk", flat=True)) == listed, name


@pytest.mark.django_db
def test_it_lets_the_leads_of_a_commissioned_group_update_the_decision(world):
    decisions = list(Decision.objects.prefetch_related("commissioned_groups"))
    assert any(d.commissioned_groups.all() for d in decisions)
    for name, user in world.personas.items():
        leads = set(bodies_for_user(user, "cooperation.lead_body").values_list("pk", flat=True))
        expected = {
            d.pk
            for d in decisions
            if not d.is_rejected
            and (
                user.has_perm("cooperation.change_body")
                or user.has_perm("cooperation.change_body", d.body)
                or {g.pk for g in d.commissioned_groups.all()} & leads
            )
        }
        assert decisions_updatable_by(user, decisions) == expected, name


@pytest.mark.django_db
def test_it_answers_as_the_gate_of_one_decision_reading_no_groups_for_who_leads_none(
    world, django_assert_num_queries
):
    """`decisions_updatable_by` is `can_update_decision` for each decision; it reads the
    commissioned groups only for a user who leads a body (and does not manage the
    deciding body): for the others nothing beyond the user's remembered bodies."""
    from cooperation.permissions import remembered_bodies
    from meetings.permissions import can_update_decision

    decisions = list(Decision.objects.select_related("body"))
    for name, user in world.personas.items():
        with remembered_bodies():
            expected = {d.pk for d in decisions if can_update_decision(user, d)}
            if not bodies_for_user(user, "cooperation.lead_body").exists():
                with django_assert_num_queries(0):
                    assert decisions_updatable_by(user, decisions) == expected, name
            else:
                assert decisions_updatable_by(user, decisions) == expected, name
