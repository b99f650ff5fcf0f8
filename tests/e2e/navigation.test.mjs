// Issue #19: the portal is a single-page app. The agent watches nothing on other portal
// pages, yet a client-side navigation (the page's own history.pushState) to the token page
// still mounts the assistant, leaving the token page removes it, and going back mounts it
// again.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launchWithExtension, assistantFrame } from '../support/extension.mjs';
import { PORTAL_PAGE, routePortal, waitForAgent } from '../bench/portal.mjs';

let ext;
before(async () => {
  ext = await launchWithExtension();
  await routePortal(ext.context);
});
after(async () => {
  await ext?.close();
});

const LIMIT = { timeout: 90_000 };
const host = (page) => page.locator('[data-patguard="host"]');
const assistantFrames = (page) => page.frames().filter((f) => f.url().includes('/assistant.html') && !f.isDetached());

/** A portal page (not the token page) with the agent already running in it, closed after test `t`. */
async function openPortal(t) {
  const page = await ext.context.newPage();
  t.after(() => page.close().catch(() => {}));
  // The agent must be running before a navigation, or that would test a fresh page load.
  const injected = waitForAgent(ext.context, page);
  await page.goto(PORTAL_PAGE('contoso'));
  await injected;
  await page.getByRole('log').waitFor();
  return page;
}

test('pushState from another portal page to the token page mounts the assistant; leaving removes it; back mounts it again', LIMIT, async (t) => {
  const page = await openPortal(t);
  assert.equal(await host(page).count(), 0, 'nothing is mounted on a non-token page');

  await page.evaluate(() => window.__portal.openTokens('contoso'));
  await page.waitForURL(/\/contoso\/_usersSettings\/tokens$/);
  await page.getByRole('grid').waitFor();
  const frame = await assistantFrame(page);
  assert.equal(await frame.locator('[data-patguard="assistant"]').getAttribute('data-view'), 'list');

  // Leave: the token list stays in the DOM (a cached route), but the path is not the token path.
  const frameGone = page.waitForEvent('framedetached', { predicate: (f) => f === frame });
  await page.evaluate(() => window.__portal.leaveTokens('contoso'));
  await host(page).waitFor({ state: 'detached' });
  await frameGone;
  assert.equal(assistantFrames(page).length, 0, 'the assistant frame is gone');
  assert.equal(await page.locator('[data-patguard-mark]').count(), 0, 'no outlines are left on the page');
  assert.equal(await page.getByRole('grid').count(), 1, 'the page kept its list');

  // Back (a traversal, not a pushState) to the token path.
  await page.goBack();
  await page.waitForURL(/\/_usersSettings\/tokens$/);
  await assistantFrame(page);
  assert.equal(await host(page).count(), 1);
});

/** The agent's script calls (callbacks into chrome-extension:// code) while the page churns its DOM. */
async function agentCallsDuringChurn(page) {
  const cdp = await ext.context.newCDPSession(page);
  const events = [];
  cdp.on('Tracing.dataCollected', (e) => events.push(...e.value));
  const complete = new Promise((r) => cdp.once('Tracing.tracingComplete', r));
  await cdp.send('Tracing.start', { transferMode: 'ReportEvents', categories: 'devtools.timeline' });
  const { mutations } = await page.evaluate(() => window.__portal.churn({ perSecond: 6000, seconds: 0.5 }));
  await cdp.send('Tracing.end');
  await complete;
  await cdp.detach();
  const calls = events.filter((e) => e.name === 'FunctionCall' && String(e.args?.data?.url ?? '').startsWith('chrome-extension://'));
  return { calls: calls.length, mutations };
}

test('off the token path the agent runs no code per DOM change; on it, it does', LIMIT, async (t) => {
  const page = await openPortal(t);

  const off = await agentCallsDuringChurn(page);
  assert.ok(off.mutations > 1000, `only ${off.mutations} mutations`);
  assert.equal(off.calls, 0, `the agent ran ${off.calls} callbacks on a non-token page`);

  // The same page and churn with the URL on the token path (the portal's DOM left in place):
  // the agent watches the DOM there, so the trace does see its callbacks.
  await page.evaluate(() => history.pushState(null, '', '/contoso/_usersSettings/tokens'));
  await page.waitForURL(/\/_usersSettings\/tokens$/);
  const on = await agentCallsDuringChurn(page);
  assert.ok(on.calls > 0, 'the trace saw no agent callback on the token path (the check above would be empty)');
});
