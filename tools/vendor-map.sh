#!/bin/sh
# Put the map library of the finder's map into leaguekit/theme/assets/vendor/, each with its licence, from the
# npm registry at the versions pinned in tools/vendor-map/package.json and package-lock.json. No CDN: the site
# serves these files itself.
# - Leaflet: only the parts map.js uses (vendor-map/leaflet-finder.js), bundled from Leaflet's sources with
#   esbuild (27 KB gzip instead of the full build's 42 KB: opening the map must stay within 60 KB gzip); its
#   stylesheet without the sections of what is left out (vendor-map/leaflet-css.js) and minified (2.3 KB
#   instead of 3.5 KB); its marker images as published.
# - Supercluster for clustering, with KDBush bundled in its build, as published.
# Update: change the versions in tools/vendor-map/package.json, run `npm install --ignore-scripts` there
# (rewrites package-lock.json), then this script; commit all three and the copied files.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
dest="$here/../leaguekit/theme/assets/vendor"
cd "$here/vendor-map"
npm ci --ignore-scripts --no-audit --no-fund
rm -rf "$dest"
mkdir -p "$dest/leaflet" "$dest/supercluster"
version=$(node -p 'require("./node_modules/leaflet/package.json").version')
node_modules/.bin/esbuild leaflet-finder.js --bundle --minify --format=iife --global-name=L --target=es2015 \
  --legal-comments=none --log-level=warning --outfile="$dest/leaflet/leaflet.js" \
  --banner:js="/* @preserve Leaflet $version (the parts tools/vendor-map/leaflet-finder.js names), a JS library for interactive maps. https://leafletjs.com (c) 2010-2023 Vladimir Agafonkin, (c) 2010-2011 CloudMade */"
node leaflet-css.js node_modules/leaflet/dist/leaflet.css | node_modules/.bin/esbuild --loader=css --minify --log-level=warning \
  --banner="/* Leaflet $version's stylesheet without popups, tooltips and the layers control (tools/vendor-map/leaflet-css.js) */" \
  > "$dest/leaflet/leaflet.css"
cp node_modules/leaflet/LICENSE "$dest/leaflet/"
cp -R node_modules/leaflet/dist/images "$dest/leaflet/images"
cp node_modules/supercluster/dist/supercluster.min.js "$dest/supercluster/"
cp node_modules/supercluster/LICENSE "$dest/supercluster/LICENSE"
cp node_modules/kdbush/LICENSE "$dest/supercluster/LICENSE.kdbush"
find "$dest" -type f -exec chmod 644 {} +
node -e 'for (const p of ["leaflet", "supercluster", "kdbush", "esbuild"]) console.log(p, require("./node_modules/" + p + "/package.json").version)' > "$dest/VERSIONS"
rm -rf node_modules
