#!/bin/sh
# Copy the map library of the finder's map (Leaflet, and Supercluster for clustering with KDBush bundled in its
# build, from the npm registry at the versions pinned in tools/vendor-map/package.json and package-lock.json) into
# leaguekit/theme/assets/vendor/, each with its licence. No CDN: the site serves these files itself.
# Update: change the versions in tools/vendor-map/package.json, run `npm install --ignore-scripts` there
# (rewrites package-lock.json), then this script; commit all three and the copied files.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
dest="$here/../leaguekit/theme/assets/vendor"
cd "$here/vendor-map"
npm ci --ignore-scripts --no-audit --no-fund
rm -rf "$dest"
mkdir -p "$dest/leaflet" "$dest/supercluster"
cp node_modules/leaflet/dist/leaflet.js node_modules/leaflet/dist/leaflet.css node_modules/leaflet/LICENSE "$dest/leaflet/"
cp -R node_modules/leaflet/dist/images "$dest/leaflet/images"
cp node_modules/supercluster/dist/supercluster.min.js "$dest/supercluster/"
cp node_modules/supercluster/LICENSE "$dest/supercluster/LICENSE"
cp node_modules/kdbush/LICENSE "$dest/supercluster/LICENSE.kdbush"
find "$dest" -type f -exec chmod 644 {} +
node -e 'for (const p of ["leaflet", "supercluster", "kdbush"]) console.log(p, require("./node_modules/" + p + "/package.json").version)' > "$dest/VERSIONS"
rm -rf node_modules
