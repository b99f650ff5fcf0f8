// What an organization pushes through browser policy, end to end (README: "administrators can
// set a policy"): a real Chromium managed policy file hands the extension maxLifetimeDays,
// forbiddenScopes, blockAllOrganizations and teamPresets via chrome.storage.managed. Each
// rule shows as a critical policy-violation on the form, the gate refuses Create while it
// holds, its fix lifts it, and the page then receives a token within the policy; the pushed
// team preset is listed and applied like a built-in one.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { replicaState } from '../support/replica-page.mjs';
import { T, scopeLabels, dateTextIn, openPanel, finding, settled, pick, levelBox } from '../support/guard-page.mjs';
import { managedPolicyLauncher, managedIn } from '../support/managed-policy.mjs';

const LIMIT = { timeout: 120_000 };
// A deadline for a broken build, not a measure: a loaded machine may take seconds.
const DEADLINE = { timeout: 30_000 };

const TEAM_PRESET = {
  id: 'org-release-reader',
  title: 'Release reader (contoso IT)',
  purpose_group: 'Team',
  task: 'Reads build results for the release dashboard.',
  scopes: ['vso.build'],
  recommended_days: 14,
  source: { title: 'contoso IT wiki', url: 'https://wiki.contoso.test/pat' },
  notes: 'Pushed by contoso IT.',
  needs_global: false,
};
const POLICY = {
  maxLifetimeDays: 60,
  forbiddenScopes: ['vso.code_write'],
  blockAllOrganizations: true,
  teamPresets: { version: 1, presets: [TEAM_PRESET] },
};

let policies;
let ext;
before(async () => {
  policies = managedPolicyLauncher('managed-e2e');
  ext = await policies.launch({ policy: POLICY });
  // Chromium validated the file against managed_schema.json and passed every key on.
  assert.deepEqual(await managedIn(ext), POLICY, 'chrome.storage.managed in the service worker');
});
after(async () => {
  await policies?.close();
});

/** A create panel with the token's name filled in (the page enables Create only then). */
async function open(t, name) {
  const got = await openPanel(ext.context, { lang: 'en' });
  t.after(() => got.page.close().catch(() => {}));
  await got.panel.getByRole('textbox', { name: T('name', 'en') }).fill(name);
  return got;
}

const violation = (frame, key) => finding(frame, 'policy-violation').filter({ hasText: key });

/** Create, by mouse: the gate comes up without a confirm button, and the page never sees a submit. */
async function expectBlocked(page, panel, frame) {
  const gate = frame.locator('[data-patguard="gate"]');
  await settled(page);
  await panel.getByRole('button', { name: T('create', 'en'), exact: true }).click();
  await gate.waitFor(DEADLINE);
  assert.equal(await gate.locator('[data-action="confirm-create"]').count(), 0, 'a blocked gate offers no confirm');
  await gate.locator('[data-action="cancel-create"]').click();
  await gate.waitFor({ state: 'detached' });
  const state = await replicaState(page);
  assert.equal(state.lastSubmit, null, 'a blocked token reached the page');
}

/** Clicks the fix of the violation of `key` and waits until it is gone. */
async function fixViolation(page, frame, key) {
  await settled(page);
  await violation(frame, key).locator('[data-action="fix"]').click();
  await violation(frame, key).waitFor({ state: 'detached', ...DEADLINE });
}

/** With nothing critical left, Create reaches the page: resolves what it submitted. */
async function createAllowed(page, panel, frame) {
  await settled(page);
  assert.equal(await frame.locator('[data-finding][data-severity="critical"]').count(), 0, 'a critical finding is left');
  await panel.getByRole('button', { name: T('create', 'en'), exact: true }).click();
  await page.waitForFunction(() => window.__replica?.lastSubmit, null, DEADLINE);
  return (await replicaState(page)).lastSubmit;
}

async function tickCodeRead(page, panel) {
  const read = scopeLabels('vso.code', 'en');
  await settled(page);
  await levelBox(panel, read.group, read.level).click();
}

test('maxLifetimeDays 60: 90 days is a blocked violation; its fix sets 60 days, which the page receives', LIMIT, async (t) => {
  const { page, panel, frame } = await open(t, 'policy-lifetime-2026-12');
  await tickCodeRead(page, panel);
  await pick(page, panel, T('expiration', 'en'), T('custom_expiry', 'en'));
  const dateBox = panel.getByRole('textbox', { name: T('expiration', 'en') });
  await page.waitForFunction((el) => !el.readOnly, await dateBox.elementHandle());
  await dateBox.fill(dateTextIn(90));
  const v = violation(frame, 'maxLifetimeDays');
  await v.waitFor(DEADLINE);
  assert.equal(await v.getAttribute('data-severity'), 'critical');
  assert.match(await v.textContent(), /lifetime 90 days exceeds the maximum of 60 days/);
  await expectBlocked(page, panel, frame);

  await fixViolation(page, frame, 'maxLifetimeDays');
  assert.equal(await dateBox.inputValue(), dateTextIn(60));
  const submit = await createAllowed(page, panel, frame);
  assert.equal(submit.days, 60);
  assert.deepEqual(submit.scopes, ['vso.code']);
});

test('forbiddenScopes [vso.code_write]: Code manage (which includes it) is a blocked violation; the fix unticks it', LIMIT, async (t) => {
  const { page, panel, frame } = await open(t, 'policy-forbidden-2026-12');
  const manage = scopeLabels('vso.code_manage', 'en');
  const manageBox = levelBox(panel, manage.group, manage.level);
  await settled(page);
  await manageBox.click();
  const v = violation(frame, 'forbiddenScopes');
  await v.waitFor(DEADLINE);
  assert.equal(await v.getAttribute('data-severity'), 'critical');
  assert.match(await v.textContent(), /forbidden scope .+ is granted by /);
  await expectBlocked(page, panel, frame);

  await fixViolation(page, frame, 'forbiddenScopes');
  assert.equal(await manageBox.getAttribute('aria-checked'), 'false');
  // Reading code does not include writing it: allowed.
  await tickCodeRead(page, panel);
  const submit = await createAllowed(page, panel, frame);
  assert.deepEqual(submit.scopes, ['vso.code']);
});

test('blockAllOrganizations: "All accessible organizations" is a blocked violation; the fix picks this organization', LIMIT, async (t) => {
  const { page, panel, frame } = await open(t, 'policy-global-2026-12');
  await tickCodeRead(page, panel);
  await pick(page, panel, T('organization', 'en'), T('all_orgs', 'en'));
  const v = violation(frame, 'blockAllOrganizations');
  await v.waitFor(DEADLINE);
  assert.equal(await v.getAttribute('data-severity'), 'critical');
  await expectBlocked(page, panel, frame);

  await fixViolation(page, frame, 'blockAllOrganizations');
  const orgButton = panel.getByRole('button', { name: T('organization', 'en'), exact: true });
  assert.equal(await orgButton.inputValue(), 'contoso');
  const submit = await createAllowed(page, panel, frame);
  assert.equal(submit.allOrgs, false);
  assert.deepEqual(submit.scopes, ['vso.code']);
});

test('teamPresets: the pushed preset is listed under Team and applied: the page submits its scopes and days', LIMIT, async (t) => {
  const { page, panel, frame } = await open(t, 'team-preset-2026-12');
  const button = frame.locator('section.preset-group[aria-label="Team"]').locator(`[data-preset-id="${TEAM_PRESET.id}"]`);
  await button.waitFor(DEADLINE);
  assert.match(await button.textContent(), /Release reader \(contoso IT\)/);
  await button.click();
  await frame.locator('.notice .success, .notice .error').first().waitFor(DEADLINE);
  assert.equal(await frame.locator('.notice .error').count(), 0, await frame.locator('.notice').textContent());
  const submit = await createAllowed(page, panel, frame);
  assert.deepEqual(submit.scopes, TEAM_PRESET.scopes);
  assert.equal(submit.days, TEAM_PRESET.recommended_days);
  assert.equal(submit.fullAccess, false);
});
