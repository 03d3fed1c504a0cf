"""Gazetteer cost: build time (into a fresh temporary directory), open time, first-lookup time
and resident memory, measured without psutil (from /proc/self/status, else resource.getrusage).

    .venv/bin/python benchmarks/gazetteer_load.py [--skip-build]

--skip-build opens the index in the user cache (building it there only if missing).
"""
from __future__ import annotations

import argparse
import resource
import sys
import tempfile
import time
from pathlib import Path


def rss_mb() -> tuple[float, float]:
    """(current, peak) resident memory of this process in MB."""
    try:
        fields = dict(line.split(":", 1) for line in Path("/proc/self/status").read_text().splitlines() if ":" in line)
        return int(fields["VmRSS"].split()[0]) / 1024, int(fields["VmHWM"].split()[0]) / 1024
    except (OSError, KeyError, ValueError):
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kB on Linux
        return peak, peak


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--skip-build", action="store_true", help="do not time a build; open the cached index")
    args = parser.parse_args()

    from conflictcoder.resolve.gazetteer import INDEX_FILENAME, Gazetteer
    from conflictcoder.settings import default_cache_dir

    base, _ = rss_mb()
    print(f"python + imports: rss {base:.0f} MB")
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / INDEX_FILENAME if not args.skip_build else default_cache_dir() / INDEX_FILENAME
        if not args.skip_build:
            t = time.perf_counter()
            Gazetteer.open(path).close()
            now, peak = rss_mb()
            print(f"build: {time.perf_counter() - t:.1f} s, index {path.stat().st_size / 1e6:.0f} MB, "
                  f"peak rss during build {peak:.0f} MB")
        # Opening in a fresh process is what a user pays at each start: measure it in a child.
        import subprocess

        code = (
            "import time,sys; t=time.perf_counter();"
            "from conflictcoder.resolve.gazetteer import Gazetteer;"
            f"g=Gazetteer.open({str(path)!r}); t1=time.perf_counter();"
            "g.lookup('Bishkek'); t2=time.perf_counter();"
            "[g.lookup(n) for n in ('Osh','Almaty','London','Paris','Kandahar','Queensland','Springfield')]; t3=time.perf_counter();"
            "from pathlib import Path;"
            "f=dict(l.split(':',1) for l in Path('/proc/self/status').read_text().splitlines() if ':' in l);"
            "print(f'open: {(t1-t)*1000:.0f} ms (import included), first lookup {(t2-t1)*1000:.1f} ms, '"
            "f'7 more lookups {(t3-t2)*1000:.1f} ms, rss {int(f[\"VmRSS\"].split()[0])/1024:.0f} MB')"
        )
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
        print(out.stdout.strip() or out.stderr.strip())
    return 0


if __name__ == "__main__":
    sys.exit(main())
