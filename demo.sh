#!/usr/bin/env bash
# Builds Nodescope and the sample node, runs the node with the agent attached and its built-in
# workload, and prints a short live summary read from the agent's /metrics.
#   ./demo.sh                      metrics only, for 5 minutes (Ctrl-C stops earlier)
#   ./demo.sh --otlp URL           also send spans to an OTLP/gRPC endpoint, e.g. http://127.0.0.1:4317
#   ./demo.sh --seconds N          run for N seconds
#   ./demo.sh --port N --metrics-port N    the node's API and the agent's /metrics ports (8900, 9464)
set -euo pipefail
cd "$(dirname "$0")"

seconds=300
otlp=""
port=8900
metrics_port=9464
while [ $# -gt 0 ]; do
  case "$1" in
    --otlp) otlp="${2:?--otlp needs a URL}"; shift 2 ;;
    --seconds) seconds="${2:?--seconds needs a number}"; shift 2 ;;
    --port) port="${2:?--port needs a number}"; shift 2 ;;
    --metrics-port) metrics_port="${2:?--metrics-port needs a number}"; shift 2 ;;
    *) echo "demo.sh: unknown option $1 (use --otlp URL, --seconds N, --port N or --metrics-port N)" >&2; exit 2 ;;
  esac
done

if [ ! -f agent/target/nodescope-agent.jar ] || [ ! -f sample-node/target/sample-node.jar ]; then
  echo "Building (mvn -B -q package -DskipTests) ..."
  mvn -B -q package -DskipTests
fi

# the sample node's own config, with /metrics on the port asked for
config=$(mktemp "${TMPDIR:-/tmp}/nodescope-demo.XXXXXX.toml")
sed "s/^bind_address = .*/bind_address = \"127.0.0.1:$metrics_port\"/" sample-node/nodescope.toml > "$config"
metrics_url="http://127.0.0.1:$metrics_port/metrics"
if [ -n "$otlp" ]; then
  export OTEL_EXPORTER_OTLP_ENDPOINT="$otlp"
  echo "Spans go to $otlp (grpc)."
else
  export OTEL_TRACES_EXPORTER=none   # no collector in the demo unless --otlp is given
  echo "Spans are off; pass --otlp http://127.0.0.1:4317 to send them to a collector."
fi

# the node's own log goes to a file, so that the summary below stays readable
log=sample-node/target/demo-node.log
java -javaagent:agent/target/nodescope-agent.jar=config="$config" -jar sample-node/target/sample-node.jar \
  --port "$port" --workload-seconds "$seconds" --run-seconds "$seconds" 2> "$log" &
node=$!
# Ctrl-C or an error stops the node; the script's own exit status stays what it was
trap 'kill $node 2>/dev/null || true; wait $node 2>/dev/null || true; rm -f "$config"' EXIT
trap 'exit 130' INT TERM

for _ in $(seq 1 60); do curl -sf "$metrics_url" >/dev/null && break; sleep 0.5; done
echo
echo "Metrics: $metrics_url    Node API: http://127.0.0.1:$port/status"
echo "Dashboards: dashboards/*.json (Grafana); see dashboards/README.md    Node and agent log: $log"
echo

previous=0
while kill -0 $node 2>/dev/null; do
  sleep 5
  scrape=$(curl -sf "$metrics_url") || continue
  # One line: the command total, then the summary to print.
  read -r total summary < <(awk -v previous="$previous" -v now="$(date +%s)" '
    /^node_command_total\{/ { total += $2; if ($1 ~ /status="error"/) errors += $2 }
    /^node_task_runs_total\{/ { runs += $2; if ($1 ~ /status="error"/) failed += $2 }
    /^node_sync_last_success_unix / { sync = $2 }
    END {
      printf "%d commands %d (%.1f/s, %.1f%% errors)  task runs %d (%d failed)  last sync %s\n",
        total, total, (total - previous) / 5, total ? 100 * errors / total : 0, runs, failed,
        sync ? sprintf("%ds ago", now - sync) : "never"
    }' <<<"$scrape")
  echo "$summary"
  previous=$total
done

# the node ended its run: the demo ends as the node did
status=0
wait $node || status=$?
echo "The node stopped (exit status $status)."
exit $status
