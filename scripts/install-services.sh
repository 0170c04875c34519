#!/usr/bin/env bash
# Install the services the integration tests need, when they are missing: Dovecot (IMAP).
#
# Idempotent and quiet on success. Runs as root in CI. The tests start their own Dovecot on
# high loopback ports with a config of their own, so the system service is stopped and disabled
# (it must not hold 143/993 or run as a daemon on a developer's machine).
set -euo pipefail

have_dovecot() {
    command -v dovecot >/dev/null 2>&1 || test -x /usr/sbin/dovecot
}

if have_dovecot; then
    exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
    echo "install-services: dovecot is missing; run as root or: apt-get install dovecot-imapd" >&2
    exit 1
fi

log=$(mktemp)
trap 'rm -f "$log"' EXIT

# Keep the package's post-install from starting the service where policy-rc.d is honoured.
policy=/usr/sbin/policy-rc.d
made_policy=0
if [ ! -e "$policy" ]; then
    printf '#!/bin/sh\nexit 101\n' >"$policy"
    chmod 755 "$policy"
    made_policy=1
fi

status=0
{
    apt-get update &&
        DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends dovecot-imapd
} >"$log" 2>&1 || status=$?

if [ "$made_policy" -eq 1 ]; then
    rm -f "$policy"
fi

if [ "$status" -ne 0 ] || ! have_dovecot; then
    echo "install-services: apt-get install dovecot-imapd failed (exit $status): $(tail -n 1 "$log")" >&2
    exit 1
fi

# Whatever the package started, stop it: the tests run a private instance.
{
    service dovecot stop || true
    if command -v systemctl >/dev/null 2>&1; then
        systemctl disable --now dovecot.service dovecot.socket || true
    fi
} >/dev/null 2>&1
exit 0
