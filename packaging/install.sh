#!/bin/sh
# Installs kmipgw from this release directory (run as root from the unpacked tarball):
#   /usr/local/bin/kmipgw                  the binary (Swift runtime linked in)
#   /etc/systemd/system/kmipgw.service     the unit (its own user, hardened; reload = SIGHUP)
#   /etc/kmipgw/                           your configuration (YAML and client certificate PEMs)
#   /usr/local/share/doc/kmipgw/           the docs; examples in /usr/local/share/kmipgw/examples
# The state directory /var/lib/kmipgw (master key, store, server certificate) is made by systemd
# and `kmipgw init` at the first start. Nothing is started: see docs/operations.md.
set -eu
here="$(cd "$(dirname "$0")" && pwd)"
[ "$(id -u)" -eq 0 ] || { echo "run as root" >&2; exit 1; }
getent passwd kmipgw >/dev/null ||
    useradd --system --home-dir /var/lib/kmipgw --no-create-home --shell /usr/sbin/nologin kmipgw
install -m 0755 "$here/bin/kmipgw" /usr/local/bin/kmipgw
install -m 0644 "$here/systemd/kmipgw.service" /etc/systemd/system/kmipgw.service
install -d -m 0755 /etc/kmipgw /usr/local/share/doc/kmipgw /usr/local/share/kmipgw
cp -R "$here/docs/." /usr/local/share/doc/kmipgw/
cp -R "$here/examples" /usr/local/share/kmipgw/
command -v systemctl >/dev/null && systemctl daemon-reload || true
echo "installed /usr/local/bin/kmipgw and the kmipgw service (not started)"
echo "next: put your configuration in /etc/kmipgw, then: systemctl enable --now kmipgw &&"
echo "      sudo -u kmipgw kmipgw apply -f /etc/kmipgw --state /var/lib/kmipgw"
