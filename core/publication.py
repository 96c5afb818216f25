"""The link from an internal page to its public counterpart.

What is published is decided by each model's `published()` queryset (see "Publication"
in docs/architecture.md); core knows only that convention, never a rule.
"""

from django.db.models import Exists, OuterRef


def published_flag(model):
    """An `is_published` annotation for a detail page's row, asked of the model's
    `published()` queryset inside the page's own query (no extra query, no rule
    derived again): the page shows "Öffentliche Ansicht" only when it is true."""
    return Exists(model.objects.published().filter(pk=OuterRef("pk")))
