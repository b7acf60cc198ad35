#!/usr/bin/env bash
# Build a LOCAL STAND-IN for the base image named by the Dockerfile's first FROM line
# (python:3.11-slim-bookworm) and tag it with that exact name, so that
# `podman build --pull=never` builds the unchanged Dockerfile on machines that cannot
# reach any container registry (the project's CI and development machines).
#
# What the stand-in is: Debian 12 (bookworm) made by mmdebstrap from the Debian archive,
# with Debian's python3 (3.11), python3-venv, ca-certificates and python-is-python3, and
# the host's CA bundle copied in so that pip can reach PyPI during the build through
# this machine's TLS setup. It is NOT the official Docker Hub image (which has CPython
# built from source in /usr/local): it proves the Dockerfile's steps and the app on the
# same Debian release and Python minor version, not the exact base. On a machine that
# can pull the real image, skip this script and `docker build` as usual.
#
# Usage: container/build-base.sh [--force]
#   Skips the work when an image with that name already exists (idempotent, cached);
#   --force rebuilds it. Needs root, podman and mmdebstrap (container/check.sh installs
#   them). Honours CONTAINERS_CONF (defaults to container/containers.conf).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/.." && pwd)"
export CONTAINERS_CONF="${CONTAINERS_CONF:-$here/containers.conf}"

# The name the Dockerfile asks for, and its fully qualified form (what a real pull of
# a Docker Hub short name would store), so podman resolves the short name locally.
base="$(awk 'toupper($1) == "FROM" { print $2; exit }' "$repo/Dockerfile")"
case "$base" in
  */*) qualified="$base" ;;
  *) qualified="docker.io/library/$base" ;;
esac

if [[ "${1:-}" != "--force" ]] && podman image exists "$qualified"; then
  kind="$(podman image inspect --format '{{ index .Labels "org.newsmetrics.stand-in" }}' "$qualified")"
  echo "base image $qualified already present (stand-in: ${kind:-no}); not rebuilt"
  exit 0
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# The host's apt sources (same mirror, suites and keys as the machine itself), trimmed
# like the official slim image: no docs, man pages or locales.
sources=/etc/apt/sources.list.d/debian.sources
[[ -f "$sources" ]] || sources="http://deb.debian.org/debian"

started=$SECONDS
# The hooks run in a shell inside mmdebstrap, where $1 is the new root: single quotes on purpose.
# shellcheck disable=SC2016
mmdebstrap --quiet --variant=apt \
  --include=python3,python3-venv,python-is-python3,ca-certificates \
  --aptopt='Acquire::Check-Valid-Until "false"' \
  --dpkgopt='path-exclude=/usr/share/doc/*' \
  --dpkgopt='path-include=/usr/share/doc/*/copyright' \
  --dpkgopt='path-exclude=/usr/share/man/*' \
  --dpkgopt='path-exclude=/usr/share/locale/*' \
  --customize-hook='cat /etc/ssl/certs/ca-certificates.crt > "$1/etc/ssl/certs/ca-certificates.crt"' \
  --customize-hook='rm -rf "$1"/var/lib/apt/lists/* "$1"/var/cache/apt/*' \
  bookworm "$work/rootfs.tar" "$sources"

podman import --quiet \
  --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
  --change 'ENV LANG=C.UTF-8' \
  --change 'LABEL org.newsmetrics.stand-in=debian-bookworm-python3-mmdebstrap' \
  --change 'CMD ["python3"]' \
  "$work/rootfs.tar" "$qualified" >/dev/null
echo "built stand-in base $qualified in $((SECONDS - started)) s" \
  "($(podman image inspect --format '{{ .Size }}' "$qualified") bytes)"
