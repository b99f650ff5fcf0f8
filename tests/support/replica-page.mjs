// Page-object helpers for driving the replica the way the extension would: by roles and visible texts.
import { routeReplica } from './replica-server.mjs';

export const PAGE = (org = 'contoso', query = '') =>
  `https://dev.azure.com/${org}/_usersSettings/tokens${query ? `?${query}` : ''}`;

/** New context + page on the replica; collects page errors and CSP violations for later assertions. */
export async function openReplica(browser, url, { extraOrigins, contextOptions } = {}) {
  const context = await browser.newContext({ viewport: { width: 1400, height: 1000 }, ...contextOptions });
  await routeReplica(context, { extraOrigins });
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`console: ${m.text()}`); });
  const response = await page.goto(url);
  await page.getByRole('grid').waitFor();
  return { context, page, problems, response };
}

export const replicaState = (page) => page.evaluate(() => JSON.parse(JSON.stringify(window.__replica)));

export function dialog(page, title) {
  return page.getByRole('dialog').filter({ hasText: title });
}

/** A scope group row: the element holding the group's title and its level checkboxes. */
export function scopeRow(panel, label) {
  return panel.locator('.pat-scope-group').filter({
    has: panel.page().locator('.pat-scope-group-title').getByText(label, { exact: true }),
  });
}

export function levelBox(panel, group, level) {
  return scopeRow(panel, group).getByRole('checkbox', { name: level, exact: true });
}

export async function pickDropdown(page, panel, label, option) {
  await panel.getByRole('button', { name: label, exact: true }).click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

export async function selectRow(page, name) {
  await page.getByRole('row').filter({ hasText: name }).click();
}

/**
 * The user's create path through a preset: click it in the assistant, wait for the assistant to
 * say it was applied (the apply opens dropdowns, which move focus, so typing before it ends can
 * land elsewhere), type the name, Create, and return the token the replica minted.
 * `texts` holds the page's labels in the page's language: {name, create}.
 */
export async function createWithPreset(page, panel, frame, { preset, name, texts = { name: 'Name', create: 'Create' } }) {
  await frame.locator(`[data-preset-id="${preset}"]`).click();
  await frame.locator('.notice .success').waitFor({ timeout: 30_000 });
  await panel.getByRole('textbox', { name: texts.name }).fill(name);
  await panel.getByRole('button', { name: texts.create, exact: true }).click();
  await page.waitForFunction(() => window.__replica?.lastToken);
  return (await replicaState(page)).lastToken;
}

/**
 * Regenerates the token row `name` the user's way: select the row, wait until the list
 * assistant (`list`, its frame) knows the selection, then Regenerate and confirm.
 * `text(key)` gives the page's labels in the page's language.
 */
export async function regenerateRow(page, list, name, text) {
  await list.locator('[data-patguard="audit"]').waitFor();
  await page.getByRole('row').filter({ hasText: name }).click();
  // The list assistant knows (and has asked the agent to keep) the selected row.
  await list.locator(`[data-patguard="audit"][data-selected="${name}"]`).waitFor();
  await page.getByRole('menuitem', { name: text('regenerate') }).click();
  await dialog(page, text('regenerate_title')).getByRole('button', { name: text('regenerate'), exact: true }).click();
}
