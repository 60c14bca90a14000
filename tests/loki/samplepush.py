"""Pushes a deployment's log files to a Loki server, one stream per file.

Each file's lines become entries in order, a microsecond apart, ending a little before
now, labelled job, instance (the instance Vigil's path rule gives the file) and file.
"""

import os
import time


def path_instance(rel):
    parts = rel.split("/")
    if len(parts) >= 3 and parts[0] == "instances":
        return parts[1]
    return parts[0] if len(parts) > 1 else "default"


def deployment_streams(root, job, end_ns=None):
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
        start = end_ns - len(lines) * 1000
        values = [(start + i * 1000, line) for i, line in enumerate(lines)]
        labels = {"job": job, "instance": path_instance(rel), "file": rel}
        streams.append((labels, values))
    return streams


def push_in_chunks(stack, streams, chunk=2000):
    for labels, values in streams:
        for i in range(0, len(values), chunk):
            stack.push([(labels, values[i:i + chunk])])
