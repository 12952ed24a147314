#!/usr/bin/env bash
# Installs the Debian packages Horizon builds against, when they are missing.
# Used by demo.sh, test.sh and .ci/run; safe to run again.
set -euo pipefail

# setup.sh        what building and running Horizon needs
# setup.sh test   and what the tests use besides (newsboat for the OPML interop tests, nginx-light, chromium for
#                 the site's browser tests, util-linux's
#                 script, and Python's aiosmtpd for a real SMTP server)
packages=(libcurl4-openssl-dev libxml2-dev libmimalloc-dev pkg-config ca-certificates)
if [ "${1:-}" = "test" ]; then
  packages+=(newsboat bsdutils nginx-light chromium)
fi
# setup.sh browser   and headless Chromium, for the screenshot scripts
if [ "${1:-}" = "browser" ]; then
  packages+=(chromium)
fi
missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done

if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing: ${missing[*]}"
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

if [ "${1:-}" = "test" ] && ! python3 -c "import aiosmtpd, jsonschema" 2>/dev/null; then
  echo "Installing: aiosmtpd (the SMTP server the email tests talk to) and jsonschema (the catalogue's schema test)"
  python3 -m pip install --quiet --disable-pip-version-check aiosmtpd jsonschema
fi

command -v swift >/dev/null || {
  echo "error: swift is not on PATH; install the Swift 6 toolchain (https://www.swift.org/install/linux/)" >&2
  exit 1
}
