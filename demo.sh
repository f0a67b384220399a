#!/usr/bin/env bash
# Builds Nodescope and the sample node, runs the node with the agent attached and its built-in
# workload, and prints a short live summary read from the agent's /metrics.
#   ./demo.sh                      metrics only, for 5 minutes (Ctrl-C stops earlier)
#   ./demo.sh --otlp URL           also send spans to an OTLP/gRPC endpoint, e.g. http://127.0.0.1:4317
#   ./demo.sh --seconds N          run for N seconds
set -euo pipefail
cd "$(dirname "$0")"

seconds=300
otlp=""
while [ $# -gt 0 ]; do
  case "$1" in
    --otlp) otlp="${2:?--otlp needs a URL}"; shift 2 ;;
    --seconds) seconds="${2:?--seconds needs a number}"; shift 2 ;;
    *) echo "demo.sh: unknown option $1 (use --otlp URL or --seconds N)" >&2; exit 2 ;;
  esac
done

if [ ! -f agent/target/nodescope-agent.jar ] || [ ! -f sample-node/target/sample-node.jar ]; then
  echo "Building (mvn -B -q package -DskipTests) ..."
  mvn -B -q package -DskipTests
fi

config=sample-node/nodescope.toml
metrics_url="http://$(sed -n 's/^bind_address = "\(.*\)"/\1/p' "$config")/metrics"
if [ -n "$otlp" ]; then
  export OTEL_EXPORTER_OTLP_ENDPOINT="$otlp"
  echo "Spans go to $otlp (grpc)."
else
  export OTEL_TRACES_EXPORTER=none   # no collector in the demo unless --otlp is given
  echo "Spans are off; pass --otlp http://127.0.0.1:4317 to send them to a collector."
fi

java -javaagent:agent/target/nodescope-agent.jar=config="$config" -jar sample-node/target/sample-node.jar \
  --port 8900 --workload-seconds "$seconds" --run-seconds "$seconds" &
node=$!
trap 'kill $node 2>/dev/null; wait $node 2>/dev/null' EXIT INT TERM

for _ in $(seq 1 60); do curl -sf "$metrics_url" >/dev/null && break; sleep 0.5; done
echo
echo "Metrics: $metrics_url    Node API: http://127.0.0.1:8900/status"
echo "Dashboards: dashboards/*.json (Grafana); see dashboards/README.md"
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
