// Launches Debian Chromium with the built extension loaded, the replica served for
// the Azure DevOps origins, and every other request blocked.
import { chromium } from 'playwright-core';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CHROMIUM_PATH } from './chromium.mjs';
import { routeReplica } from './replica-server.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const EXT_DIR = path.resolve(process.env.EXT_DIR ?? path.join(ROOT, 'dist', 'chrome'));

/**
 * `profile`: a user-data directory to launch with and keep (to relaunch the same profile);
 * by default a fresh one is made and removed on close.
 */
export async function launchWithExtension({ extDir = EXT_DIR, locale = 'en-US', extraOrigins, headless = true, profile } = {}) {
  if (!fs.existsSync(path.join(extDir, 'manifest.json'))) {
    throw new Error(`no built extension at ${extDir}: run ./build.sh first`);
  }
  const userDataDir = profile ?? fs.mkdtempSync(path.join(os.tmpdir(), 'patguard-e2e-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM_PATH,
    headless,
    locale,
    // Linux Chromium takes its UI language (chrome.i18n, __MSG_ texts) from LANGUAGE, not --lang;
    // it needs the chromium-l10n locale files (build.sh installs them).
    env: { ...process.env, LANGUAGE: locale.replace('-', '_') },
    viewport: { width: 1280, height: 900 },
    args: [
      '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', `--lang=${locale}`,
      `--disable-extensions-except=${extDir}`, `--load-extension=${extDir}`,
    ],
  });
  await routeReplica(context, { extraOrigins });
  const sw = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  const extensionId = new URL(sw.url()).host;
  const close = async () => {
    await context.close();
    if (!profile) fs.rmSync(userDataDir, { recursive: true, force: true });
  };
  return { context, sw, extensionId, close };
}

/** The assistant frame inside the open panel (or, with none open, above the token list), once its root reports a state other than loading. */
export async function assistantFrame(page, { state = /ready|unrecognized/, timeout = 30_000 } = {}) {
  const deadline = Date.now() + timeout;
  for (;;) {
    // With a panel open, only the frame inside it counts: the list-page frame above the
    // table is moved into the panel (or, where it cannot be moved, replaced) one animation
    // frame after the panel appears.
    const panelOpen = await page.evaluate(() => !!document.querySelector('[role="dialog"]')).catch(() => false);
    let frame = null;
    for (const f of page.frames()) {
      if (!f.url().includes('/assistant.html') || f.isDetached()) continue;
      const inPanel = await f
        .frameElement()
        .then((el) => el.evaluate((e) => !!e.getRootNode().host?.closest('[role="dialog"]')))
        .catch(() => false);
      if (inPanel === panelOpen) {
        frame = f;
        break;
      }
    }
    if (frame) {
      const root = frame.locator('[data-patguard="assistant"]');
      const got = await root.getAttribute('data-state', { timeout: 500 }).catch(() => null);
      // A frame the agent moved from the list into the panel still shows the list until
      // the panel's first snapshot reaches it.
      const view = await root.getAttribute('data-view', { timeout: 500 }).catch(() => null);
      const viewFits = !panelOpen || view !== 'list';
      if (got && viewFits && (state instanceof RegExp ? state.test(got) : got === state)) return frame;
    }
    if (Date.now() > deadline) throw new Error('the assistant did not appear in the panel');
    await page.waitForTimeout(50);
  }
}
