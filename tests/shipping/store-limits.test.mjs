// Store limits (issue #15): every text and image the Chrome Web Store, Edge Add-ons and Firefox
// Add-ons take from us fits that store's limits (store/limits.json), in every language.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchChromium } from '../support/chromium.mjs';
import { artworkBox } from '../../store/tools/artwork-box.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const STORE = path.join(ROOT, 'store');
const LIMITS = JSON.parse(fs.readFileSync(path.join(STORE, 'limits.json'), 'utf8'));
const STORES = ['chrome', 'edge', 'firefox'];
const LANGS = ['en', 'de'];
const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'manifest.json'), 'utf8'));
const LOCALES = fs.readdirSync(path.join(ROOT, 'extension', '_locales'));
const messages = (locale) => JSON.parse(fs.readFileSync(path.join(ROOT, 'extension', '_locales', locale, 'messages.json'), 'utf8'));
const listing = (lang) => JSON.parse(fs.readFileSync(path.join(STORE, lang, 'listing.json'), 'utf8'));
const description = (lang) => fs.readFileSync(path.join(STORE, lang, 'description.md'), 'utf8').trim();
// Characters as people (and the stores' counters) count them, not UTF-16 code units.
const length = (s) => [...s].length;

/** Width and height from a PNG's IHDR chunk. */
function pngSize(file) {
  const b = fs.readFileSync(file);
  assert.equal(b.toString('latin1', 1, 4), 'PNG', `${path.relative(ROOT, file)} is not a PNG`);
  return [b.readUInt32BE(16), b.readUInt32BE(20)];
}

test('the manifest description fits 132 characters in every locale, and the name every store', () => {
  assert.ok(LOCALES.includes('en') && LOCALES.includes('de'));
  const nameMax = Math.min(...STORES.map((s) => LIMITS[s].nameMax));
  for (const locale of LOCALES) {
    const m = messages(locale);
    const desc = m.extDescription.message;
    assert.ok(length(desc) <= LIMITS.chrome.summaryMax, `${locale}: description has ${length(desc)} characters: "${desc}"`);
    assert.ok(length(m.extName.message) <= nameMax, `${locale}: name "${m.extName.message}" is longer than ${nameMax}`);
  }
  assert.ok(length(manifest.short_name) <= 12, 'short_name fits 12 characters (the app launcher)');
});

for (const lang of LANGS) {
  test(`${lang}: the listing's texts fit every store`, () => {
    const l = listing(lang);
    const msgs = messages(lang);
    assert.equal(l.name, msgs.extName.message, 'the listing name is the manifest name');
    // Chrome and Edge show the manifest description as the summary: the two must be one text.
    assert.equal(l.summary, msgs.extDescription.message, 'summary = the manifest description');
    for (const s of STORES) {
      assert.ok(length(l.name) <= LIMITS[s].nameMax, `${s}: name`);
      const summary = s === 'firefox' ? l.firefoxSummary : l.summary;
      assert.ok(summary && length(summary) <= LIMITS[s].summaryMax, `${s}: summary has ${length(summary ?? '')} characters, limit ${LIMITS[s].summaryMax}`);
      const d = description(lang);
      assert.ok(length(d) <= LIMITS[s].descriptionMax, `${s}: description too long`);
      assert.ok(length(d) >= (LIMITS[s].descriptionMin ?? 1), `${s}: description has ${length(d)} characters, at least ${LIMITS[s].descriptionMin}`);
    }
    assert.ok(l.singlePurpose?.length > 50, 'single purpose statement');
  });

  test(`${lang}: a justification for exactly the permissions the manifest asks for, remote code none, no data collected`, () => {
    const l = listing(lang);
    const wanted = [...manifest.permissions, 'hostPermissions'].sort();
    assert.deepEqual(Object.keys(l.permissions).sort(), wanted);
    for (const [p, why] of Object.entries(l.permissions)) assert.ok(why.length >= 40, `${p}: say why`);
    assert.equal(l.remoteCode.uses, false);
    assert.deepEqual(l.dataUse.collects, []);
    assert.ok(Object.values(l.dataUse.chromeDisclosures).every((v) => v === false), 'no Chrome data category is collected');
    assert.deepEqual(l.dataUse.firefoxDataCollectionPermissions, manifest.browser_specific_settings.gecko.data_collection_permissions.required);
    assert.equal(l.dataUse.certifications.length, 3);
  });

  test(`${lang}: screenshots (light and dark) and the promotional tile have the stores' sizes`, () => {
    const l = listing(lang);
    assert.ok(l.screenshots.length >= 1 && l.screenshots.length <= LIMITS.chrome.screenshotsMax, 'Chrome takes 1 to 5 screenshots');
    const allowed = (s) => LIMITS[s].screenshotSizes.map(([w, h]) => `${w}x${h}`);
    const images = fs.readdirSync(path.join(STORE, 'images'));
    const shots = images.filter((f) => f.startsWith('screenshot-') && f.includes(`-${lang}-`));
    for (const theme of ['light', 'dark']) assert.ok(shots.some((f) => f.endsWith(`-${lang}-${theme}.png`)), `no ${theme} screenshot in ${lang}`);
    for (const f of [...shots, ...l.screenshots.map((s) => path.basename(s.file))]) {
      const [w, h] = pngSize(path.join(STORE, 'images', f));
      for (const s of STORES) assert.ok(allowed(s).includes(`${w}x${h}`), `${f} is ${w}x${h}; ${s} takes ${allowed(s).join(' or ')}`);
    }
    for (const s of l.screenshots) assert.ok(s.caption?.length > 10, `${s.file}: caption`);
    const [tw, th] = pngSize(path.join(STORE, l.promoTile));
    assert.deepEqual([tw, th], LIMITS.chrome.promoTile, 'promotional tile');
  });
}

test('icons have their declared sizes, and the 128 px icon keeps 16 px of transparent padding', async () => {
  for (const [size, file] of Object.entries(manifest.icons)) {
    assert.deepEqual(pngSize(path.join(ROOT, 'extension', file)), [Number(size), Number(size)], file);
  }
  const { size, padding } = LIMITS.chrome.icon;
  const browser = await launchChromium();
  try {
    const page = await browser.newPage();
    const b64 = fs.readFileSync(path.join(ROOT, 'extension', manifest.icons[String(size)])).toString('base64');
    const box = await page.evaluate(artworkBox, b64);
    assert.ok(box.maxX >= 0, 'the icon is not empty');
    const inner = size - padding;
    assert.ok(box.minX >= padding && box.minY >= padding && box.maxX < inner && box.maxY < inner,
      `artwork spans x ${box.minX}..${box.maxX}, y ${box.minY}..${box.maxY}; it must stay within ${padding}..${inner - 1}`);
  } finally {
    await browser.close();
  }
});
