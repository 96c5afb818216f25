"""The entries of the history section (`templates/partials/history.html`) written by a
tag: the markup the partial's loops wrote, character for character, with the labels,
the date format and the restore link's address made once per section, not once per
entry and field."""

from django import template
from django.utils import dateformat, timezone
from django.utils.formats import get_format
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.text import capfirst
from django.utils.translation import gettext

from core.links import row_address

register = template.Library()


# As the partial's loop wrote each entry, white space included.
_ENTRY = """
    <li class="history-entry">
      <p class="history-meta">
        <strong>{}</strong>
        {} <time datetime="{}">{}</time>
        {} {}
        {}
      </p>
      {}
      {}
    </li>
    """
_CHANGES = """
      <div class="table-scroll" role="region" aria-labelledby="history-changes-{}" tabindex="0">
      <table class="history-changes">
        <caption id="history-changes-{}" class="visually-hidden">{}</caption>
        <thead><tr><th scope="col">{}</th><th scope="col">{}</th><th scope="col">{}</th></tr></thead>
        <tbody>
          {}
        </tbody>
      </table>
      </div>
      """  # noqa: E501
_CHANGE = """
          <tr><th scope="row">{}</th><td>{}</td><td>{}</td></tr>
          """
_RESTORE = """
      <p><a class="button button-secondary" href="{}">{}</a></p>
      """


@register.simple_tag
def history_items(entries, restore_url_name, object_pk) -> SafeString:
    """The <li> of each entry (`core.history.HistoryEntry`, newest first): kind, date,
    user and reason, the table of changed fields, and the link to restore the version
    where `restore_url_name` is given (not for the newest entry or a deletion)."""
    kinds = {"+": gettext("Created"), "~": gettext("Changed"), "-": gettext("Deleted")}
    on, by, system = gettext("on"), gettext("by"), gettext("the system")
    headings = (
        gettext("Changed fields"),
        gettext("Field"),
        gettext("Before"),
        gettext("After"),
    )
    restore_label = gettext("Restore this version…")
    date_format = get_format("DATETIME_FORMAT")
    restore = None
    if restore_url_name:
        restore_url = row_address(restore_url_name, object_pk)

        def restore(entry):
            return format_html(_RESTORE, restore_url(entry.pk), restore_label)

    def row(counter, entry):
        date = timezone.template_localtime(entry.date)
        changes = ""
        if entry.changes:
            changes = format_html(
                _CHANGES,
                counter,
                counter,
                *headings,
                format_html_join(
                    "",
                    _CHANGE,
                    ((capfirst(c.label), c.old, c.new) for c in entry.changes),
                ),
            )
        return (
            kinds[entry.kind],
            on,
            date.isoformat(),  # what the date filter writes for "c"
            dateformat.format(date, date_format),
            by,
            entry.user if entry.user else system,
            format_html('<span class="history-reason">– {}</span>', entry.reason)
            if entry.reason
            else "",
            changes,
            restore(entry) if restore and counter > 1 and entry.kind != "-" else "",
        )

    return format_html_join("", _ENTRY, (row(n, e) for n, e in enumerate(entries, 1)))
