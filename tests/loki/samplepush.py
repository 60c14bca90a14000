"""Pushes a deployment's log files to a Loki server, one stream per file.

Each file's lines become entries in order, a millisecond apart, ending a little before
now, labelled job, instance (the instance Vigil's path rule gives the file) and file.
"""

import os
import time


def path_instance(rel):
    parts = rel.split("/")
    if len(parts) >= 3 and parts[0] == "instances":
        return parts[1]
    return parts[0] if len(parts) > 1 else "default"


def deployment_streams(root, job, end_ns=None, spacing_ns=1_000_000):
    files = []
    for folder, _, names in os.walk(root):
        for name in sorted(names):
            path = os.path.join(folder, name)
            files.append(os.path.relpath(path, root).replace(os.sep, "/"))
    files.sort()
    end_ns = end_ns or time.time_ns() - 60 * 10**9
    streams = []
    for rel in files:
        with open(os.path.join(root, rel), "rb") as f:
            lines = f.read().decode("utf-8", "replace").split("\n")
        if lines and lines[-1] == "":
            lines.pop()
        lines = [l[:-1] if l.endswith("\r") else l for l in lines]
        start = end_ns - len(lines) * spacing_ns
        values = [(start + i * spacing_ns, line) for i, line in enumerate(lines)]
        labels = {"job": job, "instance": path_instance(rel), "file": rel}
        streams.append((labels, values))
    return streams


def wait_until_stored(stack, streams, seconds=60):
    """Waits until the server answers every pushed entry (qryn writes in bulk), stream by stream."""
    deadline = time.time() + seconds
    for labels, values in streams:
        selector = "{" + ", ".join('%s="%s"' % (k, v) for k, v in sorted(labels.items())) + "}"
        while stack.count(selector, values[0][0] - 10**9, values[-1][0] + 10**9) < len(values):
            if time.time() > deadline:
                raise RuntimeError("the server did not store %s in %d s" % (selector, seconds))
            time.sleep(0.3)


def push_in_chunks(stack, streams, chunk=2000):
    for labels, values in streams:
        for i in range(0, len(values), chunk):
            stack.push([(labels, values[i:i + chunk])])
