// Where the one-time token may travel (issue #17):
// - no code path stores it in the browser's password manager (navigator.credentials.store
//   would key it to https://dev.azure.com, readable by any script there): a static check of
//   the built packages and a run of every hand-off with the API instrumented in every world;
// - it travels only over ports to its one recipient: an extension page that listens to
//   runtime.onMessage while the token is copied and handed to KeePass never sees it, and only
//   the background listens to runtime.onConnect, so a port an extension page opens reaches
//   the background alone.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchWithExtension, assistantFrame, EXT_DIR } from '../support/extension.mjs';
import { PAGE, dialog, replicaState } from '../support/replica-page.mjs';
import { waitForClipboardText } from '../support/clipboard.mjs';

const DIST = path.dirname(EXT_DIR);
const BROWSERS = ['chrome', 'edge', 'firefox'];
const MASTER = 'Tulpen-Regal-Orgel-83';

const filesUnder = (dir) =>
  fs.readdirSync(dir, { withFileTypes: true }).flatMap((d) => (d.isDirectory() ? filesUnder(path.join(dir, d.name)) : [path.join(dir, d.name)]));

test('static: no built package can call the Credential Management API', () => {
  // In JS (`navigator.credentials.store(...)`, `new PasswordCredential`) and in the wasm's
  // bindings (a web-sys CredentialsContainer import shows its name in the JS glue).
  const forbidden = [/credentials\s*\??\.\s*store/, /PasswordCredential/, /FederatedCredential/, /CredentialsContainer/, /storeCredential/];
  let scanned = 0;
  for (const browser of BROWSERS) {
    const dir = path.join(DIST, browser);
    assert.ok(fs.existsSync(path.join(dir, 'manifest.json')), `no build in ${dir}: run ./build.sh`);
    for (const file of filesUnder(dir)) {
      if (!/\.(js|mjs|html|json|wasm)$/.test(file)) continue;
      const text = fs.readFileSync(file, 'latin1');
      scanned++;
      for (const re of forbidden) assert.doesNotMatch(text, re, `${path.relative(DIST, file)} mentions ${re}`);
    }
  }
  assert.ok(scanned > 20, `only ${scanned} files scanned`);
});

test('static: only background modules listen to runtime.onConnect (and the page agent, which extension pages cannot reach)', () => {
  const dir = path.join(DIST, 'chrome');
  const listeners = filesUnder(dir)
    .filter((f) => f.endsWith('.js') && /runtime\.onConnect\.addListener/.test(fs.readFileSync(f, 'utf8')))
    .map((f) => path.relative(dir, f))
    .sort();
  assert.deepEqual(listeners, ['agent.js', 'clipboard/chromium.js', 'clipboard/service.js', 'relay.js', 'vault/broker.js']);
  // ...and those modules are loaded by the background alone, never by a page.
  for (const page of filesUnder(dir).filter((f) => f.endsWith('.html'))) {
    const html = fs.readFileSync(page, 'utf8');
    for (const module of ['background.js', 'relay.js', 'clipboard/service.js', 'clipboard/chromium.js', 'vault/broker.js']) {
      assert.ok(!html.includes(`src="${module}"`), `${path.basename(page)} loads ${module}`);
    }
  }
  for (const file of ['vault/page.js', 'vault/handoff.js', 'assistant.js', 'offscreen.js', 'clipboard/client.js']) {
    const text = fs.readFileSync(path.join(dir, file), 'utf8');
    assert.doesNotMatch(text, /from '\.\.?\/(background|relay|clipboard\/service|clipboard\/chromium)\.js'/, `${file} imports a background module`);
  }
});

let ext;
before(async () => {
  ext = await launchWithExtension();
  await ext.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: 'https://dev.azure.com' });
  // Counts Credential Management calls in every page's main world (web pages, the assistant
  // frame, extension pages); the agent's own world is instrumented below.
  await ext.context.addInitScript(() => {
    globalThis.__pgCredentialCalls = 0;
    const count = (proto, name) => {
      const original = proto?.[name];
      if (typeof original !== 'function') return;
      proto[name] = function (...args) {
        globalThis.__pgCredentialCalls++;
        return original.apply(this, args);
      };
    };
    count(globalThis.CredentialsContainer?.prototype, 'store');
    count(globalThis.CredentialsContainer?.prototype, 'create');
  });
});
after(async () => {
  await ext?.close();
});

/** Runs `expression` in PAT Guard's content-script world of `page`. */
async function inAgentWorld(page, expression) {
  const cdp = await ext.context.newCDPSession(page);
  const worlds = [];
  cdp.on('Runtime.executionContextCreated', (e) => worlds.push(e.context));
  await cdp.send('Runtime.enable');
  const world = worlds.find((c) => c.auxData?.type === 'isolated' && c.origin === `chrome-extension://${ext.extensionId}`);
  assert.ok(world, 'no content-script world of the extension');
  const r = await cdp.send('Runtime.evaluate', { expression, contextId: world.id, awaitPromise: true, returnByValue: true });
  await cdp.detach();
  assert.equal(r.exceptionDetails, undefined, JSON.stringify(r.exceptionDetails));
  return r.result.value;
}

test('runtime: secure copy and the KeePass hand-off neither store a credential nor broadcast the token', async () => {
  // An extension page that hears every runtime message, as any open PAT Guard page would.
  // (It does not listen to runtime.onConnect: no PAT Guard page does, which the static test
  // above checks, and a port's opener reaches every context that listens.)
  const eavesdropper = await ext.context.newPage();
  await eavesdropper.goto(`chrome-extension://${ext.extensionId}/popup.html`);
  await eavesdropper.evaluate(() => {
    window.__heard = [];
    chrome.runtime.onMessage.addListener((m) => {
      window.__heard.push(JSON.stringify(m));
    });
  });

  const page = await ext.context.newPage();
  await page.goto(PAGE('contoso'));
  await page.getByRole('grid').waitFor();
  await inAgentWorld(
    page,
    `globalThis.__pgCredentialCalls = 0;
     const s = CredentialsContainer.prototype.store;
     CredentialsContainer.prototype.store = function (...a) { globalThis.__pgCredentialCalls++; return s.apply(this, a); };
     typeof pgOnPortMessage`,
  );
  await page.getByRole('menuitem', { name: 'New Token' }).click();
  const panel = dialog(page, 'Create a new personal access token');
  await panel.waitFor();
  const form = await assistantFrame(page);
  await form.locator('[data-preset-id="git-read"]').click();
  await form.locator('.notice .success').waitFor();
  await panel.getByRole('textbox', { name: 'Name' }).fill('channels');
  await panel.getByRole('button', { name: 'Create', exact: true }).click();
  await page.waitForFunction(() => window.__replica?.lastToken);
  const token = (await replicaState(page)).lastToken;
  const frame = await assistantFrame(page);
  await frame.locator('[data-patguard="success"]').waitFor();
  assert.equal(await frame.locator('[data-action="save-browser"]').count(), 0, 'no browser-password hand-off');

  await frame.locator('[data-action="secure-copy"]').click();
  await waitForClipboardText(page, token);

  const [vault] = await Promise.all([
    ext.context.waitForEvent('page', { predicate: (p) => p.url().includes('/vault.html') }),
    frame.locator('[data-action="save-kdbx"]').click(),
  ]);
  await vault.locator('#root[data-state="ready"]').waitFor();
  await vault.locator('#password').fill(MASTER);
  await vault.locator('#confirm').fill(MASTER);
  await Promise.all([vault.waitForEvent('download'), vault.locator('#save').click()]);
  await frame.locator('.notice .success').waitFor();

  const counts = {
    page: await page.evaluate(() => globalThis.__pgCredentialCalls),
    agent: await inAgentWorld(page, 'globalThis.__pgCredentialCalls'),
    assistant: await frame.evaluate(() => globalThis.__pgCredentialCalls),
    vault: await vault.evaluate(() => globalThis.__pgCredentialCalls),
  };
  assert.deepEqual(counts, { page: 0, agent: 0, assistant: 0, vault: 0 }, 'navigator.credentials.store/create was called');

  const heard = await eavesdropper.evaluate(() => window.__heard);
  assert.ok(heard.length > 0, 'the eavesdropper heard nothing at all: is it listening?');
  assert.ok(!heard.some((m) => m.includes(token)), `an extension page heard the token: ${heard.filter((m) => m.includes(token)).map((m) => m.slice(0, 60))}`);
  assert.ok(!heard.some((m) => m.includes(MASTER)), 'an extension page heard the master password');
  await vault.close().catch(() => {});
  await page.close();
  await eavesdropper.close();
});
