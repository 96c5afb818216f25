"""The working-group page's member rows, written in Python.

The heaviest groups have a few dozen current members, and in the template language each
row cost a link, a choice label, a translation with a name in it and a date format. The
tag writes the same markup with `format_html`, which escapes every value (the names), and
makes the partner link's address once per table.
"""

from django import template
from django.template.defaultfilters import date as date_filter
from django.urls import reverse
from django.utils.html import conditional_escape, format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

from cooperation.models import Role

register = template.Library()

_KEY = 2147483647  # stands for a row's key in an address made once per table

# As the template's loop wrote each row, white space around it included.
_ROW = """
      <tr>
        <th scope="row">{}</th>
        <td>{}{}</td>
        <td>{}</td>
        <td>{}</td>
      </tr>
      """


@register.simple_tag
def member_rows(memberships) -> SafeString:
    """The <tr> of each membership (user, partner and deputy_for__user loaded)."""
    prefix, _, suffix = reverse("cooperation:partner_detail", args=[_KEY]).rpartition(str(_KEY))
    roles = {value: str(label) for value, label in Role.choices}
    deputy_for = gettext("deputy for %(who)s")

    def row(m):
        deputy = ""
        if m.deputy_for:
            # Safe: the translated text is ours, the name in it is escaped.
            deputy = mark_safe(
                " (%s)" % (deputy_for % {"who": conditional_escape(str(m.deputy_for.user))})
            )
        partner = "–"
        if m.partner:
            partner = format_html(
                '<a href="{}{}{}">{}</a>',
                prefix,
                m.partner_id,
                suffix,
                m.partner.short_name or m.partner.name,
            )
        return (
            m.user,
            roles.get(m.role, m.role),
            deputy,
            partner,
            date_filter(m.valid_from, "DATE_FORMAT"),
        )

    return format_html_join("", _ROW, (row(m) for m in memberships))
