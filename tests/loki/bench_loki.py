"""Benchmark: reading a deployment from a Loki API server (qryn on loopback) against
reading the same deployment from files, and follow latency from push to store.

Usage: bench_loki.py VIGIL STACK_PREFIX SHARED_DIR [COPIES]
Writes COPIES copies of the sample deployment to a temporary folder, pushes the same lines
to the server (one stream per file), then times `vigil scan` on both and `vigil follow`
while entries stamped with the time they are pushed arrive. Prints the figures.
"""

import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "stack"))
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from lokistack import LokiStack, install  # noqa: E402
from samplepush import deployment_streams, push_in_chunks, wait_until_stored  # noqa: E402
from test_loki_integration import live_streams  # noqa: E402

SELECTOR = '{job="vigil-bench"}'


def timed_scan(vigil, *args):
    t = time.time()
    r = subprocess.run([vigil, "scan", "--json", *args], capture_output=True, text=True, timeout=600, check=True)
    return json.loads(r.stdout), time.time() - t


def main():
    vigil, prefix, shared = sys.argv[1:4]
    copies = int(sys.argv[4]) if len(sys.argv) > 4 else 20
    install(prefix)
    work = tempfile.mkdtemp(prefix="vigil-loki-bench-")
    try:
        for i in range(copies):
            shutil.copytree(os.path.join(shared, "samples", "deployment"), os.path.join(work, "copy%02d" % i))
        files, files_s = timed_scan(vigil, work)
        with LokiStack(prefix) as stack:
            streams = deployment_streams(work, "vigil-bench")
            t = time.time()
            push_in_chunks(stack, streams, chunk=5000)
            push_s = time.time() - t
            lines = sum(len(v) for _, v in streams)
            wait_until_stored(stack, streams, 300)
            loki, loki_s = timed_scan(vigil, stack.url, "--selector", SELECTOR, "--since", "1h")
            print("deployment: %d copies of the samples, %d lines, %d entries" % (copies, lines, files["entries"]))
            print("files: %d entries in %.2f s wall (%.0f entries/s)" % (files["entries"], files_s, files["entries"] / files_s))
            print("loki:  %d entries in %.2f s wall (%.0f entries/s); push took %.2f s" %
                  (loki["entries"], loki_s, loki["entries"] / loki_s, push_s))

            proc = subprocess.Popen([vigil, "follow", stack.url, "--selector", '{job="vigil-samples"}',
                                     "--seconds", "15", "--json"], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                    text=True)
            ready = threading.Event()
            threading.Thread(target=lambda: [ready.set() for l in proc.stderr if "following" in l],
                             daemon=True).start()
            ready.wait(60)
            pushed = 0
            for r in range(20):
                s = live_streams(r, 10)
                stack.push(s)
                pushed += sum(len(v) for _, v in s)
                time.sleep(0.25)
            out, _ = proc.communicate(timeout=120)
            lat = json.loads(out)["latency_ms"]
            print("follow: %d entries pushed over 5 s, %d stored; push-to-store latency p50 %.0f ms, p99 %.0f ms, "
                  "max %.0f ms (over %d entries)" % (pushed, json.loads(out)["entries"], lat["p50"], lat["p99"],
                                                     lat["max"], lat["entries"]))
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
