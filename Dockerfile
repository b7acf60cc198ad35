# newsmetrics: credibility and bias metrics for news articles, as a REST service.
#
#   docker build -t newsmetrics .
#   docker run --rm -p 127.0.0.1:8000:8000 -e NEWSMETRICS_API_KEYS=change-me newsmetrics
#
# The accurate sentiment tier (the fine-tuned mpnet, 187 MB of weights; about 860 MB peak RSS
# per process, so fewer workers or more memory) is a second variant of the image; the default
# one leaves its weights out:
#   docker build --build-arg SENTIMENT_TIER=accurate -t newsmetrics:accurate .
#
# Two stages: the builder installs the pinned, hash-checked dependencies (the spaCy
# pipeline is one of them, a pip package) into a virtual environment; the runtime stage
# copies that environment and the application and runs gunicorn as an unprivileged user.
# Nothing is downloaded at run time: the pipeline, lexicons and seed baseline are inside.

FROM python:3.11-slim-bookworm AS builder

# fast: the default image, MiniLM only; accurate: the mpnet artifact too, and the tier set.
ARG SENTIMENT_TIER=fast

ENV PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PATH=/opt/venv/bin:$PATH

# binutils only for `strip` below; this stage is thrown away, so the latest bookworm
# build is fine and is not pinned.
# hadolint ignore=DL3008
RUN apt-get update \
    && apt-get install --yes --no-install-recommends binutils \
    && rm -rf /var/lib/apt/lists/*

WORKDIR /src
RUN python -m venv /opt/venv

# Dependencies first, so that code changes reuse this (slow) layer. Then the weight the
# service never uses: debugging symbols in the compiled extensions (spaCy's alone are
# about 100 MB; the vendored *.libs are left as they are), the packages' own test suites,
# wordfreq's word lists of the 40-odd languages other than English (about 56 MB; the
# service asks for "en" only, scoring/reference/topical.py) and ONNX Runtime's offline
# tools (model optimiser, quantiser, converters: used by training/, never at run time).
COPY requirements/runtime.lock requirements/runtime.lock
RUN pip install --require-hashes --no-deps -r requirements/runtime.lock \
    && find /opt/venv/lib -name '*.so' -type f -not -path '*.libs/*' -exec strip --strip-debug {} + \
    && find /opt/venv/lib/python3.11/site-packages -mindepth 2 -maxdepth 3 -type d -name tests -prune -exec rm -rf {} + \
    && find /opt/venv/lib/python3.11/site-packages/wordfreq/data -type f -not -name '*_en.msgpack.gz' -delete \
    && find /opt/venv/lib/python3.11/site-packages/onnxruntime -mindepth 1 -maxdepth 1 -type d \
       \( -name transformers -o -name quantization -o -name tools -o -name datasets \) -exec rm -rf {} + \
    && python -c "from wordfreq import zipf_frequency as z; assert z('the', 'en') > 7 > z('government', 'en') > 4"

COPY pyproject.toml README.md openapi.yaml ./
COPY scoring/ scoring/
COPY service/ service/
COPY seeds/ seeds/

# The accurate tier's weights stay out of the default image (removed before the package is
# installed, so they reach neither the installed package nor the runtime stage).
RUN case "$SENTIMENT_TIER" in \
      fast) rm -rf scoring/sentiment/models/target_encoder_accurate ;; \
      accurate) test -f scoring/sentiment/models/target_encoder_accurate/config.json ;; \
      *) echo "SENTIMENT_TIER must be fast or accurate, not $SENTIMENT_TIER" >&2; exit 1 ;; \
    esac

# The project itself, without touching the index (its dependencies are all above); the
# runtime stage takes only the installed package (which carries the page, the contract and
# the seed articles), not this source tree. Then a warm-up that proves the trimmed
# environment serves (the app factory, every GET route, each seed through POST
# /v1/analyze, SQLite in /tmp) and keeps the bytecode of the modules it imported only:
# pip compiles every module of every package (about 83 MB), and most of it (unused scipy,
# scikit-learn, SQLAlchemy, spaCy CLI submodules...) is never loaded. The sources stay, so
# a module first imported later still imports (compiled in memory: the image writes no
# bytecode). The kept bytecode is rewritten hash-checked, so it stays valid whatever the
# file times after the copy. -P: import from the environment, not from this source tree.
# Last, pip removed: the runtime image installs nothing.
RUN pip install --no-deps --no-build-isolation --no-index . \
    && NEWSMETRICS_SENTIMENT_TIER=$SENTIMENT_TIER \
       NEWSMETRICS_DATABASE_URL=sqlite:////tmp/warm-up.sqlite3 python -P -c "\
import pathlib, py_compile, sys, sysconfig; \
import service; \
client = service.create_app().test_client(); \
routes = ('/healthz', '/readyz', '/', '/openapi.yaml', '/v1/info', '/v1/metrics', '/v1/baseline'); \
codes = [client.get(route).status_code for route in routes]; \
seeds = sorted(pathlib.Path('seeds').glob('*.txt')); \
codes += [client.post('/v1/analyze', json={'text': p.read_text()}).status_code for p in seeds]; \
assert seeds and set(codes) == {200}, codes; \
used = {pathlib.Path(m.__file__).resolve() for m in list(sys.modules.values()) if str(getattr(m, '__file__', None) or '').endswith('.py')}; \
site = pathlib.Path(sysconfig.get_paths()['purelib']).resolve(); \
pycs = list(site.rglob('__pycache__/*.pyc')); \
source = {c: (c.parent.parent / (c.name.split('.')[0] + '.py')).resolve() for c in pycs}; \
unused = [c for c in pycs if source[c] not in used]; \
print(f'warm-up: {len(codes)} requests answered 200; bytecode of {len(unused)} never-imported modules removed ({sum(c.stat().st_size for c in unused) / 1e6:.0f} MB)'); \
[c.unlink() for c in unused]; \
mode = py_compile.PycInvalidationMode.UNCHECKED_HASH; \
[py_compile.compile(str(source[c]), cfile=str(c), doraise=True, invalidation_mode=mode) for c in pycs if c not in unused]" \
    && rm -f /tmp/warm-up.sqlite3* \
    && pip uninstall --yes pip


FROM python:3.11-slim-bookworm AS runtime

ARG SENTIMENT_TIER=fast

LABEL org.opencontainers.image.title="newsmetrics" \
      org.opencontainers.image.description="Credibility and bias metrics for news articles: actors, sentiment toward and by them, hedging, attribution, tone, against a reference set." \
      org.opencontainers.image.licenses="Proprietary"

# PORT: the port gunicorn listens on inside the container.
# WEB_CONCURRENCY: gunicorn worker processes; one per core. They fork from a master that
#   has loaded the pipeline, encoder and baseline, sharing those pages: master + 2 workers
#   measured about 590-670 MB (cgroup) after warm-up on the seeds, each worker's peak RSS
#   about 375 MiB (container/check.sh prints both).
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
# NEWSMETRICS_SENTIMENT_TIER: the sentiment model, as the image was built (fast or accurate).
ENV PATH=/opt/venv/bin:$PATH \
    NEWSMETRICS_SENTIMENT_TIER=$SENTIMENT_TIER \
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
WORKDIR /app
COPY gunicorn.conf.py ./

USER 10001:10001
EXPOSE 8000
VOLUME ["/var/lib/newsmetrics"]

HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
    CMD ["python", "-c", "import os, urllib.request as u; u.urlopen('http://127.0.0.1:%s/healthz' % os.environ.get('PORT', '8000'), timeout=4)"]

# The API. The background worker (POST /v1/jobs, Ghost webhooks, signed callbacks) is the same
# image with another command, as its own container (compose.yaml's `worker`):
#   docker run ... newsmetrics python -m service.worker
CMD ["gunicorn", "-c", "gunicorn.conf.py", "service:create_app()"]
