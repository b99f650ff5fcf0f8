// Saves PNGs of the replica's main states into target/replica-shots/ for a visual check against ADO.
// Usage (from the repo root): node tests/replica/screenshot.mjs
import { mkdir } from 'node:fs/promises';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchChromium } from '../support/chromium.mjs';
import { PAGE, openReplica, dialog } from '../support/replica-page.mjs';
import pageData from './src/page-data.json' with { type: 'json' };

const OUT = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'target', 'replica-shots');
const T = (key, lang = 'en', n) => pageData.texts[key][lang].replace('{n}', String(n));
const settle = (page) => page.waitForTimeout(600); // panel slide-in animation and font load

async function shoot(browser, name, query, lang, steps) {
  const { page, context } = await openReplica(browser, PAGE('contoso', query));
  await steps?.(page, lang);
  await settle(page);
  const path = join(OUT, `${name}.png`);
  await page.screenshot({ path, fullPage: false });
  await context.close();
  console.log(path);
}

async function openPanel(page, lang) {
  await page.getByRole('menuitem', { name: T('new_token', lang) }).click();
  const panel = dialog(page, T('create_title', lang));
  await panel.waitFor();
  return panel;
}

await mkdir(OUT, { recursive: true });
const browser = await launchChromium();
try {
  await shoot(browser, 'list-en-light', '', 'en');
  await shoot(browser, 'list-selected-en-light', '', 'en', async (page) => {
    await page.getByRole('row').filter({ hasText: 'nuget-publish' }).click();
  });
  await shoot(browser, 'panel-en-light', '', 'en', openPanel);
  await shoot(browser, 'panel-org-dropdown-en-light', 'policy=noglobal', 'en', async (page, lang) => {
    const panel = await openPanel(page, lang);
    await panel.getByRole('button', { name: T('organization', lang), exact: true }).click();
  });
  await shoot(browser, 'panel-de-dark', 'lang=de&theme=dark', 'de', openPanel);
  await shoot(browser, 'panel-all-scopes-en-light', 'policy=nofull', 'en', async (page, lang) => {
    const panel = await openPanel(page, lang);
    await panel.getByRole('button', { name: T('show_all', lang, 31) }).click();
    await page.setViewportSize({ width: 1400, height: 2400 });
  });
  await shoot(browser, 'maxdays-error-en-light', 'policy=maxdays:90', 'en', async (page, lang) => {
    const panel = await openPanel(page, lang);
    await panel.getByRole('textbox', { name: T('name', lang) }).fill('too-long');
    await panel.getByRole('button', { name: T('expiration', lang), exact: true }).click();
    await page.getByRole('option', { name: T('custom_expiry', lang), exact: true }).click();
    await panel.locator('.pat-expiration-date input').fill('2030/1/1');
    await panel.getByRole('button', { name: T('create', lang), exact: true }).click();
  });
  for (const [lang, theme] of [['en', 'light'], ['de', 'dark']]) {
    await shoot(browser, `success-${lang}-${theme}`, `lang=${lang}&theme=${theme}`, lang, async (page) => {
      const panel = await openPanel(page, lang);
      await panel.getByRole('textbox', { name: T('name', lang) }).fill('ci-reader');
      await panel.getByRole('checkbox', { name: lang === 'de' ? 'Lesen' : 'Read', exact: true }).first().click();
      await panel.getByRole('button', { name: T('create', lang), exact: true }).click();
      await panel.getByText(T('success_title', lang), { exact: true }).waitFor();
    });
  }
} finally {
  await browser.close();
}
