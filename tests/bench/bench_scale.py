#!/usr/bin/env python3
"""Scale benchmark: Vigil's figures on corpora of growing size, in one table.

    python3 tests/bench/bench_scale.py [--build BUILD] [--anchors DIR] [--no-anchors] CORPUS_DIR...

For each corpus (written by ../shared/tools/corpus.py static DIR --mb N) it runs
`bench_scan --all-cores-only` (scan speed, its CPU time, bytes per entry), `vigil scan` under
/usr/bin/time (peak RSS of a plain scan) and `bench_mainwindow --no-export` (the window,
offscreen), then prints one table. The anchors (lnav, grep, read + memchr floor) run on the
first corpus, or on --anchors DIR, in the same run, followed by timed runs of `vigil scan` on
that corpus and its ratios to lnav and to the floor. Each tool's whole output is kept in
BUILD/bench-scale/ for a closer look. Run it on a Release build.
"""

import argparse
import json
import os
import re
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))


def run(cmd, log, env=None):
    """Runs cmd, keeps its output in log, returns (stdout + stderr)."""
    started = time.monotonic()
    print(f"  $ {' '.join(cmd)}", flush=True)
    p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env=env, text=True, errors="replace")
    with open(log, "w") as f:
        f.write(p.stdout)
    if p.returncode != 0:
        print(f"    exit {p.returncode}, see {log}", flush=True)
    print(f"    {time.monotonic() - started:.0f} s", flush=True)
    return p.stdout


def number(pattern, text, group=1, default=None, pick=max):
    values = [float(m.group(group)) for m in re.finditer(pattern, text)]
    return pick(values) if values else default


def scan_figures(build, corpus, logs):
    out = run([os.path.join(build, "tests/bench/bench_scan"), corpus, "--runs", "1", "--all-cores-only"],
              os.path.join(logs, "bench_scan.txt"))
    f = {}
    m = re.search(r"warm, all cores:\s+([\d.]+) s\s+([\d.]+) MB/s.*CPU ([\d.]+) s user \+ ([\d.]+) s sys", out)
    if m:
        f["scan_mbs"] = float(m.group(2))
        f["scan_cpu"] = float(m.group(3)) + float(m.group(4))
    f["entries"] = number(r"entries: (\d+)", out)
    f["bpe_store"] = number(r"; ([\d.]+) B for the first store after a warm-up scan", out)
    timed = run(["/usr/bin/time", "-f", "TIME %e %U %S %M", os.path.join(build, "app/vigil"), "scan", corpus],
                os.path.join(logs, "vigil_scan.txt"))
    m = re.search(r"TIME ([\d.]+) ([\d.]+) ([\d.]+) (\d+)", timed)
    if m:
        f["scan_rss"] = int(m.group(4)) / 1024
    return f


def anchor_median(anchors, tool, task):
    """The median wall seconds of one row of anchors.sh's table, or None."""
    for line in anchors.splitlines():
        cells = [c.strip() for c in line.split("|")]
        if len(cells) >= 6 and cells[0] == tool and cells[1].startswith(task) and cells[2] == "warm":
            return float(cells[5])
    return None


def scan_against_anchors(build, corpus, anchors, runs=11):
    """Times `vigil scan` right after the anchors, as they time themselves (median wall of
    warm runs), and states it against lnav's count and the read + memchr floor."""
    vigil = os.path.join(build, "app/vigil")
    subprocess.run([vigil, "scan", corpus], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # warm
    walls, cpus = [], []
    for _ in range(runs):
        before = os.times()
        started = time.monotonic()
        subprocess.run([vigil, "scan", corpus], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        walls.append(time.monotonic() - started)
        after = os.times()
        cpus.append((after.children_user - before.children_user, after.children_system - before.children_system))
    wall = sorted(walls)[runs // 2]
    user = sorted(c[0] for c in cpus)[runs // 2]
    system = sorted(c[1] for c in cpus)[runs // 2]
    text = (f"vigil scan {corpus}: median {wall:.3f} s wall of {runs} warm runs "
            f"({min(walls):.3f}-{max(walls):.3f}; median CPU {user:.2f} s user + {system:.2f} s sys)")
    for tool, task, what in (("lnav+json", "count(*) all_logs", "lnav's count(*) with its JSON formats, "
                              "which reads the entries Vigil reads"),
                             ("lnav", "SELECT count(*) FROM all_logs", "lnav's count(*) without them"),
                             ("memchr", "read()+memchr", None)):
        theirs = anchor_median(anchors, tool, task)
        if theirs is None:
            continue
        if what:
            text += f"\n  {theirs / wall:.1f}x {what} ({theirs:.3f} s)"
        else:
            text += f"\n  {100 * theirs / wall:.0f} % of the read + memchr floor ({theirs:.3f} s)"
    return text


def window_figures(build, corpus, logs):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    env.setdefault("XDG_RUNTIME_DIR", "/tmp/vigil-bench-runtime")
    os.makedirs(env["XDG_RUNTIME_DIR"], mode=0o700, exist_ok=True)
    out = run([os.path.join(build, "tests/gui/bench_mainwindow"), corpus, "--no-export"],
              os.path.join(logs, "bench_mainwindow.txt"), env)
    return {
        "first_rows": number(r"first rows painted:\s+([\d.]+) ms", out),
        "opened": number(r"scan finished:\s+([\d.]+) ms", out),
        "refilter": number(r"re-filter instance\+level:\s+max ([\d.]+) ms", out),
        "search": number(r"substring search:\s+max ([\d.]+) ms", out),
        "event_open": number(r"longest GUI event while opening: ([\d.]+) ms", out),
        "event_follow": number(r"longest event handled on the GUI thread: ([\d.]+) ms", out),
        # The same events by the GUI thread's own CPU time: what load on the machine cannot inflate.
        "event_open_cpu": number(r"while opening: [\d.]+ ms \(.*\)\n  by CPU time of the GUI thread: ([\d.]+) ms", out),
        "event_follow_cpu": number(r"    by CPU time of the GUI thread: ([\d.]+) ms", out),
        "gap_follow": number(r"longest gap between 1 ms probe ticks: ([\d.]+) ms", out),
        "bpe_window": number(r"after opening: [\d.]+ MB, ([\d.]+) B per entry", out),
        "window_rss": number(r"peak RSS: ([\d.]+) MB", out),
    }


COLUMNS = [
    ("corpus", "corpus", "{}"),
    ("entries", "entries", "{:,.0f}"),
    ("scan_mbs", "scan MB/s", "{:.0f}"),
    ("scan_cpu", "scan CPU s", "{:.2f}"),
    ("scan_rss", "scan peak RSS MB", "{:.0f}"),
    ("bpe_store", "B/entry scan", "{:.1f}"),
    ("bpe_window", "B/entry window", "{:.1f}"),
    ("window_rss", "window peak RSS MB", "{:.0f}"),
    ("first_rows", "first rows ms", "{:.0f}"),
    ("opened", "opened ms", "{:.0f}"),
    ("refilter", "re-filter ms", "{:.0f}"),
    ("search", "search ms", "{:.0f}"),
    ("event_open", "longest event opening ms", "{:.1f}"),
    ("event_follow", "longest event following ms", "{:.1f}"),
    ("event_open_cpu", "same, opening, GUI CPU ms", "{:.1f}"),
    ("event_follow_cpu", "same, following, GUI CPU ms", "{:.1f}"),
    ("gap_follow", "tick gap following ms", "{:.1f}"),
]


def table(rows):
    cells = [[title for _, title, _ in COLUMNS]]
    for r in rows:
        cells.append([("-" if r.get(key) is None else fmt.format(r[key])) for key, _, fmt in COLUMNS])
    lines = ["| " + " | ".join(row) + " |" for row in cells]
    lines.insert(1, "|" + "|".join("---" for _ in COLUMNS) + "|")
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("corpora", nargs="+", help="corpus folders, smallest first")
    parser.add_argument("--build", default=os.path.join(ROOT, "build"))
    parser.add_argument("--anchors", help="corpus for anchors.sh (default: the first)")
    parser.add_argument("--no-anchors", action="store_true")
    args = parser.parse_args()
    build = os.path.abspath(args.build)
    logs = os.path.join(build, "bench-scale")
    rows = []
    for corpus in args.corpora:
        name = os.path.basename(os.path.normpath(corpus))
        here = os.path.join(logs, name)
        os.makedirs(here, exist_ok=True)
        print(f"{name}:", flush=True)
        row = {"corpus": name}
        row.update(scan_figures(build, corpus, here))
        row.update(window_figures(build, corpus, here))
        rows.append(row)
        with open(os.path.join(logs, "figures.json"), "w") as f:
            json.dump(rows, f, indent=1)
    anchors = ratios = ""
    if not args.no_anchors:
        corpus = args.anchors or args.corpora[0]
        script = os.path.join(ROOT, "..", "shared", "tools", "anchors.sh")
        print(f"anchors on {corpus}:", flush=True)
        anchors = run(["bash", script, corpus], os.path.join(logs, "anchors.txt"))
        ratios = scan_against_anchors(build, corpus, anchors)
    commit = subprocess.run(["git", "-C", ROOT, "rev-parse", "--short", "HEAD"], stdout=subprocess.PIPE,
                            text=True).stdout.strip()
    print(f"\nVigil at {commit}, load average {os.getloadavg()[0]:.1f} at the end; "
          "times are wall ms unless marked CPU; B/entry is resident memory beyond the page cache.\n")
    print(table(rows))
    if anchors:
        print(f"\nanchors.sh {args.anchors or args.corpora[0]}:\n")
        print(anchors.rstrip())
        print(f"\n{ratios}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
