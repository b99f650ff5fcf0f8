// Blocking policies end to end (issue #5): the user's own settings (chrome.storage.local
// `settings`) and the enterprise policy Chromium reads from
// /etc/chromium/policies/managed/*.json and hands the extension via chrome.storage.managed.
// The unpacked extension's id is derived from its folder's absolute path, so a copy of
// dist/chrome in a temp folder gets a known id the policy file can name.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { replicaState } from '../support/replica-page.mjs';
import { T, openPanel, finding, settled } from '../support/guard-page.mjs';
import { managedPolicyLauncher, managedIn } from '../support/managed-policy.mjs';

const LIMIT = { timeout: 90_000 };
// A deadline for a broken build, not a measure: findings and the gate only have to come (how
// fast is a bench figure), and a loaded machine may take seconds.
const DEADLINE = { timeout: 30_000 };

let policies;
before(() => {
  policies = managedPolicyLauncher('e2e');
});
after(async () => {
  await policies?.close();
});

const launch = (opts) => policies.launch(opts);

async function watchPageClicks(page, lang) {
  await page.evaluate((label) => {
    window.__createClicks = [];
    document.addEventListener('click', (e) => {
      const b = e.target.closest?.('button');
      if (b && b.textContent.trim() === label) window.__createClicks.push(e.isTrusted);
    }, true);
  }, T('create', lang));
  return () => page.evaluate(() => window.__createClicks);
}

/** Full access with a name, then every way to press Create: the gate must refuse each time. */
async function expectBlocked(ext, lang, { policyFinding }) {
  const { page, panel, frame } = await openPanel(ext.context, { lang });
  try {
    const clicks = await watchPageClicks(page, lang);
    await panel.getByRole('textbox', { name: T('name', lang) }).fill('deploy-script-2026-11');
    // The assistant frame resizes as findings change; click once the layout holds still.
    await settled(page);
    const full = panel.getByRole('radio', { name: T('full_access', lang) });
    await full.click();
    assert.equal(await full.getAttribute('aria-checked'), 'true');
    await finding(frame, 'full-access').waitFor(DEADLINE);
    if (policyFinding) {
      await finding(frame, 'policy-violation').waitFor(DEADLINE);
      assert.equal(await finding(frame, 'policy-violation').getAttribute('data-severity'), 'critical');
      assert.match(await finding(frame, 'policy-violation').textContent(), /blockFullAccess/);
    }
    const create = panel.getByRole('button', { name: T('create', lang), exact: true });
    const gate = frame.locator('[data-patguard="gate"]');
    for (const press of ['click', 'Enter', 'Space', 'click']) {
      await settled(page);
      if (press === 'click') await create.click();
      else {
        await create.focus();
        await page.keyboard.press(press);
      }
      await gate.waitFor(DEADLINE);
      assert.equal(await gate.locator('[data-action="confirm-create"]').count(), 0, 'a blocked gate offers no confirm');
      assert.equal(await gate.locator('[data-action="cancel-create"]').count(), 1);
      await gate.locator('[data-action="cancel-create"]').click();
      await gate.waitFor({ state: 'detached' });
    }
    await page.waitForTimeout(300);
    const state = await replicaState(page);
    assert.equal(state.lastSubmit, null, 'a blocked token reached the page');
    assert.equal(state.submits.length, 0);
    assert.deepEqual(await clicks(), [], 'the page saw a blocked click');
    return { page, frame };
  } finally {
    await page.close().catch(() => {});
  }
}

test('user settings {criticalAction:"block"}: the gate refuses and nothing can be created (en, de)', LIMIT, async () => {
  const ext = await launch({ settings: { criticalAction: 'block' } });
  assert.deepEqual(await ext.sw.evaluate(() => chrome.storage.local.get('settings')), { settings: { criticalAction: 'block' } });
  for (const lang of ['en', 'de']) await expectBlocked(ext, lang, { policyFinding: false });
  // Without a critical finding the same settings let a token through.
  const { page, panel } = await openPanel(ext.context, { lang: 'en' });
  await panel.getByRole('checkbox', { name: 'Read', exact: true }).nth(1).click();
  await panel.getByRole('textbox', { name: T('name', 'en') }).fill('ci-reader-2026-11');
  await panel.getByRole('button', { name: T('create', 'en'), exact: true }).click();
  await page.waitForFunction(() => window.__replica?.lastSubmit, null, DEADLINE);
  await page.close();
  await ext.close();
});

test('enterprise policy {blockFullAccess:true} from /etc/chromium/policies/managed → policy-violation, gate blocks', LIMIT, async () => {
  const ext = await launch({ policy: { blockFullAccess: true } });
  assert.deepEqual(await managedIn(ext), { blockFullAccess: true }, 'chrome.storage.managed in the service worker');
  for (const lang of ['en', 'de']) await expectBlocked(ext, lang, { policyFinding: true });
  await ext.close();
});

test('malformed enterprise policy {maxLifetimeDays:"ninety"}: Chromium drops it by schema; what reaches the extension malformed is named', LIMIT, async (t) => {
  // blockAllOrganizations proves the file was read; forbiddenScopes ["vso.cod"] is valid for
  // the schema (an array of strings) but not a scope id, so it reaches the assistant's reader.
  const ext = await launch({ policy: { maxLifetimeDays: 'ninety', blockAllOrganizations: true, forbiddenScopes: ['vso.cod'] } });
  const managed = await managedIn(ext);
  const { page, frame } = await openPanel(ext.context, { lang: 'en' });
  try {
    const err = frame.locator('[data-patguard="policy-error"]');
    await err.waitFor(DEADLINE);
    const text = await err.textContent();
    t.diagnostic(`storage.managed.get() = ${JSON.stringify(managed)}; policy-error: ${text}`);
    assert.equal(managed.blockAllOrganizations, true, 'the policy file was not read');
    assert.match(text, /forbiddenScopes\[0\]: unknown scope id "vso.cod"/);
    if ('maxLifetimeDays' in managed) {
      assert.match(text, /maxLifetimeDays/);
    } else {
      // Chromium validates extension policy against the manifest's managed_schema and drops
      // a value of the wrong type before any extension code runs: the assistant never sees
      // "ninety", so it cannot name it; the default (no maximum) applies.
      assert.deepEqual(managed, { blockAllOrganizations: true, forbiddenScopes: ['vso.cod'] });
      assert.doesNotMatch(text, /maxLifetimeDays/);
    }
  } finally {
    await page.close().catch(() => {});
    await ext.close();
  }
});

test('malformed user settings {maxLifetimeDays:"ninety"} → the assistant names maxLifetimeDays, defaults apply', LIMIT, async () => {
  const ext = await launch({ settings: { maxLifetimeDays: 'ninety' } });
  const { page, frame } = await openPanel(ext.context, { lang: 'de' });
  try {
    const err = frame.locator('[data-patguard="policy-error"]');
    await err.waitFor(DEADLINE);
    assert.match(await err.textContent(), /maxLifetimeDays/);
    assert.equal(await frame.locator('[data-patguard="assistant"]').getAttribute('data-state'), 'ready');
  } finally {
    await page.close().catch(() => {});
    await ext.close();
  }
});
