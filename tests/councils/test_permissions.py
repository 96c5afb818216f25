"""Who sees a decision's council consultations: the decision's own gate."""

import pytest

pytestmark = pytest.mark.django_db


def test_a_written_procedures_decision_is_seen_as_by_its_own_page(world):
    """The consultations follow the decision's one gate (meetings.permissions): a
    decision without an agenda item (a written procedure's) is the body's members' and
    the office's only, never every member's."""
    from meetings.models import Decision
    from meetings.permissions import can_see_decision

    decision = Decision(body=world.board, agenda_item=None)
    assert can_see_decision(world.board_member, decision)
    assert can_see_decision(world.office, decision)
    assert not can_see_decision(world.wg_member, decision)
    assert not can_see_decision(world.admin_halberstadt, decision)
