"""The editor's page: GET / and its static files (service/static/), open without an API key.

The page is plain HTML, CSS and JavaScript written for this project (no CDN, no framework): it
calls ``POST /v1/analyze`` from the browser and shows the report as highlighted text, an actor
table and metric cards.
"""

from __future__ import annotations

from pathlib import Path

from flask import Blueprint, Response, send_from_directory

STATIC_DIR = Path(__file__).with_name("static")
# The page runs only its own script and style: no inline code, nothing from another origin, so
# article text that slipped into the DOM as markup could not run. Reports come back over fetch.
CONTENT_SECURITY_POLICY = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; form-action 'none'; base-uri 'none'; frame-ancestors 'self'"
)
# The static files change with each release; a short cache keeps a redeploy visible quickly.
STATIC_MAX_AGE_S = 300

bp = Blueprint("page", __name__)


def _secured(response: Response) -> Response:
    response.headers["Content-Security-Policy"] = CONTENT_SECURITY_POLICY
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Referrer-Policy"] = "no-referrer"
    return response


@bp.get("/")
def index() -> Response:
    """The editor's page."""
    response = send_from_directory(STATIC_DIR, "index.html", max_age=0)
    return _secured(response)


@bp.get("/static/<path:filename>", endpoint="asset")
def asset(filename: str) -> Response:
    """One of the page's own files (app.js, app.css); 404 for anything else."""
    response = send_from_directory(STATIC_DIR, filename, max_age=STATIC_MAX_AGE_S)
    return _secured(response)
