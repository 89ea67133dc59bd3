/* Leaflet's stylesheet without the sections of what tools/vendor-map/leaflet-finder.js leaves out (popups,
 * tooltips, the layers control, the default marker's image path): 1 KB of gzip off opening the map.
 * Leaflet's sections start with a comment naming them; a dropped one ends where the next one starts.
 * Usage: node leaflet-css.js path/to/leaflet.css > trimmed.css */
const fs = require("fs");
const DROP = ["layers control", "Default icon URLs", "popup", "Tooltip", "Base styles for the element that has a tooltip", "Directions"];
const css = fs.readFileSync(process.argv[2], "utf8");
let skipping = false;
const kept = css.split(/(?=^\/\* )/m).filter((part) => {
  const head = part.match(/^\/\* (.*?) \*\//);
  if (head && /^[A-Za-z]/.test(head[1])) skipping = DROP.includes(head[1]);
  return !skipping;
});
for (const name of DROP) {
  if (!css.includes(`/* ${name} */`)) throw new Error(`leaflet.css has no section "${name}": check DROP against the new version`);
}
process.stdout.write(kept.join(""));
