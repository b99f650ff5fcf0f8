// "Which scopes do I need?" end to end: the built extension on the replica (strict CSP),
// English and German, create and edit panels. Paste → answer → Apply → the page submits
// exactly the answer's scopes. The calculator is its own wasm module, loaded only once the box
// is opened or used; the panel module carries none of its tables.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchWithExtension, assistantFrame, EXT_DIR } from '../support/extension.mjs';
import { PAGE, replicaState, dialog, selectRow } from '../support/replica-page.mjs';
import pageTexts from '../../src/core/data/ado-page-texts.json' with { type: 'json' };

const T = (key, lang) => pageTexts.texts[key][lang];
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The box's record of the on-demand calculator module: none, loading or ready. */
const calculatorModule = (box) => box.getAttribute('data-calculator-module');

// A pipeline script: a read the push covers (Code: Read & write includes Read), a build
// queue, a git push, and a line that is no call.
const SCRIPT = [
  'curl -u ":$PAT" "https://dev.azure.com/contoso/web/_apis/git/repositories?api-version=7.1"',
  'curl -u ":$PAT" -X POST -H "Content-Type: application/json" -d @queue.json \\',
  '  "https://dev.azure.com/contoso/web/_apis/build/builds?api-version=7.1"',
  'git push https://dev.azure.com/contoso/web/_git/site HEAD:main',
  'echo queued',
].join('\n');
const EXPECTED = ['vso.build_execute', 'vso.code_write'];

const BOX_TITLE = { en: 'Which scopes do I need?', de: 'Welche Bereiche brauche ich?' };

let ext;
before(async () => {
  ext = await launchWithExtension();
});
after(async () => {
  await ext?.close();
});

async function pasteAndAnswer(frame, lang) {
  const box = frame.locator('[data-patguard="calculator"]');
  const summary = box.locator(':scope > summary');
  assert.equal((await summary.textContent()).trim(), BOX_TITLE[lang]);
  assert.equal(await calculatorModule(box), 'none', 'the calculator module is not loaded on panel open');
  await summary.click();
  await box.locator('[data-field="calculator-input"]').fill(SCRIPT);
  await box.locator('[data-action="calculate"]').click();
  await box.locator('[data-calculator-answer]').waitFor();
  assert.equal(await calculatorModule(box), 'ready', 'the answer came from the calculator module');
  assert.equal(await box.locator('.calculator-answer[aria-busy]').count(), 0, 'no loading state once answered');
  const scopes = await box.locator('li[data-scope]').evaluateAll((els) => els.map((e) => e.dataset.scope));
  assert.deepEqual(scopes, EXPECTED);
  const unmapped = box.locator('[data-calculator-unmapped] li');
  assert.equal(await unmapped.count(), 1);
  assert.match(await unmapped.textContent(), /echo queued/);
  assert.equal(await box.locator('[data-limit="git-smart-http"]').count(), 1);
  assert.equal(await box.locator('[data-limit="owner-permissions"]').count(), 1);
  return box;
}

async function applyAnswer(frame, box) {
  await box.locator('[data-action="apply-calculated"]').click();
  await frame.locator('.notice .success, .notice .error').first().waitFor({ timeout: 10000 });
  assert.equal(await frame.locator('.notice .error').count(), 0, await frame.locator('.notice').textContent());
}

for (const lang of ['en', 'de']) {
  test(`create panel: paste → answer → Apply submits exactly those scopes (${lang}, strict CSP)`, async () => {
    const page = await ext.context.newPage();
    await page.goto(PAGE('contoso', `csp=strict&lang=${lang}`));
    await page.getByRole('menuitem', { name: T('new_token', lang) }).click();
    const panel = dialog(page, T('create_title', lang));
    await panel.waitFor();
    const frame = await assistantFrame(page);
    const box = await pasteAndAnswer(frame, lang);
    await applyAnswer(frame, box);
    await panel.getByRole('textbox', { name: T('name', lang) }).fill(`calculator-${lang}`);
    await panel.getByRole('button', { name: T('create', lang), exact: true }).click();
    await page.waitForFunction(() => window.__replica?.lastSubmit);
    const submit = (await replicaState(page)).lastSubmit;
    assert.deepEqual(submit.scopes, EXPECTED);
    assert.equal(submit.fullAccess, false);
    await page.close();
  });

  test(`edit panel: Apply replaces the token's scopes with the answer (${lang})`, async () => {
    const page = await ext.context.newPage();
    await page.goto(PAGE('contoso', `lang=${lang}`));
    await selectRow(page, 'git-laptop');
    await page.getByRole('menuitem', { name: T('edit', lang) }).click();
    const panel = dialog(page, T('edit_title', lang));
    await panel.waitFor();
    const frame = await assistantFrame(page);
    const box = await pasteAndAnswer(frame, lang);
    await applyAnswer(frame, box);
    await panel.getByRole('button', { name: T('save', lang), exact: true }).click();
    await panel.waitFor({ state: 'detached' });
    const submit = (await replicaState(page)).lastSubmit;
    assert.equal(submit.mode, 'edit');
    assert.deepEqual(submit.scopes, EXPECTED, 'Work Items: Read & write of the old token is gone');
    await page.close();
  });
}

test('nothing derivable: no Apply button, the reason is shown', async () => {
  const page = await ext.context.newPage();
  await page.goto(PAGE('contoso', ''));
  await page.getByRole('menuitem', { name: T('new_token', 'en') }).click();
  await dialog(page, T('create_title', 'en')).waitFor();
  const frame = await assistantFrame(page);
  const box = frame.locator('[data-patguard="calculator"]');
  await box.locator(':scope > summary').click();
  await box.locator('[data-field="calculator-input"]').fill('https://github.com/contoso/web');
  await box.locator('[data-action="calculate"]').click();
  await box.locator('[data-calculator-empty]').waitFor();
  assert.equal(await box.locator('[data-action="apply-calculated"]').count(), 0);
  assert.match(await box.locator('[data-calculator-unmapped]').textContent(), /github\.com is not an Azure DevOps address/);
  await page.close();
});

test('the panel module links none of the REST tables; the calculator module holds them', () => {
  const ops = JSON.parse(fs.readFileSync(path.join(ROOT, 'src/core/data/rest-scopes/operations.json'), 'utf8'));
  // Each operation id between tabs, as build/rest_scopes.rs writes a table row.
  const rows = [...new Set(ops.map((o) => `\t${o.operationId}\t`))];
  const found = (file) => {
    const wasm = fs.readFileSync(path.join(EXT_DIR, 'pkg', file));
    return rows.filter((r) => wasm.includes(r)).length;
  };
  assert.equal(found('patguard_assistant_bg.wasm'), 0);
  assert.equal(found('patguard_options_bg.wasm'), 0);
  assert.ok(found('patguard_calculator_bg.wasm') > rows.length * 0.9, 'the calculator module holds the REST table');
});

test('the calculator module is not exposed to web pages', () => {
  const manifest = JSON.parse(fs.readFileSync(path.join(EXT_DIR, 'manifest.json'), 'utf8'));
  const exposed = (manifest.web_accessible_resources ?? []).flatMap((r) => r.resources ?? []);
  assert.ok(!exposed.some((r) => r.includes('calculator') || r.includes('pkg/')), JSON.stringify(exposed));
});
