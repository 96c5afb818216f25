from django.contrib import admin
from django.urls import include, path
from django.views.i18n import set_language

from core.views import FloorView

urlpatterns = [
    path("", include("cooperation.urls")),
    path("", include("functions.urls")),
    path("", include("meetings.urls")),
    path("", include("workinggroups.urls")),
    path("", include("councils.urls")),
    path("", include("priorities.urls")),
    path("", include("overview.urls")),
    path("", include("documents.urls")),
    path("", include("winwin.urls")),
    path("", include("participation.urls")),
    path("", include("access.urls")),
    path("oeffentlich/", include("public.urls")),
    path("oparl/", include("oparl.urls")),
    path("", include("legal.urls")),
    path("", include("search.urls")),
    path("konto/", include("accounts.urls")),
    path("sprache/", set_language, name="set_language"),
    # The floor of `bench_pages`: a logged-in member's cheapest page.
    path("status/", FloorView.as_view(), name="floor"),
    path("admin/", admin.site.urls),
]
