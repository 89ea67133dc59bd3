#!/bin/sh
# Browser tests need Debian's chromium and CJK fonts. Install them when root;
# otherwise say how. With CI=true a missing browser is an error, never a skip.
set -eu
if [ -x /usr/bin/chromium ] && fc-list 2>/dev/null | grep -qi "Noto Sans CJK"; then
  exit 0
fi
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "Installing chromium and fonts-noto-cjk with apt-get ..."
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-cjk >/dev/null
  exit 0
fi
echo "Browser tests need Chromium and CJK fonts: sudo apt-get install chromium fonts-noto-cjk" >&2
if [ "${CI:-}" = "true" ]; then
  exit 1
fi
echo "Browser tests will be skipped on this machine." >&2
