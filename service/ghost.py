"""Ghost's post webhooks: the signature Ghost sends, and the post its body carries.

Ghost (ghost/core/core/server/services/webhooks/webhook-trigger.js) signs each delivery as
``X-Ghost-Signature: sha256=<hex>, t=<ms>``: the hex HMAC-SHA256, keyed with the webhook's secret
as text, of the JSON body exactly as sent followed by the same millisecond timestamp written in
decimal. It sends no event name and no delivery id, waits 2 seconds for an answer, retries a
failed delivery, and deletes the webhook when it is answered 410, which this service never does.
The body is ``{"post": {"current": {...}, "previous": {...}}}``; ``current`` is empty for a
deleted post.
"""

from __future__ import annotations

import hashlib
import hmac
import re
from dataclasses import dataclass
from typing import Any

SIGNATURE_HEADER = "X-Ghost-Signature"
# The events whose body is a post to score (a Ghost webhook is added once per event).
EVENTS = ("post.published", "post.published.edited", "post.added", "post.edited")
_SIGNATURE = re.compile(r"^\s*sha256=([0-9a-fA-F]{64})\s*,\s*t=(\d{1,16})\s*$")


class SignatureError(ValueError):
    """The request is not signed by the configured Ghost webhook; the message says how."""


def signature(secret: str, body: bytes, timestamp_ms: int) -> str:
    """The header value Ghost sends for ``body`` at ``timestamp_ms``."""
    digest = hmac.new(secret.encode(), body + str(timestamp_ms).encode(), hashlib.sha256)
    return f"sha256={digest.hexdigest()}, t={timestamp_ms}"


def verify(secret: str, header: str | None, body: bytes, now_ms: int, tolerance_ms: int) -> int:
    """The signed timestamp when ``header`` signs ``body`` with ``secret`` within the tolerance
    of now; ``SignatureError`` otherwise."""
    if not secret:
        raise SignatureError(
            "Ghost webhooks are not enabled here: set NEWSMETRICS_GHOST_WEBHOOK_SECRET to the "
            "webhook's secret"
        )
    if not header:
        raise SignatureError(f"the request has no {SIGNATURE_HEADER} header")
    match = _SIGNATURE.match(header)
    if match is None:
        raise SignatureError(f"{SIGNATURE_HEADER} is not 'sha256=<64 hex digits>, t=<ms>'")
    given, timestamp = match.group(1).lower(), int(match.group(2))
    if abs(now_ms - timestamp) > tolerance_ms:
        raise SignatureError(
            f"the signature's timestamp is more than {tolerance_ms // 1000} s from this "
            "server's clock (stale or replayed)"
        )
    expected = signature(secret, body, timestamp).split(",")[0].removeprefix("sha256=")
    if not hmac.compare_digest(given, expected):
        raise SignatureError("the signature does not match the body and the webhook's secret")
    return timestamp


@dataclass(frozen=True, slots=True)
class Post:
    """What the service takes from a post webhook: the post's version and its HTML."""

    id: str
    updated_at: str
    html: str
    title: str | None
    url: str | None

    @property
    def dedupe_key(self) -> str:
        # Ghost sends no delivery id; one version of one post is its id and its updated_at.
        return f"ghost:{self.id}:{self.updated_at}"


class PayloadError(ValueError):
    """The body is not a Ghost post webhook; ``pointer`` says where."""

    def __init__(self, pointer: str, detail: str) -> None:
        super().__init__(detail)
        self.pointer = pointer


# Longest post id and updated_at taken (Ghost's are 24 hex digits and an ISO 8601 time): an id is
# an article id (at most 200 characters), and the two make the deduplication key.
MAX_ID_CHARS = 200
MAX_UPDATED_AT_CHARS = 64


def _string(
    current: dict[str, Any], name: str, *, required: bool, longest: int | None = None
) -> str | None:
    value = current.get(name)
    if value is None and not required:
        return None
    if not isinstance(value, str) or (required and not value.strip()):
        raise PayloadError(f"/post/current/{name}", f"post.current.{name} must be a string")
    if longest is not None and len(value) > longest:
        detail = f"post.current.{name} has more than {longest} characters"
        raise PayloadError(f"/post/current/{name}", detail)
    return value


def post_of(body: Any) -> Post | None:
    """The post in a webhook body; None when it has nothing to score (a deleted post, or one
    without HTML yet); ``PayloadError`` when the body is not a post webhook."""
    post = body.get("post") if isinstance(body, dict) else None
    if not isinstance(post, dict):
        raise PayloadError("/post", "the body has no 'post' object (is this a post webhook?)")
    current = post.get("current")
    if not isinstance(current, dict):
        raise PayloadError("/post/current", "post.current must be an object")
    if not current:
        return None  # post.deleted and post.unpublished-style bodies: nothing to score
    post_id = _string(current, "id", required=True, longest=MAX_ID_CHARS)
    updated_at = _string(current, "updated_at", required=True, longest=MAX_UPDATED_AT_CHARS)
    html = _string(current, "html", required=False)
    assert post_id is not None and updated_at is not None
    if html is None or not html.strip():
        return None
    title, url = _string(current, "title", required=False), _string(current, "url", required=False)
    return Post(post_id, updated_at, html, title, url)
