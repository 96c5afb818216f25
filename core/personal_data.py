"""Personal data (GDPR Art. 15, 17, 20): one registry, each app exports its own rows.

A low app must not import the apps above it, so the export cannot be written in one
place that knows every model. Instead each app has a `personal_data.py` module that
registers its section(s) here:

    from core.personal_data import register, take

    def export_findings(user):
        return {"findings": take(Finding.objects.filter(author=user).values(...))}

    register("workinggroups", export_findings, title=_("Working groups"))

`CoreConfig.ready()` imports every installed app's `personal_data` module (as the admin
autodiscovers `admin.py`), so a new app (the access log, say) only adds its own module;
nothing here or in the export view changes.

Anonymisation (Art. 17) is written in `cooperation.anonymisation`, because it needs the
memberships and staff links to name the former office. What other apps must scrub
(the e-mail address copied onto sent invitations, second-factor devices, access log
entries) they do in a receiver of `person_anonymised`, sent inside the anonymising
transaction: a receiver that raises rolls the whole anonymisation back.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db.models import CharField, Count, Max, Min, Value
from django.dispatch import Signal
from django.utils import timezone
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext_lazy as _

SCHEMA = "impuls.personal-data"
SCHEMA_VERSION = 1
# A cap per list: a person's data is small (hundreds of rows after years), so the cap is
# only a guard against an export that grows without bound. The README key says so.
ROW_LIMIT = 10_000

# Sent inside the anonymisation's transaction, after the user row has been scrubbed.
# Arguments: user (already anonymised), actor (the office's user), former_office (str),
# former_identifiers ({"username": …, "email": …}: the old values, for receivers whose
# rows are keyed by them; they must not be stored anywhere).
person_anonymised = Signal()
# Sent after a person downloaded their own data (the access log records it).
# Arguments: user, request, sections (the keys exported).
personal_data_exported = Signal()


@dataclass(frozen=True)
class Section:
    key: str
    title: Any  # a lazy translation
    exporter: Callable[[Any], Any]
    order: int


_sections: dict[str, Section] = {}


def register(key: str, exporter: Callable[[Any], Any], *, title, order: int = 100) -> None:
    """Add (or replace, on a reload) a section of the export. `exporter(user)` returns
    JSON-serialisable data (dates and datetimes are fine) in a fixed number of queries."""
    _sections[key] = Section(key=key, title=title, exporter=exporter, order=order)


def sections() -> list[Section]:
    return sorted(_sections.values(), key=lambda s: (s.order, s.key))


def autodiscover() -> None:
    autodiscover_modules("personal_data")


def take(queryset, limit: int = ROW_LIMIT) -> list:
    """At most `limit` rows of a `values()` queryset, as a list (one query)."""
    return list(queryset[:limit])


README = (
    "Diese Datei enthält die personenbezogenen Daten, die das IMPULS-Kooperationsportal "
    "über Sie gespeichert hat (Auskunft nach Art. 15 DSGVO, Datenübertragbarkeit nach "
    "Art. 20 DSGVO). Sie ist JSON in UTF-8. „sections“ enthält je Bereich des Portals "
    "einen Abschnitt mit Titel („title“) und Daten („data“): Ihr Konto, Ihre "
    "Mitgliedschaften und Partnerzuordnungen mit Rollen und Zeiträumen, die von Ihnen "
    "verfassten oder hochgeladenen Einträge (Tagesordnungsvorschläge, Unterlagen, "
    "Befunde, Kommentare, Berichte, Fortschrittsvermerke, Protokollkorrekturen) und eine "
    "Zusammenfassung der Änderungen, die Sie im Portal vorgenommen haben (Anzahl, erste "
    "und letzte Änderung je Datenart). Zeitangaben sind ISO 8601 in UTC. Hochgeladene "
    "Dateien selbst sind nicht enthalten, nur ihre Beschreibung; Sie können sie im "
    "Portal herunterladen. Jede Liste enthält höchstens {limit} Einträge. "
    "„schema_version“ ändert sich, wenn sich der Aufbau der Datei ändert. Fragen richten "
    "Sie an die Geschäftsstelle."
)


def collect(user) -> dict:
    """The whole export of one person, as a dict ready for JSON."""
    return {
        "schema": SCHEMA,
        "schema_version": SCHEMA_VERSION,
        "README": README.format(limit=f"{ROW_LIMIT:,}".replace(",", ".")),
        "generated_at": timezone.now(),
        "person": {"id": user.pk},
        "sections": {
            section.key: {"title": str(section.title), "data": section.exporter(user)}
            for section in sections()
        },
    }


def export_history_summary(user) -> list[dict]:
    """Changes the person made anywhere (as the acting user of a history record),
    summarised per kind of data: how many, the first and the last. One query for all
    history tables (a UNION of one aggregate per table)."""
    from simple_history.models import registered_models

    # Tracked many-to-many tables are registered too, but have no history of their own.
    models = sorted(
        (m for m in registered_models.values() if _history_manager(m) is not None),
        key=lambda m: m._meta.label,
    )
    queries = [
        _history_manager(model)
        .model.objects.filter(history_user_id=user.pk)
        .order_by()
        .values("history_user_id")
        .annotate(
            kind=Value(model._meta.label, output_field=CharField()),
            count=Count("history_id"),
            first=Min("history_date"),
            last=Max("history_date"),
        )
        .values("kind", "count", "first", "last")
        for model in models
    ]
    if not queries:
        return []
    rows = queries[0].union(*queries[1:], all=True)
    labels = {m._meta.label: str(m._meta.verbose_name_plural) for m in models}
    return [
        {
            "kind": row["kind"],
            "label": labels.get(row["kind"], row["kind"]),
            "count": row["count"],
            "first": row["first"],
            "last": row["last"],
        }
        for row in sorted(rows, key=lambda r: r["kind"])
    ]


def _history_manager(model):
    name = getattr(model._meta, "simple_history_manager_attribute", None)
    return getattr(model, name, None) if name else None


register("history", export_history_summary, title=_("Your changes in the portal"), order=900)
