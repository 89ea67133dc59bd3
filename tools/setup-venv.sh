#!/bin/sh
# Create the project's virtualenv, install the locked requirements, then the kit itself
# (editable, so the site and the tests use the leaguekit of this checkout).
# Usage: setup-venv.sh VENV LOCKFILE. On a fresh Debian, `python3 -m venv` needs the
# python3-venv package: installed here when root, otherwise the command is printed.
set -eu
venv=$1
lock=$2
python=${PYTHON:-python3}
if [ ! -x "$venv/bin/python" ]; then
  if ! "$python" -m venv "$venv" 2>/dev/null; then
    rm -rf "$venv"
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
      echo "Installing python3-venv with apt-get ..."
      apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-venv >/dev/null
      "$python" -m venv "$venv"
    else
      echo "python3 cannot create a virtualenv. Install it with: sudo apt-get install python3-venv" >&2
      exit 1
    fi
  fi
fi
pip="$venv/bin/python -m pip --disable-pip-version-check --quiet"
$pip install --use-pep517 --require-hashes -r "$lock"
$pip install --no-deps --editable .
