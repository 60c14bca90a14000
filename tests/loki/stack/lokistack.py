"""A Loki-compatible server on loopback for the integration tests and the benchmark.

qryn (npm) answers Loki's HTTP API (push, query_range, labels, tail) and stores in
ClickHouse; clickhouse-over-chdb.js stands in for ClickHouse with the embedded chDB. Both
are installed with npm into a folder of the build tree, started on free loopback ports and
stopped, process group and all, whatever happens to the test.
"""

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
SYSTEM_CAS = "/etc/ssl/certs/ca-certificates.crt"


def install(prefix):
    """npm install the pinned packages into prefix (skipped when they are there)."""
    os.makedirs(prefix, exist_ok=True)
    for name in ("package.json", "package-lock.json", "clickhouse-over-chdb.js"):
        src = os.path.join(HERE, name)
        if os.path.exists(src):
            shutil.copyfile(src, os.path.join(prefix, name))
    marker = os.path.join(prefix, "node_modules", "qryn", "package.json")
    chdb = os.path.join(prefix, "node_modules", "chdb", "package.json")
    if os.path.exists(marker) and os.path.exists(chdb):
        return
    cmd = ["npm", "ci" if os.path.exists(os.path.join(prefix, "package-lock.json")) else "install",
           "--no-audit", "--no-fund", "--loglevel=error",
           # Neither package needs its install scripts (qryn's patch-package step fails on
           # a dependency tree laid out by another npm version).
           "--ignore-scripts"]
    env = dict(os.environ)
    # Node trusts only its own CA list: a network whose HTTPS goes through a proxy with a
    # local CA (installed in the system's store) refuses the registry otherwise.
    if os.path.exists(SYSTEM_CAS):
        env.setdefault("NODE_EXTRA_CA_CERTS", SYSTEM_CAS)
        env.setdefault("npm_config_cafile", SYSTEM_CAS)
    subprocess.run(cmd, cwd=prefix, check=True, timeout=600, env=env)


def _die_with_parent():
    """In the child: SIGTERM when the test process dies, even killed outright (a CTest timeout)."""
    try:
        import ctypes
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except OSError:
        pass


def _exit_on_sigterm():
    """SIGTERM ends the test like Ctrl+C, so the servers are stopped on the way out."""
    def handler(signum, frame):
        raise KeyboardInterrupt
    signal.signal(signal.SIGTERM, handler)


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url, timeout=5):
    with urllib.request.urlopen(url, timeout=timeout) as r:
        return r.status, r.read()


class LokiStack:
    """with LokiStack(prefix) as stack: stack.url is loki://127.0.0.1:PORT."""

    def __init__(self, prefix, log=sys.stderr):
        self.prefix = prefix
        self.log = log
        self.procs = []
        self.tmp = None

    def __enter__(self):
        _exit_on_sigterm()
        try:
            self.start()
        except BaseException:
            self.stop()
            raise
        return self

    def __exit__(self, *exc):
        self.stop()

    def _spawn(self, args, env, logname):
        out = open(os.path.join(self.tmp, logname), "wb")
        p = subprocess.Popen(args, cwd=self.prefix, env=env, stdout=out, stderr=subprocess.STDOUT,
                             stdin=subprocess.DEVNULL, start_new_session=True, preexec_fn=_die_with_parent)
        self.procs.append(p)
        return p

    def _wait(self, what, probe, proc, seconds):
        deadline = time.time() + seconds
        while time.time() < deadline:
            if proc.poll() is not None:
                raise RuntimeError("%s exited (%s): %s" % (what, proc.returncode, self.tail_log(what)))
            try:
                if probe():
                    return
            except (OSError, urllib.error.URLError):
                pass
            time.sleep(0.25)
        raise RuntimeError("%s did not start within %d s: %s" % (what, seconds, self.tail_log(what)))

    def tail_log(self, what):
        path = os.path.join(self.tmp or "", what + ".log")
        try:
            with open(path, "rb") as f:
                return f.read()[-2000:].decode("utf-8", "replace")
        except OSError:
            return ""

    def start(self):
        self.tmp = tempfile.mkdtemp(prefix="vigil-loki-")
        env = dict(os.environ)
        ch_port = free_port()
        ch = self._spawn(["node", "clickhouse-over-chdb.js", str(ch_port), os.path.join(self.tmp, "chdata")],
                         env, "clickhouse.log")
        self._wait("clickhouse", lambda: _get("http://127.0.0.1:%d/?query=SELECT%%201" % ch_port)[0] == 200,
                   ch, 60)
        self.port = free_port()
        env.update({"CLICKHOUSE_SERVER": "127.0.0.1", "CLICKHOUSE_PORT": str(ch_port), "CLICKHOUSE_DB": "cloki",
                    "HOST": "127.0.0.1", "PORT": str(self.port), "LOG_LEVEL": "warn"})
        qryn = self._spawn(["node", os.path.join("node_modules", "qryn", "qryn_node.js")], env, "qryn.log")
        self._wait("qryn", lambda: _get(self.http + "/loki/api/v1/labels")[0] == 200, qryn, 120)

    @property
    def http(self):
        return "http://127.0.0.1:%d" % self.port

    @property
    def url(self):
        return "loki://127.0.0.1:%d" % self.port

    def push(self, streams):
        """streams: [(labels dict, [(ns, line), ...]), ...]"""
        body = {"streams": [{"stream": labels, "values": [[str(ns), line] for ns, line in values]}
                            for labels, values in streams]}
        req = urllib.request.Request(self.http + "/loki/api/v1/push", data=json.dumps(body).encode(),
                                     headers={"Content-Type": "application/json"}, method="POST")
        with urllib.request.urlopen(req, timeout=60) as r:
            if r.status not in (200, 204):
                raise RuntimeError("push answered %d" % r.status)

    def count(self, selector, start_ns, end_ns):
        """Entries query_range returns for selector (paged backward, as qryn answers best)."""
        total, end = 0, end_ns
        seen = set()
        while True:
            q = urllib.parse.urlencode({"query": selector, "start": start_ns, "end": end, "limit": 5000,
                                        "direction": "backward"})
            _, body = _get(self.http + "/loki/api/v1/query_range?" + q, timeout=60)
            result = json.loads(body)["data"]["result"]
            n = 0
            oldest = end
            for s in result:
                for ts, line in s["values"]:
                    key = (json.dumps(s["stream"], sort_keys=True), int(ts), line)
                    if key not in seen:
                        seen.add(key)
                        n += 1
                    oldest = min(oldest, int(ts))
            total += n
            if n == 0 or sum(len(s["values"]) for s in result) < 5000:
                return total
            end = oldest + 1

    def stop(self):
        for p in reversed(self.procs):
            if p.poll() is None:
                try:
                    os.killpg(p.pid, signal.SIGTERM)
                except ProcessLookupError:
                    pass
        for p in reversed(self.procs):
            try:
                p.wait(timeout=10)
            except subprocess.TimeoutExpired:
                try:
                    os.killpg(p.pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass
                p.wait()
        self.procs = []
        if self.tmp and not os.environ.get("VIGIL_KEEP_LOKI_LOGS"):
            shutil.rmtree(self.tmp, ignore_errors=True)


if __name__ == "__main__":
    # python3 lokistack.py install PREFIX | serve PREFIX (prints the URL, runs until Ctrl+C)
    if len(sys.argv) == 3 and sys.argv[1] == "install":
        install(sys.argv[2])
    elif len(sys.argv) == 3 and sys.argv[1] == "serve":
        with LokiStack(sys.argv[2]) as stack:
            print(stack.url, flush=True)
            try:
                while True:
                    time.sleep(1)
            except KeyboardInterrupt:
                pass
    else:
        sys.exit("usage: lokistack.py install|serve PREFIX")
