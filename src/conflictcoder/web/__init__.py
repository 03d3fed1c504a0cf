"""The analyst's dashboard: static pages and scripts served by `conflictcoder serve` (api.py).

`static/` holds the project's own HTML, JavaScript and CSS; `static/vendor/` what `make setup`
installs from npm (`python -m conflictcoder.web.vendor`): Leaflet, and Natural Earth country
outlines from `world-atlas` turned into GeoJSON. Nothing is fetched from a CDN at run time.
"""
from __future__ import annotations

from pathlib import Path

STATIC = Path(__file__).resolve().parent / "static"
VENDOR = STATIC / "vendor"


def vendored() -> bool:
    """Whether the vendored scripts and map data are installed."""
    return all((VENDOR / name).is_file() for name in ("leaflet.js", "leaflet.css", "countries.geojson"))
