from django.urls import path

from . import views
from .models import LegalTextKind

app_name = "legal"

urlpatterns = [
    # Public, no login.
    path(
        "oeffentlich/impressum/",
        views.LegalTextView.as_view(kind=LegalTextKind.IMPRINT),
        name="imprint",
    ),
    path(
        "oeffentlich/datenschutz/",
        views.LegalTextView.as_view(kind=LegalTextKind.PRIVACY),
        name="privacy",
    ),
    path(
        "oeffentlich/barrierefreiheit/",
        views.LegalTextView.as_view(kind=LegalTextKind.ACCESSIBILITY),
        name="accessibility",
    ),
    path(
        "oeffentlich/barrierefreiheit/rueckmeldung/",
        views.FeedbackView.as_view(),
        name="feedback",
    ),
    # The office's pages.
    path("rechtstexte/", views.TextListView.as_view(), name="text_list"),
    path(
        "rechtstexte/rueckmeldungen/",
        views.FeedbackListView.as_view(),
        name="feedback_list",
    ),
    path(
        "rechtstexte/rueckmeldungen/<int:pk>/beantwortet/",
        views.FeedbackAnswerView.as_view(),
        name="feedback_answer",
    ),
    path("rechtstexte/<slug:slug>/bearbeiten/", views.TextUpdateView.as_view(), name="text_update"),
    path("rechtstexte/<slug:slug>/verlauf/", views.TextHistoryView.as_view(), name="text_history"),
]
