"""The function matrix's cells written by the tags of `workinggroups.templatetags.matrix`:
the same markup the template wrote, with every name escaped."""

from types import SimpleNamespace

from django.template import Context, Template
from django.utils import translation

PARTNER = SimpleNamespace(pk=7, name='Stadt <script>alert("x")</script> & Co')
FUNCTION = SimpleNamespace(pk=3, name="Theater <b>")


def render(source, **context):
    with translation.override("de"):
        return Template("{% load matrix %}" + source).render(Context(context))


def cell(count, finding_count):
    return SimpleNamespace(partner=PARTNER, count=count, finding_count=finding_count)


def test_an_internal_cell_links_both_counts_and_escapes_the_names():
    html = render(
        "{% matrix_cell cell function '/einrichtungen/' '/befunde/' %}",
        cell=cell(1, 2),
        function=FUNCTION,
    )
    assert html == (
        '<a href="/einrichtungen/?funktion=3&amp;partner=7" aria-label="1 Einrichtung für '
        "Theater &lt;b&gt; in Stadt &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; "
        'Co">1</a><br><a href="/befunde/?funktion=3&amp;partner=7" aria-label="2 Befunde zu '
        "Theater &lt;b&gt; in Stadt &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; "
        'Co">2 Befunde</a>'
    )


def test_an_empty_internal_cell_says_none_to_screen_readers():
    html = render("{% matrix_cell cell function '/e/' '/b/' %}", cell=cell(0, 0), function=FUNCTION)
    assert html == (
        '<span aria-hidden="true">·</span><span class="visually-hidden">keine</span><br>'
        '<span aria-hidden="true">·</span><span class="visually-hidden">keine Befunde</span>'
    )


def test_a_public_cell_counts_facilities_and_links_the_agreed_findings():
    html = render(
        "{% public_matrix_cell cell function '/oeffentlich/befunde/' %}",
        cell=cell(3, 1),
        function=FUNCTION,
    )
    assert html == (
        '<span class="visually-hidden">Einrichtungen: </span>3<br>'
        '<a href="/oeffentlich/befunde/?funktion=3&amp;partner=7">1 Befund<span '
        'class="visually-hidden"> zu Theater &lt;b&gt; in Stadt &lt;script&gt;alert(&quot;x'
        "&quot;)&lt;/script&gt; &amp; Co</span></a>"
    )
    assert "<script>" not in render(
        "{% public_matrix_cell cell function '/b/' %}", cell=cell(0, 0), function=FUNCTION
    )


def test_a_rows_cells_are_the_templates_loop_over_its_cells():
    other = SimpleNamespace(pk=8, name="Gemeinde 'Ilsenburg'")
    row = SimpleNamespace(
        function=FUNCTION,
        cells=[
            cell(1, 2),
            cell(0, 0),
            SimpleNamespace(partner=other, count=1234, finding_count=1),
            SimpleNamespace(partner=other, count=0, finding_count=3),
        ],
    )
    loop = (
        "{% for cell in row.cells %}\n"
        '      <td class="num">{% matrix_cell cell row.function a b %}</td>\n'
        "      {% endfor %}"
    )
    urls = {"a": "/einrichtungen/?x=<1>", "b": "/befunde/"}
    written = render("{% matrix_cells row a b %}{% matrix_cells row a b %}", row=row, **urls)
    assert written == render(loop + loop, row=row, **urls)
    assert ">1234</a>" in written and "<script>" not in written


def test_a_public_rows_cells_are_the_templates_loop_over_its_cells():
    other = SimpleNamespace(pk=8, name="Gemeinde 'Ilsenburg'")
    row = SimpleNamespace(
        function=FUNCTION,
        cells=[
            cell(3, 1),
            cell(0, 0),
            SimpleNamespace(partner=other, count=1234, finding_count=2),
            SimpleNamespace(partner=other, count=0, finding_count=1),
            SimpleNamespace(partner=other, count=5, finding_count=0),
        ],
    )
    loop = (
        "{% for cell in row.cells %}\n"
        '      <td class="num">{% public_matrix_cell cell row.function b %}</td>\n'
        "      {% endfor %}"
    )
    urls = {"b": "/oeffentlich/befunde/?x=<1>"}
    written = render(
        "{% public_matrix_cells row b %}{% public_matrix_cells row b %}", row=row, **urls
    )
    assert written == render(loop + loop, row=row, **urls)
    assert "</span>1234<br>" in written and "2 Befunde" in written and "<script>" not in written
    assert written.count('href="/oeffentlich/befunde/?x=&lt;1&gt;?funktion=') == 6
