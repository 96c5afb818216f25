""" "Meine Daten": a person downloads what the portal keeps about them (GDPR Art. 15, 20).

The sections come from the registry in core/personal_data.py, where every app adds its
own; this view knows none of them.
"""

import json

from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponse
from django.utils import timezone
from django.views.generic import TemplateView, View

from core import personal_data


class MyDataView(LoginRequiredMixin, TemplateView):
    """What the export holds, and the button to download it. Every logged-in person,
    with or without a role, may see and download their own data."""

    template_name = "accounts/my_data.html"

    def get_context_data(self, **kwargs):
        return {
            **super().get_context_data(**kwargs),
            "sections": personal_data.sections(),
            "row_limit": personal_data.ROW_LIMIT,
        }


class MyDataDownloadView(LoginRequiredMixin, View):
    def get(self, request):
        data = personal_data.collect(request.user)
        body = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2)
        response = HttpResponse(
            body.encode("utf-8"), content_type="application/json; charset=utf-8"
        )
        filename = f"impuls-meine-daten-{request.user.pk}-{timezone.localdate():%Y-%m-%d}.json"
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        personal_data.personal_data_exported.send(
            sender=type(self), user=request.user, request=request, sections=list(data["sections"])
        )
        return response
