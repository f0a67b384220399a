#!/bin/sh
# The Prometheus part of the local stack without Docker, with the Debian package's binary
# (apt install prometheus): the same prometheus.yml and the same rules (deploy/local/rules is a
# link to alerts/), listening on 127.0.0.1 only. Extra arguments go to Prometheus.
#
# Environment:
#   PROMETHEUS_BIN              default /usr/bin/prometheus
#   NODESCOPE_PROMETHEUS_CONFIG default prometheus.yml next to this script (a copy with other
#                               ports needs a rules link next to it too)
#   NODESCOPE_PROMETHEUS_DATA   the TSDB directory, default ~/.local/share/nodescope/prometheus
#   NODESCOPE_PROMETHEUS_LISTEN default 127.0.0.1:9090
set -eu

here=$(cd "$(dirname "$0")" && pwd)
data=${NODESCOPE_PROMETHEUS_DATA:-${XDG_DATA_HOME:-$HOME/.local/share}/nodescope/prometheus}
mkdir -p "$data"

exec "${PROMETHEUS_BIN:-/usr/bin/prometheus}" \
    --config.file="${NODESCOPE_PROMETHEUS_CONFIG:-$here/prometheus.yml}" \
    --storage.tsdb.path="$data" \
    --storage.tsdb.retention.time=15d \
    --storage.tsdb.retention.size=2GB \
    --web.listen-address="${NODESCOPE_PROMETHEUS_LISTEN:-127.0.0.1:9090}" \
    --enable-feature=exemplar-storage \
    "$@"
