"""Callbacks signed per the Standard Webhooks specification, sent only to allow-listed hosts.

Every callback carries ``webhook-id`` (fixed when the callback is made, so a retry repeats it),
``webhook-timestamp`` (integer seconds, at each attempt) and ``webhook-signature: v1,<base64 of
HMAC-SHA256 over "{id}.{timestamp}.{body}">``; the key is the base64 part of the ``whsec_``
secret (NEWSMETRICS_WEBHOOK_SECRET).

Server-side request forgery is refused in three places: a callback URL must name a host of the
allow-list (NEWSMETRICS_CALLBACK_HOSTS, empty by default) by name, never an IP address; the URL
is checked again before each attempt (the list may have shrunk); and a redirect is an answer, never
followed, so a receiver cannot send the service on to another host.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import http.client
import ipaddress
import os
import time
from dataclasses import dataclass
from urllib.parse import urlsplit

# Standard Webhooks: the secret's prefix, and the signature scheme's version tag.
SECRET_PREFIX = "whsec_"
SIGNATURE_VERSION = "v1"
# The specification asks for 24 to 64 random bytes.
MIN_SECRET_BYTES = 24
MAX_SECRET_BYTES = 64
USER_AGENT = "newsmetrics-webhooks/1"


class WebhookConfigError(ValueError):
    """A callback setting is malformed; the message starts with the setting's name."""


class CallbackRefused(ValueError):
    """A callback URL the service will not call; the message says why."""


def parse_secret(value: str) -> bytes | None:
    """The signing key of a ``whsec_<base64>`` secret; None when no secret is set."""
    text = value.strip()
    if not text:
        return None
    if not text.startswith(SECRET_PREFIX):
        raise WebhookConfigError(f"WEBHOOK_SECRET must start with {SECRET_PREFIX!r}")
    try:
        key = base64.b64decode(text[len(SECRET_PREFIX) :], validate=True)
    except (binascii.Error, ValueError) as err:
        raise WebhookConfigError("WEBHOOK_SECRET is not base64 after 'whsec_'") from err
    if not MIN_SECRET_BYTES <= len(key) <= MAX_SECRET_BYTES:
        raise WebhookConfigError(
            f"WEBHOOK_SECRET must hold {MIN_SECRET_BYTES} to {MAX_SECRET_BYTES} bytes; "
            f"it holds {len(key)}"
        )
    return key


def parse_hosts(value: object) -> frozenset[str]:
    """The allow-list: lower-case host names, each optionally with ":port"; never an address."""
    items = value if isinstance(value, list | tuple) else str(value or "").split(",")
    hosts = set()
    for item in (str(i).strip().lower() for i in items):
        if not item:
            continue
        host, _, port = item.rpartition(":") if item.count(":") == 1 else (item, "", "")
        if port and not port.isdigit():
            raise WebhookConfigError(f"CALLBACK_HOSTS has a bad port in {item!r}")
        if _is_address(host or item):
            raise WebhookConfigError(
                f"CALLBACK_HOSTS names the address {item!r}: name the host instead"
            )
        hosts.add(item)
    return frozenset(hosts)


def _is_address(host: str) -> bool:
    try:
        ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return False
    return True


@dataclass(frozen=True, slots=True)
class Target:
    """A checked callback URL, split for ``http.client``."""

    https: bool
    host: str
    port: int
    path: str


def check_url(url: str, allowed: frozenset[str], *, https_only: bool) -> Target:
    """The URL as a target the service may call, or ``CallbackRefused`` saying why."""
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as err:
        raise CallbackRefused(f"callback_url is not a usable URL: {err}") from err
    schemes = ("https",) if https_only else ("https", "http")
    if parts.scheme not in schemes:
        raise CallbackRefused(f"callback_url must be {' or '.join(schemes)}")
    host = (parts.hostname or "").lower()
    if not host or parts.username is not None or parts.password is not None:
        raise CallbackRefused("callback_url must name a host and carry no user or password")
    if _is_address(host):
        raise CallbackRefused(
            f"callback_url names the IP address {host!r}: callbacks go to host names of "
            "NEWSMETRICS_CALLBACK_HOSTS only"
        )
    port = port or (443 if parts.scheme == "https" else 80)
    if host not in allowed and f"{host}:{port}" not in allowed:
        listed = ", ".join(sorted(allowed)) if allowed else "none: the list is empty"
        raise CallbackRefused(
            f"callback host {host!r} is not allowed (NEWSMETRICS_CALLBACK_HOSTS: {listed})"
        )
    path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    return Target(https=parts.scheme == "https", host=host, port=port, path=path)


def sign(key: bytes, message_id: str, timestamp: int, body: bytes) -> str:
    """The ``webhook-signature`` header value for one attempt."""
    signed = f"{message_id}.{timestamp}.".encode() + body
    digest = hmac.new(key, signed, hashlib.sha256).digest()
    return f"{SIGNATURE_VERSION},{base64.b64encode(digest).decode()}"


def headers(
    key: bytes, message_id: str, body: bytes, timestamp: int | None = None
) -> dict[str, str]:
    """The three Standard Webhooks headers (timestamp: now) and the content type."""
    moment = int(time.time()) if timestamp is None else timestamp
    return {
        "webhook-id": message_id,
        "webhook-timestamp": str(moment),
        "webhook-signature": sign(key, message_id, moment, body),
        "Content-Type": "application/json",
        "User-Agent": USER_AGENT,
    }


@dataclass(frozen=True, slots=True)
class Attempt:
    """What one delivery attempt got: the HTTP status (None: no answer) or the error."""

    status: int | None
    error: str | None
    seconds: float

    @property
    def delivered(self) -> bool:
        return self.status is not None and 200 <= self.status < 300


def send(target: Target, sent_headers: dict[str, str], body: bytes, timeout: float) -> Attempt:
    """POST the body once; a redirect or any other non-2xx answer is a failed attempt."""
    started = time.perf_counter()
    kind = http.client.HTTPSConnection if target.https else http.client.HTTPConnection
    connection = kind(target.host, target.port, timeout=timeout)
    try:
        connection.request("POST", target.path, body=body, headers=sent_headers)
        response = connection.getresponse()
        response.read(64 * 1024)  # the receiver's answer is not used; read a little and close
        status = response.status
    except (OSError, http.client.HTTPException) as err:
        return Attempt(None, f"{type(err).__name__}: {err}"[:500], time.perf_counter() - started)
    finally:
        connection.close()
    return Attempt(status, _failure(status), time.perf_counter() - started)


def _failure(status: int) -> str | None:
    if 200 <= status < 300:
        return None
    if 300 <= status < 400:
        return f"HTTP {status}: a redirect, which is never followed"
    return f"HTTP {status}"


def backoff(attempts: int, base: float, ceiling: float) -> float:
    """Seconds before the next attempt after ``attempts`` failed ones: base * 2**(n-1), capped."""
    return float(min(ceiling, base * 2 ** max(0, attempts - 1)))


def new_secret() -> str:
    """A fresh ``whsec_`` secret of 32 random bytes."""
    return SECRET_PREFIX + base64.b64encode(os.urandom(32)).decode()
