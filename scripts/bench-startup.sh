#!/usr/bin/env bash
# Whole-process comparison of applications without an agent, with Nodescope disabled, with
# Nodescope enabled on the application's rules and with the OpenTelemetry Java agent set to
# instrument the same methods. Each run measures
#   startup      process start until the application is ready (a line it prints, or the first
#                answer of a URL polled every 20 ms),
#   startup CPU  CPU time (user + system, all threads) of the process at that moment, from
#                /proc/<pid>/stat,
# and for the sample node, which then runs its built-in workload to the end,
#   throughput   commands answered per second while the workload saturates the node,
#   memory       peak resident set size of the JVM (the kernel's ru_maxrss for the process).
# With --empty-agent, a fifth configuration attaches an agent whose premain does nothing, built
# here: what any -javaagent costs the JVM (it gives up its archived module graph), the floor
# under the disabled agent's cost.
# Runs with Nodescope enabled also read the agent's /metrics once the application is ready (or,
# as its server starts once the application's start has settled, as soon as it answers): the
# time its premain took and, per result (skipped, examined, rewritten, failed), the classes its
# transformer was handed and the time it took on them.
# The configurations run interleaved, one run each per round, so that drift on a noisy machine
# hits all of them alike; the summary gives medians, ranges and ratios to the run without an agent.
#
# Applications (--app):
#   sample-node     sample-node/target/sample-node.jar with sample-node/nodescope.toml (the default)
#   spring-service  test-apps/spring-service, a Spring Boot 3.5 application with JDBC on H2, from
#                   its class path, with benchmarks/apps/spring-service/nodescope.toml
#   spring-web      test-apps/spring-web, a Spring Boot 3.5 web application (Tomcat, JDBC on H2 through
#                   HikariCP, a scheduled task) as its executable jar, with
#                   benchmarks/apps/spring-web/nodescope.toml
#   large-server    Keycloak, fetched from Maven Central into benchmarks/target/apps/ and set up
#                   there on first use, with benchmarks/apps/large-server/nodescope.toml
#   sparql-server   Apache Jena Fuseki with a TDB2 dataset, fetched the same way, with
#                   benchmarks/apps/sparql-server/nodescope.toml (the jena pack)
# Before the timed rounds, each application's untimed warm-up run without an agent counts the
# classes it loaded by the time it was ready (-Xlog:class+load), and the script prints the count.
# --check runs each application once with Nodescope enabled instead: it lists what the rules
# select (the agent's `match`), sends the application a request, and fails unless the agent
# recorded it.
#
# Needs the built jars (mvn -B package -DskipTests), python3 and curl; run from anywhere. The
# OpenTelemetry agent, Keycloak and Fuseki come from Maven Central into benchmarks/target/ when missing.
# Raw results (results.tsv) and every run's output go to benchmarks/target/bench-startup/<app>/.
set -euo pipefail

usage() {
    cat <<'EOF'
usage: scripts/bench-startup.sh [--app LIST] [--rounds N] [--java PATH] [--check]
                                [--workload-seconds N] [--workload-rate N] [--empty-agent]
  --app LIST            comma-separated applications: sample-node (default), spring-service,
                        spring-web, large-server (Keycloak), sparql-server (Fuseki), or all
  --rounds N            runs per configuration (default 10)
  --java PATH           the java that runs the applications (default: $JAVA, else java on the PATH)
  --check               instead of measuring: run each application once with Nodescope enabled,
                        send it a request, and check that the agent recorded it
  --workload-seconds N  length of the sample node's workload (default 10)
  --workload-rate N     commands offered per second to the sample node, at most 1000 (default 1000)
  --empty-agent         also run with an agent whose premain does nothing (what any agent costs)
environment: JAVA (default java command)
EOF
}

fail() {
    echo "bench-startup: $*" >&2
    exit 1
}

apps_option=sample-node
rounds=10
workload_seconds=10
workload_rate=1000
check=false
empty_agent=false
java_cmd="${JAVA:-java}"
while [[ $# -gt 0 ]]; do
    case "$1" in
        --app) apps_option="${2:?--app needs a value}"; shift 2 ;;
        --rounds) rounds="${2:?--rounds needs a value}"; shift 2 ;;
        --java) java_cmd="${2:?--java needs a value}"; shift 2 ;;
        --check) check=true; shift ;;
        --empty-agent) empty_agent=true; shift ;;
        --workload-seconds) workload_seconds="${2:?--workload-seconds needs a value}"; shift 2 ;;
        --workload-rate) workload_rate="${2:?--workload-rate needs a value}"; shift 2 ;;
        -h|--help) usage; exit 0 ;;
        *) usage >&2; exit 2 ;;
    esac
done
[[ "$apps_option" == all ]] && apps_option=sample-node,spring-service,spring-web,large-server,sparql-server
IFS=, read -r -a apps <<<"$apps_option"
for app in "${apps[@]}"; do
    case "$app" in
        sample-node|spring-service|spring-web|large-server|sparql-server) ;;
        *) fail "unknown application '$app' in --app; expected sample-node, spring-service, spring-web, large-server, sparql-server or all" ;;
    esac
done
[[ "$rounds" =~ ^[1-9][0-9]*$ ]] || fail "--rounds must be a positive number, not '$rounds'"
"$java_cmd" -version >/dev/null 2>&1 || fail "cannot run java: '$java_cmd' (see --java)"
java_cmd=$(command -v "$java_cmd")

cd "$(dirname "$0")/.."
root=$PWD
helper=(python3 scripts/bench_startup.py)
agent_jar=agent/target/nodescope-agent.jar
otel_jar=benchmarks/target/opentelemetry-javaagent.jar
work=benchmarks/target/bench-startup
keycloak_version=26.4.7
keycloak_home=benchmarks/target/apps/keycloak-$keycloak_version
fuseki_jar=benchmarks/target/apps/jena-fuseki-server-5.6.0.jar

[[ -f "$agent_jar" ]] || fail "missing $agent_jar: build first with mvn -B package -DskipTests"
if [[ ! -f "$otel_jar" ]]; then
    mvn -B -q -f benchmarks/pom.xml dependency:copy@otel-javaagent
fi
# OTEL_* variables would override both agents' settings; every run starts from the files below.
unset "${!OTEL_@}"

# Free loopback ports, taken once: the agent's /metrics, Keycloak's HTTP and management ports, Fuseki's, the web shop's.
read -r metrics_port keycloak_port keycloak_management_port fuseki_port shop_port < <(python3 -c '
import socket
sockets = [socket.socket() for _ in range(5)]
for s in sockets:
    s.bind(("127.0.0.1", 0))
print(*(s.getsockname()[1] for s in sockets))')

# Fetches Keycloak and sets it up once: a build for the H2 file database, then a first start that
# creates the master realm and its admin (admin/admin), so that every timed start finds the same state.
prepare_keycloak() {
    if [[ ! -x "$keycloak_home/bin/kc.sh" ]]; then
        mvn -B -q -f benchmarks/pom.xml dependency:copy \
            -Dartifact="org.keycloak:keycloak-quarkus-dist:$keycloak_version:tar.gz" \
            -DoutputDirectory="$root/benchmarks/target/apps"
        tar -xzf "benchmarks/target/apps/keycloak-quarkus-dist-$keycloak_version.tar.gz" -C benchmarks/target/apps
        rm "benchmarks/target/apps/keycloak-quarkus-dist-$keycloak_version.tar.gz"
    fi
    if [[ ! -f "$keycloak_home/data/bench-ready" ]]; then
        echo "setting Keycloak up in $keycloak_home (build and first start, about a minute)"
        JAVA="$java_cmd" "$keycloak_home/bin/kc.sh" build --db=dev-file >"$work/keycloak-build.log" 2>&1 \
            || fail "Keycloak build failed, see $work/keycloak-build.log"
        jvm=()
        select_launch large-server
        KC_BOOTSTRAP_ADMIN_USERNAME=admin KC_BOOTSTRAP_ADMIN_PASSWORD=admin \
            "${helper[@]}" run --log "$work/keycloak-first-start.log" --deadline 300 --stop \
            "${ready[@]}" -- "${launch[@]}" >/dev/null \
            || fail "Keycloak's first start failed, see $work/keycloak-first-start.log"
        touch "$keycloak_home/data/bench-ready"
    fi
}

prepare() { # app
    case "$1" in
        sample-node)
            [[ -f sample-node/target/sample-node.jar ]] \
                || fail "missing sample-node/target/sample-node.jar: build first with mvn -B package -DskipTests" ;;
        spring-service)
            [[ -f test-apps/spring-service/target/classpath.txt ]] \
                || fail "missing test-apps/spring-service/target/classpath.txt: build first with mvn -B package -DskipTests" ;;
        spring-web)
            [[ -f test-apps/spring-web/target/spring-web.jar ]] \
                || fail "missing test-apps/spring-web/target/spring-web.jar: build first with mvn -B package -DskipTests" ;;
        large-server) prepare_keycloak ;;
        sparql-server)
            if [[ ! -f "$fuseki_jar" ]]; then
                mvn -B -q -f benchmarks/pom.xml dependency:copy -Dartifact=org.apache.jena:jena-fuseki-server:5.6.0 \
                    -DoutputDirectory="$root/benchmarks/target/apps"
            fi ;;
    esac
}

# The Nodescope config an application comes with.
app_config() { # app
    case "$1" in
        sample-node) echo sample-node/nodescope.toml ;;
        *) echo "benchmarks/apps/$1/nodescope.toml" ;;
    esac
}

# The class path `match` reads and the application runs with.
app_classpath() { # app
    case "$1" in
        sample-node) echo sample-node/target/sample-node.jar ;;
        spring-service) echo "test-apps/spring-service/target/classes:$(<test-apps/spring-service/target/classpath.txt)" ;;
        spring-web) echo test-apps/spring-web/target/spring-web.jar ;;
        large-server) printf '%s\n' "$keycloak_home"/lib/lib/main/*.jar | paste -sd: ;;
        sparql-server) echo "$fuseki_jar" ;;
    esac
}

# Sets launch to the command that starts the application with the JVM options in jvm, ready to
# the helper's options that say when it is ready, and stop to (--stop) when it is stopped once measured.
select_launch() { # app
    stop=(--stop)
    case "$1" in
        sample-node)
            launch=("$java_cmd" "${jvm[@]}" -jar sample-node/target/sample-node.jar "${node_args[@]}")
            ready=(--ready-line "node listening on ")
            stop=() ;;
        spring-service)
            # 25 orders placed, 4 rejected, then up for 10 minutes (it is stopped once measured).
            launch=("$java_cmd" "${jvm[@]}" -cp "$(app_classpath spring-service)" com.example.orders.OrdersApplication 25 4 600)
            ready=(--ready-line "orders placed=") ;;
        spring-web)
            # Restocking every second (it is stopped once measured).
            launch=("$java_cmd" "${jvm[@]}" -jar "$(app_classpath spring-web)" --server.port="$shop_port")
            ready=(--ready-line "shop ready port=") ;;
        large-server)
            # kc.sh runs the JVM as its child (the startup CPU counts both); JAVA and JAVA_OPTS_APPEND are kc.sh's.
            launch=(env "JAVA=$java_cmd" "JAVA_OPTS_APPEND=${jvm[*]}" "$keycloak_home/bin/kc.sh" start --optimized
                --http-enabled=true --hostname-strict=false --cache=local --http-host=127.0.0.1
                --http-port="$keycloak_port" --http-management-port="$keycloak_management_port")
            ready=(--ready-url "http://127.0.0.1:$keycloak_port/realms/master") ;;
        sparql-server)
            # One TDB2 dataset, /ds, made by the first run and reused; Fuseki's own files beside it.
            mkdir -p "$work/sparql-server/tdb2"
            launch=(env "FUSEKI_BASE=$work/sparql-server/fuseki-base" "$java_cmd" "${jvm[@]}" -jar "$fuseki_jar"
                --localhost --port "$fuseki_port" --tdb2 --loc "$work/sparql-server/tdb2" --update /ds)
            ready=(--ready-url "http://127.0.0.1:$fuseki_port/\$/ping") ;;
    esac
}

# The sample node's default run: its workload, then it exits; --check keeps it short.
timed_node_args=(--port 0 --workload-seconds "$workload_seconds" --workload-rate "$workload_rate" --run-seconds "$workload_seconds")
node_args=("${timed_node_args[@]}")

# Writes enabled.toml and disabled.toml into the app's directory: its config with metrics on the
# free port and spans to port 1, where nothing listens (binding it needs root), so exports fail
# fast in the background as they would with a backend down.
write_configs() { # app dir
    local config
    config=$(app_config "$1")
    sed -e 's#^otlp_endpoint = .*#otlp_endpoint = "http://127.0.0.1:1"#' \
        -e "s#^bind_address = .*#bind_address = \"127.0.0.1:$metrics_port\"#" \
        "$config" >"$2/enabled.toml"
    sed -e 's#^enabled = true#enabled = false#' "$2/enabled.toml" >"$2/disabled.toml"
    if [[ $(grep -c '^enabled = false' "$2/disabled.toml") -ne 2 ]] \
        || ! grep -q '127.0.0.1:1"' "$2/enabled.toml" || ! grep -q "127.0.0.1:$metrics_port\"" "$2/enabled.toml"; then
        fail "$config no longer has the keys this script rewrites (enabled, otlp_endpoint, bind_address)"
    fi
}

# OpenTelemetry's method instrumentation takes class names, not supertypes: the methods the app's
# own rules select. For the sample node, the implementations of Command and PeriodicTask and
# SyncState, from its sources; for the others, the agent's `match` on the app's class path. The
# packs' counterparts (JDBC, executors) are among the OpenTelemetry agent's default instrumentations.
implementations() { # interface method
    grep -rlw "implements $1" sample-node/src/main/java | sort \
        | sed -e 's#^sample-node/src/main/java/##' -e 's#\.java$##' -e 's#/#.#g' -e "s#\$#[$2]#"
}
otel_methods() { # app dir
    case "$1" in
        sample-node)
            { implementations Command execute; implementations PeriodicTask run;
                echo "org.example.node.sync.SyncState[recordSuccess]"; } | paste -sd ';' ;;
        *) "${helper[@]}" otel-methods "$2/match.txt" ;;
    esac
}
match_rules() { # app dir
    "$java_cmd" -jar "$agent_jar" match --config "$(app_config "$1")" --classpath "$(app_classpath "$1")" >"$2/match.txt" 2>&1 \
        || fail "match failed for $1, see $2/match.txt"
}

configs=(none disabled enabled otel)
if $empty_agent; then
    configs=(none empty disabled enabled otel)
fi
# Sets jvm to the JVM options of a configuration.
select_jvm_options() { # config dir
    case "$1" in
        none) jvm=() ;;
        empty) jvm=("-javaagent:$root/$work/empty-agent.jar") ;;
        disabled) jvm=("-javaagent:$root/$agent_jar=config=$root/$2/disabled.toml") ;;
        enabled) jvm=("-javaagent:$root/$agent_jar=config=$root/$2/enabled.toml") ;;
        otel) jvm=("-javaagent:$root/$otel_jar" "-Dotel.instrumentation.methods.include=$otel_methods"
            -Dotel.traces.exporter=none -Dotel.metrics.exporter=none -Dotel.logs.exporter=none) ;;
    esac
}

# What --check sends each application once it is ready, and the series that must then be above 0.
check_request() { # app
    case "$1" in
        large-server) echo "curl -sSf -o /dev/null -d grant_type=password -d client_id=admin-cli -d username=admin -d password=admin http://127.0.0.1:$keycloak_port/realms/master/protocol/openid-connect/token" ;;
        sparql-server) echo "curl -sSf -o /dev/null --data-urlencode 'update=INSERT DATA { <urn:x:node> <urn:x:name> \"node\" }' http://127.0.0.1:$fuseki_port/ds/update" \
            "&& curl -sSf -o /dev/null --data-urlencode 'query=SELECT * { ?s ?p ?o }' http://127.0.0.1:$fuseki_port/ds/query" ;;
        spring-web) echo "curl -sSf -o /dev/null -X POST http://127.0.0.1:$shop_port/orders/bench" \
            "&& curl -sSf -o /dev/null http://127.0.0.1:$shop_port/orders" ;;
        *) echo true ;;  # the sample node runs its workload, the Spring service places its orders itself
    esac
}
check_series() { # app
    case "$1" in
        sample-node) echo 'nodescope_instrumented_methods\{rule="node-commands"\}' ;;
        spring-service) echo 'node_command_total\{command="OrderServiceImpl",status="ok"\}' \
            'node_repository_query_duration_seconds_count\{query="INSERT.orders",status="ok"\}' ;;
        spring-web) echo 'node_command_total\{command="place",status="ok"\}' 'node_command_total\{command="all",status="ok"\}' \
            'node_task_runs_total\{status="ok",task="restock"\}' \
            'node_repository_query_duration_seconds_count\{query="INSERT.orders",status="ok"\}' ;;
        large-server) echo 'node_command_total\{command="token",status="ok"\}' \
            'node_operation_total\{kind="ResourceOwnerPasswordCredentialsGrantType",status="ok"\}' \
            'node_operation_total\{kind="password_verify",status="ok"\}' \
            'node_repository_query_duration_seconds_count\{query="SELECT.*",status="ok"\}' ;;
        sparql-server) echo 'node_command_total\{command="SPARQL_Update",status="ok"\}' \
            'node_command_total\{command="SPARQL_QueryDataset",status="ok"\}' \
            'node_triple_store_query_duration_seconds_count\{status="ok",type="select"\}' ;;
    esac
}

rm -rf "$work"
mkdir -p "$work"

# An agent jar whose premain does nothing, for --empty-agent, built with the JDK that runs the apps when it has the tools.
make_empty_agent() {
    local dir="$work/empty-agent" bin
    bin="$(dirname "$(command -v "$java_cmd")")"
    [[ -x "$bin/javac" && -x "$bin/jar" ]] || bin="$(dirname "$(command -v javac)")"
    mkdir -p "$dir"
    printf 'public final class EmptyAgent {\n    public static void premain(String arguments, java.lang.instrument.Instrumentation instrumentation) {\n    }\n}\n' \
        >"$dir/EmptyAgent.java"
    printf 'Premain-Class: EmptyAgent\n' >"$dir/manifest.txt"
    "$bin/javac" --release 11 -d "$dir" "$dir/EmptyAgent.java" && "$bin/jar" cfm "$work/empty-agent.jar" "$dir/manifest.txt" -C "$dir" EmptyAgent.class \
        || fail "cannot build the empty agent"
}
$empty_agent && make_empty_agent
echo "java: $java_cmd: $("$java_cmd" -version 2>&1 | head -1); $(nproc) cpus; apps: ${apps[*]}"

check_app() { # app dir
    local app=$1 dir=$2 series
    match_rules "$app" "$dir"
    echo "$app: rules of $(app_config "$app") and what they select (all of it in $dir/match.txt):"
    grep -E '^[^ ].*: [0-9]+ methods?$' "$dir/match.txt" | sed 's/^/  /'
    node_args=(--port 0 --workload-seconds 2 --workload-rate 100 --run-seconds 2)
    select_jvm_options enabled "$dir"
    jvm+=("-Xlog:class+load:file=$root/$dir/class-load.log")
    select_launch "$app"
    "${helper[@]}" run --log "$dir/check.log" --deadline 300 --stop "${ready[@]}" --class-log "$dir/class-load.log" \
        --after-ready "$(check_request "$app")" --scrape "http://127.0.0.1:$metrics_port/metrics" \
        --metrics-out "$dir/metrics.txt" -- "${launch[@]}" >"$dir/check.tsv" 2>"$dir/check.err" \
        || fail "$app did not start or answer with the agent: $(cat "$dir/check.err")"
    echo "$app: $(cat "$dir/check.err") (with the agent); the agent recorded:"
    read -r -a series < <(check_series "$app")
    "${helper[@]}" expect "$dir/metrics.txt" "${series[@]}" || fail "$app: the agent did not record the request"
}

bench_app() { # app dir
    local app=$1 dir=$2 config i round measured classes
    if [[ "$app" != sample-node ]]; then
        match_rules "$app" "$dir"
    fi
    otel_methods=$(otel_methods "$app" "$dir")
    echo
    local workload=""
    [[ "$app" == sample-node ]] && workload=" of ${workload_seconds}s at $workload_rate commands/s offered"
    echo "== $app: $rounds rounds$workload; otel.instrumentation.methods.include=$otel_methods"

    # One untimed run per configuration, so that every timed run finds the files in the page cache;
    # the one without an agent also counts the classes loaded by the time the app is ready.
    for config in "${configs[@]}"; do
        select_jvm_options "$config" "$dir"
        local extra=()
        if [[ "$config" == none ]]; then
            jvm+=("-Xlog:class+load:file=$root/$dir/class-load.log")
            extra=(--class-log "$dir/class-load.log")
        fi
        node_args=(--port 0 --workload-seconds 1 --run-seconds 1)
        select_launch "$app"
        "${helper[@]}" run --log "$dir/logs/warmup-$config.log" --deadline 300 "${stop[@]}" "${ready[@]}" "${extra[@]}" \
            -- "${launch[@]}" >/dev/null 2>"$dir/warmup-$config.err" \
            || fail "warm-up run of $app ($config) failed: $(cat "$dir/warmup-$config.err")"
    done
    node_args=("${timed_node_args[@]}")
    classes=$(sed -n 's/^classes loaded when ready: //p' "$dir/warmup-none.err")
    echo "$app: $classes classes loaded by the time it was ready, without an agent (-Xlog:class+load)"
    if [[ "$app" == large-server && "$classes" -lt 10000 ]]; then
        echo "$app: WARNING: fewer than the 10,000 classes the large server is chosen for"
    fi

    local results="$dir/results.tsv"
    "${helper[@]}" columns >"$results"
    for ((round = 1; round <= rounds; round++)); do
        # Each round starts with the next configuration, so none always runs first or last.
        for ((i = 0; i < ${#configs[@]}; i++)); do
            config=${configs[$(((i + round) % ${#configs[@]}))]}
            select_jvm_options "$config" "$dir"
            select_launch "$app"
            local scrape=()
            [[ "$config" == enabled ]] && scrape=(--scrape "http://127.0.0.1:$metrics_port/metrics")
            measured=$("${helper[@]}" run --log "$dir/logs/$config-$round.log" --deadline $((workload_seconds + 300)) \
                "${stop[@]}" "${ready[@]}" "${scrape[@]}" -- "${launch[@]}") \
                || fail "run $round of $app ($config) failed"
            printf '%s\t%d\t%s\n' "$config" "$round" "$measured" >>"$results"
            printf 'round %2d  %-9s %s\n' "$round" "$config" "$(cut -f1-4 <<<"$measured")"
        done
    done
    echo
    "${helper[@]}" summarize "$results" "${configs[@]}"
}

for app in "${apps[@]}"; do
    dir="$work/$app"
    mkdir -p "$dir/logs"
    prepare "$app"
    write_configs "$app" "$dir"
    if $check; then
        check_app "$app" "$dir"
    else
        bench_app "$app" "$dir"
    fi
done
