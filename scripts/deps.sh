#!/usr/bin/env bash
# Installs every Debian package dyad needs to build, test and run.
# Idempotent and fast when everything is present: dpkg is asked first and
# apt-get runs only for what is missing.
set -euo pipefail

packages=(
  build-essential cmake pkg-config xz-utils python3
  libutf8proc-dev libstemmer-dev liblzma-dev libjansson-dev
  libsqlite3-dev libpq-dev libcmocka-dev
  postgresql
)

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

echo "deps: installing ${missing[*]}" >&2
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
