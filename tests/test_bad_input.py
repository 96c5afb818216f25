"""Bad input, systematically: every form and every query string, as every persona.

Property-based (hypothesis): for each POST row of the permission matrix, the form that
posts to it is found in the rendered pages (the URL itself, the pages above it, else the
pages linked from there), its fields are parsed from the HTML, and generated submissions
are posted: the valid payload of the matrix row with some fields replaced by long, empty,
wrong-typed or invalid values (control characters, NUL, text-direction overrides,
2026-02-30, huge numbers, other files), some fields left out or sent twice, as multipart
or url-encoded bytes, with or without htmx's header, by the persona allowed to write or
by any other persona. For each GET row, the page's query string (its filter form's fields,
the page number and unknown keys) and its path arguments are generated the same way.

What must hold: never a server error, and after a 4xx the database is as it was (the row
count of every table, the newest history row of every historical table, the password
hashes) and no mail is sent. Nothing here imports a view or a form: the rows come from the
matrix, the fields from the pages, so forms moved to other modules or added later are
covered without a change here.

Each test builds its `@given` function inside its body, after pytest's function-scoped
fixtures (`client`, `world`, `db`) are set up: hypothesis does not reset those between
examples (its function_scoped_fixture health check), so each example runs in its own
savepoint, rolled back at its end, inside the module's shared world (tests/shared_world.py),
with the cache (rate-limit counters), the mail outbox and the client's cookies reset.
The number of examples comes from the hypothesis profile (tests/hypothesis_profiles.py):
few in CI, many with HYPOTHESIS_PROFILE=release. Edge values are explicit examples,
tried in every profile.
"""

import datetime
import html.parser
import reprlib
from dataclasses import dataclass, field
from urllib.parse import urlencode, urljoin, urlsplit

import pytest
from django.apps import apps
from django.conf import settings as django_settings
from django.core import mail
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection, transaction
from django.urls import NoReverseMatch, Resolver404, resolve, reverse
from django_otp import DEVICE_ID_SESSION_KEY
from hypothesis import example, given, note, settings
from hypothesis import strategies as st

from tests.factories import PDF_BYTES
from tests.test_permission_matrix import GET, PERSONAS, POST, REFUSED, TABLES, log_in

# Tables that may change on a refused request by design: sessions, and the records of
# access attempts (lock-out counters, the access audit log).
UNCHECKED_APPS = {"sessions", "axes", "access"}
# Pages the crawl for a form does not open (files, not pages).
NOT_PAGES = (".ics", "/datei/", "/dokument/", "/admin/")
CRAWL_LIMIT = 40
EDGES_TRIED = set()  # POST rows whose form had its edge values tried in this process


@pytest.fixture(scope="module")
def world_options():
    """The matrix's world, with the deputy and the chair its rows name."""
    return {"deputy_and_chair": True}


def examples(share: float, minimum: int = 4) -> int:
    """A share of the profile's examples per test (at least a few)."""
    return max(minimum, int(settings().max_examples * share))


# --- Forms in the pages ------------------------------------------------------------------


@dataclass
class Field:
    name: str
    kind: str  # the input's type, "select", "textarea" or "submit"
    options: list = field(default_factory=list)
    default: list = field(default_factory=list)
    multiple: bool = False


@dataclass
class Form:
    method: str
    action: str  # the path it is sent to
    fields: dict  # name -> Field


class PageParser(html.parser.HTMLParser):
    """The forms of a page (with their fields, options and values) and its links."""

    def __init__(self, url):
        super().__init__(convert_charrefs=True)
        self.url = url
        self.forms = []
        self.links = []
        self._form = None
        self._select = None
        self._option = None
        self._textarea = None

    def _field(self, name, kind):
        found = self._form.fields.get(name)
        if found is None:
            found = self._form.fields[name] = Field(name, kind)
        elif kind == found.kind and kind == "checkbox":
            found.multiple = True
        return found

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "a" and attrs.get("href"):
            self.links.append(urljoin(self.url, attrs["href"]))
        if tag == "form":
            action = urlsplit(urljoin(self.url, attrs.get("action") or "")).path
            self._form = Form((attrs.get("method") or "get").lower(), action, {})
            self.forms.append(self._form)
            return
        if self._form is None:
            return
        name = attrs.get("name")
        if tag in ("input", "button") and name:
            kind = (attrs.get("type") or ("submit" if tag == "button" else "text")).lower()
            if kind in ("reset", "image", "button"):
                return
            value = attrs.get("value")
            if kind in ("checkbox", "radio", "submit"):
                value = "on" if value is None and kind != "submit" else (value or "")
                found = self._field(name, kind)
                found.options.append(value)
                if "checked" in attrs:
                    found.default.append(value)
            else:
                self._field(name, kind).default = [value or ""]
        elif tag == "select" and name:
            self._select = self._field(name, "select")
            self._select.multiple = "multiple" in attrs
        elif tag == "option" and self._select is not None:
            self._option = {"value": attrs.get("value"), "selected": "selected" in attrs}
            self._option["text"] = ""
        elif tag == "textarea" and name:
            self._textarea = self._field(name, "textarea")
            self._textarea.default = [""]

    def handle_data(self, data):
        if self._option is not None:
            self._option["text"] += data
        elif self._textarea is not None:
            self._textarea.default[0] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "option" and self._option is not None:
            value = self._option["value"]
            value = self._option["text"].strip() if value is None else value
            self._select.options.append(value)
            if self._option["selected"]:
                self._select.default.append(value)
            self._option = None
        elif tag == "select" and self._select is not None:
            if not self._select.multiple and not self._select.default and self._select.options:
                self._select.default = [self._select.options[0]]  # what a browser sends
            self._select = None
        elif tag == "textarea":
            self._textarea = None


def browser_data(form_fields) -> dict[str, list]:
    """What a browser submits for the form as rendered (the first named button clicked)."""
    data = {}
    for name, found in form_fields.items():
        if found.kind == "submit":
            data[name] = found.options[:1]
        elif found.kind == "file":
            continue
        elif found.default:
            data[name] = list(found.default)
    return data


def merge(forms) -> dict[str, Field]:
    """The fields of several forms that post to one address (e.g. one per status button)."""
    merged = {}
    for form in forms:
        for name, found in form.fields.items():
            if name == "csrfmiddlewaretoken":
                continue
            if name not in merged:
                merged[name] = Field(name, found.kind, list(found.options), list(found.default))
                merged[name].multiple = found.multiple
            else:
                merged[name].options += [o for o in found.options if o not in merged[name].options]
    return merged


def page(client, url):
    response = client.get(url)
    content_type = response.get("Content-Type", "")
    if response.status_code != 200 or not content_type.startswith("text/html"):
        return None
    parser = PageParser(url)
    parser.feed(response.content.decode())
    return parser


def discover_forms(client, url, method):
    """The forms that send `method` to `url`: on the page itself, on the pages above it
    (/befunde/1/ for /befunde/1/status/), else on the pages linked from those."""
    target = urlsplit(url).path
    parts = target.rstrip("/").split("/")
    queue = [url] + ["/".join(parts[:n]) + "/" for n in range(len(parts) - 1, 0, -1)]
    seen = set()
    while queue and len(seen) < CRAWL_LIMIT:
        candidate = queue.pop(0)
        path = urlsplit(candidate).path
        if path in seen or not path.startswith("/") or any(n in path for n in NOT_PAGES):
            continue
        seen.add(path)
        parsed = page(client, candidate)
        if parsed is None:
            continue
        found = [f for f in parsed.forms if f.method == method.lower() and f.action == target]
        if found:
            return merge(found)
        queue += [link for link in parsed.links if urlsplit(link).netloc in ("", "testserver")]
    return {}


# --- Generated values --------------------------------------------------------------------

KEEP, OMIT = "keep", "omit"

CONTROL = [
    "\x00", "\x01", "\x08", "\x7f", "\r", "\n", "\r\n", "\t", "\x1b[31m", "\x85",
    "\u202e", "\u202d", "\u2066", "\u200b", "\u200f", "\ufeff", "\u2028", "\ufffd",
    "\U0001f600", "e\u0301", "\u0000\u0000",
]  # fmt: skip
# Markdown (minutes, findings, reports) nested deeper than a renderer's recursion allows.
MARKDOWN_BOMB = (
    ">" * 300
    + " x\n\n"
    + "\n".join("  " * depth + "- x" for depth in range(150))
    + "\n\n"
    + "*" * 3000
    + "[" * 3000
    + "`" * 1000
)
NASTY = [
    "", " ", "0", "-1", "-0", "1.5", "1,5", "1e309", "-1e309", "NaN", "inf", "0x1F",
    "2147483648", "-2147483649", "9223372036854775808", "9" * 40, "9" * 400,
    "[]", "{}", "null", "true", "None", "<script>alert(1)</script>", "'\"--;",
    "%00", "%FF", "../../etc/passwd", "javascript:alert(1)", "http://", "@", "a@b",
    "2026-02-30", "2026-13-01", "2025-02-29", "0000-00-00", "0001-01-01", "9999-12-31",
    "10000-01-01", "-2026-01-01", "31.12.2026", "30.02.2026", "2026-02-30T10:00",
    "2026-03-29T02:30", "2026-10-25T02:30", "25:61", "2026-01-01T24:00",
    "x" * 256, "x" * 1001, "ä" * 5000, MARKDOWN_BOMB,
]  # fmt: skip

_chars = st.characters(codec="utf-8")
hostile_text = st.one_of(
    st.sampled_from(NASTY),
    st.sampled_from(CONTROL),
    st.text(_chars, max_size=30),
    st.builds(
        lambda head, bad, tail: head + bad + tail,
        st.text(_chars, max_size=8),
        st.sampled_from(CONTROL),
        st.text(_chars, max_size=8),
    ),
    st.builds(
        lambda unit, times: unit * times,
        st.sampled_from(["x", "ä", "\u202e", "\x00", "😀", "\n"]),
        st.sampled_from([255, 256, 1000, 1001, 100_000]),
    ),
)
numbers = st.one_of(
    st.integers(-(10**6), 10**6).map(str),
    st.integers(-(10**30), 10**30).map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(repr),
)
EDGE_DAYS = [
    "0001-01-01", "9999-12-31", "1989-12-31", "1990-01-01", "2100-12-31", "2101-01-01",
    "2026-02-30", "2025-02-29", "2024-02-29", "2026-00-10", "31.12.2026", "",
]  # fmt: skip
EDGE_MOMENTS = [
    "0001-01-01T00:00", "0001-01-01T00:30", "0001-01-01", "9999-12-31T23:59", "9999-12-31",
    "1989-12-31T23:59", "1990-01-01T00:00", "2100-12-31T23:59", "2101-01-01T00:00",
    "2026-02-30T10:00", "2026-03-29T02:30", "2026-10-25T02:30", "2026-01-01T24:00",
    "2026-01-01T10:00:00+14:00", "2026-01-01 10:00", "",
]  # fmt: skip
EDGE_NUMBERS = ["-1", "2147483648", "9" * 20, "1e309", "NaN"]
EDGE_TEXT = ["a\x00b", "x" * 10_001]
EDGE_OPTIONS = ["9" * 20, "x"]
# The edges every run tries on their own; the rest of the lists above are drawn from.
EDGE_DAY_SWEEP = ["0001-01-01", "9999-12-31", "1989-12-31", "2101-01-01", "2026-02-30"]
EDGE_MOMENT_SWEEP = [
    "0001-01-01T00:30", "0001-01-01", "9999-12-31T23:59", "1989-12-31T23:59",
    "2101-01-01T00:00", "2026-02-30T10:00", "2026-03-29T02:30", "2026-10-25T02:30",
]  # fmt: skip

days = st.one_of(
    st.sampled_from(EDGE_DAYS),
    st.dates().map(datetime.date.isoformat),
)
moments = st.one_of(
    st.sampled_from(EDGE_MOMENTS),
    st.datetimes().map(lambda moment: moment.isoformat(timespec="minutes")),
    st.builds(lambda day: f"{day}T10:00", days),
)


def _upload(name, content, content_type):
    return SimpleUploadedFile(name, content, content_type=content_type)


uploads = st.builds(
    _upload,
    st.one_of(
        st.sampled_from(["plan.pdf", "plan.exe", ".pdf", "a" * 300 + ".pdf", "plan.pdf.html"]),
        st.builds(lambda text: f"{text}.pdf", st.text(_chars, max_size=20)),
    ),
    st.sampled_from([b"", PDF_BYTES, b"%PDF-1.4", b"<html><script>x</script>", b"\x00" * 100]),
    st.sampled_from(["application/pdf", "text/html", "application/octet-stream", ""]),
)


def typed_values(found: Field):
    """Values of the field's own kind, valid or at its edges."""
    kind = found.kind
    if found.options:
        choice = st.sampled_from(found.options)
        return st.lists(choice, min_size=1, max_size=len(found.options), unique=True)
    if kind == "number":
        return numbers.map(lambda value: [value])
    if kind == "date":
        return days.map(lambda value: [value])
    if kind in ("datetime-local", "datetime"):
        return moments.map(lambda value: [value])
    if kind == "email":
        return st.one_of(st.emails(), st.just("a@" + "b" * 300 + ".de")).map(lambda v: [v])
    if kind == "file":
        return st.lists(uploads, min_size=1, max_size=2)
    return st.text(_chars, max_size=200).map(lambda value: [value])


def edge_values(found: Field) -> list[str]:
    """The values every run tries in the field, each on its own (explicit examples)."""
    if found.kind == "submit":
        return []
    if found.options:
        return EDGE_OPTIONS
    if found.kind == "date":
        return EDGE_DAY_SWEEP
    if found.kind in ("datetime-local", "datetime"):
        return EDGE_MOMENT_SWEEP
    if found.kind == "number":
        return EDGE_NUMBERS
    if found.kind == "textarea":
        return [*EDGE_TEXT, MARKDOWN_BOMB]
    if found.kind in ("text", "email", "url", "search", "tel", "password"):
        return EDGE_TEXT
    return []


def with_edges(run, form_fields, **fixed):
    """`run` with an explicit example for each edge value of each field, the rest of the
    submission valid: run first in every profile, so CI always tries them."""
    for name, found in sorted(form_fields.items()):
        for value in edge_values(found):
            run = example(changes={name: [value]}, **fixed)(run)
    return run


def replacement(found: Field):
    """Values of the field's kind (valid or at its edges), hostile text, or a file."""
    return st.one_of(
        typed_values(found),
        st.lists(hostile_text, min_size=1, max_size=3),
        st.lists(uploads, min_size=1, max_size=1),
    )


def form_changes(form_fields: dict):
    """One field replaced (the rest as a valid submission: reaches the services' rules),
    or any fields kept, left out or replaced."""
    if not form_fields:
        return st.just({})
    one = st.sampled_from(sorted(form_fields)).flatmap(
        lambda name: replacement(form_fields[name]).map(lambda values: {name: values})
    )
    many = st.fixed_dictionaries(
        {
            name: st.one_of(st.just(KEEP), st.just(KEEP), st.just(OMIT), replacement(found))
            for name, found in form_fields.items()
        }
    )
    return st.one_of(one, many)


extra_fields = st.one_of(
    st.just({}),
    st.dictionaries(st.text(_chars, min_size=1, max_size=12), hostile_text.map(lambda v: [v])),
)


def apply(base: dict, changes: dict, extra: dict) -> dict:
    data = {}
    for name in {**base, **changes}:
        change = changes.get(name, KEEP)
        if change == OMIT:
            continue
        values = base.get(name, []) if change == KEEP else change
        if values:
            data[name] = values
    for name, values in extra.items():
        data.setdefault(name, values)
    return data


def as_lists(payload: dict) -> dict[str, list]:
    result = {}
    for name, value in payload.items():
        values = value if isinstance(value, list | tuple) else [value]
        result[name] = [v if hasattr(v, "read") else str(v) for v in values]
    return result


# --- The database's state ----------------------------------------------------------------


def _fingerprint_sql() -> str:
    parts = []
    for model in apps.get_models(include_auto_created=True):
        meta = model._meta
        if not meta.managed or meta.proxy or meta.app_label in UNCHECKED_APPS:
            continue
        table = connection.ops.quote_name(meta.db_table)
        parts.append(f"(SELECT COUNT(*) FROM {table})")
        if meta.pk.name == "history_id":  # a django-simple-history table
            parts.append(f"(SELECT MAX(history_id) FROM {table})")
    return "SELECT " + ", ".join(parts)


def fingerprint():
    """Row counts of every table and the newest history row of every historical one (any
    save through a service writes history), plus the password hashes (kept out of it)."""
    from accounts.models import User

    with connection.cursor() as cursor:
        cursor.execute(_fingerprint_sql())
        state = cursor.fetchone()
    return state, tuple(User.objects.order_by("pk").values_list("password", flat=True))


# --- Sending -----------------------------------------------------------------------------


def persona_sessions(client, world) -> dict[str, str | None]:
    """A session per persona, made once per test: examples only swap the cookie."""
    sessions = {"anonymous": None}
    for name, user in world.personas.items():
        log_in(client, user)
        # Past the second factor: the examples must reach the pages, not its step.
        assert DEVICE_ID_SESSION_KEY in client.session, name
        sessions[name] = client.cookies[django_settings.SESSION_COOKIE_NAME].value
    client.cookies.clear()
    return sessions


def act_as(client, session_key):
    client.cookies.clear()
    if session_key:
        client.cookies[django_settings.SESSION_COOKIE_NAME] = session_key


def check(client, send, baseline, label):
    """One example in a savepoint: no server error; after a 4xx nothing written or sent."""
    with transaction.atomic():
        cache.clear()  # rate-limit counters
        mail.outbox = []
        response = send()
        if response.streaming:  # read to the end: the test client then closes it
            b"".join(response.streaming_content)
        status = response.status_code
        assert status < 500, (label, status)
        if 400 <= status < 500:
            assert fingerprint() == baseline, (label, status, "database changed")
            assert not mail.outbox, (label, status, "mail sent")
        elif 300 <= status < 400 and urlsplit(response["Location"]).netloc in ("", "testserver"):
            # Accepted: what was stored must not break the page shown next.
            then = response["Location"]
            then_status = client.get(then).status_code
            assert then_status < 500, (label, "then", then, then_status)
        transaction.set_rollback(True)


def _pairs(data: dict) -> list[tuple[str, str]]:
    return [
        (name, value.name if hasattr(value, "read") else value)
        for name, values in data.items()
        for value in values
    ]


# --- The tests ---------------------------------------------------------------------------


def _rows(method):
    seen = set()
    for prefix, table in TABLES.items():
        for row in table:
            if row.method != method or (method == GET and row.name in seen):
                continue
            seen.add(row.name)
            yield pytest.param(row, id=f"{prefix}{row.name}")


def _writers(row):
    return [persona for persona in PERSONAS if row.statuses[persona] not in REFUSED]


@pytest.mark.django_db
@pytest.mark.parametrize("row", list(_rows(POST)))
def test_it_never_fails_on_bad_form_input(client, world, row):
    url = reverse(row.name, args=row.args(world))
    sessions = persona_sessions(client, world)
    writers = _writers(row) or list(PERSONAS)
    act_as(client, sessions[writers[0]])
    form_fields = discover_forms(client, url, POST)
    for name in row.data(world):  # fields the page did not show (e.g. a hidden state)
        form_fields.setdefault(name, Field(name, "text"))
    changes = form_changes(form_fields)
    baseline = fingerprint()

    @settings(max_examples=examples(1))
    @given(
        persona=st.one_of(st.sampled_from(writers), st.sampled_from(PERSONAS)),
        changes=changes,
        extra=extra_fields,
        urlencoded=st.booleans(),
        raw_tail=st.sampled_from(["", "&%FF%FE=%C3", "&a=%ZZ&&=&", "&x=" + "%00" * 500]),
        htmx=st.booleans(),
    )
    def run(persona, changes, extra, urlencoded, raw_tail, htmx):
        base = {**browser_data(form_fields), **as_lists(row.data(world))}
        data = apply(base, changes, extra)
        headers = {"HX-Request": "true"} if htmx else {}
        note(f"{persona} POST {url} {reprlib.repr(data)}")

        def send():
            act_as(client, sessions[persona])
            if urlencoded:
                body = urlencode(_pairs(data)) + raw_tail
                return client.generic(
                    "POST",
                    url,
                    body.encode(),
                    content_type="application/x-www-form-urlencoded",
                    headers=headers,
                )
            return client.post(url, data, headers=headers)

        check(client, send, baseline, (persona, url))

    if row.name in EDGES_TRIED:  # the same form in another state: random examples only
        run()
    else:
        EDGES_TRIED.add(row.name)
        fixed = {"persona": writers[0], "extra": {}, "urlencoded": False, "raw_tail": ""}
        with_edges(run, form_fields, htmx=False, **fixed)()


def _path_variants(url):
    """The URL with each path argument kept or replaced (huge numbers, bad tokens)."""
    match = resolve(urlsplit(url).path)
    replacements = {}
    for name, value in match.kwargs.items():
        if isinstance(value, int):
            options = st.sampled_from([value, 0, 2**31, 2**63, 10**30])
        else:
            options = st.one_of(st.just(value), hostile_text.filter(lambda v: "/" not in v))
        replacements[name] = options

    def build(kwargs):
        try:
            return reverse(match.view_name, kwargs=kwargs)
        except NoReverseMatch:
            return url

    return st.fixed_dictionaries(replacements).map(build)


@pytest.mark.django_db
@pytest.mark.parametrize("row", list(_rows(GET)))
def test_it_never_fails_on_bad_query_strings(client, world, row):
    url = reverse(row.name, args=row.args(world))
    sessions = persona_sessions(client, world)
    viewers = [p for p in PERSONAS if row.statuses[p] == 200] or list(PERSONAS)
    act_as(client, sessions[viewers[0]])
    parsed = page(client, url)
    form_fields = merge(
        [f for f in parsed.forms if f.method == "get" and f.action == urlsplit(url).path]
        if parsed
        else []
    )
    filters = bool(form_fields)
    form_fields.setdefault("seite", Field("seite", "number"))  # the page number of lists
    form_fields.setdefault("next", Field("next", "hidden"))  # drawn, no edge values
    changes = form_changes(form_fields)
    baseline = fingerprint()
    try:
        resolve(urlsplit(url).path)
        paths = _path_variants(url)
    except Resolver404:  # pragma: no cover - every matrix URL resolves
        paths = st.just(url)

    @settings(max_examples=examples(0.6) if filters else examples(0.2, minimum=3))
    @given(
        persona=st.one_of(st.sampled_from(viewers), st.sampled_from(PERSONAS)),
        path=paths,
        changes=changes,
        extra=extra_fields,
        htmx=st.booleans(),
    )
    def run(persona, path, changes, extra, htmx):
        query = urlencode(_pairs(apply(browser_data(form_fields), changes, extra)))
        target = f"{path}?{query}" if query else path
        headers = {"HX-Request": "true"} if htmx else {}
        note(f"{persona} GET {reprlib.repr(target)}")

        def send():
            act_as(client, sessions[persona])
            return client.get(target, headers=headers)

        check(client, send, baseline, (persona, target))

    with_edges(run, form_fields, persona=viewers[0], path=url, extra={}, htmx=False)()
