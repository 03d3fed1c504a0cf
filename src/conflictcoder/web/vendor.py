"""Install the dashboard's third-party files from npm into `static/vendor/` (run by `make setup`):

    python -m conflictcoder.web.vendor

`npm pack` fetches the pinned tarballs (leaflet, world-atlas) through npm's own client; Leaflet's
script, stylesheet and images are copied as they are; world-atlas's TopoJSON country outlines
(Natural Earth 1:110m) are decoded to GeoJSON here, with no JavaScript run.
"""
from __future__ import annotations

import json
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

from . import VENDOR

PACKAGES = {"leaflet": "1.9.4", "world-atlas": "2.0.2"}


def unwrap(ring: list) -> list:
    """A ring that crosses the antimeridian (Russia's Chukotka, Fiji) made continuous: a step of
    more than 180 degrees of longitude is taken the short way round (past +-180), so the map draws
    no line across the whole world. A ring that goes round a pole (Antarctica) does not close when
    unwrapped, and is left as it is."""
    out, shift = [], 0.0
    for k, (x, y) in enumerate(ring):
        if k:
            step = x - ring[k - 1][0]
            if step > 180:
                shift -= 360
            elif step < -180:
                shift += 360
        out.append([x + shift, y] if shift else [x, y])
    return out if not out or out[0] == out[-1] else [list(p) for p in ring]


def topo_to_geojson(topo: dict, name: str) -> dict:
    """A TopoJSON object (quantized, delta-encoded arcs) as a GeoJSON FeatureCollection."""
    scale, shift = topo["transform"]["scale"], topo["transform"]["translate"]
    arcs = []
    for arc in topo["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append([round(x * scale[0] + shift[0], 4), round(y * scale[1] + shift[1], 4)])
        arcs.append(points)

    def ring(indexes):
        out = []
        for i in indexes:
            pts = arcs[i] if i >= 0 else arcs[~i][::-1]
            out.extend(pts if not out else pts[1:])
        return unwrap(out)

    features = []
    for geom in topo["objects"][name]["geometries"]:
        if geom["type"] == "Polygon":
            g = {"type": "Polygon", "coordinates": [ring(r) for r in geom["arcs"]]}
        elif geom["type"] == "MultiPolygon":
            g = {"type": "MultiPolygon", "coordinates": [[ring(r) for r in p] for p in geom["arcs"]]}
        else:
            continue
        features.append({"type": "Feature", "id": geom.get("id"),
                         "properties": {"name": (geom.get("properties") or {}).get("name")}, "geometry": g})
    return {"type": "FeatureCollection", "features": features}


def install(target: Path = VENDOR) -> list[Path]:
    target.mkdir(parents=True, exist_ok=True)
    written = []
    with tempfile.TemporaryDirectory() as tmp:
        specs = [f"{k}@{v}" for k, v in PACKAGES.items()]
        subprocess.run(["npm", "pack", "--silent", *specs], cwd=tmp, check=True, stdout=subprocess.DEVNULL)
        for tgz in Path(tmp).glob("*.tgz"):
            with tarfile.open(tgz) as tar:
                tar.extractall(Path(tmp) / tgz.stem, filter="data")
        lf = Path(tmp) / f"leaflet-{PACKAGES['leaflet']}" / "package" / "dist"
        for name in ("leaflet.js", "leaflet.css", "images/marker-icon.png", "images/layers.png"):
            out = target / name
            out.parent.mkdir(parents=True, exist_ok=True)
            out.write_bytes((lf / name).read_bytes())
            written.append(out)
        atlas = Path(tmp) / f"world-atlas-{PACKAGES['world-atlas']}" / "package" / "countries-110m.json"
        geo = topo_to_geojson(json.loads(atlas.read_text()), "countries")
        out = target / "countries.geojson"
        out.write_text(json.dumps(geo, separators=(",", ":")))
        written.append(out)
        (target / "LICENSES.txt").write_text(
            "leaflet 1.9.4: BSD-2-Clause, (c) Volodymyr Agafonkin, CloudMade.\n"
            "world-atlas 2.0.2: ISC, Mike Bostock; outlines from Natural Earth (public domain).\n")
    return written


if __name__ == "__main__":
    # The coder, the store and the API work without these files: a machine without npm still sets
    # up (make demo, make test), and only the dashboard's map lacks its library and outlines.
    try:
        files = install()
    except (OSError, subprocess.CalledProcessError) as exc:
        sys.stderr.write(f"note: the dashboard's map files were not installed from npm ({exc}); everything "
                         "else works. Fix: install node and npm (apt-get install npm), then rerun "
                         "`python -m conflictcoder.web.vendor`.\n")
        raise SystemExit(0)
    sys.stderr.write(f"installed {len(files)} dashboard files into {VENDOR}\n")
