#!/bin/sh
# `make lock`: resolve requirements/*.txt from pyproject.toml with uv, for every Python the
# project claims (requires-python), on any platform. Environment markers keep the pins that
# need a newer patch release (pymdown-extensions 13 needs 3.11.5) away from older Pythons.
# test.txt is resolved first; runtime.txt is constrained to it, so the two never disagree.
# uv comes from the test group (make's .venv/.test); --system-certs trusts the machine's CA
# store, as pip does, so it also works behind an office or government network proxy.
set -eu
venv=${1:-.venv}
compile() {
  "$venv/bin/uv" pip compile pyproject.toml --universal --generate-hashes --quiet \
    --custom-compile-command "make lock" "$@"
}
compile --group test -o requirements/test.txt
compile --constraint requirements/test.txt -o requirements/runtime.txt
