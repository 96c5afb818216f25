"""What the meeting views share."""

from cooperation.permissions import MemberRequiredMixin

from ..models import Meeting


class MeetingFormMixin(MemberRequiredMixin):
    def get_context(self, target):
        return {"meeting": target if isinstance(target, Meeting) else target.meeting}
