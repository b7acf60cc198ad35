"""Standard Webhooks signatures (the specification's test vector, and the independent
``standardwebhooks`` package verifying ours), secrets, and the callback allow-list."""

from __future__ import annotations

import base64
import time

import pytest
from standardwebhooks import Webhook, WebhookVerificationError

from service.webhooks import (
    CallbackRefused,
    WebhookConfigError,
    backoff,
    check_url,
    headers,
    new_secret,
    parse_hosts,
    parse_secret,
    sign,
)
from tests.service.jobs.conftest import SECRET

# The test vector published with the Standard Webhooks specification (and its libraries' tests).
SPEC_SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"
SPEC_ID = "msg_p5jXN8AQM9LWM0D4loKWxJek"
SPEC_TIMESTAMP = 1614265330
SPEC_BODY = b'{"test": 2432232314}'
SPEC_SIGNATURE = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="


def test_the_signature_matches_the_specifications_test_vector() -> None:
    key = parse_secret(SPEC_SECRET)
    assert key is not None
    assert sign(key, SPEC_ID, SPEC_TIMESTAMP, SPEC_BODY) == SPEC_SIGNATURE


def test_the_standardwebhooks_package_verifies_our_headers() -> None:
    key = parse_secret(SECRET)
    assert key is not None
    body = b'{"type":"job.completed","data":{"id":"job_1"}}'
    sent = headers(key, "msg_0123", body)
    assert Webhook(SECRET).verify(body, sent) == {"type": "job.completed", "data": {"id": "job_1"}}


@pytest.mark.parametrize(
    "change",
    [
        "body",  # one byte of the body changed
        "id",  # the webhook-id swapped for another
        "secret",  # signed with another secret
        "stale",  # a timestamp older than the package's five-minute tolerance
    ],
)
def test_the_package_refuses_what_we_did_not_sign(change: str) -> None:
    key = parse_secret(SECRET)
    other = parse_secret(new_secret())
    assert key is not None and other is not None
    body = b'{"type":"job.completed"}'
    moment = int(time.time()) - (3600 if change == "stale" else 0)
    sent = headers(other if change == "secret" else key, "msg_a", body, moment)
    if change == "id":
        sent["webhook-id"] = "msg_b"
    if change == "body":
        body = body.replace(b"completed", b"complete!")
    with pytest.raises(WebhookVerificationError):
        Webhook(SECRET).verify(body, sent)


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "must start with 'whsec_'"),
        ("whsec_not base64!", "not base64"),
        ("whsec_" + base64.b64encode(b"short").decode(), "24 to 64 bytes"),
    ],
)
def test_a_malformed_secret_is_refused_with_the_reason(value: str, message: str) -> None:
    with pytest.raises(WebhookConfigError, match=message):
        parse_secret(value)


def test_no_secret_means_no_key() -> None:
    assert parse_secret("") is None
    assert parse_secret(new_secret()) is not None


def test_the_allow_list_takes_host_names_and_never_addresses() -> None:
    assert parse_hosts("CMS.example.org, hooks.example.org:8443,,") == {
        "cms.example.org",
        "hooks.example.org:8443",
    }
    assert parse_hosts("") == frozenset()
    for address in ("10.0.0.5", "127.0.0.1:80", "::1", "[::1]"):
        with pytest.raises(WebhookConfigError, match="name the host"):
            parse_hosts(address)


ALLOWED = frozenset({"cms.example.org", "hooks.example.org:8443"})


@pytest.mark.parametrize(
    ("url", "refusal"),
    [
        ("https://cms.example.org/hook", None),  # an allowed host, any port
        ("https://cms.example.org:444/hook?x=1", None),
        ("https://hooks.example.org:8443/h", None),  # allowed on this port only
        ("https://hooks.example.org/h", "not allowed"),
        ("https://evil.example.net/h", "not allowed"),
        ("https://cms.example.org.evil.example.net/", "not allowed"),  # a suffix trick
        ("https://127.0.0.1/h", "IP address"),
        ("https://[::1]:8443/h", "IP address"),
        ("https://169.254.169.254/latest/meta-data", "IP address"),  # cloud metadata
        ("http://cms.example.org/h", "must be https"),
        ("ftp://cms.example.org/h", "must be https"),
        ("https://user:pw@cms.example.org/h", "no user or password"),
        ("https:///nohost", "must name a host"),
        ("https://cms.example.org:99999/h", "not a usable URL"),
    ],
)
def test_callback_urls_are_checked_against_the_allow_list(url: str, refusal: str | None) -> None:
    if refusal is None:
        assert check_url(url, ALLOWED, https_only=True).host in {
            "cms.example.org",
            "hooks.example.org",
        }
    else:
        with pytest.raises(CallbackRefused, match=refusal):
            check_url(url, ALLOWED, https_only=True)


def test_an_empty_allow_list_refuses_every_host() -> None:
    with pytest.raises(CallbackRefused, match="the list is empty"):
        check_url("https://cms.example.org/hook", frozenset(), https_only=True)


def test_plain_http_only_when_https_is_not_required() -> None:
    target = check_url("http://cms.example.org/h", ALLOWED, https_only=False)
    assert (target.https, target.port, target.path) == (False, 80, "/h")


def test_backoff_doubles_up_to_its_ceiling() -> None:
    assert [backoff(n, 5.0, 60.0) for n in range(1, 7)] == [5.0, 10.0, 20.0, 40.0, 60.0, 60.0]
