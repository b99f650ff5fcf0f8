// Security suite (issue #7), static half: what each built package asks the browser for.
// Permissions, hosts and CSP are the user-visible promise ("reads only the token page,
// talks to no server"); a new permission or host must be a deliberate edit of the lists
// below, reviewed like code, never a side effect of a manifest change.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
// DIST_DIR lets a reviewer point the suite at another build (or a deliberately broken copy).
const DIST = path.resolve(process.env.DIST_DIR ?? path.join(ROOT, 'dist'));
const BROWSERS = ['chrome', 'edge', 'firefox'];
const CHROMIUM = new Set(['chrome', 'edge']);

// Everything PAT Guard may ever request. Explicit on purpose: do not derive it from manifest.json.
const ALLOWED_PERMISSIONS = new Set(['storage', 'clipboardWrite', 'clipboardRead', 'offscreen', 'alarms', 'notifications', 'scripting']);
const CHROMIUM_ONLY = new Set(['offscreen']); // Firefox has no offscreen API (and web-ext lint flags it)
// Self-hosted Azure DevOps Server hosts cannot be listed statically: they are asked for at
// runtime (permissions.request), so they may only ever appear as *optional* host permissions.
const ALLOWED_OPTIONAL_HOSTS = new Set(['https://*/*', 'http://*/*']);
const ADO_MATCHES = ['https://dev.azure.com/*', 'https://*.visualstudio.com/*'];
// URLs the extension may name in code: pages it opens for the user (the token page), never
// fetches — tests/e2e/network.test.mjs checks the never. Everything else is a finding.
const NAVIGATION_URLS = ['https://dev.azure.com/'];
// Everything from the package only; wasm may compile; no plugins, no <base>, no form posts.
const EXTENSION_PAGES_CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; object-src 'none'; base-uri 'none'; form-action 'none'";

const base = JSON.parse(fs.readFileSync(path.join(ROOT, 'manifest.json'), 'utf8'));

function load(browser) {
  const file = path.join(DIST, browser, 'manifest.json');
  // A missing build fails the suite: a skipped security test reads as a passed one.
  assert.ok(fs.existsSync(file), `${file} is missing: run ./build.sh first`);
  return JSON.parse(fs.readFileSync(file, 'utf8'));
}

function filesUnder(dir, exts) {
  const out = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...filesUnder(p, exts));
    else if (exts.includes(path.extname(entry.name))) out.push(p);
  }
  return out;
}

test('the base manifest asks only for allow-listed permissions', () => {
  for (const p of [...(base.permissions ?? []), ...(base.optional_permissions ?? [])]) {
    assert.ok(ALLOWED_PERMISSIONS.has(p), `manifest.json requests "${p}", which is not on the allow-list`);
  }
});

for (const browser of BROWSERS) {
  test(`${browser}: permissions are the base set, allow-listed, browser-appropriate`, () => {
    const m = load(browser);
    const expected = (base.permissions ?? []).filter((p) => CHROMIUM.has(browser) || !CHROMIUM_ONLY.has(p));
    assert.deepEqual(m.permissions ?? [], expected, 'dist permissions differ from manifest.json');
    for (const p of [...(m.permissions ?? []), ...(m.optional_permissions ?? [])]) {
      assert.ok(ALLOWED_PERMISSIONS.has(p), `requests "${p}", not on the allow-list`);
      if (!CHROMIUM.has(browser)) assert.ok(!CHROMIUM_ONLY.has(p), `Chromium-only permission "${p}" in the Firefox build`);
    }
  });

  test(`${browser}: no host permissions, only optional ones for self-hosted servers`, () => {
    const m = load(browser);
    assert.deepEqual(m.host_permissions ?? [], [], 'host_permissions must stay empty');
    for (const h of m.optional_host_permissions ?? []) {
      assert.ok(ALLOWED_OPTIONAL_HOSTS.has(h), `optional host permission "${h}" is not allow-listed`);
    }
    // MV2-style hosts hidden in permissions would be granted at install time.
    for (const p of m.permissions ?? []) assert.ok(!/[:/*]/.test(p), `host pattern "${p}" inside permissions`);
  });

  test(`${browser}: content scripts run exactly on dev.azure.com and *.visualstudio.com`, () => {
    const m = load(browser);
    assert.ok(m.content_scripts?.length > 0, 'no content_scripts');
    for (const cs of m.content_scripts) {
      assert.deepEqual([...cs.matches].sort(), [...ADO_MATCHES].sort(), 'content_scripts.matches');
      assert.equal(cs.match_about_blank ?? false, false, 'match_about_blank widens the hosts');
      assert.equal(cs.match_origin_as_fallback ?? false, false, 'match_origin_as_fallback widens the hosts');
      for (const js of cs.js ?? []) assert.ok(fs.existsSync(path.join(DIST, browser, js)), `content script ${js} missing`);
    }
  });

  test(`${browser}: extension pages CSP is exactly the wasm-only policy`, () => {
    const m = load(browser);
    assert.equal(typeof m.content_security_policy, 'object', 'MV3 needs the object form');
    assert.deepEqual(Object.keys(m.content_security_policy), ['extension_pages'], 'no sandbox or other CSP keys');
    assert.equal(m.content_security_policy.extension_pages, EXTENSION_PAGES_CSP);
  });

  test(`${browser}: no other extension or web page may message it; not in private windows`, () => {
    const m = load(browser);
    // Absent, Chromium lets every other extension connect; empty lists let none. Firefox
    // ignores the key: there only runtime.onMessageExternal / onConnectExternal would hear
    // other extensions, and the extension registers neither (tests/e2e/other-extension.test.mjs).
    assert.deepEqual(m.externally_connectable, { ids: [], matches: [] });
    assert.equal(m.incognito, 'not_allowed');
  });

  test(`${browser}: only assistant.html is web-accessible, to the token page hosts (or behind a dynamic URL)`, () => {
    const m = load(browser);
    const war = m.web_accessible_resources ?? [];
    assert.ok(war.length >= 1, 'assistant.html must be web-accessible');
    const ado = war.filter((w) => [...w.matches].sort().join() === [...ADO_MATCHES].sort().join());
    assert.equal(ado.length, 1, 'one entry for dev.azure.com / *.visualstudio.com');
    for (const w of war) {
      assert.deepEqual(w.resources, ['assistant.html']);
      assert.equal(w.extension_ids, undefined, 'no other extension may load our frame');
      if (w === ado[0]) continue;
      // Self-hosted servers: any https host may frame the assistant, so its URL must not be a
      // stable fingerprint (use_dynamic_url), and those hosts must be runtime-granted optional ones.
      for (const pattern of w.matches) {
        assert.ok(ALLOWED_OPTIONAL_HOSTS.has(pattern), `web-accessible to "${pattern}"`);
        assert.ok((m.optional_host_permissions ?? []).includes(pattern), `"${pattern}" is not an optional host permission`);
      }
      assert.equal(w.use_dynamic_url, true, `entry for ${w.matches.join(', ')} needs use_dynamic_url`);
    }
  });

  test(`${browser}: background entry point fits the browser`, () => {
    const m = load(browser);
    if (CHROMIUM.has(browser)) {
      assert.equal(typeof m.background?.service_worker, 'string', 'service_worker');
      assert.ok(fs.existsSync(path.join(DIST, browser, m.background.service_worker)));
      // Edge's store rejects background.scripts in MV3 (MicrosoftEdge-Extensions#172).
      assert.equal(m.background.scripts, undefined, 'background.scripts must not be in Chromium builds');
      assert.equal(m.browser_specific_settings, undefined, 'no Gecko settings in Chromium builds');
    } else {
      assert.ok(Array.isArray(m.background?.scripts) && m.background.scripts.length > 0, 'background.scripts');
      for (const s of m.background.scripts) assert.ok(fs.existsSync(path.join(DIST, browser, s)), `${s} missing`);
      assert.equal(m.background.service_worker, undefined, 'Firefox ignores service_worker (lint warning)');
      const gecko = m.browser_specific_settings?.gecko;
      assert.match(gecko?.id ?? '', /^[^@\s]+@[^@\s]+$|^\{[0-9a-f-]{36}\}$/i, 'gecko id');
      assert.ok(Array.isArray(gecko.data_collection_permissions?.required), 'data_collection_permissions.required');
      assert.deepEqual(gecko.data_collection_permissions.required, ['none'], 'the extension collects no data');
    }
  });

  test(`${browser}: no remote code — every script, module and stylesheet is packaged`, () => {
    const dir = path.join(DIST, browser);
    load(browser);
    const problems = [];
    const remote = (spec) => /^(?:[a-z][a-z0-9+.-]*:|\/\/)/i.test(spec.trim()); // any scheme or protocol-relative
    for (const file of filesUnder(dir, ['.html', '.htm'])) {
      const html = fs.readFileSync(file, 'utf8');
      const rel = path.relative(dir, file);
      for (const [, tag, attr, value] of html.matchAll(/<(script|link|iframe|img|object|embed)\b[^>]*?\b(src|href)\s*=\s*["']?([^"'\s>]+)/gi)) {
        if (remote(value)) problems.push(`${rel}: <${tag} ${attr}="${value}">`);
      }
      if (/<script\b(?![^>]*\bsrc=)[^>]*>\s*\S/i.test(html)) problems.push(`${rel}: inline <script> (blocked by CSP; move it to a file)`);
      if (/https?:\/\/|wss?:\/\//i.test(html)) problems.push(`${rel}: contains a URL: ${html.match(/(?:https?|wss?):\/\/[^\s"'<>]*/i)[0]}`);
    }
    for (const file of filesUnder(dir, ['.js', '.mjs'])) {
      const js = fs.readFileSync(file, 'utf8');
      const rel = path.relative(dir, file);
      // Statement-position imports only: `'inventory.import'` in a string is not an import.
      const specifiers = [
        ...js.matchAll(/(?:^|[;}])\s*(?:import|export)\s[^'"`;]*?\bfrom\s*(['"`])([^'"`]+)\1/gm),
        ...js.matchAll(/(?:^|[;}])\s*import\s*(['"`])([^'"`]+)\1/gm),
        ...js.matchAll(/(?<![.\w'"`])import\s*\(\s*(['"`])([^'"`]+)\1/g),
        ...js.matchAll(/(?<![.\w])importScripts\s*\(\s*(['"`])([^'"`]+)\1/g),
        ...js.matchAll(/\bnew\s+(?:Shared)?Worker\s*\(\s*(['"`])([^'"`]+)\1/g),
      ].map((m) => m[2]);
      for (const s of specifiers) if (remote(s) || !/^\.{0,2}\//.test(s)) problems.push(`${rel}: imports "${s}"`);
      // Dynamic import() of a computed specifier could load anything; there is no reason for one.
      if (/(?<![.\w'"`])import\s*\(\s*(?!['"`])/.test(js)) problems.push(`${rel}: import() with a computed specifier`);
      // A URL outside a comment is something the code could fetch or navigate to. URLs in comments
      // are documentation (wasm-bindgen's glue cites MDN) and cannot run.
      const lines = js.split('\n');
      for (const m of js.matchAll(/(?:https?|wss?):\/\/[^\s"'`<>)]*/gi)) {
        const line = lines[js.slice(0, m.index).split('\n').length - 1];
        const before = line.slice(0, line.indexOf(m[0])).trim();
        const inComment = /^(?:\/\/|\/\*|\*)/.test(before) && !/['"`]/.test(before);
        if (!inComment && !NAVIGATION_URLS.some((p) => m[0].startsWith(p))) problems.push(`${rel}: URL ${m[0]}`);
      }
      if (/\beval\s*\(|\bnew\s+Function\s*\(/.test(js)) problems.push(`${rel}: eval / new Function`);
    }
    assert.deepEqual(problems, [], `remote-code findings:\n${problems.join('\n')}`);
  });
}

test('all three packages carry the same version and name', () => {
  const ms = BROWSERS.map(load);
  for (const m of ms) {
    assert.equal(m.manifest_version, 3);
    assert.equal(m.version, base.version);
    assert.equal(m.name, base.name);
  }
});

// The Chromium versions from which what the code relies on without a fallback works; a
// feature the code detects first (Element.moveBefore, the Navigation API) is not listed.
const CHROMIUM_SINCE = [
  { what: 'web_accessible_resources use_dynamic_url (takes effect)', since: 130, used: (m) => JSON.stringify(m.web_accessible_resources).includes('use_dynamic_url') },
  { what: 'chrome.offscreen with the CLIPBOARD reason', since: 109, used: (m) => m.permissions.includes('offscreen') },
  { what: 'chrome.storage.session', since: 102, used: () => filesUnder(path.join(ROOT, 'extension'), ['.js']).some((f) => fs.readFileSync(f, 'utf8').includes('storage.session')) },
  { what: "'wasm-unsafe-eval' in the extension pages' CSP", since: 103, used: (m) => m.content_security_policy.extension_pages.includes('wasm-unsafe-eval') },
];

test('minimum_chrome_version covers every API the Chromium packages rely on', () => {
  for (const browser of [...CHROMIUM]) {
    const m = load(browser);
    const declared = Number(m.minimum_chrome_version);
    assert.ok(Number.isInteger(declared), `${browser}: minimum_chrome_version is missing`);
    for (const api of CHROMIUM_SINCE) {
      if (api.used(m)) assert.ok(declared >= api.since, `${browser}: ${api.what} needs Chrome ${api.since}, the manifest says ${declared}`);
    }
  }
  assert.equal(load('firefox').minimum_chrome_version, undefined, 'Firefox packages leave minimum_chrome_version out');
});
