from django.contrib import admin
from django.urls import include, path
from django.views.i18n import set_language

urlpatterns = [
    path("", include("cooperation.urls")),
    path("", include("functions.urls")),
    path("", include("meetings.urls")),
    path("", include("workinggroups.urls")),
    path("", include("overview.urls")),
    path("", include("documents.urls")),
    path("", include("access.urls")),
    path("", include("search.urls")),
    path("konto/", include("accounts.urls")),
    path("sprache/", set_language, name="set_language"),
    path("admin/", admin.site.urls),
]
