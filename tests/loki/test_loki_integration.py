"""Vigil against a real Loki API server (qryn) on loopback.

Pushes the sample deployment (nine files, eight instances, every format), then checks that
`vigil scan loki://…` finds what `vigil scan` finds in the files (entries, levels,
instances) and what EXPECTED.json says; that `vigil follow` stores each entry pushed while
it follows exactly once (qryn's tail replays earlier entries, which must not come twice);
and that the window opened on the server lists the instances in its sidebar.
Usage: test_loki_integration.py VIGIL STACK_PREFIX SHARED_DIR [WINDOW_TEST]
"""

import json
import os
import subprocess
import sys
import threading
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "stack"))
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from lokistack import LokiStack, install  # noqa: E402
from samplepush import deployment_streams, push_in_chunks, wait_until_stored  # noqa: E402

SELECTOR = '{job="vigil-samples"}'
failures = []
passed = 0


def check(what, ok, detail=""):
    global passed
    if ok:
        passed += 1
        print("PASS", what)
    else:
        failures.append(what)
        print("FAIL", what, detail)


def scan_json(vigil, *args):
    r = subprocess.run([vigil, "scan", "--json", *args], capture_output=True, text=True, timeout=120)
    if r.returncode != 0:
        raise RuntimeError("vigil scan %s exited %d: %s" % (args, r.returncode, r.stderr[-1000:]))
    return json.loads(r.stdout)


def live_streams(round_no, per_instance):
    out = []
    for inst in ("eco-backend", "octollm-orchestrator", "dchat"):
        values = []
        for i in range(per_instance):
            now = time.time_ns()
            stamp = time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(now / 1e9)) + ".%06dZ" % (now // 1000 % 1000000)
            line = json.dumps({"timestamp": stamp, "level": "error" if i % 10 == 0 else "info",
                               "message": "live round %d entry %d" % (round_no, i), "service": inst})
            values.append((now, line))
        out.append(({"job": "vigil-samples", "instance": inst, "file": "live/%s.log" % inst}, values))
    return out


def test_follow(vigil, stack, history):
    proc = subprocess.Popen([vigil, "follow", stack.url, "--selector", SELECTOR, "--seconds", "12", "--json"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    following = threading.Event()
    err_lines = []

    def read_err():
        for line in proc.stderr:
            err_lines.append(line)
            if "following" in line:
                following.set()

    reader = threading.Thread(target=read_err, daemon=True)
    reader.start()
    try:
        if not following.wait(60):
            check("follow starts", False, "".join(err_lines)[-1000:])
            return
        pushed = 0
        for round_no in range(5):
            streams = live_streams(round_no, 20)
            stack.push(streams)
            pushed += sum(len(v) for _, v in streams)
            time.sleep(0.8)
        out, _ = proc.communicate(timeout=90)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    reader.join(5)
    check("follow exits 0", proc.returncode == 0, "exit %s: %s" % (proc.returncode, "".join(err_lines)[-1000:]))
    report = json.loads(out)
    check("follow stores each pushed entry exactly once", report["entries"] == history + pushed,
          "%d stored, %d expected" % (report["entries"], history + pushed))
    print("follow latency (ms):", report.get("latency_ms"))


def test_window(window_test, stack, instances):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", VIGIL_TEST_LOKI_ROOT=stack.url + "/?selector=" + SELECTOR,
               VIGIL_TEST_LOKI_INSTANCES=",".join(instances))
    r = subprocess.run([window_test], capture_output=True, text=True, timeout=120, env=env)
    check("window lists the instances", r.returncode == 0, (r.stdout + r.stderr)[-2000:])


def main():
    vigil, prefix, shared = sys.argv[1:4]
    window_test = sys.argv[4] if len(sys.argv) > 4 else None
    install(prefix)
    samples = os.path.join(shared, "samples", "deployment")
    with open(os.path.join(shared, "samples", "EXPECTED.json")) as f:
        expected = json.load(f)
    files = scan_json(vigil, samples)
    with LokiStack(prefix) as stack:
        started = time.time()
        streams = deployment_streams(samples, "vigil-samples")
        push_in_chunks(stack, streams)
        wait_until_stored(stack, streams)
        print("pushed and stored in %.1f s" % (time.time() - started))
        loki = scan_json(vigil, stack.url, "--selector", SELECTOR, "--since", "1h")
        check("scan: entries as EXPECTED.json", loki["entries"] == expected["entries"],
              "%s != %s" % (loki["entries"], expected["entries"]))
        check("scan: levels as EXPECTED.json", loki["levels"] == expected["levels"],
              "%s != %s" % (loki["levels"], expected["levels"]))
        check("scan: instances as the files'", loki["instances"] == files["instances"],
              "%s != %s" % (loki["instances"], files["instances"]))
        check("scan: nothing unparsed the files parse", loki.get("unparsed") == files.get("unparsed"))
        test_follow(vigil, stack, expected["entries"])
        if window_test:
            test_window(window_test, stack, sorted(files["instances"]))
    print("%d passed, %d failed" % (passed, len(failures)))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
