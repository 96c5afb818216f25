"""A client of the OParl API, for tests: it crawls from the System object through every
list and every `next` link, validates every object against the OParl 1.1 JSON Schemas
(copied into `tests/oparl/schema/`, resolved offline) and checks the spec's rules that
the schemas do not carry. Violations are collected, not raised, so a test can assert
that there are none and show them all.

    result = crawl(client)
    assert result.errors == []
"""

from __future__ import annotations

import json
from collections import deque
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from django.conf import settings
from jsonschema import Draft7Validator
from referencing import Registry, Resource

SCHEMA_DIR = Path(__file__).parent / "schema"
OPARL = "https://schema.oparl.org/1.1/"
FILTERS = ("created_since", "created_until", "modified_since", "modified_until", "limit")


def _registry_and_validators():
    registry = Registry()
    schemas = {}
    for path in sorted(SCHEMA_DIR.glob("*.json")):
        schema = json.loads(path.read_text())
        resource = Resource.from_contents(schema)
        registry = registry.with_resources(
            [(schema["$id"], resource), (schema["$id"] + ".json", resource)]
        )
        schemas[schema["$id"]] = schema
    return {
        type_: Draft7Validator(
            schema, registry=registry, format_checker=Draft7Validator.FORMAT_CHECKER
        )
        for type_, schema in schemas.items()
    }


VALIDATORS = _registry_and_validators()


@dataclass
class Result:
    objects: dict[str, dict] = field(default_factory=dict)  # id -> object (top level and embedded)
    tombstones: dict[str, dict] = field(default_factory=dict)
    bodies: dict[str, bytes] = field(default_factory=dict)  # url -> raw answer
    errors: list[str] = field(default_factory=list)
    lists: set[str] = field(default_factory=set)

    def of_type(self, name: str) -> list[dict]:
        return [o for o in self.objects.values() if o["type"] == OPARL + name]


def api_root() -> str:
    return settings.PORTAL_BASE_URL + "/oparl/v1/"


def _path(url: str) -> str:
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


def _urls(value):
    """Every string in a JSON value."""
    if isinstance(value, dict):
        for v in value.values():
            yield from _urls(v)
    elif isinstance(value, list):
        for v in value:
            yield from _urls(v)
    elif isinstance(value, str):
        yield value


def _check_object(obj, where: str, result: Result, *, embedded=False):
    """Schema and rules of one object and of every object embedded in it."""
    type_ = obj.get("type", "")
    if obj.get("deleted"):
        if set(obj) != {"id", "type", "deleted", "modified"}:
            result.errors.append(f"{where}: tombstone with keys {sorted(obj)}")
        result.tombstones[obj["id"]] = obj
        return
    validator = VALIDATORS.get(type_)
    if validator is None:
        result.errors.append(f"{where}: unknown type {type_!r}")
        return
    for error in validator.iter_errors(obj):
        result.errors.append(f"{where}: {obj.get('id')}: {error.json_path}: {error.message}")
    for key in ("created", "modified"):
        if key not in obj:
            result.errors.append(f"{where}: {obj.get('id')} has no {key}")
    result.objects.setdefault(obj["id"], obj)
    for key, value in obj.items():
        children = value if isinstance(value, list) else [value]
        for child in children:
            if isinstance(child, dict) and "id" in child:
                # Every embedded object (an `id` in the API) carries its OParl type.
                if not str(child.get("type", "")).startswith(OPARL):
                    result.errors.append(f"{where} > {key}: embedded {child['id']} has no type")
                    continue
                _check_object(child, f"{where} > {key}", result, embedded=True)


def _check_headers(response, url, result: Result, client, check_etag: bool):
    if response["Content-Type"] != "application/json; charset=utf-8":
        result.errors.append(f"{url}: Content-Type {response['Content-Type']}")
    if response.get("Access-Control-Allow-Origin") != "*":
        result.errors.append(f"{url}: no Access-Control-Allow-Origin: *")
    etag = response.get("ETag")
    if not etag:
        result.errors.append(f"{url}: no ETag")
    elif check_etag:
        again = client.get(_path(url), HTTP_IF_NONE_MATCH=etag)
        if again.status_code != 304:
            result.errors.append(f"{url}: If-None-Match answered {again.status_code}")
        if again.get("Access-Control-Allow-Origin") != "*":
            result.errors.append(f"{url}: 304 without Access-Control-Allow-Origin")


def _check_list(data, url, result: Result):
    for key in ("data", "pagination", "links"):
        if key not in data:
            result.errors.append(f"{url}: list without {key}")
            return
    pagination, links = data["pagination"], data["links"]
    for key in ("totalElements", "elementsPerPage", "currentPage", "totalPages"):
        if not isinstance(pagination.get(key), int):
            result.errors.append(f"{url}: pagination.{key} missing")
            return
    last = pagination["currentPage"] >= pagination["totalPages"]
    if last == ("next" in links):
        result.errors.append(f"{url}: links.next {'on the last page' if last else 'missing'}")
    if len(data["data"]) > pagination["elementsPerPage"]:
        result.errors.append(f"{url}: more objects than elementsPerPage")
    asked = {k: v for k, v in parse_qs(urlsplit(url).query).items() if k in FILTERS}
    for name, link in links.items():
        kept = parse_qs(urlsplit(link).query)
        for key, value in asked.items():
            if kept.get(key) != value:
                result.errors.append(f"{url}: links.{name} drops the filter {key}")


def crawl(client, start: str | None = None, *, check_etag=True, max_requests=20000) -> Result:
    """Crawl the API from `start` (the System object), following every URL under the
    API root that an answer names (lists, `next` links, referenced objects)."""
    root = api_root()
    result = Result()
    queue = deque([start or root])
    seen = set(queue)
    while queue:
        if len(seen) > max_requests:
            result.errors.append("crawl: too many requests")
            break
        url = queue.popleft()
        response = client.get(_path(url))
        if response.status_code != 200:
            if response.status_code == 404 and url in result.tombstones:
                continue  # a withdrawn object is gone, as its tombstone says
            result.errors.append(f"{url}: status {response.status_code}")
            continue
        _check_headers(response, url, result, client, check_etag)
        result.bodies[url] = response.content
        data = json.loads(response.content)
        if "data" in data and "pagination" in data:
            result.lists.add(url.split("?")[0])
            _check_list(data, url, result)
            for obj in data["data"]:
                _check_object(obj, url, result)
        else:
            _check_object(data, url, result)
        for value in _urls(data):
            if value.startswith("http") and not value.startswith((root, OPARL)):
                if not value.startswith(settings.PORTAL_BASE_URL + "/"):
                    result.errors.append(f"{url}: URL outside the portal: {value}")
                continue
            if value.startswith(root) and value not in seen:
                # Objects are fetched on their own as well (they must resolve); lists
                # are followed only through their links, which keep the filters.
                seen.add(value)
                queue.append(value)
    return result
