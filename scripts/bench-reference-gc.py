#!/usr/bin/env python3
"""Garbage collection of the reference registry for `make bench` (scripts/bench.sh): runs
`docker-registry garbage-collect --delete-untagged DIR/config.yml` with the registry stopped, and prints one
berth-loadgen-style JSON result ("gc": seconds, blobs freed from its summary line, bytes freed from the data
directory's sizes before and after). Writes "PEAK_RSS_KIB CPU_SECONDS" of the collector to USAGE_FILE.
Usage: bench-reference-gc.py REGISTRY DIR IMAGES USAGE_FILE"""
import json
import os
import re
import resource
import subprocess
import sys
import time


def size_of(path):
    return sum(os.path.getsize(os.path.join(d, f)) for d, _, files in os.walk(path) for f in files)


def main():
    registry, directory, images, usage_file = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
    log_path = os.path.join(directory, "gc.log")
    before = size_of(os.path.join(directory, "data"))
    start = time.monotonic()
    with open(log_path, "w") as log:
        code = subprocess.call([registry, "garbage-collect", "--delete-untagged", os.path.join(directory, "config.yml")],
                               stdout=log, stderr=subprocess.STDOUT)
    seconds = time.monotonic() - start
    with open(log_path) as log:
        output = log.read()
    if code != 0:
        sys.exit(f"bench: ERROR: docker-registry garbage-collect exited {code}: {output[-800:]}")
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    with open(usage_file, "w") as f:
        f.write(f"{usage.ru_maxrss} {usage.ru_utime + usage.ru_stime:.2f}\n")
    found = re.findall(r"(\d+) blobs and \d+ manifests eligible for deletion", output)
    print(json.dumps({
        "scenario": "gc", "target": "reference (no auth)",
        "params": {"images": str(images), "deleted": str(images // 2),
                   "blobs_freed": found[-1] if found else "?",
                   "bytes_freed": str(before - size_of(os.path.join(directory, "data"))),
                   "how": "docker-registry garbage-collect --delete-untagged, registry stopped"},
        "seconds": seconds, "bytes": 0, "mb_per_s": 0, "requests": 1, "requests_per_s": 1 / seconds,
        "p50_ms": seconds * 1000, "p99_ms": seconds * 1000, "errors": 0}))


if __name__ == "__main__":
    main()
