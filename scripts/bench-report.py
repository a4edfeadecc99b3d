#!/usr/bin/env python3
"""Table and JSON for `make bench` (scripts/bench.sh): berth.jsonl and reference.jsonl hold one
berth-loadgen result per line, in the same scenario order (the last one, gc, written by bench.sh for the
reference); machine.jsonl the SHA-256, loopback and verified-loopback ceilings. Usage: bench-report.py BERTH REFERENCE MACHINE OUT.json"""
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
    if name in ("manifest-get", "manifest-head", "manifest-push"):
        return f"{name} c{p['concurrency']}"
    if name == "tags-list":
        where = f" after {p['last']}" if "last" in p else ""
        return (f"tags-list page {p['page']}{where} of {p['tags']} "
                f"(got {p.get('tags_returned', '?')}/{q.get('tags_returned', '?')})")
    if name == "catalog":
        return f"catalog of {p['repos']} repos (got {p.get('repos_returned', '?')}/{q.get('repos_returned', '?')})"
    if name in ("mixed-pull", "mixed-push"):
        return f"{name} ({p['pull_percent']}% pulls) c{p['concurrency']}"
    if name == "gc":
        return (f"gc of {p['images']} images, {p['deleted']} deleted "
                f"(blobs freed {p.get('blobs_freed', '?')}/{q.get('blobs_freed', '?')})")
    return name


def figures(result):
    """(label, value, higher_is_better) for the figures that matter for this scenario."""
    name = result["scenario"]
    if name in ("push-blob", "pull-blob"):
        return [("MB/s", result["mb_per_s"], True), ("p99 ms", result["p99_ms"], False)]
    if name == "gc":
        return [("s", result["seconds"], False)]
    return [("req/s", result["requests_per_s"], True), ("p50 ms", result["p50_ms"], False),
            ("p99 ms", result["p99_ms"], False)]


def main():
    berth, reference, machine = load(sys.argv[1]), load(sys.argv[2]), load(sys.argv[3])
    out_path = sys.argv[4]
    if [b["scenario"] for b in berth] != [r["scenario"] for r in reference]:
        sys.exit("bench-report: the two runs do not hold the same scenarios in the same order: "
                 f"{[b['scenario'] for b in berth]} vs {[r['scenario'] for r in reference]}")
    failed = [x for x in berth + reference + machine if x.get("errors")]
    if failed:
        sys.exit(f"bench-report: {len(failed)} result(s) counted errors; the figures are not valid")
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

    # CPU seconds per GB moved: the server's CPU over the blob phase (bench.sh reads /proc before and after it)
    # over the bytes its push-blob and pull-blob scenarios moved.
    def per_gb(cpu, results):
        moved = sum(r["bytes"] for r in results if r["scenario"] in ("push-blob", "pull-blob")) / 1e9
        return cpu / moved if moved else 0.0
    berth_per_gb = per_gb(float(os.environ.get("BERTH_BLOB_CPU", "0") or 0), berth)
    reference_per_gb = per_gb(float(os.environ.get("REFERENCE_BLOB_CPU", "0") or 0), reference)
    rows.append({"scenario": "server CPU seconds per GB moved (blob scenarios)", "figure": "s/GB",
                 "berth": berth_per_gb, "reference": reference_per_gb,
                 "ratio_berth_over_reference": berth_per_gb / reference_per_gb if reference_per_gb else None,
                 "higher_is_better": False})

    dd_seconds = float(os.environ.get("DD_SECONDS", "0") or 0)
    dd_mib = int(os.environ.get("DD_MIB", "0") or 0)
    ceilings = {"durable_write_mb_per_s": (dd_mib * 1048576 / 1e6 / dd_seconds) if dd_seconds else None}
    for m in machine:
        ceilings[m["scenario"].replace("-", "_") + "_mb_per_s"] = m["mb_per_s"]

    def auth_of(results, fallback):
        target = results[0]["target"] if results else ""
        return target[target.find("(") + 1:target.rfind(")")] if "(" in target else fallback
    berth_auth = auth_of(berth, "?")
    reference_auth = auth_of(reference, "no auth")
    width = max(len(r["scenario"]) for r in rows) + 2
    print()
    print(f"Berth: berthd, {berth_auth}; reference: docker-registry, {reference_auth}. MB = 10^6 bytes.")
    print(f"{'scenario':<{width}}{'figure':<8}{'Berth':>12}{'reference':>12}{'Berth/ref':>11}")
    for r in rows:
        ratio = f"{r['ratio_berth_over_reference']:.2f}" if r["ratio_berth_over_reference"] else "-"
        print(f"{r['scenario']:<{width}}{r['figure']:<8}{r['berth']:>12.2f}{r['reference']:>12.2f}{ratio:>11}")
    print()
    print("machine ceilings (MB/s): " + ", ".join(
        f"{k.replace('_mb_per_s', '')} {v:.0f}" for k, v in ceilings.items() if v is not None))
    print("(got B/R: how many tags or repositories Berth / the reference returned)")
    print("ratios: higher is better for MB/s and req/s, lower is better for ms, s, MiB and CPU s.")

    cpu = ""
    try:
        with open("/proc/cpuinfo") as f:
            cpu = next((line.split(":", 1)[1].strip() for line in f if line.startswith("model name")), "")
    except OSError:
        pass
    result = {"machine": {"nproc": os.cpu_count(), "cpu": cpu, "kernel": platform.release()},
              "berth_auth": berth_auth, "reference_auth": reference_auth,
              "rows": rows, "ceilings": ceilings, "berth": berth, "reference": reference, "raw_machine": machine}
    with open(out_path, "w") as f:
        json.dump(result, f, indent=2)
    print(f"results: {out_path}")


if __name__ == "__main__":
    main()
