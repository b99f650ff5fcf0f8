// How fast a least-privilege finding follows the page's own update: the time from the
// panel's first DOM change after a risky click to the finding in the assistant, both in
// browser time. A speed target, so it is measured here beside its budget, not in a test.
import { openPanel, timeFinding, T } from '../support/guard-page.mjs';

/** Milliseconds per run from ticking "Full access" to the full-access finding being shown. */
export async function findingLatency(context, runs) {
  const ms = [];
  for (let i = 0; i < runs; i++) {
    const { page, panel, frame } = await openPanel(context, { lang: 'en' });
    const full = panel.getByRole('radio', { name: T('full_access', 'en') });
    const r = await timeFinding(page, frame, 'full-access', () => full.click());
    if (r.ms !== null) ms.push(r.ms);
    await page.close();
  }
  return ms;
}
