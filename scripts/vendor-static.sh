#!/usr/bin/env bash
# Vendors the front-end packages we serve into static/vendor/ (no CDN at run time).
# Run it after changing a version below, then commit static/vendor/.
set -euo pipefail
cd "$(dirname "$0")/.."
UTRECHT=@utrecht/component-library-css@9.0.4
HTMX=htmx.org@2.0.11
LEAFLET=leaflet@1.9.4
TABLER=@tabler/icons@3.52.0
# Only the pictograms the portal shows (aanbod/icons.py names them; a test checks the
# files exist): the whole set is 6,000 files.
TABLER_ICONS="baby-bottle baby-carriage briefcase calendar-event calendar-time
  clipboard-check coin coin-off coins door-enter arrow-forward-up friends heart-handshake
  heart home language map-pin mood-kid mood-smile school shield-check stethoscope
  ball-football users-group wheelchair"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm init -y >/dev/null && npm install --no-audit --no-fund "$UTRECHT" "$HTMX" "$LEAFLET" "$TABLER" >/dev/null)

dest=static/vendor
rm -rf "$dest" && mkdir -p "$dest/utrecht" "$dest/htmx" "$dest/leaflet" "$dest/tabler"
cp "$work/node_modules/@utrecht/component-library-css/dist/index.css" "$dest/utrecht/utrecht.css"
cp "$work/node_modules/@utrecht/component-library-css/LICENSE.md" "$dest/utrecht/" 2>/dev/null || true
cp "$work/node_modules/htmx.org/dist/htmx.min.js" "$dest/htmx/"
cp "$work/node_modules/htmx.org/LICENSE" "$dest/htmx/" 2>/dev/null || true
cp -r "$work/node_modules/leaflet/dist/." "$dest/leaflet/"
rm -f "$dest"/leaflet/*.map "$dest"/leaflet/leaflet-src*.js
# The source map is not vendored: drop its reference, or collectstatic's manifest fails.
sed -i '/sourceMappingURL=/d' "$dest"/leaflet/leaflet.js
cp "$work/node_modules/leaflet/LICENSE" "$dest/leaflet/" 2>/dev/null || true
for name in $TABLER_ICONS; do
  cp "$work/node_modules/@tabler/icons/icons/outline/$name.svg" "$dest/tabler/"
done
cp "$work/node_modules/@tabler/icons/LICENSE" "$dest/tabler/"
echo "Vendored into $dest: $UTRECHT $HTMX $LEAFLET $TABLER"
