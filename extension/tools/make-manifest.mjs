// Writes the manifest of one browser from the base manifest.json. Chrome and Edge get
// a service worker and no Gecko settings (Edge's store rejects background.scripts in
// MV3); Firefox gets background scripts, its add-on id and no Chromium-only permissions.
// No package carries the manifest's `key`: the Chrome Web Store and Edge Add-ons refuse an
// upload with one ("key field is not allowed in manifest"), and Firefox does not know it. The
// key stays in the base manifest for source installs (docs/admin/README.md, "Extension ids").
import fs from 'node:fs';

const [baseFile, browser, outFile] = process.argv.slice(2);
const m = JSON.parse(fs.readFileSync(baseFile, 'utf8'));
const CHROMIUM_ONLY_PERMISSIONS = ['offscreen'];
delete m.key;

if (browser === 'firefox') {
  m.background = { scripts: m.background.scripts, type: m.background.type };
  m.permissions = (m.permissions ?? []).filter((p) => !CHROMIUM_ONLY_PERMISSIONS.includes(p));
  delete m.minimum_chrome_version;
} else if (browser === 'chrome' || browser === 'edge') {
  m.background = { service_worker: m.background.service_worker, type: m.background.type };
  delete m.browser_specific_settings;
} else {
  throw new Error(`unknown browser ${browser}`);
}
fs.writeFileSync(outFile, `${JSON.stringify(m, null, 2)}\n`);
