#!/usr/bin/env python3
"""The measuring half of scripts/bench-startup.sh, which starts it; see that script's header.

  columns    the header of the rows run prints
  run        starts one application, measures it until it is ready and prints one TSV row
  expect     checks scraped metrics for series above 0
  summarize  medians, ranges and ratios to the run without an agent, from a results file
  otel-methods  the methods the app's own rules select, from `nodescope-agent.jar match`, in the
             form of the OpenTelemetry agent's otel.instrumentation.methods.include
"""
import argparse
import os
import re
import statistics
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request

TRANSFORM_RESULTS = ("skipped", "examined", "rewritten", "failed")
# Columns after config and round; "-" where a run has no value (no workload, no agent metrics).
COLUMNS = ["startup_ms", "startup_cpu_ms", "commands_per_s", "peak_rss_mib", "premain_ms", "start_wait_ms"] + [
    f"{result}_{what}" for result in TRANSFORM_RESULTS for what in ("classes", "us")]
METRIC_LINE = re.compile(r"^([a-zA-Z_:][a-zA-Z0-9_:]*(?:\{[^}]*\})?) (\S+)$")


def cpu_ms(root):
    """CPU time (user + system, all threads) used so far by the process and the processes it
    started, from /proc/<pid>/stat: a launcher script (Keycloak's kc.sh) runs the JVM as its child
    (and may have run others, which ended: their time is in its cutime and cstime)."""
    parents, ticks = {}, {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as stat:
                    fields = stat.read().rsplit(")", 1)[1].split()  # after "pid (comm)": state is field 3
            except OSError:
                continue  # ended meanwhile
            pid = int(entry)
            parents.setdefault(int(fields[1]), []).append(pid)  # ppid: field 4
            ticks[pid] = sum(map(int, fields[11:15]))  # utime, stime, and of its ended children cutime, cstime: 14-17
    total, pending = 0, [root]
    while pending:
        pid = pending.pop()
        total += ticks.get(pid, 0)
        pending += parents.get(pid, [])
    return total * 1000 / os.sysconf("SC_CLK_TCK")


def get(url, timeout=2.0):
    with urllib.request.urlopen(url, timeout=timeout) as response:
        return response.read().decode()


def scrape(url, deadline):
    """The metrics text once the endpoint answers: the agent may start its server after the app is ready."""
    while True:
        try:
            return get(url)
        except (urllib.error.URLError, OSError):
            if time.monotonic() > deadline:
                raise
            time.sleep(0.05)


def metric_values(text):
    values = {}
    for line in text.splitlines():
        match = METRIC_LINE.match(line)
        if match:
            values[match.group(1)] = float(match.group(2))
    return values


def transform_columns(text):
    values = metric_values(text)
    columns = []
    for name in ("nodescope_premain_seconds", "nodescope_start_wait_seconds"):
        seconds = values.get(name)
        columns.append("-" if seconds is None else f"{seconds * 1000:.1f}")
    for result in TRANSFORM_RESULTS:
        series = 'nodescope_class_transform_duration_seconds_%s{result="%s"}'
        count, total = values.get(series % ("count", result)), values.get(series % ("sum", result))
        columns += ["-", "-"] if count is None else [f"{count:.0f}", f"{total * 1e6:.0f}"]
    return columns


def run(args):
    """Starts the command, waits until it is ready, measures, and stops it (or lets it finish)."""
    started = time.monotonic_ns()
    deadline = time.monotonic() + args.deadline
    with open(args.log, "w") as log:
        app = subprocess.Popen(args.command, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, text=True, errors="replace")
        watchdog = threading.Timer(args.deadline, app.kill)  # a hung app must not hang the benchmark
        watchdog.start()
        ready = threading.Event()
        seen = {}

        def at_ready():
            seen["ready"] = time.monotonic_ns()
            seen["wall"] = (seen["ready"] - started) / 1e6
            seen["cpu"] = cpu_ms(app.pid)
            if args.class_log:
                with open(args.class_log, errors="replace") as classes:
                    seen["classes"] = sum(1 for _ in classes)
            ready.set()

        def read_output():  # also drains the pipe, so a chatty app never blocks on it
            for line in app.stdout:
                log.write(line)
                if args.ready_line and not ready.is_set() and args.ready_line in line:
                    at_ready()
                elif line.startswith("workload finished: "):
                    seen["finished"] = time.monotonic_ns()
                    # Fields without "=" are another thread's output run into the line; they are not the counts.
                    seen["counts"] = dict(field.split("=", 1) for field in line.split(":", 1)[1].split() if "=" in field)
            ready.set()  # the app ended: wake the waiter, which sees no measurement

        reader = threading.Thread(target=read_output, daemon=True)
        reader.start()
        if args.ready_url:
            while not ready.is_set() and app.poll() is None:
                try:
                    get(args.ready_url, timeout=1.0)
                    at_ready()
                except (urllib.error.URLError, OSError):
                    time.sleep(0.02)
        ready.wait()
        if "wall" not in seen:
            app.wait()
            watchdog.cancel()
            sys.exit(f"the app ended (exit status {app.returncode}) before it was ready, see {args.log}")
        try:
            if args.after_ready:
                subprocess.run(args.after_ready, shell=True, check=True, stdout=log, stderr=log)
            metrics = scrape(args.scrape, min(deadline, time.monotonic() + 30)) if args.scrape else None
        finally:
            if args.stop:
                app.terminate()
        _, status, usage = os.wait4(app.pid, 0)  # the child's own rusage, for its peak RSS
        app.returncode = os.waitstatus_to_exitcode(status)
        watchdog.cancel()
        reader.join(5)
    if not args.stop and (app.returncode != 0 or "counts" not in seen):
        sys.exit(f"run failed (exit status {app.returncode}), see {args.log}")
    if args.metrics_out and metrics is not None:
        with open(args.metrics_out, "w") as out:
            out.write(metrics)
    if args.class_log:
        print(f"classes loaded when ready: {seen['classes']}", file=sys.stderr)
    throughput = "-"
    counts = seen.get("counts", {})
    if "ok" in counts and "failed" in counts:
        answered = int(counts["ok"]) + int(counts["failed"])
        throughput = f"{answered / ((seen['finished'] - seen['ready']) / 1e9):.1f}"
    row = [f"{seen['wall']:.1f}", f"{seen['cpu']:.0f}", throughput, f"{usage.ru_maxrss / 1024:.1f}"]
    row += transform_columns(metrics) if metrics is not None else ["-"] * (len(COLUMNS) - len(row))
    print("\t".join(row))


def expect(args):
    """Fails unless every pattern matches a metric line of the file whose value is above 0."""
    with open(args.metrics) as metrics:
        values = metric_values(metrics.read())
    missing = [pattern for pattern in args.patterns
               if not any(re.fullmatch(pattern, name) and value > 0 for name, value in values.items())]
    for pattern in args.patterns:
        for name, value in values.items():
            if re.fullmatch(pattern, name):
                print(f"  {name} {value:g}")
    if missing:
        sys.exit(f"no series above 0 in {args.metrics} for: {', '.join(missing)}")


def summarize(args):
    with open(args.results) as results:
        header = next(results).rstrip("\n").split("\t")
        rows = [dict(zip(header, line.rstrip("\n").split("\t"))) for line in results]
    configs = args.configs  # the first is the reference

    def numbers(config, column):
        return [float(row[column]) for row in rows if row["config"] == config and row[column] != "-"]

    def median(config, column):
        values = numbers(config, column)
        return statistics.median(values) if values else None

    base = configs[0]
    measures = [("startup_ms", "startup ms", True), ("startup_cpu_ms", "CPU ms", True),
                ("commands_per_s", "cmds/s", False), ("peak_rss_mib", "RSS MiB", False)]
    measures = [m for m in measures if median(base, m[0]) is not None]
    line = f"{'config':<9} {'runs':>4}"
    for _, title, ranged in measures:
        line += f" {title:>10}" + (f" {'(min-max)':>15} {'+ms':>6}" if ranged else "") + f" {'x':>5}"
    print(line)
    for config in configs:
        line = f"{config:<9} {len(numbers(config, 'startup_ms')):>4}"
        for column, _, ranged in measures:
            value, reference = median(config, column), median(base, column)
            line += f" {value:>10.0f}"
            if ranged:
                values = numbers(config, column)
                line += f" {f'({min(values):.0f}-{max(values):.0f})':>15} {value - reference:>+6.0f}"
            line += f" {value / reference:>5.2f}" if reference else f" {'-':>5}"
        print(line)
    for config in configs:
        if median(config, "skipped_classes") is None:
            continue
        print(f"\n{config}: the agent's own start and class transformer when the app was ready"
              f" (medians of {len(numbers(config, 'skipped_classes'))} runs)")
        for column, name in (("premain_ms", "nodescope_premain_seconds"), ("start_wait_ms", "nodescope_start_wait_seconds")):
            value = median(config, column)
            print(f"  {name}: {'-' if value is None else f'{value:.0f} ms'}")
        print(f"  {'result':<10} {'classes':>8} {'µs/class':>9} {'total ms':>9}")
        for result in TRANSFORM_RESULTS:
            per_class = [float(row[f"{result}_us"]) / float(row[f"{result}_classes"]) for row in rows
                         if row["config"] == config and row[f"{result}_classes"] not in ("-", "0")]
            classes, total = median(config, f"{result}_classes"), median(config, f"{result}_us")
            print(f"  {result:<10} {classes or 0:>8.0f} {statistics.median(per_class) if per_class else 0:>9.1f}"
                  f" {(total or 0) / 1000:>9.1f}")


def otel_methods(args):
    """class[method,...];... for the rules of the app's own config (the packs have OpenTelemetry
    counterparts among its default instrumentations: JDBC, executors)."""
    header = re.compile(r"^(\S+) \(\w+, (.+):\d+\): \d+ methods?$")
    methods, own = {}, False
    with open(args.match_output) as output:
        for line in output:
            line = line.rstrip("\n")
            found = header.match(line)
            if found:
                own = not found.group(2).startswith("nodescope:")
            elif own and line.startswith("  ") and "(" in line:
                qualified = line.strip().split("(", 1)[0]
                type_name, method = qualified.rsplit(".", 1)
                methods.setdefault(type_name, []).append(method)
    if not methods:
        sys.exit(f"no method selected by the app's own rules in {args.match_output}")
    print(";".join(f"{t}[{','.join(dict.fromkeys(m))}]" for t, m in methods.items()))


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(dest="command_name", required=True)
    run_parser = commands.add_parser("run")
    run_parser.add_argument("--log", required=True)
    run_parser.add_argument("--deadline", type=float, required=True, help="seconds before the app is killed")
    ready = run_parser.add_mutually_exclusive_group(required=True)
    ready.add_argument("--ready-line", help="ready when the app prints a line containing this")
    ready.add_argument("--ready-url", help="ready when this URL first answers with a 2xx")
    run_parser.add_argument("--stop", action="store_true", help="stop the app once measured, instead of waiting for it")
    run_parser.add_argument("--class-log", help="the app's -Xlog:class+load file, counted when ready")
    run_parser.add_argument("--after-ready", help="a shell command run once ready, before the scrape")
    run_parser.add_argument("--scrape", help="the agent's /metrics URL, read once ready")
    run_parser.add_argument("--metrics-out", help="where to keep the scraped metrics")
    run_parser.add_argument("command", nargs="+")
    run_parser.set_defaults(handler=run)
    expect_parser = commands.add_parser("expect")
    expect_parser.add_argument("metrics")
    expect_parser.add_argument("patterns", nargs="+")
    expect_parser.set_defaults(handler=expect)
    columns_parser = commands.add_parser("columns")
    columns_parser.set_defaults(handler=lambda _: print("\t".join(["config", "round"] + COLUMNS)))
    summarize_parser = commands.add_parser("summarize")
    summarize_parser.add_argument("results")
    summarize_parser.add_argument("configs", nargs="+", help="in the order to show, the reference first")
    summarize_parser.set_defaults(handler=summarize)
    otel_parser = commands.add_parser("otel-methods")
    otel_parser.add_argument("match_output")
    otel_parser.set_defaults(handler=otel_methods)
    args = parser.parse_args()
    args.handler(args)


if __name__ == "__main__":
    main()
