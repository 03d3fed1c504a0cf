"""Do --workers N and --dask give the events of one process? On the seeds and on a corpus.

    python benchmarks/parallel_identity.py [--corpus /tmp/conflictcoder-corpus/mixed-1000.jsonl]

Starts a Dask scheduler and two workers (`dask scheduler`, `dask worker --nthreads 1`) as
separate processes on loopback, runs `conflictcoder code --no-db` with --workers 1, --workers 2
and --dask on each input, and compares the event files byte for byte. The seeds come from
../shared/seeds (the script says so and skips them when absent); the corpus from
benchmarks/make_corpus.py.
"""
from __future__ import annotations

import argparse
import hashlib
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
SHARED = HERE.parents[1] / "shared"
BIN = Path(sys.executable).parent


def start_cluster(tmp: Path) -> tuple[str, list[subprocess.Popen]]:
    log = open(tmp / "scheduler.log", "w")
    sched = subprocess.Popen([str(BIN / "dask"), "scheduler", "--host", "127.0.0.1", "--port", "0",
                              "--no-dashboard"], stderr=log, stdout=log)
    address = None
    for _ in range(300):
        text = (tmp / "scheduler.log").read_text()
        m = re.search(r"Scheduler at:\s+(tcp://[\d.]+:\d+)", text)
        if m:
            address = m.group(1)
            break
        time.sleep(0.1)
    if address is None:
        sched.kill()
        raise SystemExit("the Dask scheduler did not start")
    wlog = open(tmp / "workers.log", "w")
    workers = subprocess.Popen([str(BIN / "dask"), "worker", address, "--nworkers", "2", "--nthreads", "1",
                                "--no-dashboard"], stderr=wlog, stdout=wlog)
    from distributed import Client

    with Client(address) as client:
        client.wait_for_workers(2, timeout=120)
    return address, [workers, sched]


def code(inputs: list[str], out: Path, flags: list[str]) -> tuple[str, int, float]:
    start = time.perf_counter()
    res = subprocess.run([str(BIN / "conflictcoder"), "code", *inputs, "--no-db", "-q", "-o", str(out), *flags])
    if res.returncode not in (0, 1):
        raise SystemExit(f"conflictcoder code {' '.join(flags)} failed ({res.returncode})")
    data = out.read_bytes()
    return hashlib.sha1(data).hexdigest()[:12], data.count(b"\n"), time.perf_counter() - start


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, default=Path("/tmp/conflictcoder-corpus/mixed-1000.jsonl"))
    ap.add_argument("--keep", type=Path, help="keep the event files in this directory")
    args = ap.parse_args(argv)
    inputs = {}
    if (SHARED / "seeds").exists():
        inputs["seeds"] = [str(SHARED / "seeds"), "--meta", str(SHARED / "seeds" / "meta.jsonl")]
    else:
        print(f"{SHARED}/seeds is absent: seeds skipped")
    if args.corpus.exists():
        inputs[args.corpus.name] = [str(args.corpus)]
    else:
        print(f"{args.corpus} is absent (make it with benchmarks/make_corpus.py): corpus skipped")
    if not inputs:
        return 2
    ok = True
    with tempfile.TemporaryDirectory() as tmpdir:
        tmp = Path(tmpdir)
        address, procs = start_cluster(tmp)
        try:
            print(f"Dask scheduler at {address}, 2 worker processes")
            for name, arg in inputs.items():
                keep = args.keep or tmp
                keep.mkdir(parents=True, exist_ok=True)
                runs = {label: code(arg, keep / f"{name}.{label}.jsonl", flags) for label, flags in
                        {"workers=1": ["--workers", "1"], "workers=2": ["--workers", "2"],
                         "dask": ["--dask", address]}.items()}
                same = len({h for h, _, _ in runs.values()}) == 1
                ok &= same
                print(f"{name}: " + "; ".join(f"{k} {n} events sha1 {h} ({s:.0f} s)" for k, (h, n, s) in runs.items())
                      + f" -> {'identical' if same else 'DIFFERENT'}")
        finally:
            for p in procs:
                p.terminate()
            for p in procs:
                p.wait(timeout=30)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
