"""Optional API keys: when configured, every /v1 route needs one; health routes and / never do,
nor the Ghost webhook receiver, which Ghost authenticates with its own signature instead (Ghost
cannot send custom headers; service/ghost.py)."""

from __future__ import annotations

import hmac

from flask import Flask, current_app, request

from service.problems import ApiProblem

PROTECTED_PREFIX = "/v1/"
# Routes under /v1 that verify a signature of their own in place of an API key.
SIGNED_ROUTES = ("/v1/integrations/ghost",)
BEARER = "bearer "
CHALLENGE = 'Bearer realm="newsmetrics"'


def parse_keys(value: object) -> tuple[bytes, ...]:
    """The configured keys: a comma-separated string (or a list), blanks dropped."""
    items = value if isinstance(value, list | tuple) else str(value or "").split(",")
    return tuple(str(item).strip().encode() for item in items if str(item).strip())


def presented_key(authorization: str | None, api_key: str | None) -> bytes | None:
    """The key the caller sent: ``Authorization: Bearer <key>`` first, else ``X-API-Key``."""
    if authorization and authorization[: len(BEARER)].lower() == BEARER:
        return authorization[len(BEARER) :].strip().encode()
    return api_key.strip().encode() if api_key else None


def key_matches(given: bytes, keys: tuple[bytes, ...]) -> bool:
    """Compare with every key in constant time, without stopping at the first match."""
    matched = False
    for key in keys:
        matched |= hmac.compare_digest(given, key)
    return matched


def _require_api_key() -> None:
    keys: tuple[bytes, ...] = current_app.config["API_KEY_SET"]
    if not keys or not request.path.startswith(PROTECTED_PREFIX):
        return
    if request.path in SIGNED_ROUTES:
        return
    given = presented_key(request.headers.get("Authorization"), request.headers.get("X-API-Key"))
    if given is None:
        detail = "this route needs an API key: send 'Authorization: Bearer <key>' or 'X-API-Key'"
    elif not key_matches(given, keys):
        detail = "the API key is not valid"
    else:
        return
    raise ApiProblem(401, detail, headers={"WWW-Authenticate": CHALLENGE})


def register_api_keys(app: Flask) -> None:
    """Read the configured keys once and check them before every request."""
    app.config["API_KEY_SET"] = parse_keys(app.config.get("API_KEYS"))
    app.before_request(_require_api_key)
