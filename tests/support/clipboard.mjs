// Waiting on the system clipboard from a test. Playwright's waitForFunction takes a sync
// predicate only: an async one returns a Promise, which is truthy, so it would return at
// once (microsoft/playwright#29132). The clipboard is read with evaluate, which awaits.

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
