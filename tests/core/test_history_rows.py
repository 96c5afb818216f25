"""The history section's entries written by `core.templatetags.history_rows`: the
markup the partial's loops wrote, character for character, with every name, reason and
value escaped."""

import datetime
from types import SimpleNamespace

from django.template import Context, Template
from django.template.loader import render_to_string
from django.utils import timezone, translation

from core.history import FieldChange, HistoryEntry

from ..factories import UserFactory

# The partial as it was before the tag (its loops over the entries and their changes).
OLD_PARTIAL = """{% load i18n %}
<section class="history" aria-labelledby="history-heading">
  <h2 id="history-heading">{% translate "Change history" %}</h2>
  {% if history %}
  <ol class="history-list">
    {% for entry in history %}
    <li class="history-entry">
      <p class="history-meta">
        <strong>{{ entry.kind_label }}</strong>
        {% translate "on" %} <time datetime="{{ entry.date|date:'c' }}">{{ entry.date|date:"DATETIME_FORMAT" }}</time>
        {% translate "by" %} {% if entry.user %}{{ entry.user }}{% else %}{% translate "the system" %}{% endif %}
        {% if entry.reason %}<span class="history-reason">– {{ entry.reason }}</span>{% endif %}
      </p>
      {% if entry.changes %}
      <div class="table-scroll" role="region" aria-labelledby="history-changes-{{ forloop.counter }}" tabindex="0">
      <table class="history-changes">
        <caption id="history-changes-{{ forloop.counter }}" class="visually-hidden">{% translate "Changed fields" %}</caption>
        <thead><tr><th scope="col">{% translate "Field" %}</th><th scope="col">{% translate "Before" %}</th><th scope="col">{% translate "After" %}</th></tr></thead>
        <tbody>
          {% for change in entry.changes %}
          <tr><th scope="row">{{ change.label|capfirst }}</th><td>{{ change.old }}</td><td>{{ change.new }}</td></tr>
          {% endfor %}
        </tbody>
      </table>
      </div>
      {% endif %}
      {% if restore_url_name and not forloop.first and entry.kind != "-" %}
      <p><a class="button button-secondary" href="{% url restore_url_name object_pk entry.pk %}">{% translate "Restore this version…" %}</a></p>
      {% endif %}
    </li>
    {% endfor %}
  </ol>
  {% else %}
  <p class="empty">{% translate "No changes have been recorded yet." %}</p>
  {% endif %}
</section>
"""  # noqa: E501

EVIL = '<script>alert("x")</script> & Co'


def _entries():
    # One in summer, one in winter time, one just after midnight UTC (a different day
    # in Berlin), each kind, with and without a user, reason and changes.
    at = [
        timezone.make_aware(datetime.datetime(2026, 7, 31, 22, 30), datetime.UTC),
        timezone.make_aware(datetime.datetime(2026, 3, 29, 1, 30), datetime.UTC),
        timezone.make_aware(datetime.datetime(2025, 12, 31, 23, 5), datetime.UTC),
        timezone.make_aware(datetime.datetime(2024, 2, 1, 8, 0), datetime.UTC),
    ]
    user = UserFactory.build(display_name=f"Leitung {EVIL}")
    return [
        HistoryEntry(
            SimpleNamespace(pk=104), None, at[0], "-", "", [FieldChange("name", "name", "A", "—")]
        ),
        HistoryEntry(
            SimpleNamespace(pk=103),
            user,
            at[1],
            "~",
            f"Grund {EVIL}",
            [
                FieldChange("name", "name", f"Alt {EVIL}", f"Neu {EVIL}"),
                FieldChange("partner", f"ärger {EVIL}", "—", "Stadt"),
            ],
        ),
        HistoryEntry(SimpleNamespace(pk=102), user, at[2], "~", "Nur gespeichert", []),
        HistoryEntry(
            SimpleNamespace(pk=101),
            UserFactory.build(display_name="", first_name="Erika", last_name="Muster"),
            at[3],
            "+",
            "",
            [FieldChange("city", "city", "—", "Halberstadt")],
        ),
    ]


def render_both(**context):
    with translation.override("de"), timezone.override("Europe/Berlin"):
        old = Template(OLD_PARTIAL).render(Context(context))
        new = render_to_string("partials/history.html", context)
    return old, new


def test_the_history_section_is_the_old_templates():
    for restore_url_name in ("functions:facility_restore", "", None):
        old, new = render_both(history=_entries(), restore_url_name=restore_url_name, object_pk=7)
        assert new == old
        assert "<script>" not in new and "&lt;script&gt;" in new
        assert ('href="/einrichtungen/7/' in new) == bool(restore_url_name)


def test_only_older_versions_that_were_not_deletions_offer_a_restore():
    old, new = render_both(
        history=_entries(), restore_url_name="functions:facility_restore", object_pk=7
    )
    assert new == old
    # Not the newest version (here a deletion): the three older ones.
    assert new.count("Diese Version wiederherstellen …") == 3
    assert "/103/" in new and "/101/" in new and "/104/" not in new
    entries = _entries()
    entries[1].kind = "-"
    old, new = render_both(
        history=entries, restore_url_name="functions:facility_restore", object_pk=7
    )
    assert new == old
    # Nor a deletion further down.
    assert new.count("Diese Version wiederherstellen …") == 2 and "/103/" not in new


def test_an_empty_history_is_the_old_templates():
    old, new = render_both(history=[], restore_url_name=None, object_pk=7)
    assert new == old
    with translation.override("de"):
        assert (
            Template("{% load history_rows %}{% history_items h None 7 %}").render(
                Context({"h": []})
            )
            == ""
        )
