#!/usr/bin/env bash
# Whole-process comparison of the sample node without an agent, with Nodescope disabled, with
# Nodescope enabled and with the OpenTelemetry Java agent. Each run of the node measures
#   startup     process start until the node prints "node listening on ...",
#   throughput  commands answered per second while the built-in workload saturates the node,
#   memory      peak resident set size of the JVM (the kernel's ru_maxrss for the process).
# The configurations run interleaved, one run each per round, so that drift on a noisy machine
# hits all of them alike; the summary gives medians and ratios to the run without an agent.
#
# Needs the built jars (mvn -B package -DskipTests) and python3; run from anywhere. The
# OpenTelemetry agent comes from benchmarks/target/, fetched with Maven if it is not there yet.
# Raw results and every run's output go to benchmarks/target/bench-startup/.
set -euo pipefail

usage() {
    cat <<'EOF'
usage: scripts/bench-startup.sh [--rounds N] [--workload-seconds N] [--workload-rate N]
  --rounds N            runs per configuration (default 10)
  --workload-seconds N  length of each run's workload (default 10)
  --workload-rate N     commands offered per second, at most 1000 (default 1000)
environment: JAVA (default: java on the PATH)
EOF
}

rounds=10
workload_seconds=10
workload_rate=1000
while [[ $# -gt 0 ]]; do
    case "$1" in
        --rounds) rounds="$2"; shift 2 ;;
        --workload-seconds) workload_seconds="$2"; shift 2 ;;
        --workload-rate) workload_rate="$2"; shift 2 ;;
        -h|--help) usage; exit 0 ;;
        *) usage >&2; exit 2 ;;
    esac
done

cd "$(dirname "$0")/.."
java_cmd="${JAVA:-java}"
agent_jar=agent/target/nodescope-agent.jar
node_jar=sample-node/target/sample-node.jar
otel_jar=benchmarks/target/opentelemetry-javaagent.jar
work=benchmarks/target/bench-startup

for jar in "$agent_jar" "$node_jar"; do
    if [[ ! -f "$jar" ]]; then
        echo "missing $jar: build first with mvn -B package -DskipTests" >&2
        exit 1
    fi
done
if [[ ! -f "$otel_jar" ]]; then
    mvn -B -q -f benchmarks/pom.xml dependency:copy@otel-javaagent
fi

rm -rf "$work"
mkdir -p "$work/logs"
# OTEL_* variables would override both agents' settings; every run starts from the files below.
unset "${!OTEL_@}"

# The sample node's own config, with both listeners moved where they cannot disturb anything:
# metrics on a free port, spans to port 1, where nothing listens (binding it needs root), so
# exports fail fast in the background as they would with a backend down.
sed -e 's#^otlp_endpoint = .*#otlp_endpoint = "http://127.0.0.1:1"#' \
    -e 's#^bind_address = .*#bind_address = "127.0.0.1:0"#' \
    sample-node/nodescope.toml >"$work/enabled.toml"
sed -e 's#^enabled = true#enabled = false#' "$work/enabled.toml" >"$work/disabled.toml"
if [[ $(grep -c '^enabled = false' "$work/disabled.toml") -ne 2 ]] \
    || ! grep -q '127.0.0.1:1"' "$work/enabled.toml" || ! grep -q '127.0.0.1:0"' "$work/enabled.toml"; then
    echo "sample-node/nodescope.toml no longer has the keys this script rewrites" >&2
    exit 1
fi

# OpenTelemetry's method instrumentation takes class names, not supertypes: list the classes
# the sample rules select (implementations of Command and PeriodicTask, and SyncState).
implementations() { # interface method
    grep -rlw "implements $1" sample-node/src/main/java | sort \
        | sed -e 's#^sample-node/src/main/java/##' -e 's#\.java$##' -e 's#/#.#g' -e "s#\$#[$2]#"
}
otel_methods=$( { implementations Command execute; implementations PeriodicTask run;
    echo "org.example.node.sync.SyncState[recordSuccess]"; } | paste -sd ';')

configs=(none disabled enabled otel)
# Sets jvm to the JVM options of a configuration.
select_jvm_options() {
    case "$1" in
        none) jvm=() ;;
        disabled) jvm=("-javaagent:$agent_jar=config=$work/disabled.toml") ;;
        enabled) jvm=("-javaagent:$agent_jar=config=$work/enabled.toml") ;;
        otel) jvm=("-javaagent:$otel_jar" "-Dotel.instrumentation.methods.include=$otel_methods"
            -Dotel.traces.exporter=none -Dotel.metrics.exporter=none -Dotel.logs.exporter=none) ;;
    esac
}

# Runs one node and prints "startup_ms<TAB>commands_per_second<TAB>peak_rss_mib".
read -r -d '' run_node <<'PY' || true
import os, subprocess, sys, threading, time

log_path, deadline_seconds, *command = sys.argv[1:]
with open(log_path, "w") as log:
    started = time.monotonic_ns()
    node = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=log, text=True)
    watchdog = threading.Timer(float(deadline_seconds), node.kill)  # a hung node must not hang the benchmark
    watchdog.start()
    listening = finished = counts = None
    for line in node.stdout:
        now = time.monotonic_ns()
        log.write(line)
        if listening is None and line.startswith("node listening on "):
            listening = now
        elif line.startswith("workload finished: "):
            finished = now
            counts = dict(field.split("=") for field in line.split(":", 1)[1].split())
    _, status, usage = os.wait4(node.pid, 0)  # the child's own rusage, for its peak RSS
    watchdog.cancel()
if os.waitstatus_to_exitcode(status) != 0 or counts is None:
    sys.exit(f"run failed (exit status {os.waitstatus_to_exitcode(status)}), see {log_path}")
answered = int(counts["ok"]) + int(counts["failed"])
print(f"{(listening - started) / 1e6:.1f}\t{answered / ((finished - listening) / 1e9):.1f}\t{usage.ru_maxrss / 1024:.1f}")
PY

# Medians per configuration from the results file, and ratios to the first configuration (no agent).
read -r -d '' summarize <<'PY' || true
import statistics, sys

results_path, *configs = sys.argv[1:]
rows = {config: [] for config in configs}
with open(results_path) as results:
    next(results)
    for line in results:
        config, _, startup, throughput, rss = line.split("\t")
        rows[config].append((float(startup), float(throughput), float(rss)))
medians = {c: [statistics.median(r[i] for r in runs) for i in range(3)] for c, runs in rows.items()}
base = medians[configs[0]]
print(f"{'config':<10} {'runs':>4} {'startup ms':>10} {'(min-max)':>13} {'+ms':>6} {'x':>5}"
      f" {'cmds/s':>7} {'x':>5} {'RSS MiB':>8} {'x':>5}")
for config, runs in rows.items():
    startup, throughput, rss = medians[config]
    low, high = min(r[0] for r in runs), max(r[0] for r in runs)
    print(f"{config:<10} {len(runs):>4} {startup:>10.0f} {f'({low:.0f}-{high:.0f})':>13} {startup - base[0]:>+6.0f}"
          f" {startup / base[0]:>5.2f} {throughput:>7.0f} {throughput / base[1]:>5.2f} {rss:>8.0f} {rss / base[2]:>5.2f}")
PY

node_args=(--port 0 --workload-seconds "$workload_seconds" --workload-rate "$workload_rate" --run-seconds "$workload_seconds")
deadline=$((workload_seconds + 60))

echo "java: $("$java_cmd" -version 2>&1 | head -1); $(nproc) cpus; $rounds rounds of ${workload_seconds}s at $workload_rate commands/s offered"
echo "otel.instrumentation.methods.include=$otel_methods"

# One untimed short run per configuration, so every timed run finds the jars in the page cache.
for config in "${configs[@]}"; do
    select_jvm_options "$config"
    python3 -c "$run_node" "$work/logs/warmup-$config.log" "$deadline" \
        "$java_cmd" "${jvm[@]}" -jar "$node_jar" --port 0 --workload-seconds 1 --run-seconds 1 >/dev/null
done

results="$work/results.tsv"
printf 'config\tround\tstartup_ms\tcommands_per_s\tpeak_rss_mib\n' >"$results"
for ((round = 1; round <= rounds; round++)); do
    # Each round starts with the next configuration, so none always runs first or last.
    for ((i = 0; i < ${#configs[@]}; i++)); do
        config=${configs[$(((i + round) % ${#configs[@]}))]}
        select_jvm_options "$config"
        measured=$(python3 -c "$run_node" "$work/logs/$config-$round.log" "$deadline" \
            "$java_cmd" "${jvm[@]}" -jar "$node_jar" "${node_args[@]}")
        printf '%s\t%d\t%s\n' "$config" "$round" "$measured" >>"$results"
        printf 'round %2d  %-9s %s\n' "$round" "$config" "$measured"
    done
done

echo
python3 -c "$summarize" "$results" "${configs[@]}"
