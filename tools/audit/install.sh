#!/bin/sh
# `make audit` needs Node (Lighthouse), Java (the W3C Nu HTML checker) and the two npm packages,
# pinned in tools/audit/package-lock.json and installed into .audit/. Debian's packages are
# installed with apt-get when root; otherwise the command is printed. Lighthouse drives the
# system Chromium (CHROME_PATH=/usr/bin/chromium): nothing downloads a browser or a JRE
# (--ignore-scripts skips vnu-jar's Java downloader).
set -eu
dest=${1:-.audit}
missing=""
command -v node >/dev/null || missing="$missing nodejs"
command -v npm >/dev/null || missing="$missing npm"
command -v java >/dev/null || missing="$missing default-jre-headless"
[ -x /usr/bin/chromium ] || missing="$missing chromium fonts-noto-cjk"
if [ -n "$missing" ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "Installing$missing with apt-get ..."
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $missing >/dev/null
  else
    echo "make audit needs:$missing. Install with: sudo apt-get install$missing" >&2
    exit 1
  fi
fi
mkdir -p "$dest"
cp tools/audit/package.json tools/audit/package-lock.json "$dest/"
(cd "$dest" && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error)
