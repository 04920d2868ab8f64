#!/usr/bin/env bash
# Install what the portal needs on Debian/Ubuntu, idempotently:
#   system packages (Pango/HarfBuzz incl. libharfbuzz-subset0, Noto CJK fonts,
#   PostgreSQL, Chromium, gettext; nginx, Redis and wrk for the multi-server
#   layout of scripts/cluster.sh and its benchmark) through apt when missing, then the locked
#   Python packages into ./.venv with uv (uv itself is bootstrapped into
#   ./.tools), then compiles the interface translations (locale/*/django.mo).
set -euo pipefail
cd "$(dirname "$0")/.."

UV_VERSION="0.13.9"
SYSTEM_PACKAGES=(
    python3 python3-venv
    libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz0b libharfbuzz-subset0
    fonts-noto-cjk fontconfig
    postgresql
    chromium
    gettext
    nginx redis-server wrk curl
)

missing=()
for pkg in "${SYSTEM_PACKAGES[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed"; then
        missing+=("$pkg")
    fi
done
if ((${#missing[@]})); then
    echo "==> Installing system packages: ${missing[*]}"
    SUDO=""
    [ "$(id -u)" -ne 0 ] && SUDO="sudo"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# Python 3.11: the project's interpreter (Debian 12 ships it as python3).
PYTHON=""
for candidate in python3.11 python3; do
    if command -v "$candidate" >/dev/null 2>&1 \
        && "$candidate" -c 'import sys; sys.exit(sys.version_info[:2] != (3, 11))' 2>/dev/null; then
        PYTHON="$(command -v "$candidate")"
        break
    fi
done

if command -v uv >/dev/null 2>&1 && uv --version | grep -q "$UV_VERSION"; then
    UV="$(command -v uv)"
else
    if [ ! -x .tools/bin/uv ]; then
        echo "==> Bootstrapping uv $UV_VERSION into .tools/"
        "${PYTHON:-python3}" -m venv .tools
        .tools/bin/pip install --quiet --disable-pip-version-check "uv==$UV_VERSION"
    fi
    UV=.tools/bin/uv
fi

echo "==> Installing locked Python packages into .venv"
# --frozen: exactly the versions in uv.lock, never a re-resolve.
# --compile-bytecode: the packages' .pyc are written once here. Without them, every
# Python process (each `manage.py` call, gunicorn, a render worker, a test's
# subprocess) compiles Django and Wagtail from source again where
# PYTHONDONTWRITEBYTECODE is set, as it is on our CI machines: ~10 s of CPU each.
"$UV" sync --frozen --quiet --python "${PYTHON:-3.11}" --compile-bytecode
mkdir -p var

# The .mo files are built here, never committed: the .po files are the source.
echo "==> Compiling interface translations"
for po in locale/*/LC_MESSAGES/django.po; do
    [ -e "$po" ] || continue
    msgfmt --check --output-file="${po%.po}.mo" "$po"
done
