"""Structured logs: one JSON object per line, a request id on every request, never article text."""

from __future__ import annotations

import json
import logging
import re
import sys
import time
import uuid
from typing import Any

from flask import Flask, Response, g, has_request_context, request

logger = logging.getLogger("service.access")

REQUEST_ID_HEADER = "X-Request-ID"
# A caller's request id is echoed only when short and plain, so it is safe in a header and a log.
REQUEST_ID_PATTERN = re.compile(r"[A-Za-z0-9._:@+=/-]{1,128}")
# Loggers whose records the service writes as JSON lines (the library logs through "scoring").
LOGGER_NAMES = ("service", "scoring")


class JsonFormatter(logging.Formatter):
    """One JSON object per record; structured members come from ``extra={"fields": ...}``."""

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "time": self.formatTime(record, "%Y-%m-%dT%H:%M:%S"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        if has_request_context() and g.get("request_id"):
            entry["request_id"] = g.request_id  # ties the library's lines to the request's
        entry.update(getattr(record, "fields", {}))
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False, default=str)


def configure_logging(level: str) -> None:
    """Send the service's and the library's records to standard error as JSON lines (once)."""
    for name in LOGGER_NAMES:
        named = logging.getLogger(name)
        named.setLevel(level)
        if not any(getattr(h, "newsmetrics", False) for h in named.handlers):
            handler = logging.StreamHandler(sys.stderr)
            handler.setFormatter(JsonFormatter())
            handler.newsmetrics = True  # type: ignore[attr-defined]
            named.addHandler(handler)
            named.propagate = False


def _start_request() -> None:
    given = request.headers.get(REQUEST_ID_HEADER, "")
    g.request_id = given if REQUEST_ID_PATTERN.fullmatch(given) else uuid.uuid4().hex
    g.started = time.perf_counter()


def request_id() -> str:
    """The current request's id (set before the request is handled), read where a body needs it."""
    rid: str = g.get("request_id", "")
    return rid


def _finish_request(response: Response) -> Response:
    response.headers[REQUEST_ID_HEADER] = g.get("request_id", "")
    duration_ms = (time.perf_counter() - g.get("started", time.perf_counter())) * 1000
    fields = {
        "request_id": g.get("request_id"),
        "method": request.method,
        "path": request.path,
        "status": response.status_code,
        "duration_ms": round(duration_ms, 2),
        "bytes_in": request.content_length,
        "remote_addr": request.remote_addr,
    }
    logger.info("request", extra={"fields": fields})
    return response


def register_request_logging(app: Flask) -> None:
    """Give every request an id (the caller's X-Request-ID or a new one) and log it when done."""
    app.before_request(_start_request)
    app.after_request(_finish_request)
