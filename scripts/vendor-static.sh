#!/usr/bin/env bash
# Vendors the front-end packages we serve into static/vendor/ (no CDN at run time).
# Run it after changing a version below, then commit static/vendor/.
set -euo pipefail
cd "$(dirname "$0")/.."
UTRECHT=@utrecht/component-library-css@9.0.4
HTMX=htmx.org@2.0.11
LEAFLET=leaflet@1.9.4

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm init -y >/dev/null && npm install --no-audit --no-fund "$UTRECHT" "$HTMX" "$LEAFLET" >/dev/null)

dest=static/vendor
rm -rf "$dest" && mkdir -p "$dest/utrecht" "$dest/htmx" "$dest/leaflet"
cp "$work/node_modules/@utrecht/component-library-css/dist/index.css" "$dest/utrecht/utrecht.css"
cp "$work/node_modules/@utrecht/component-library-css/LICENSE.md" "$dest/utrecht/" 2>/dev/null || true
cp "$work/node_modules/htmx.org/dist/htmx.min.js" "$dest/htmx/"
cp "$work/node_modules/htmx.org/LICENSE" "$dest/htmx/" 2>/dev/null || true
cp -r "$work/node_modules/leaflet/dist/." "$dest/leaflet/"
rm -f "$dest"/leaflet/*.map "$dest"/leaflet/leaflet-src*.js
# The source map is not vendored: drop its reference, or collectstatic's manifest fails.
sed -i '/sourceMappingURL=/d' "$dest"/leaflet/leaflet.js
cp "$work/node_modules/leaflet/LICENSE" "$dest/leaflet/" 2>/dev/null || true
echo "Vendored into $dest: $UTRECHT $HTMX $LEAFLET"
