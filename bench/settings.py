"""Production settings for the benchmark, with one workaround: source maps left alone.

`static/vendor/leaflet/leaflet.js` ends in `//# sourceMappingURL=leaflet.js.map`, a file
that is not vendored, so the production storage's collectstatic stops (the Docker build
runs the same command; see bench/README.md). Until the vendored file is fixed, the bench
collects with the same storage minus the source-map rewrite. Everything else is
huisvanhetkind.settings.base as read from the environment.
"""

from huisvanhetkind.settings.base import *  # noqa: F403
from huisvanhetkind.settings.base import BASE_DIR, STORAGES

STORAGES["staticfiles"] = {"BACKEND": "bench.storage.ManifestWithoutSourceMaps"}
# Its own folder, so the bench never touches the collected files of other runs.
STATIC_ROOT = BASE_DIR / ".data" / "bench-staticfiles"
