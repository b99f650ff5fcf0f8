// Helpers for the findings / gate / policy e2e tests: open the create panel with the
// assistant, drive the risky controls by role and visible text, and time how fast a
// finding follows the page's own update.
import pageTexts from '../../src/core/data/ado-page-texts.json' with { type: 'json' };
import scopeData from '../../src/core/data/ado-scopes.json' with { type: 'json' };
import { assistantFrame } from './extension.mjs';
import { PAGE, dialog, levelBox, pickDropdown } from './replica-page.mjs';

export const T = (key, lang) => pageTexts.texts[key][lang];

/** Group and level labels of a scope id as the page shows them in `lang`. */
export function scopeLabels(scopeId, lang) {
  for (const g of scopeData) {
    const level = g.levels.find((l) => l.scope_id === scopeId);
    if (!level) continue;
    const group = lang === 'de' ? pageTexts.group_labels_de[g.group] ?? g.ui_label : g.ui_label;
    const lvl = lang === 'de' ? pageTexts.level_labels_de[level.ui_level] ?? level.ui_level : level.ui_level;
    return { group, level: lvl };
  }
  throw new Error(`unknown scope ${scopeId}`);
}

/** "YYYY/M/D" (the replica's date text) for today + days, in UTC. */
export function dateTextIn(days, now = new Date()) {
  const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()) + days * 86_400_000);
  return `${d.getUTCFullYear()}/${d.getUTCMonth() + 1}/${d.getUTCDate()}`;
}

/** Opens the create panel on the replica under a strict CSP and waits for the assistant frame. */
export async function openPanel(context, { lang = 'en', query = '', state } = {}) {
  const q = ['csp=strict', lang === 'de' ? 'lang=de' : '', query].filter(Boolean).join('&');
  return openCreatePanel(context, PAGE('contoso', q), { lang, state });
}

/**
 * Opens the create panel at exactly `url` and waits for the assistant frame. `text(key, lang)`
 * gives the page's labels: the core's by default, the replica's own where a test checks them.
 */
export async function openCreatePanel(context, url, { lang = 'en', state, text = T } = {}) {
  const page = await context.newPage();
  await page.goto(url);
  await page.getByRole('menuitem', { name: text('new_token', lang) }).click();
  const panel = dialog(page, text('create_title', lang));
  await panel.waitFor();
  const frame = await assistantFrame(page, state ? { state } : undefined);
  return { page, panel, frame };
}

/**
 * Waits until the assistant frame has kept its height for 150 ms: it grows and shrinks
 * with the findings, which moves the page's controls below it.
 */
export async function settled(page) {
  await page.waitForFunction(() => {
    // The frame sits in a closed shadow root: its host's box follows the frame's height.
    const host = document.querySelector('[data-patguard="host"]');
    const h = host ? String(host.getBoundingClientRect().height) : '';
    const now = Date.now();
    if (window.__pgH !== h) {
      window.__pgH = h;
      window.__pgHSince = now;
      return false;
    }
    return now - window.__pgHSince >= 150;
  }, null, { polling: 50, timeout: 30_000 });
}

/** Opens a Dropdown by its label and picks an option, retrying if a layout shift ate the click. */
export async function pick(page, panel, label, option) {
  for (let attempt = 0; ; attempt++) {
    await settled(page);
    const opt = page.getByRole('option', { name: option, exact: true });
    try {
      if (!(await opt.isVisible())) await panel.getByRole('button', { name: label, exact: true }).click({ timeout: 10_000 });
      await opt.waitFor({ timeout: 5000 });
      await opt.click();
      return;
    } catch (e) {
      if (attempt >= 2) {
        const why = await page.evaluate(() => ({
          hiddenPanel: !!document.querySelector('[role="dialog"]')?.closest('[aria-hidden="true"]'),
          expanded: [...document.querySelectorAll('[aria-expanded]')].map((el) => `${el.getAttribute('aria-label')}=${el.getAttribute('aria-expanded')}`),
          listboxes: document.querySelectorAll('[role="listbox"]').length,
          active: document.activeElement?.outerHTML.slice(0, 120),
        }));
        await page.screenshot({ path: `/tmp/pick-failed-${Date.now()}.png` }).catch(() => {});
        e.message += `\npage: ${JSON.stringify(why)}`;
        throw e;
      }
      // No Escape: with the list closed it would dismiss the whole panel.
    }
  }
}

export const finding = (frame, code) => frame.locator(`[data-finding="${code}"]`);

/**
 * Runs `action` on the page and measures, in browser time (Date.now() on both sides),
 * how long after the page's first DOM change in the panel the finding `code` is shown
 * in the assistant. Resolves { ms, pageChanged, shown }; `shown` is null when the
 * finding did not appear within `timeout` ms of arming (a deadline for a broken build: how
 * fast it should be is a bench figure, not a test's).
 */
export async function timeFinding(page, frame, code, action, { timeout = 30_000, settleMs = 0 } = {}) {
  await settled(page);
  await page.evaluate(() => {
    const root = [...document.querySelectorAll('[role="dialog"]')].find((d) => !d.closest('[data-patguard]'));
    window.__pgFirstChange = null;
    const mo = new MutationObserver((records) => {
      // Our own outlines and the assistant host are not the page updating.
      const pageOwn = records.some(
        (r) => !(r.type === 'attributes' && (r.attributeName === 'data-patguard-mark' || r.attributeName === 'title'))
          && !(r.target.closest?.('[data-patguard]')),
      );
      if (pageOwn && window.__pgFirstChange === null) {
        window.__pgFirstChange = Date.now();
        mo.disconnect();
      }
    });
    mo.observe(root, { subtree: true, childList: true, attributes: true, characterData: true });
  });
  const seen = frame.evaluate(
    ({ code, limit }) =>
      new Promise((resolve) => {
        const sel = `[data-finding="${code}"]`;
        const mo = new MutationObserver(() => {
          if (document.querySelector(sel)) {
            mo.disconnect();
            resolve(Date.now());
          }
        });
        mo.observe(document, { subtree: true, childList: true, attributes: true });
        setTimeout(() => {
          mo.disconnect();
          resolve(null);
        }, limit);
      }),
    { code, limit: timeout },
  );
  await action();
  const shown = await seen;
  const pageChanged = await page.evaluate(() => window.__pgFirstChange);
  const ms = shown !== null && pageChanged !== null ? shown - pageChanged : null;
  if (settleMs) await page.waitForTimeout(settleMs);
  return { ms, shown, pageChanged };
}

/** Clicks the fix of `code` and waits (up to `timeout`) until that finding is gone. Returns ms. */
export async function applyFix(frame, code, { timeout = 30_000 } = {}) {
  await settled(frame.page());
  const started = Date.now();
  await finding(frame, code).locator('[data-action="fix"]').click();
  await finding(frame, code).waitFor({ state: 'detached', timeout });
  return Date.now() - started;
}

/** aria-checked of every radio/checkbox, values of every input, and dropdown texts in the panel. */
export async function pageControls(page) {
  return page.evaluate(() => {
    const root = [...document.querySelectorAll('[role="dialog"]')].find((d) => !d.closest('[data-patguard]'));
    const out = {};
    let i = 0;
    for (const el of root.querySelectorAll('[role="radio"], [role="checkbox"], input, textarea, button, [role="button"]')) {
      if (el.closest('[data-patguard]')) continue;
      const name = el.getAttribute('aria-label') ?? el.textContent.trim().slice(0, 60);
      const key = `${i++}:${el.tagName.toLowerCase()}:${el.getAttribute('role') ?? ''}:${name}`;
      out[key] = {
        checked: el.getAttribute('aria-checked'),
        value: 'value' in el && el.tagName !== 'BUTTON' ? el.value : undefined,
        text: el.textContent.trim(),
        disabled: el.getAttribute('aria-disabled') ?? (el.disabled ? 'true' : null),
      };
    }
    return out;
  });
}

export { levelBox, pickDropdown };
