#!/bin/sh
# Playwright drives Debian's Chromium; browser downloads cannot work offline.
set -e
if [ -x /usr/bin/chromium ]; then exit 0; fi
echo "Installing Debian's chromium..."
SUDO=""; [ "$(id -u)" = 0 ] || SUDO=sudo
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium fonts-noto-cjk >/dev/null
