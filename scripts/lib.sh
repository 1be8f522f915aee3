# Shared by scripts/demo and scripts/test: the project's virtual environment and the
# Debian packages the tests need. Sourced, not run.

need_root() {
    if [ "$(id -u)" -eq 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else
        echo "followup: '$*' needs root (or sudo)" >&2; return 1; fi
}

apt_install() {
    # apt-get update once per run, and only when something is missing
    if [ -z "${_APT_UPDATED:-}" ]; then need_root apt-get update -qq; _APT_UPDATED=1; fi
    need_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

ensure_venv() {
    # $1: pip extras, e.g. "[dev]"
    local py="${PYTHON:-python3}"
    if ! "$py" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
        echo "followup needs Python 3.11 or newer ($py is $("$py" --version 2>&1))" >&2; exit 1
    fi
    if [ ! -x .venv/bin/python ]; then
        if ! "$py" -m venv .venv 2>/dev/null; then
            rm -rf .venv
            apt_install python3-venv   # Debian splits ensurepip out of python3
            "$py" -m venv .venv
        fi
    fi
    # pip's and setuptools' chatter goes to a log, shown only when the install fails
    local log=.venv/install.log
    echo "installing followup into .venv (log: $log)" >&2
    if ! { .venv/bin/python -m pip install -q --upgrade pip &&
           .venv/bin/python -m pip install -q -e ".$1"; } >"$log" 2>&1; then
        cat "$log" >&2
        echo "followup: installing into .venv failed (see above)" >&2
        exit 1
    fi
    .venv/bin/python -c 'import followup.cli' # fail loudly if the install did not work
}

ensure_test_servers() {
    local missing=()
    command -v dovecot >/dev/null || [ -x /usr/sbin/dovecot ] || missing+=(dovecot-imapd)
    command -v openssl >/dev/null || missing+=(openssl)
    ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing+=(postgresql)
    # card-image OCR (followup/parsing/cardimage.py); brings tesseract-ocr-eng with it
    command -v tesseract >/dev/null || missing+=(tesseract-ocr)
    # its German, French and Spanish data (accents, ß); fonts for the generated test cards
    local pkg
    for pkg in tesseract-ocr-deu tesseract-ocr-fra tesseract-ocr-spa fonts-dejavu-core \
            fonts-liberation fonts-noto-core; do
        dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
    done
    # the units' checks (systemd-analyze verify/security, offline: no running systemd
    # needed) and the daemon's sandbox check (strace)
    command -v systemd-analyze >/dev/null || missing+=(systemd)
    command -v strace >/dev/null || missing+=(strace)
    if [ ${#missing[@]} -gt 0 ]; then
        echo "installing from Debian packages: ${missing[*]}" >&2
        apt_install "${missing[@]}"
    fi
    # Cyrus and Courier for tests/test_other_servers.py: they conflict with dovecot-imapd as
    # packages, so they are downloaded and unpacked into a cache, never installed
    if [ "$(id -u)" -eq 0 ]; then
        python3 tests/imapservers.py prepare ||
            echo "followup: Cyrus/Courier could not be unpacked; their tests will skip" >&2
    fi
}
