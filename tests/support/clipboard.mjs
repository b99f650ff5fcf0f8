// The clipboard tests' support. Waiting on the system clipboard: Playwright's waitForFunction takes a sync
// predicate only: an async one returns a Promise, which is truthy, so it would return at
// once (microsoft/playwright#29132). The clipboard is read with evaluate, which awaits.
import { PAGE } from './replica-page.mjs';

/** Resolves once `page` reads exactly `text` from the clipboard; fails after `timeout` ms. */
export async function waitForClipboardText(page, text, { timeout = 30_000, interval = 50 } = {}) {
  const deadline = Date.now() + timeout;
  let last;
  for (;;) {
    last = await page.evaluate(() => navigator.clipboard.readText());
    if (last === text) return;
    if (Date.now() > deadline) {
      throw new Error(`the clipboard did not get the expected text within ${timeout} ms (it holds ${last.length} characters)`);
    }
    await new Promise((r) => setTimeout(r, interval));
  }
}

/** The clipboard service's pending-clear record in storage.local (extension/clipboard/pending.js). */
const PENDING_CLEAR_KEY = 'patguardClipboardPending';

/**
 * An extension page (the popup) that talks to the clipboard service as the assistant does and
 * collects the service's `clipboard.result` reports, each with the time it arrived.
 */
export async function reportingExtensionPage(ext) {
  const page = await ext.context.newPage();
  await page.goto(`chrome-extension://${ext.extensionId}/popup.html`);
  await page.evaluate(() => {
    window.__results = [];
    chrome.runtime.onMessage.addListener((m) => {
      if (m?.type === 'clipboard.result') window.__results.push({ ...m, at: Date.now() });
    });
  });
  return page;
}

/**
 * The clipboard tests' rig in a launched browser: `reader`, a replica page that reads the
 * clipboard as a web page can, and `sender`, a reporting extension page (replace it with
 * `rig.sender = await reportingExtensionPage(ext)` after an extension reload).
 */
export async function openClipboardRig(ext, { reader: withReader = true } = {}) {
  await ext.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: 'https://dev.azure.com' });
  let reader = null;
  if (withReader) {
    reader = await ext.context.newPage();
    await reader.goto(PAGE('contoso'));
    await reader.getByRole('grid').waitFor();
  }
  const rig = {
    reader,
    sender: await reportingExtensionPage(ext),
    clipboard: () => rig.reader.evaluate(() => navigator.clipboard.readText()),
    reports: () => rig.sender.evaluate(() => window.__results),
    pendingRecord: (page = rig.sender) => page.evaluate(async (k) => (await chrome.storage.local.get(k))[k] ?? null, PENDING_CLEAR_KEY),
    offscreenDocuments: () => rig.sender.evaluate(async () => (await chrome.runtime.getContexts({ contextTypes: ['OFFSCREEN_DOCUMENT'] })).length),
    notifications: () => ext.sw.evaluate(() => chrome.notifications.getAll()),
    /** A copy over the clipboard service's port, as extension/clipboard/client.js sends it; the service's reply. */
    copy: (text, seconds, page = rig.sender) =>
      page.evaluate(
        ([t, s]) =>
          new Promise((resolve) => {
            const port = chrome.runtime.connect({ name: 'patguard-clipboard' });
            port.onMessage.addListener((reply) => {
              port.disconnect();
              resolve(reply);
            });
            port.postMessage({ id: 1, type: 'clipboard.copy', text: t, clearAfterSeconds: s });
          }),
        [text, seconds],
      ),
  };
  return rig;
}
