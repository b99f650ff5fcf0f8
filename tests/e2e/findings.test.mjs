// Issue #5 end to end: least-privilege findings on the live form, their one-click fixes,
// the outlines and the live region, and the create gate — the built extension on the
// replica under its strict CSP, in English and German, light and dark theme.
// Issue #4's "unknown page variant": an unmappable label leaves the page untouched.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launchWithExtension } from '../support/extension.mjs';
import { replicaState } from '../support/replica-page.mjs';
import {
  T, scopeLabels, dateTextIn, openPanel, finding, timeFinding, applyFix, pageControls, levelBox, pick, settled,
} from '../support/guard-page.mjs';

// How long a finding may take to follow the page's update is a speed target, measured by
// `./build.sh bench` ("page update → finding shown"); here a finding only has to come. This
// is a deadline for a broken build, not a measure: a loaded machine may take seconds.
const DEADLINE = { timeout: 30_000 };
const timings = [];

let ext;
before(async () => {
  ext = await launchWithExtension();
});
after(async () => {
  await ext?.close();
  if (timings.length) {
    const ms = timings.map((t) => t.ms).sort((a, b) => a - b);
    console.log(`# finding latency after the page update: n=${ms.length} min=${ms[0]} median=${ms[ms.length >> 1]} max=${ms.at(-1)} ms`);
    for (const t of timings) console.log(`#   ${t.label}: ${t.ms} ms`);
  }
});

/** openPanel, with the page closed after the test whatever happens. */
async function open(t, opts) {
  const got = await openPanel(ext.context, opts);
  t.after(() => got.page.close().catch(() => {}));
  return got;
}

const LIMIT = { timeout: 90_000 };

async function expectPrompt(t, label, result) {
  assert.ok(result.shown !== null, `${label}: the finding did not appear`);
  assert.ok(result.pageChanged !== null, `${label}: the page did not change`);
  assert.ok(result.ms >= 0, `${label}: the finding was shown ${-result.ms} ms before the page changed`);
  timings.push({ label, ms: result.ms });
  t.diagnostic(`${label}: ${result.ms} ms`);
}

const title = async (frame, code) => {
  const strong = await finding(frame, code).locator('strong').first().textContent();
  return strong.replace(/^[^:]+:\s*/, '');
};

const mark = (locator) => locator.getAttribute('data-patguard-mark');

for (const [lang, theme] of [['en', 'light'], ['de', 'dark'], ['en', 'dark'], ['de', 'light']]) {
  test(`each risky choice shows its finding (measured against the page update) and its fix removes it (${lang}, ${theme}, strict CSP)`, LIMIT, async (t) => {
    const { page, panel, frame } = await open(t, { lang, query: theme === 'dark' ? 'theme=dark' : '' });
    const root = frame.locator('[data-patguard="assistant"]');
    assert.equal(await root.getAttribute('data-state'), 'ready');
    assert.equal(await root.getAttribute('data-theme'), theme);
    assert.equal(await root.getAttribute('lang'), lang);
    const live = frame.locator('[data-live="critical"]');
    assert.equal(await live.getAttribute('aria-live'), 'assertive');

    const fullRadio = panel.getByRole('radio', { name: T('full_access', lang) });
    const customRadio = panel.getByRole('radio', { name: T('custom_scopes', lang) });
    const orgButton = panel.getByRole('button', { name: T('organization', lang), exact: true });
    const expiryButton = panel.getByRole('button', { name: T('expiration', lang), exact: true });
    const dateBox = panel.getByRole('textbox', { name: T('expiration', lang) });

    // Full access
    let r = await timeFinding(page, frame, 'full-access', () => fullRadio.click());
    await expectPrompt(t, `${lang}/${theme} full-access`, r);
    assert.equal(await finding(frame, 'full-access').getAttribute('data-severity'), 'critical');
    assert.equal(await mark(fullRadio), 'critical');
    assert.match((await fullRadio.getAttribute('title')) ?? '', /^PAT Guard: /);
    const fullTitle = await title(frame, 'full-access');
    await frame.locator('[data-live="critical"]', { hasText: fullTitle }).waitFor(DEADLINE);
    let ms = await applyFix(frame, 'full-access');
    t.diagnostic(`${lang}/${theme} full-access fix: ${ms} ms`);
    assert.equal(await customRadio.getAttribute('aria-checked'), 'true');
    assert.equal(await fullRadio.getAttribute('aria-checked'), 'false');
    await page.waitForFunction((el) => !el.hasAttribute('data-patguard-mark'), await fullRadio.elementHandle());

    // All accessible organizations (a global PAT)
    // The option click is the page update being timed; opening the list is not.
    const allOrgs = page.getByRole('option', { name: T('all_orgs', lang), exact: true });
    for (let i = 0; !(await allOrgs.isVisible()); i++) {
      if (i === 3) throw new Error('the Organization list did not open');
      await settled(page);
      await orgButton.click({ timeout: 10_000 });
      // (never Escape here: with the list closed it dismisses the whole panel)
      await allOrgs.waitFor({ timeout: 5000 }).catch(() => {});
    }
    r = await timeFinding(page, frame, 'all-organizations', () => allOrgs.click());
    await expectPrompt(t, `${lang}/${theme} all-organizations`, r);
    assert.equal(await finding(frame, 'all-organizations').getAttribute('data-severity'), 'critical');
    assert.equal(await mark(orgButton), 'critical');
    const orgTitle = await title(frame, 'all-organizations');
    await frame.locator('[data-live="critical"]', { hasText: orgTitle }).waitFor(DEADLINE);
    ms = await applyFix(frame, 'all-organizations');
    t.diagnostic(`${lang}/${theme} all-organizations fix: ${ms} ms`);
    assert.equal(await orgButton.inputValue(), 'contoso');
    assert.equal(await mark(orgButton), null);

    // One year: Custom defined, then a date 365 days ahead typed into the (now editable) field
    assert.equal(await dateBox.getAttribute('readonly'), '', 'the date is read-only until Custom defined');
    await pick(page, panel, T('expiration', lang), T('custom_expiry', lang));
    await page.waitForFunction((el) => !el.readOnly, await dateBox.elementHandle());
    const yearAhead = dateTextIn(365);
    r = await timeFinding(page, frame, 'long-expiry', () => dateBox.fill(yearAhead));
    await expectPrompt(t, `${lang}/${theme} long-expiry`, r);
    const longExpiry = finding(frame, 'long-expiry');
    assert.equal(await longExpiry.getAttribute('data-severity'), 'warning', '365 days: warning (critical only above one year)');
    assert.match(await longExpiry.textContent(), /365/);
    assert.equal(await mark(dateBox), 'warning');
    assert.equal(await mark(expiryButton), 'warning');
    ms = await applyFix(frame, 'long-expiry');
    t.diagnostic(`${lang}/${theme} long-expiry fix: ${ms} ms`);
    assert.equal(await dateBox.inputValue(), dateTextIn(30));
    assert.equal(await mark(dateBox), null);

    // A manage level: Code "Read, write, & manage"
    const manage = scopeLabels('vso.code_manage', lang);
    const write = scopeLabels('vso.code_write', lang);
    const manageBox = levelBox(panel, manage.group, manage.level);
    r = await timeFinding(page, frame, 'manage-or-full-level', () => manageBox.click());
    await expectPrompt(t, `${lang}/${theme} manage-or-full-level`, r);
    assert.equal(await finding(frame, 'manage-or-full-level').getAttribute('data-severity'), 'warning');
    assert.equal(await mark(manageBox), 'warning');
    ms = await applyFix(frame, 'manage-or-full-level');
    t.diagnostic(`${lang}/${theme} manage-or-full-level fix: ${ms} ms`);
    assert.equal(await manageBox.getAttribute('aria-checked'), 'false');
    assert.equal(await levelBox(panel, write.group, write.level).getAttribute('aria-checked'), 'true');

    // The fixed form carries no critical finding, so Create reaches the page directly,
    // and the page receives exactly what the fixes left.
    assert.equal(await frame.locator('[data-finding][data-severity="critical"]').count(), 0);
    await panel.getByRole('textbox', { name: T('name', lang) }).fill(`findings-${lang}-${theme}-2026-11`);
    await panel.getByRole('button', { name: T('create', lang), exact: true }).click();
    await page.waitForFunction(() => window.__replica?.lastSubmit, null, DEADLINE);
    const submit = (await replicaState(page)).lastSubmit;
    assert.equal(submit.fullAccess, false);
    assert.equal(submit.allOrgs, false);
    assert.equal(submit.days, 30);
    assert.deepEqual(submit.scopes, ['vso.code_write']);
  });
}

/**
 * A real mouse click at the element's place. Not awaited to the end: when the click
 * makes the frame it landed in go away (the success view replaces the form and with
 * it the assistant frame), Playwright's input acknowledgement can wait forever.
 */
async function mouseClick(page, locator) {
  await locator.scrollIntoViewIfNeeded();
  const box = await locator.boundingBox();
  const done = page.mouse.click(box.x + box.width / 2, box.y + box.height / 2).catch(() => {});
  await Promise.race([done, page.waitForTimeout(1000)]);
}

async function fillName(panel, lang, name) {
  await panel.getByRole('textbox', { name: T('name', lang) }).fill(name);
}

/**
 * Counts clicks on the page's Create button as the page's own listeners see them (a
 * capturing listener on document, main world, so before React re-renders the footer;
 * the agent intercepts at window capture, so a gated click never gets there).
 */
async function watchPageClicks(page, lang) {
  await page.evaluate((label) => {
    window.__createClicks = [];
    document.addEventListener('click', (e) => {
      const b = e.target.closest?.('button');
      if (b && b.textContent.trim() === label) window.__createClicks.push({ prevented: e.defaultPrevented, trusted: e.isTrusted });
    }, true);
  }, T('create', lang));
  return () => page.evaluate(() => window.__createClicks);
}

for (const lang of ['en', 'de']) {
  test(`Create with a critical finding opens the gate; the page never sees the click; cancel creates nothing, confirm exactly one (${lang})`, LIMIT, async (t) => {
    const { page, panel, frame } = await open(t, { lang });
    const before = await replicaState(page);
    const clicks = await watchPageClicks(page, lang);
    await fillName(panel, lang, 'deploy-script-2026-11');
    await settled(page);
    await panel.getByRole('radio', { name: T('full_access', lang) }).click();
    await finding(frame, 'full-access').waitFor(DEADLINE);
    const create = panel.getByRole('button', { name: T('create', lang), exact: true });

    await settled(page);
    await create.click();
    const gate = frame.locator('[data-patguard="gate"]');
    await gate.waitFor(DEADLINE);
    assert.equal(await gate.getAttribute('role'), 'alertdialog');
    assert.match(await gate.textContent(), new RegExp(await title(frame, 'full-access')));
    await page.waitForTimeout(300);
    let state = await replicaState(page);
    assert.equal(state.lastSubmit, null, 'the page saw the gated click');
    assert.equal(state.submits.length, before.submits.length);

    // Keyboard activation is gated too.
    await frame.locator('[data-action="cancel-create"]').click();
    await gate.waitFor({ state: 'detached' });
    await create.focus();
    await page.keyboard.press('Enter');
    await gate.waitFor(DEADLINE);
    await frame.locator('[data-action="cancel-create"]').click();
    await gate.waitFor({ state: 'detached' });
    await create.focus();
    await page.keyboard.press('Space');
    await gate.waitFor(DEADLINE);

    // Cancel: nothing created, the form is still there.
    await frame.locator('[data-action="cancel-create"]').click();
    await gate.waitFor({ state: 'detached' });
    await page.waitForTimeout(300);
    state = await replicaState(page);
    assert.equal(state.lastSubmit, null);
    assert.equal(state.submits.length, 0);
    assert.equal(state.tokens.length, before.tokens.length);
    assert.deepEqual(await clicks(), [], 'the page saw a gated click (mouse, Enter or Space)');
    assert.ok(await create.isVisible());

    // Confirm: exactly one token.
    await settled(page);
    await create.click();
    await gate.waitFor(DEADLINE);
    // The success view replaces the form, and with it the assistant frame: a real mouse
    // click at the button's place, as Playwright's click waits on the detaching frame.
    await mouseClick(page, frame.locator('[data-action="confirm-create"]'));
    await page.waitForFunction(() => window.__replica?.lastSubmit, null, DEADLINE);
    await page.waitForTimeout(300);
    state = await replicaState(page);
    assert.equal(state.submits.length, 1, 'exactly one submit');
    assert.equal(state.tokens.length, before.tokens.length + 1, 'exactly one new token');
    assert.equal(state.lastSubmit.fullAccess, true);
    assert.equal(state.lastSubmit.name, 'deploy-script-2026-11');
    assert.deepEqual(await clicks(), [{ prevented: false, trusted: false }], 'exactly the released click (el.click() by the agent) reached the page');
  });
}

test('with no critical finding the Create click reaches the page untouched (no gate)', LIMIT, async (t) => {
  const { page, panel, frame } = await open(t, { lang: 'en', query: 'theme=dark' });
  const clicks = await watchPageClicks(page, 'en');
  const read = scopeLabels('vso.code', 'en');
  await levelBox(panel, read.group, read.level).click();
  await fillName(panel, 'en', 'ci-code-reader-2026-11');
  await settled(page);
  await finding(frame, 'no-scopes').waitFor({ state: 'detached', ...DEADLINE });
  await finding(frame, 'vague-name').waitFor({ state: 'detached', ...DEADLINE });
  assert.equal(await frame.locator('[data-finding][data-severity="critical"]').count(), 0);
  await panel.getByRole('button', { name: T('create', 'en'), exact: true }).click();
  await page.waitForFunction(() => window.__replica?.lastSubmit, null, DEADLINE);
  const state = await replicaState(page);
  assert.equal(state.submits.length, 1);
  assert.deepEqual(state.lastSubmit.scopes, ['vso.code']);
  assert.deepEqual(await clicks(), [{ prevented: false, trusted: true }], 'the page saw the click untouched');
});

test('a warning-only form (manage level, 365 days) is not gated', LIMIT, async (t) => {
  const { page, panel, frame } = await open(t, { lang: 'en' });
  const clicks = await watchPageClicks(page, 'en');
  const manage = scopeLabels('vso.code_manage', 'en');
  await levelBox(panel, manage.group, manage.level).click();
  await pick(page, panel, T('expiration', 'en'), T('custom_expiry', 'en'));
  await panel.getByRole('textbox', { name: T('expiration', 'en') }).fill(dateTextIn(365));
  await finding(frame, 'long-expiry').waitFor(DEADLINE);
  await finding(frame, 'manage-or-full-level').waitFor(DEADLINE);
  await fillName(panel, 'en', 'repo-admin-2026-11');
  await settled(page);
  assert.equal(await frame.locator('[data-finding][data-severity="critical"]').count(), 0);
  await panel.getByRole('button', { name: T('create', 'en'), exact: true }).click();
  await page.waitForFunction(() => window.__replica?.lastSubmit, null, DEADLINE);
  const submit = (await replicaState(page)).lastSubmit;
  assert.deepEqual(submit.scopes, ['vso.code_manage']);
  assert.equal(submit.days, 365);
  assert.deepEqual(await clicks(), [{ prevented: false, trusted: true }]);
});

for (const lang of ['en', 'de']) {
  // An unknown scope level is tolerated since issue #14 (tests/e2e/drift.test.mjs); an
  // unmappable scope-mode option still makes the form unrecognisable.
  test(`an unknown page variant: unmappable scope option → unrecognized, presets disabled, page untouched (${lang})`, LIMIT, async (t) => {
    const { page, panel, frame } = await open(t, { lang });
    const root = frame.locator('[data-patguard="assistant"]');
    assert.equal(await root.getAttribute('data-state'), 'ready');
    // Some state on the page worth protecting.
    await fillName(panel, lang, 'keep-me');
    const original = T('custom_scopes', lang);
    const renamed = await page.evaluate((label) => {
      const dialogEl = [...document.querySelectorAll('[role="dialog"]')].find((d) => !d.closest('[data-patguard]'));
      const walker = document.createTreeWalker(dialogEl, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        if (n.nodeValue.trim() === label) {
          n.nodeValue = n.nodeValue.replace(label, label === 'Read & write' ? 'Read and write-ish' : `${label}-ish`);
          return true;
        }
      }
      return false;
    }, original);
    assert.ok(renamed, `no "${original}" label found`);
    await frame.locator('[data-patguard="assistant"][data-state="unrecognized"]').waitFor(DEADLINE);
    const status = (await frame.locator('.status').textContent()).trim();
    assert.match(status, /-ish/, `the reason names the unknown label: ${status}`);
    t_log(`unrecognized reason (${lang}): ${status}`);

    const presets = frame.locator('[data-preset-id]');
    const n = await presets.count();
    assert.ok(n >= 20, `${n} preset buttons`);
    for (let i = 0; i < n; i++) assert.equal(await presets.nth(i).isDisabled(), true, `preset #${i} enabled`);
    assert.equal(await frame.locator('[data-action="fix"]:not([disabled])').count(), 0, 'no fix offered on an unknown page');

    const beforeControls = await pageControls(page);
    await presets.first().click({ force: true, timeout: 2000 }).catch(() => {});
    // Even a button re-enabled behind the UI's back must not act on an unrecognised page.
    await frame.evaluate(() => {
      const b = document.querySelector('[data-preset-id="git-push"]');
      b.removeAttribute('disabled');
      b.click();
    });
    await page.waitForTimeout(800);
    const afterControls = await pageControls(page);
    assert.deepEqual(afterControls, beforeControls, 'a control on the page changed');
    assert.equal(await root.getAttribute('data-state'), 'unrecognized');
    assert.equal(await page.locator('[data-patguard-mark]').count(), 0);
  });
}

function t_log(msg) {
  console.log(`# ${msg}`);
}
