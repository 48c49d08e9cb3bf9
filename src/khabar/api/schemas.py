"""JSON Schemas of the API's answers, for the OpenAPI document (/openapi.json, /docs).

Each schema describes what the page object's `to_json()` gives (khabar.views.pages;
the fields are documented in docs/cli.md). tests/test_api_schemas.py validates every
route's real answer against the schema published here, so the two cannot drift apart.
Every listed property is required; a schema leaves room for fields added later only
where a section is open by nature (a report's metadata, an event's detail).
"""

from __future__ import annotations

from typing import Any

Schema = dict[str, Any]

STR: Schema = {"type": "string"}
INT: Schema = {"type": "integer"}
NUM: Schema = {"type": "number"}
BOOL: Schema = {"type": "boolean"}
ANY_OBJECT: Schema = {"type": "object"}


def nullable(s: Schema) -> Schema:
    return {"anyOf": [s, {"type": "null"}]}


def array(items: Schema) -> Schema:
    return {"type": "array", "items": items}


def obj(properties: dict[str, Schema], optional: tuple[str, ...] = (), open_: bool = False) -> Schema:
    return {"type": "object", "properties": properties,
            "required": [k for k in properties if k not in optional], "additionalProperties": open_}


def counts(of: Schema = INT) -> Schema:
    """A map of names to counts (aliases, roles, support)."""
    return {"type": "object", "additionalProperties": of}


WHEN = nullable(STR)  # an ISO date or datetime, or null when unknown

ARTICLE_LISTING = obj({
    "id": INT, "external_id": STR, "title": STR, "source": nullable(STR), "url": nullable(STR),
    "published": WHEN, "published_inferred": INT, "language": nullable(STR), "story_id": nullable(STR),
    "duplicate_of": nullable(INT), "duplicate_kind": nullable(STR), "chars": INT})

ARTICLE_ROW = obj({**ARTICLE_LISTING["properties"], "published_inferred": BOOL, "input_name": STR})

ARTICLE = obj({
    "id": INT, "external_id": STR, "title": STR, "source": nullable(STR), "url": nullable(STR),
    "published": WHEN, "published_inferred": BOOL, "language": nullable(STR), "dateline": nullable(STR),
    "story_id": nullable(STR), "duplicate_of": nullable(INT), "duplicate_kind": nullable(STR),
    "metadata": ANY_OBJECT, "clean_text": STR,
    "removed": array(obj({"start": INT, "end": INT, "reason": STR, "text": STR, "detail": nullable(STR)})),
    "sentences": array(obj({"index": INT, "start": INT, "end": INT, "text": STR}))})

SEARCH_HIT = obj({"id": INT, "external_id": STR, "title": STR, "source": nullable(STR), "published": WHEN,
                  "story_id": nullable(STR), "snippet": STR, "score": NUM})

STORY = obj({
    "id": STR, "storyline_id": nullable(STR), "headline": STR, "first_seen": WHEN, "last_seen": WHEN,
    "size": INT, "merged_into": nullable(STR), "sources": array(STR), "languages": array(STR),
    "article_ids": array(INT), "external_ids": array(STR)})

HISTORY_EVENT = obj({"story_id": STR, "kind": STR, "detail": ANY_OBJECT, "at": STR})

ENTITY = obj({"key": STR, "type": STR, "display": STR, "latin": nullable(STR), "aliases": counts(),
              "roles": counts(), "mentions": INT, "articles": INT, "salience": NUM}, optional=("salience",))

CLAIM = obj({"external_id": STR, "source": nullable(STR), "sentence": INT, "kind": STR, "subject": STR,
             "value": nullable(STR), "hedge": nullable(STR), "scope": nullable(STR), "place_from": STR,
             "speaker": nullable(STR), "via": nullable(STR), "text": STR})

CONFLICT = obj({"subject": STR, "kind": STR, "note": STR, "claims": array(CLAIM)})

SUMMARY_SENTENCE = obj({"text": STR, "external_id": STR, "sentence": INT, "source": nullable(STR),
                        "citations": array(STR), "date": nullable(STR), "conflicts": array(STR)})

# the story report's sections (khabar.render.report): stable names, rows left open
REPORT = obj({
    "story": ANY_OBJECT, "summary": array(ANY_OBJECT), "abstractive": nullable(ANY_OBJECT),
    "timeline": array(ANY_OBJECT), "entities": array(ANY_OBJECT), "claims": array(ANY_OBJECT),
    "conflicts": array(ANY_OBJECT), "disagreements": array(ANY_OBJECT), "sources": array(ANY_OBJECT),
    "coverage": array(ANY_OBJECT)})

ROUTES: dict[str, Schema] = {
    "/api/articles": array(ARTICLE_LISTING),
    "/api/articles/{ref}": ARTICLE,
    "/api/search": array(SEARCH_HIT),
    "/api/stories": array(STORY),
    "/api/storylines/{storyline_id}": obj({"id": STR, "stories": array(STORY)}),
    "/api/stories/{story_id}": obj({**STORY["properties"], "articles": array(ARTICLE_ROW),
                                    "history": array(HISTORY_EVENT), "report": REPORT}, optional=("report",)),
    "/api/stories/{story_id}/claims": obj({
        "story_id": STR, "claims": array(CLAIM),
        "agreements": array(obj({"subject": STR, "scope": nullable(STR), "value": STR, "reports": INT,
                                 "speakers": array(STR), "claims": array(CLAIM), "compatible": array(CLAIM)})),
        "conflicts": array(CONFLICT)}),
    "/api/stories/{story_id}/timeline": obj({
        "story_id": STR, "reports_read": INT, "reports_total": INT, "cut": BOOL,
        "events": array(obj({"date": STR, "granularity": STR, "label": STR, "background": BOOL, "inferred": BOOL,
                             "report": BOOL, "support": array(obj({"external_id": STR, "sentence": INT,
                                                                   "text": STR}))})),
        "publication": {"type": "object", "additionalProperties": obj({"published": WHEN, "how": STR})}}),
    "/api/stories/{story_id}/summary": obj({
        "story_id": STR, "headline": STR, "n_reports": INT, "sentences": array(SUMMARY_SENTENCE),
        "abstractive": ANY_OBJECT}, optional=("abstractive",)),
    "/api/entities": array(ENTITY),
    "/api/entities/{name}": obj({
        "key": STR, "type": STR, "display": STR, "latin": nullable(STR), "aliases": counts(), "roles": counts(),
        "stories": array(obj({"story_id": nullable(STR), "first": WHEN, "last": WHEN, "mentions": INT})),
        "stories_total": INT}),
}

ERROR = obj({"error": STR, "detail": array(ANY_OBJECT)}, optional=("detail",))


def responses(path: str) -> dict[int | str, Any]:
    """The `responses` argument of a route: its answer's schema and the error body."""
    error = {"content": {"application/json": {"schema": ERROR}}}
    return {200: {"description": "OK", "content": {"application/json": {"schema": ROUTES[path]}}},
            404: {"description": "Not found", **error}, 422: {"description": "Invalid parameter", **error}}
