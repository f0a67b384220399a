#!/usr/bin/env bash
# Installs Nodescope from this unpacked release archive: the agent jar, a config written by the
# agent's own `init`, a systemd drop-in attaching the agent to the node's unit, and in the local
# mode Debian's Prometheus and Alertmanager on 127.0.0.1 with the Nodescope rules, plus the
# dashboards where a Grafana reads them. Safe to run again: it changes only what differs.
set -euo pipefail
umask 022

usage() {
  cat <<'EOF'
Usage: sudo ./install.sh [options]

Installs the Nodescope agent from this directory (the unpacked release archive). Run it as root;
running it again changes only what differs, and says "Nothing to change" when nothing does.

  --observability MODE   none (default): the agent jar and a config with every signal off
                         remote: spans to your OTLP backend, /metrics on 127.0.0.1:9464
                         local: the higher-resource mode: also installs and runs Debian's
                           prometheus and prometheus-alertmanager on 127.0.0.1 with the Nodescope
                           scrape config, alert rules and Alertmanager routing, and puts the
                           dashboards where a Grafana reads them (Grafana itself is not installed)
  --node-unit NAME       attach the agent to NAME.service with a systemd drop-in,
                         /etc/systemd/system/NAME.service.d/nodescope.conf; the unit stays as it is
  --config FILE          where the agent config goes (default /etc/nodescope/nodescope.toml)
  --otlp-endpoint URL    remote: the backend's base URL (required)
  --protocol P           remote: grpc (default) or http/protobuf
  --service-name NAME    remote and local: service.name of the spans (default node)
  --resource-attribute KEY=VALUE
                         remote and local, repeatable: a label on every span
                         (these four go to `java -jar nodescope-agent.jar init` as given)
  --yes                  local: do not ask for confirmation
  --replace-config       replace the agent, Prometheus and Alertmanager configs even when they
                         were edited since they were installed (the previous file is kept as FILE.bak)
  --dry-run              print every change it would make, and change nothing
  --root DIR             install under DIR instead of / (also NODESCOPE_ROOT=DIR): for images and
                         tests; packages are then not installed and no service is (re)started
  -h, --help             this text

Environment: JAVA, the java command that runs the agent's init (default: java on PATH).

Files:
  /opt/nodescope/nodescope-agent.jar      the agent
  /etc/nodescope/nodescope.toml           its config (--config), written by init for the mode
  /opt/nodescope/installed-files.sha256   what install.sh wrote; `sha256sum -c` shows what was edited since
  local mode: /etc/prometheus/prometheus.yml, /etc/prometheus/rules/*-alerts.yaml,
  /etc/prometheus/alertmanager.yml, /etc/default/prometheus, /etc/default/prometheus-alertmanager,
  /etc/grafana/provisioning/{datasources,dashboards}/nodescope.yaml,
  /var/lib/grafana/dashboards/nodescope/*.json

A config an operator edited (rules added to the agent config, receivers put into the
Alertmanager config) is kept, and said so, unless --replace-config is given.
EOF
}

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
agent_dir=/opt/nodescope
agent_jar=$agent_dir/nodescope-agent.jar
manifest=$agent_dir/installed-files.sha256

fail() { echo "install.sh: $*" >&2; exit 1; }
usage_error() { echo "install.sh: $*" >&2; echo "Run './install.sh --help' for the options." >&2; exit 2; }

# ---------------------------------------------------------------------------------------------
# options

mode=none
unit=""
config=/etc/nodescope/nodescope.toml
init_options=()
yes=false
replace_config=false
dry_run=false
root=${NODESCOPE_ROOT:-}

split=()
for argument in "$@"; do
  case "$argument" in
    --*=*) split+=("${argument%%=*}" "${argument#*=}") ;;
    *) split+=("$argument") ;;
  esac
done
set -- ${split[@]+"${split[@]}"}
while [ $# -gt 0 ]; do
  option=$1
  case "$option" in
    --observability|--node-unit|--config|--root|--otlp-endpoint|--protocol|--service-name|--resource-attribute)
      [ $# -ge 2 ] || usage_error "$option needs a value"
      value=$2
      shift 2
      case "$option" in
        --observability) mode=$value ;;
        --node-unit) unit=${value%.service} ;;
        --config) config=$value ;;
        --root) root=$value ;;
        *) init_options+=("$option" "$value") ;;
      esac
      ;;
    --yes|-y) yes=true; shift ;;
    --replace-config) replace_config=true; shift ;;
    --dry-run) dry_run=true; shift ;;
    -h|--help) usage; exit 0 ;;
    *) usage_error "unknown option '$option'" ;;
  esac
done

case "$mode" in
  none|remote|local) ;;
  *) usage_error "--observability must be none, remote or local, found '$mode'" ;;
esac
if [ -n "$unit" ] && ! [[ "$unit" =~ ^[A-Za-z0-9:_.@-]+$ ]]; then
  usage_error "--node-unit takes a systemd unit name such as 'node' or 'node.service', found '$unit'"
fi
# The drop-in puts the config's path into JAVA_TOOL_OPTIONS, which the JVM splits at white space.
if ! [[ "$config" =~ ^/[A-Za-z0-9/._+-]+$ ]]; then
  usage_error "--config takes an absolute path of letters, digits and / . _ + -, found '$config'"
fi
if [ -n "$root" ]; then
  [ -d "$root" ] || fail "--root $root: no such directory"
  root=$(cd "$root" && pwd)
  [ "$root" = / ] && root=""
fi
if [ -z "$root" ] && ! $dry_run && [ "$(id -u)" -ne 0 ]; then
  fail "run it as root (sudo ./install.sh ...), or add --dry-run to see what it would change"
fi
[ -f "$here/nodescope-agent.jar" ] || fail "no nodescope-agent.jar in $here: run install.sh from the unpacked release archive"
java=${JAVA:-java}
command -v "$java" >/dev/null 2>&1 || fail "no '$java' on PATH: the agent's init runs on the node's JDK (11 or newer); set JAVA=/path/to/bin/java"

work=$(mktemp -d "${TMPDIR:-/tmp}/nodescope-install.XXXXXX")
trap 'rm -rf "$work"' EXIT

# ---------------------------------------------------------------------------------------------
# reporting: every change is one line, "would ..." in a dry run

changes=0
kept=0       # edited configs left as they are
changed=()   # the files and packages this run changed, for the service restarts
act() {      # act VERB PAST WHAT: a change, made unless this is a dry run
  changes=$((changes + 1))
  if $dry_run; then echo "would $1 $3"; else echo "$2 $3"; fi
}
say() { echo "$*"; }
# Under --root, apt-get, dpkg-query and systemctl act on the running system, not on the root, so
# they are skipped; tests can give stand-ins for them instead, in NODESCOPE_SYSTEM_COMMANDS=DIR.
stand_ins=""
[ -n "$root" ] && stand_ins=${NODESCOPE_SYSTEM_COMMANDS:-}
system() {  # system COMMAND ARGUMENT...: the system's command, or its stand-in
  local command=$1
  shift
  "${stand_ins:+$stand_ins/}$command" "$@"
}
system_actions_skipped() { [ -n "$root" ] && [ -z "$stand_ins" ]; }
systemd_running() { if [ -n "$root" ]; then [ -n "$stand_ins" ]; else [ -d /run/systemd/system ]; fi; }
no_systemd_because() { if [ -n "$root" ]; then echo "--root"; else echo "no systemd running"; fi; }
changed_in_this_run() {
  local item
  for item in ${changed[@]+"${changed[@]}"}; do
    [ "$item" = "$1" ] && return 0
  done
  return 1
}

# ---------------------------------------------------------------------------------------------
# files: "owned" ones always hold what this archive ships; "seeded" ones are written once and
# then belong to the operator, unless they still hold what was written (or what their package
# shipped), or --replace-config is given

sha256_of() { sha256sum "$1" | cut -d' ' -f1; }

recorded_sha256() {  # what install.sh wrote at PATH last time, from the manifest
  [ -f "$root$manifest" ] || return 0
  awk -v path="$1" '$2 == path { print $1 }' "$root$manifest"
}

packaged_untouched() {  # PATH still holds the conffile a Debian package installed there
  command -v "${stand_ins:+$stand_ins/}dpkg-query" >/dev/null 2>&1 || return 1
  local md5 conffiles
  md5=$(md5sum "$root$1" | cut -d' ' -f1)
  # It exits with 1 when one of the packages is not installed, and still lists the other's.
  # shellcheck disable=SC2016 # dpkg-query's own ${field} format
  conffiles=$(system dpkg-query -W -f='${Conffiles}\n' prometheus prometheus-alertmanager 2>/dev/null || true)
  awk -v path="$1" -v md5="$md5" '$1 == path && $2 == md5 { found = 1 } END { exit !found }' <<< "$conffiles"
}

declare -A written=()  # PATH -> sha256 of what this run leaves there, for the manifest

put_file() {  # put_file owned|seeded SOURCE PATH MODE
  local kind=$1 source=$2 path=$3 mode=$4
  local target=$root$path
  written[$path]=$(sha256_of "$source")
  if [ -f "$target" ] && cmp -s "$source" "$target"; then
    if [ "$(stat -c %a "$target")" != "$mode" ]; then
      act "chmod" "chmod" "$mode $path"
      $dry_run || chmod "$mode" "$target"
      changed+=("$path")
    else
      say "unchanged $path"
    fi
    return
  fi
  if [ -e "$target" ]; then
    if [ "$kind" = seeded ] && ! $replace_config && [ "$(sha256_of "$target")" != "$(recorded_sha256 "$path")" ] \
        && ! packaged_untouched "$path"; then
      say "kept $path: it is not what install.sh last wrote there (edited, or from elsewhere); --replace-config replaces it"
      written[$path]=$(recorded_sha256 "$path")
      kept=$((kept + 1))
      return
    fi
    act "replace" "replaced" "$path (the previous one kept as $path.bak)"
    if $dry_run && grep -Iq . "$target" 2>/dev/null; then
      diff -u --label "$path" --label "$path (new)" "$target" "$source" | sed 's/^/    /' || true
    fi
    $dry_run || cp -p "$target" "$target.bak"
  else
    act "create" "created" "$path"
  fi
  if ! $dry_run; then
    mkdir -p "$(dirname "$target")"
    install -m "$mode" "$source" "$target.nodescope-new"
    mv -f "$target.nodescope-new" "$target"
  fi
  changed+=("$path")
}

# ---------------------------------------------------------------------------------------------
# the agent and its config

install_agent() {
  put_file owned "$here/nodescope-agent.jar" "$agent_jar" 644
  local draft=$work/nodescope.toml output
  if ! output=$("$java" -jar "$here/nodescope-agent.jar" init --observability "$mode" --output "$draft" \
      ${init_options[@]+"${init_options[@]}"} 2>&1); then
    echo "install.sh: the agent's init refused the options:" >&2
    echo "$output" >&2
    exit 2
  fi
  put_file seeded "$draft" "$config" 644
}

# ---------------------------------------------------------------------------------------------
# the systemd drop-in

# Where systemd looks for NAME.service and its drop-ins, most specific first.
unit_dirs=(/etc/systemd/system /run/systemd/system /usr/local/lib/systemd/system /usr/lib/systemd/system /lib/systemd/system)

unit_files() {  # the unit file and drop-ins of $unit that exist, besides ours
  local dir file
  for dir in "${unit_dirs[@]}"; do
    [ -f "$root$dir/$unit.service" ] && echo "$root$dir/$unit.service"
    for file in "$root$dir/$unit.service.d"/*.conf; do
      [ -f "$file" ] && [ "$(basename "$file")" != nodescope.conf ] && echo "$file"
    done
  done
  return 0
}

unit_sets() {  # unit_sets VAR: the unit's Environment= or one of its EnvironmentFile= files sets VAR
  local variable=$1 file env_file
  while read -r file; do
    grep -Eq "^[[:space:]]*Environment=(.*[[:space:]\"'])?$variable=" "$file" && return 0
    while read -r env_file; do
      env_file=${env_file#-}
      [ -f "$root$env_file" ] && grep -Eq "^[[:space:]]*(export[[:space:]]+)?$variable=" "$root$env_file" && return 0
    done < <(sed -n 's/^[[:space:]]*EnvironmentFile=[[:space:]]*//p' "$file")
  done < <(unit_files)
  return 1
}

install_drop_in() {
  local variable=JAVA_TOOL_OPTIONS
  if [ -z "$(unit_files)" ]; then
    say "note: no $unit.service unit found; the drop-in applies once it exists"
  fi
  # A drop-in's Environment= replaces the unit's value of the same variable, and an
  # EnvironmentFile= value wins over both; so leave the unit's JAVA_TOOL_OPTIONS alone and use the
  # java launcher's JDK_JAVA_OPTIONS (JDK 9 and newer), which the JVM reads as well.
  if unit_sets JAVA_TOOL_OPTIONS; then
    if unit_sets JDK_JAVA_OPTIONS; then
      fail "$unit.service sets both JAVA_TOOL_OPTIONS and JDK_JAVA_OPTIONS; add -javaagent:$agent_jar=config=$config to one of them in the unit, and run install.sh without --node-unit"
    fi
    variable=JDK_JAVA_OPTIONS
    say "note: $unit.service sets JAVA_TOOL_OPTIONS; the drop-in uses JDK_JAVA_OPTIONS so that the unit's value stays in force"
  fi
  local drop_in=$work/nodescope.conf
  cat > "$drop_in" <<EOF
# Attaches the Nodescope agent to $unit.service; written by Nodescope's install.sh.
# The unit itself is unchanged: delete this file and run 'systemctl daemon-reload' to detach.
[Service]
Environment="$variable=-javaagent:$agent_jar=config=$config"
EOF
  put_file owned "$drop_in" "/etc/systemd/system/$unit.service.d/nodescope.conf" 644
  say "  $(grep '^Environment=' "$drop_in")"
}

# ---------------------------------------------------------------------------------------------
# the local mode: Debian's Prometheus and Alertmanager on loopback, the dashboards for a Grafana

prometheus_args="--web.listen-address=127.0.0.1:9090 --storage.tsdb.retention.time=15d --storage.tsdb.retention.size=2GB --enable-feature=exemplar-storage"
alertmanager_args="--web.listen-address=127.0.0.1:9093 --cluster.listen-address="

confirm_local() {
  cat <<'EOF'
--observability local is the higher-resource mode. Besides the agent it installs and runs Debian's
prometheus and prometheus-alertmanager on this machine, both on 127.0.0.1 only (Prometheus, for
one node: about 60-150 MB of memory, 10 MB of disk a day, at most 2 GB; see deploy/local/README.md).
EOF
  if $yes || $dry_run; then
    return
  fi
  local answer=""
  read -r -p "Continue? [y/N] " answer || true
  case "$answer" in
    y|Y|yes|YES) ;;
    *) echo "Stopped; nothing was changed. (--yes answers this question.)"; exit 1 ;;
  esac
}

default_file() {  # default_file DESCRIPTION ARGS: the content of /etc/default/<service>
  cat <<EOF
# Written by Nodescope's install.sh: $1
# Arguments given to the service by its unit (ExecStart=... \$ARGS).
ARGS="$2"
EOF
}

package_installed() {
  # shellcheck disable=SC2016 # dpkg-query's own ${field} format
  [ "$(system dpkg-query -W -f='${Status}' "$1" 2>/dev/null || true)" = "install ok installed" ]
}

install_packages() {
  local missing=() package
  if system_actions_skipped; then
    say "skipped installing prometheus and prometheus-alertmanager (--root: packages are not installed)"
    return
  fi
  for package in prometheus prometheus-alertmanager; do
    if package_installed "$package"; then
      say "unchanged package $package (installed)"
    else
      missing+=("$package")
    fi
  done
  [ ${#missing[@]} -gt 0 ] || return 0
  # Without recommends: prometheus recommends the node exporter, which listens on every interface.
  # The configs above are in place first, and kept (confold), so the services start on loopback.
  act "run" "ran" "apt-get update && apt-get install -y --no-install-recommends -o Dpkg::Options::=--force-confold ${missing[*]}"
  if ! $dry_run; then
    system apt-get update -qq
    DEBIAN_FRONTEND=noninteractive system apt-get install -y --no-install-recommends \
      -o Dpkg::Options::=--force-confold "${missing[@]}"
  fi
  changed+=("${missing[@]}")
}

restart_if_changed() {  # restart_if_changed SERVICE FILE...: when one of them changed in this run
  local service=$1 item
  shift
  for item in "$@"; do
    if changed_in_this_run "$item"; then
      if systemd_running; then
        act "run" "ran" "systemctl restart $service"
        $dry_run || system systemctl restart "$service"
      else
        say "skipped systemctl restart $service ($(no_systemd_because))"
      fi
      return
    fi
  done
}

check_configs() {  # the checkers of the packages, when there: a config they reject is not restarted
  $dry_run && return 0
  if command -v promtool >/dev/null 2>&1; then
    promtool check config "$root/etc/prometheus/prometheus.yml" >/dev/null \
      || fail "promtool rejects $root/etc/prometheus/prometheus.yml (run 'promtool check config' on it)"
  fi
  if command -v amtool >/dev/null 2>&1; then
    amtool check-config "$root/etc/prometheus/alertmanager.yml" >/dev/null \
      || fail "amtool rejects $root/etc/prometheus/alertmanager.yml (run 'amtool check-config' on it)"
  fi
}

install_local_stack() {
  local prometheus_yml=$work/prometheus.yml rules file
  {
    echo "# Written by Nodescope's install.sh from deploy/local/prometheus.yml of the release archive,"
    echo "# with alerts sent to the Alertmanager it installed beside it. Rules: /etc/prometheus/rules."
    cat "$here/deploy/local/prometheus.yml"
    echo
    echo "alerting:"
    echo "  alertmanagers:"
    echo "    - static_configs:"
    echo "        - targets: [\"127.0.0.1:9093\"]"
  } > "$prometheus_yml"
  put_file seeded "$prometheus_yml" /etc/prometheus/prometheus.yml 644
  rules=()
  for file in "$here"/alerts/*-alerts.yaml; do
    put_file owned "$file" "/etc/prometheus/rules/$(basename "$file")" 644
    rules+=("/etc/prometheus/rules/$(basename "$file")")
  done
  default_file "Prometheus on 127.0.0.1 only, with the retention of deploy/local." "$prometheus_args" > "$work/prometheus.default"
  put_file seeded "$work/prometheus.default" /etc/default/prometheus 644
  put_file seeded "$here/alerts/alertmanager.example.yaml" /etc/prometheus/alertmanager.yml 644
  default_file "Alertmanager on 127.0.0.1 only, without its cluster port." "$alertmanager_args" > "$work/alertmanager.default"
  put_file seeded "$work/alertmanager.default" /etc/default/prometheus-alertmanager 644

  put_file owned "$here/dashboards/provisioning/datasources/nodescope.yaml" /etc/grafana/provisioning/datasources/nodescope.yaml 644
  put_file owned "$here/dashboards/provisioning/dashboards/nodescope.yaml" /etc/grafana/provisioning/dashboards/nodescope.yaml 644
  for file in "$here"/dashboards/*.json; do
    put_file owned "$file" "/var/lib/grafana/dashboards/nodescope/$(basename "$file")" 644
  done

  for file in /etc/default/prometheus /etc/default/prometheus-alertmanager; do
    if [ -f "$root$file" ] && ! grep -q -- '--web.listen-address=127.0.0.1:' "$root$file"; then
      say "warning: $file sets no --web.listen-address on 127.0.0.1: its service may listen on every interface"
    fi
  done
  install_packages
  check_configs
  restart_if_changed prometheus prometheus /etc/prometheus/prometheus.yml /etc/default/prometheus "${rules[@]}"
  restart_if_changed prometheus-alertmanager prometheus-alertmanager /etc/prometheus/alertmanager.yml /etc/default/prometheus-alertmanager
}

# ---------------------------------------------------------------------------------------------
# the manifest: sha256sum's format, so that `sha256sum -c` lists what was edited since

write_manifest() {
  local path
  {
    if [ -f "$root$manifest" ]; then
      awk 'NR == FNR { if ($0 != "") skip[$0] = 1; next } !($2 in skip)' \
        <(printf '%s\n' "${!written[@]}") "$root$manifest"
    fi
    for path in "${!written[@]}"; do
      if [ -n "${written[$path]}" ]; then echo "${written[$path]}  $path"; fi
    done
  } | sort -k2 > "$work/manifest"
  # The manifest follows the files: a run that changed nothing else leaves it alone.
  if [ "$changes" -gt 0 ] || [ ! -f "$root$manifest" ]; then
    put_file owned "$work/manifest" "$manifest" 644
  fi
}

# ---------------------------------------------------------------------------------------------

$dry_run && echo "Dry run: nothing is changed; every line below is a change it would make, or a note."
if system_actions_skipped; then
  echo "Installing under $root; packages are not installed and no service is (re)started."
elif [ -n "$root" ]; then
  echo "Installing under $root, with the stand-ins in $stand_ins for apt-get, dpkg-query and systemctl."
fi
[ "$mode" = local ] && confirm_local
install_agent
if [ -n "$unit" ]; then
  install_drop_in
  if changed_in_this_run "/etc/systemd/system/$unit.service.d/nodescope.conf"; then
    if systemd_running; then
      act "run" "ran" "systemctl daemon-reload"
      $dry_run || system systemctl daemon-reload
    else
      say "skipped systemctl daemon-reload ($(no_systemd_because))"
    fi
  fi
fi
[ "$mode" = local ] && install_local_stack
write_manifest

echo
if [ "$changes" -eq 0 ] && [ "$kept" -gt 0 ]; then
  echo "Nothing to change, but $kept edited config(s) kept as they are (see 'kept' above)."
elif [ "$changes" -eq 0 ]; then
  echo "Nothing to change: everything is installed as asked."
elif $dry_run; then
  echo "$changes changes would be made. Run without --dry-run to make them."
else
  echo "$changes changes made."
fi
if ! $dry_run; then
  echo "Check the config:  java -jar $agent_jar validate $config"
  if [ -n "$unit" ]; then
    echo "Attach the agent:  systemctl restart $unit   (the agent logs '[nodescope] ...' lines to the unit's journal)"
  else
    echo "Attach the agent:  start the node with -javaagent:$agent_jar=config=$config"
  fi
  if [ "$mode" = local ]; then
    echo "Prometheus: http://127.0.0.1:9090/alerts (from your workstation: ssh -L 9090:127.0.0.1:9090 this-host)."
    echo "Alert delivery: put your receivers into /etc/prometheus/alertmanager.yml (see alerts/README.md)."
    echo "Spans go to an OTLP collector on 127.0.0.1:4317, which Debian does not package: run deploy/local's"
    echo "Compose stack for them, or set [telemetry.traces] enabled = false in $config."
  fi
fi
