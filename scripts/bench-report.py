#!/usr/bin/env python3
"""Table and JSON for `make bench` (scripts/bench.sh): berth.jsonl and reference.jsonl hold one
berth-loadgen result per line, in the same scenario order; machine.jsonl the SHA-256 and loopback
ceilings. Usage: bench-report.py BERTH REFERENCE MACHINE OUT.json"""
import json
import os
import platform
import sys


def load(path):
    with open(path) as f:
        return [json.loads(line) for line in f if line.strip()]


def describe(result, reference):
    p = result["params"]
    q = reference["params"]
    name = result["scenario"]
    if name in ("push-blob", "pull-blob"):
        size = int(p["size"])
        size_text = f"{size // 1048576} MiB" if size >= 1048576 else f"{size} B"
        text = f"{name} {size_text} x{p['count']} c{p['concurrency']}"
        if p.get("chunked", "0") != "0":
            text += f" chunked {int(p['chunked']) // 1024} KiB"
        return text
    if name in ("manifest-get", "manifest-head"):
        return f"{name} c{p['concurrency']}"
    if name == "tags-list":
        return (f"tags-list page {p['page']} of {p['tags']} "
                f"(got {p.get('tags_returned', '?')}/{q.get('tags_returned', '?')})")
    if name == "catalog":
        return f"catalog of {p['repos']} repos (got {p.get('repos_returned', '?')}/{q.get('repos_returned', '?')})"
    return name


def figures(result):
    """(label, value, higher_is_better) for the figures that matter for this scenario."""
    name = result["scenario"]
    if name in ("push-blob", "pull-blob"):
        return [("MB/s", result["mb_per_s"], True), ("p99 ms", result["p99_ms"], False)]
    return [("req/s", result["requests_per_s"], True), ("p50 ms", result["p50_ms"], False),
            ("p99 ms", result["p99_ms"], False)]


def main():
    berth, reference, machine = load(sys.argv[1]), load(sys.argv[2]), load(sys.argv[3])
    out_path = sys.argv[4]
    rows = []
    for b, r in zip(berth, reference):
        for (label, bv, higher), (_, rv, _) in zip(figures(b), figures(r)):
            ratio = bv / rv if rv else None
            rows.append({"scenario": describe(b, r), "figure": label, "berth": bv, "reference": rv,
                         "ratio_berth_over_reference": ratio, "higher_is_better": higher})
    berth_rss = int(os.environ.get("BERTH_RSS", "0") or 0) / 1024
    reference_rss = int(os.environ.get("REFERENCE_RSS", "0") or 0) / 1024
    rows.append({"scenario": "server peak RSS (VmHWM)", "figure": "MiB", "berth": berth_rss,
                 "reference": reference_rss,
                 "ratio_berth_over_reference": berth_rss / reference_rss if reference_rss else None,
                 "higher_is_better": False})

    berth_cpu = float(os.environ.get("BERTH_CPU", "0") or 0)
    reference_cpu = float(os.environ.get("REFERENCE_CPU", "0") or 0)
    rows.append({"scenario": "server CPU seconds (whole run)", "figure": "s", "berth": berth_cpu,
                 "reference": reference_cpu,
                 "ratio_berth_over_reference": berth_cpu / reference_cpu if reference_cpu else None,
                 "higher_is_better": False})

    dd_seconds = float(os.environ.get("DD_SECONDS", "0") or 0)
    dd_mib = int(os.environ.get("DD_MIB", "0") or 0)
    ceilings = {"durable_write_mb_per_s": (dd_mib * 1048576 / 1e6 / dd_seconds) if dd_seconds else None}
    for m in machine:
        ceilings[m["scenario"].replace("-", "_") + "_mb_per_s"] = m["mb_per_s"]

    width = max(len(r["scenario"]) for r in rows) + 2
    print()
    print("Berth: berthd, Basic auth as the administrator on every request; "
          "reference: docker-registry, no auth. MB = 10^6 bytes.")
    print(f"{'scenario':<{width}}{'figure':<8}{'Berth':>12}{'reference':>12}{'Berth/ref':>11}")
    for r in rows:
        ratio = f"{r['ratio_berth_over_reference']:.2f}" if r["ratio_berth_over_reference"] else "-"
        print(f"{r['scenario']:<{width}}{r['figure']:<8}{r['berth']:>12.2f}{r['reference']:>12.2f}{ratio:>11}")
    print()
    print("machine ceilings (MB/s): " + ", ".join(
        f"{k.replace('_mb_per_s', '')} {v:.0f}" for k, v in ceilings.items() if v is not None))
    print("(got B/R: how many tags or repositories Berth / the reference returned)")
    print("ratios: higher is better for MB/s and req/s, lower is better for ms, MiB and CPU s.")

    cpu = ""
    try:
        with open("/proc/cpuinfo") as f:
            cpu = next((line.split(":", 1)[1].strip() for line in f if line.startswith("model name")), "")
    except OSError:
        pass
    result = {"machine": {"nproc": os.cpu_count(), "cpu": cpu, "kernel": platform.release()},
              "berth_auth": "Basic auth as admin", "reference_auth": "none",
              "rows": rows, "ceilings": ceilings, "berth": berth, "reference": reference, "raw_machine": machine}
    with open(out_path, "w") as f:
        json.dump(result, f, indent=2)
    print(f"results: {out_path}")


if __name__ == "__main__":
    main()
