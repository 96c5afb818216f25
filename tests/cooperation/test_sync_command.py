import datetime

import pytest
import time_machine
from django.core.management import call_command

from cooperation.models import Role

from .. import factories as f


@pytest.mark.django_db
def test_it_revokes_rights_of_memberships_that_ended_by_date(world):
    member = f.UserFactory(username="gustav")
    f.membership(
        member, world.board, Role.MEMBER, valid_until=datetime.date.today() + datetime.timedelta(1)
    )
    assert member.has_perm("cooperation.act_as_member", world.board)

    with time_machine.travel(datetime.date.today() + datetime.timedelta(days=3)):
        call_command("sync_permissions")

    member.refresh_from_db()
    assert not member.has_perm("cooperation.act_as_member", world.board)
    assert not member.has_perm("cooperation.view_partner")
