#!/usr/bin/env python3
"""Benchmark harness: integ next to the parse floor and other tools, measured in one run.

    python3 bench/run.py            # full run: corpus x 40 + 1 MB / 10 MB synthetic files
    python3 bench/run.py --quick    # smoke run for CI: tiny batch, one round, no external tools

Every time is the median of several runs of the whole process (wall clock). Each run of a
command comes right after a run of the parse floor, and its ratio to the floor is the median of
those paired ratios, so the machine's drift during the run cancels out; peak memory is the maximum resident set size from
/usr/bin/time. External tools (ajv-cli, check-jsonschema, jq) are installed into bench/.tools
when missing and skipped with a note when their registry cannot be reached.
"""

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TOOLS = ROOT / "bench" / ".tools"
DATA = ROOT / "target" / "bench-data"
INTEG = ROOT / "target" / "release" / "integ"
FLOOR = ROOT / "target" / "release" / "examples" / "parse_floor"
GENERATE = ROOT / "target" / "release" / "examples" / "generate"
SCHEMA = ROOT / "schemas" / "integration-version.schema.json"
RENAME = ("`Task_1_responseBody`", "`Task_1_body`")


def sh(cmd, **kw):
    return subprocess.run(cmd, check=True, **kw)


def timed(cmd, setup=None, expect=(0, 1)):
    """Runs cmd once under /usr/bin/time; returns (seconds, peak KB)."""
    if setup:
        setup()
    with tempfile.NamedTemporaryFile("r", suffix=".time") as out:
        full = ["/usr/bin/time", "-f", "%e %M", "-o", out.name, *cmd] if isinstance(cmd, list) else \
            ["/usr/bin/time", "-f", "%e %M", "-o", out.name, "sh", "-c", cmd]
        start = time.perf_counter()
        proc = subprocess.run(full, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        seconds = time.perf_counter() - start
        if proc.returncode not in expect:
            raise RuntimeError(f"{cmd} exited {proc.returncode}: {proc.stderr[-500:]}")
        kb = out.read().split()[-1]
        return seconds, int(kb)


def measure(name, cmd, runs, setup=None, expect=(0, 1), floor=None, warmup=False):
    """Times `cmd` `runs` times. With `floor` (the floor's command), each run comes right after
    a run of the floor and the ratio is the median of those paired ratios: this VM's speed
    drifts by a third within minutes, and a drift then moves both sides of a ratio alike."""
    if warmup:
        timed(cmd, setup, expect)
    samples, ratios, floors = [], [], []
    for _ in range(runs):
        if floor:
            floors.append(timed(floor)[0])
        samples.append(timed(cmd, setup, expect))
        if floor:
            ratios.append(samples[-1][0] / floors[-1])
    return {"name": name, "seconds": statistics.median(s for s, _ in samples), "times": [s for s, _ in samples],
            "ratio": statistics.median(ratios) if ratios else 1.0, "floor_seconds": floors,
            "peak_mb": max(k for _, k in samples) / 1024, "runs": runs}


class FreshCopies:
    """Fresh copies of the batch for commands that rewrite it, all made before any timing.

    Each run gets its own untouched copy, moved into place by one rename. Nothing is deleted
    until the end: on ext4 without a journal (this VM's disk), deleting a few thousand files
    right before a timed run makes every inode the run creates skip over the recently freed
    ones (`recently_deleted` in the kernel's inode allocator), which measured the harness's
    `rm -rf` and not the command.
    """

    def __init__(self, batch, work):
        self.batch, self.work, self.made, self.used = batch, work, 0, 0

    def __call__(self, runs):
        staged = []
        for _ in range(runs):
            self.made += 1
            staged.append(self.work / f"copy-{self.made}")
            shutil.copytree(self.batch, staged[-1])
        sh(["sync"])

        def next_copy():
            target = self.work / "batch"
            if target.exists():
                self.used += 1
                target.rename(self.work / f"used-{self.used}")
            staged.pop(0).rename(target)
        return next_copy


def ensure_tool(name, install):
    try:
        return install()
    except Exception as e:  # registry unreachable or install failed: skip with a note
        print(f"note: {name} skipped ({e})", file=sys.stderr)
        return None


def ajv():
    exe = TOOLS / "node_modules" / ".bin" / "ajv"
    if not exe.exists():
        sh(["npm", "install", "--silent", "--prefix", str(TOOLS), "ajv-cli@5", "ajv-formats@2"],
           stdout=subprocess.DEVNULL, timeout=300)
    return exe


def check_jsonschema():
    venv = TOOLS / "venv"
    exe = venv / "bin" / "check-jsonschema"
    if not exe.exists():
        sh([sys.executable, "-m", "venv", str(venv)])
        sh([str(venv / "bin" / "pip"), "install", "-q", "check-jsonschema"], timeout=300)
    return exe


def jq():
    found = shutil.which("jq")
    if not found:
        sh(["apt-get", "install", "-y", "-q", "jq"], stdout=subprocess.DEVNULL, timeout=300)
        found = shutil.which("jq")
    return found


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="tiny batch, one run, integ only (CI smoke test)")
    parser.add_argument("--runs", type=int, default=7, help="runs of the floor and of each integ command")
    parser.add_argument("--tool-runs", type=int, default=3, help="runs of each other tool (ajv-cli, ...)")
    parser.add_argument("--copies", type=int, default=40)
    parser.add_argument("--json", help="also write the results as JSON to this file")
    args = parser.parse_args()
    runs, tool_runs, copies = (1, 1, 2) if args.quick else (args.runs, args.tool_runs, args.copies)

    sh(["cargo", "build", "--release", "--quiet", "--bins", "--examples"], cwd=ROOT)
    data = DATA / ("quick" if args.quick else "full")
    sh([str(GENERATE), str(ROOT.parent / "shared" / "corpus"), str(data), str(copies)],
       stdout=subprocess.DEVNULL)
    batch, large = data / "batch", data / "large"
    one_copy = batch / "copy-000"
    files = sum(1 for _ in batch.rglob("*.json"))
    size_mb = sum(p.stat().st_size for p in batch.rglob("*.json")) / 1e6
    batch_largest = max(p.stat().st_size for p in batch.rglob("*.json")) / 2**20
    largest = max(batch_largest, *(p.stat().st_size / 2**20 for p in large.glob("*.json")))

    work = Path(tempfile.mkdtemp(prefix="integ-bench-", dir=DATA))
    copies_for = FreshCopies(batch, work)

    floor_cmd = [str(FLOOR), str(batch)]
    rows = [measure("parse floor (serde_json, all cores)", floor_cmd, runs, warmup=True)]
    integ_rows = [
        ("integ check DIR", [str(INTEG), "check", "-q", str(batch)], None),
        ("integ fmt --check DIR", [str(INTEG), "fmt", "--check", "-q", str(batch)], None),
        (f"integ rename --var (in place, {RENAME[0]})",
         [str(INTEG), "rename", "-q", "--var", f"{RENAME[0]}={RENAME[1]}", str(work / "batch")], copies_for(runs)),
        ("integ check --fix DIR (in place)",
         [str(INTEG), "check", "--fix", "-q", str(work / "batch")], copies_for(runs)),
        ("integ diff 10 MB vs 10 MB", [str(INTEG), "diff", str(large / "int-10mb.json"), str(large / "int-10mb-v2.json")],
         None),
        ("integ check, 55 files (one copy)", [str(INTEG), "check", "-q", str(one_copy)], None),
        ("integ check, one 1 MB file", [str(INTEG), "check", "-q", str(large / "int-1mb.json")], None),
        ("integ check, one 10 MB file", [str(INTEG), "check", "-q", str(large / "int-10mb.json")], None),
        ("integ check, one ~50 KB file", [str(INTEG), "check", "-q", str(large / "int-50kb.json")], None),
    ]
    for name, cmd, setup in integ_rows:
        probe = subprocess.run([str(INTEG), cmd[1], "--help"], capture_output=True)
        if probe.returncode != 0:
            print(f"note: {name} skipped (no `{cmd[1]}` command in this build)", file=sys.stderr)
            continue
        rows.append(measure(name, cmd, runs, setup, floor=floor_cmd, warmup=setup is None))

    if not args.quick and SCHEMA.exists():
        listing = work / "files.txt"
        listing.write_text("\n".join(str(p) for p in sorted(batch.rglob("*.json"))))
        exe = ensure_tool("ajv-cli", ajv)
        if exe:
            rows.append(measure("ajv-cli validate (schema)",
                                f"{exe} validate --spec=draft2020 --strict=false -c ajv-formats -s {SCHEMA} "
                                f"-d '{batch}/**/*.json' > /dev/null", tool_runs, expect=(0, 1),
                                floor=floor_cmd, warmup=True))
        exe = ensure_tool("check-jsonschema", check_jsonschema)
        if exe:
            rows.append(measure("check-jsonschema (schema)",
                                f"xargs -a {listing} {exe} --schemafile {SCHEMA} > /dev/null", tool_runs,
                                expect=(0, 1, 123), floor=floor_cmd, warmup=True))
        exe = ensure_tool("jq", jq)
        if exe:
            old, new = RENAME
            program = (f'walk(if type == "string" then gsub("\\\\$\\\\{old}\\\\$"; "$\\\\{new}$") '
                       f'elif type == "object" and .key == "{old}" then .key = "{new}" else . end)')
            script = (f"find {work}/batch -name '*.json' -print0 | xargs -0 -P2 -I{{}} sh -c "
                      f"'{exe} {json.dumps(program)} \"$1\" > \"$1.tmp\" && mv \"$1.tmp\" \"$1\"' _ {{}}")
            rows.append(measure("jq rename one-liner (xargs -P2)", script, tool_runs, copies_for(tool_runs),
                                floor=floor_cmd))
    shutil.rmtree(work, ignore_errors=True)
    # The floor's row: every run of it, alone and paired.
    all_floors = [t for r in rows for t in r["floor_seconds"]]
    rows[0]["seconds"] = statistics.median(all_floors + rows[0]["times"])

    print(f"\nBatch: {files} files, {size_mb:.1f} MB (corpus x {copies}); largest file {largest:.1f} MiB; "
          f"(batch's largest {batch_largest:.1f} MiB); median of {runs} run(s) of integ, {tool_runs} of other "
          f"tools, each right after a run of the floor; {os.cpu_count()} cores")
    print(f"| {'command':<48} | {'median s':>9} | {'x floor':>8} | {'peak MB':>8} |")
    print(f"|{'-' * 50}|{'-' * 11}|{'-' * 10}|{'-' * 10}|")
    for r in rows:
        print(f"| {r['name']:<48} | {r['seconds']:>9.3f} | {r['ratio']:>8.2f} | {r['peak_mb']:>8.1f} |")
    by = {r["name"]: r for r in rows}
    check_all, check_one = by.get("integ check DIR"), by.get("integ check, 55 files (one copy)")
    print("\nTargets (issue 6), from this run:")

    def target(label, value, limit, unit=""):
        verdict = "ok" if value <= limit else "MISSED"
        print(f"  {label:<58} {value:>8.2f}{unit} <= {limit:.1f}{unit}  {verdict}")

    for name, limit in (("integ check DIR", 2.0), ("integ fmt --check DIR", 2.0), (integ_rows[2][0], 3.0)):
        if name in by:
            target(f"{name} / floor", by[name]["ratio"], limit, "x")
    if check_all and check_one:
        target(f"check peak memory, {files} files / 55 files", check_all["peak_mb"] / check_one["peak_mb"], 1.5, "x")
        target("check peak memory, MB (limit: 10 x largest batch file + 30 MB)", check_all["peak_mb"],
               10 * batch_largest + 30)
    if "integ check, one 10 MB file" in by:
        size = (large / "int-10mb.json").stat().st_size / 2**20
        target(f"check peak memory on the {size:.1f} MiB file, MB (limit: 10 x it + 30 MB)",
               by["integ check, one 10 MB file"]["peak_mb"], 10 * size + 30)
    if "integ check, one ~50 KB file" in by:
        target("one ~50 KB file, whole process, ms", by["integ check, one ~50 KB file"]["seconds"] * 1000, 20)
    if check_all and "integ check --fix DIR (in place)" in by:
        fixing = by["integ check --fix DIR (in place)"]
        print(f"integ check --fix DIR: {fixing['ratio'] / check_all['ratio']:.2f}x the time of integ check DIR")
    for tool in ("ajv-cli validate (schema)", "check-jsonschema (schema)", "jq rename one-liner (xargs -P2)"):
        if tool in by:
            mine = check_all if "rename" not in tool else by.get(integ_rows[2][0])
            if mine:
                print(f"{tool}: {by[tool]['ratio'] / mine['ratio']:.1f}x the time of {mine['name']}")
    if args.json:
        Path(args.json).write_text(json.dumps(rows, indent=2) + "\n")


if __name__ == "__main__":
    main()
