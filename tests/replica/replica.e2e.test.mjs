// End-to-end checks of the replica token page in Debian Chromium (playwright-core), fully offline.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { ensureReplicaBuilt } from '../support/replica-server.mjs';
import { launchChromium } from '../support/chromium.mjs';
import { PAGE, openReplica, replicaState, dialog, scopeRow, levelBox, pickDropdown, selectRow } from '../support/replica-page.mjs';
import pageData from './src/page-data.json' with { type: 'json' };

const groupDe = (key) => pageData.groups.find((g) => g.key === key).de;
const T = (key, lang = 'en', n) => pageData.texts[key][lang].replace('{n}', String(n));
const CREATE = T('create_title');
const TODAY = new Date(Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth(), new Date().getUTCDate()));
const plusDays = (d) => new Date(TODAY.getTime() + d * 86_400_000);
const slash = (d) => `${d.getUTCFullYear()}/${d.getUTCMonth() + 1}/${d.getUTCDate()}`;

let browser;
const opened = [];
before(async () => {
  await ensureReplicaBuilt();
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
});

async function open(query = '', opts) {
  const session = await openReplica(browser, opts?.url ?? PAGE('contoso', query), opts);
  opened.push(session.context);
  return session;
}
async function openCreate(query = '') {
  const s = await open(query);
  await s.page.getByRole('menuitem', { name: T('new_token') }).click();
  const panel = dialog(s.page, CREATE);
  await panel.waitFor();
  return { ...s, panel };
}
async function done(s) {
  assert.deepEqual(s.problems, []);
  await s.context.close();
}

test('list page: title, columns, seeded tokens, page-data island', async () => {
  const s = await open();
  const { page } = s;
  assert.equal(await page.getByRole('heading', { name: T('list_title') }).count(), 1);
  for (const key of ['col_name', 'col_status', 'col_org', 'col_expires']) {
    assert.equal(await page.getByRole('columnheader', { name: T(key), exact: true }).count(), 1, key);
  }
  const st = await replicaState(page);
  assert.deepEqual(st.tokens.map((r) => r.status), ['expired', 'active', 'active', 'active']);
  assert.equal(st.tokens[1].expiry, plusDays(3).toISOString().slice(0, 10));
  assert.equal(st.tokens[2].allOrgs, true);
  assert.equal(st.tokens[3].expiry, plusDays(60).toISOString().slice(0, 10));
  const island = await page.evaluate(() => JSON.parse(document.getElementById('dataProviders').innerHTML).data);
  assert.equal(island['ms.vss-web.page-data'].user.displayName, 'Ada Lovelace');
  assert.match(island['ms.vss-web.page-data'].hostId, /^[0-9a-f-]{36}$/);
  await done(s);
});

test('create with scopes: exact scope ids submitted, token shown once, row added', async () => {
  const s = await openCreate();
  const { page, panel } = s;
  const create = panel.getByRole('button', { name: T('create'), exact: true });
  assert.equal(await create.getAttribute('aria-disabled'), 'true', 'Create disabled while Name is empty');
  await panel.getByRole('textbox', { name: T('name') }).fill('ci-reader');
  assert.equal(await create.getAttribute('aria-disabled'), null);
  assert.equal(await panel.getByRole('radio', { name: T('custom_scopes') }).getAttribute('aria-checked'), 'true');
  await levelBox(panel, 'Code', 'Read & write').click();
  await levelBox(panel, 'Build', 'Read').click();
  await panel.getByRole('button', { name: T('show_all', 'en', 31) }).click();
  await levelBox(panel, 'Packaging', 'Read').click();
  await create.click();
  await panel.getByText(T('success_title'), { exact: true }).waitFor();
  assert.equal(await panel.getByText(T('success_text')).count(), 1);
  const field = panel.locator('input[readonly]');
  const token = await field.inputValue();
  assert.match(token, /^[A-Za-z0-9]{52}JQQJ99[A-Za-z0-9][A-L][A-Za-z0-9]{12}AAAAAZDO[A-Za-z0-9]{4}$/);
  assert.equal(await panel.getByRole('button', { name: T('copy') }).count(), 1);
  const st = await replicaState(page);
  assert.deepEqual(st.lastSubmit.scopes, ['vso.build', 'vso.code_write', 'vso.packaging']);
  assert.equal(st.lastSubmit.scopeString, 'vso.build vso.code_write vso.packaging');
  assert.equal(st.lastSubmit.mode, 'create');
  assert.equal(st.lastSubmit.organization, 'contoso');
  assert.equal(st.lastSubmit.days, 30);
  assert.equal(st.lastSubmit.expiry, plusDays(30).toISOString().slice(0, 10));
  assert.equal(st.lastToken, token);
  await panel.getByRole('button', { name: T('close'), exact: true }).first().click();
  await panel.waitFor({ state: 'detached' });
  assert.equal(await page.getByRole('row').filter({ hasText: 'ci-reader' }).count(), 1);
  await done(s);
});

test('full access submits app_token; all orgs + 90 days', async () => {
  const s = await openCreate();
  const { page, panel } = s;
  await panel.getByRole('textbox', { name: T('name') }).fill('admin');
  await pickDropdown(page, panel, T('organization'), T('all_orgs'));
  await pickDropdown(page, panel, T('expiration'), T('days_90'));
  assert.equal(await panel.locator('.pat-expiration-date input').inputValue(), slash(plusDays(90)), 'date follows dropdown');
  await panel.getByRole('radio', { name: T('full_access') }).click();
  assert.equal(await panel.getByRole('checkbox').count(), 0, 'no scope rows with Full access');
  await panel.getByRole('button', { name: T('create'), exact: true }).click();
  await panel.getByText(T('success_title'), { exact: true }).waitFor();
  const st = await replicaState(page);
  assert.equal(st.lastSubmit.scopeString, 'app_token');
  assert.equal(st.lastSubmit.fullAccess, true);
  assert.equal(st.lastSubmit.allOrgs, true);
  assert.equal(st.lastSubmit.days, 90);
  await done(s);
});

test('levels: exclusive by default, independent with levels=multi', async () => {
  const s = await openCreate();
  await levelBox(s.panel, 'Code', 'Read').click();
  await levelBox(s.panel, 'Code', 'Read & write').click();
  assert.equal(await levelBox(s.panel, 'Code', 'Read').getAttribute('aria-checked'), 'false');
  assert.equal(await levelBox(s.panel, 'Code', 'Read & write').getAttribute('aria-checked'), 'true');
  await levelBox(s.panel, 'Code', 'Read & write').click();
  assert.equal(await scopeRow(s.panel, 'Code').locator('[role=checkbox][aria-checked=true]').count(), 0, 'can untick');
  await done(s);

  const m = await openCreate('levels=multi');
  await levelBox(m.panel, 'Code', 'Read').click();
  await levelBox(m.panel, 'Code', 'Status').click();
  assert.equal(await scopeRow(m.panel, 'Code').locator('[role=checkbox][aria-checked=true]').count(), 2);
  await m.panel.getByRole('textbox', { name: T('name') }).fill('multi');
  await m.panel.getByRole('button', { name: T('create'), exact: true }).click();
  await m.panel.getByText(T('success_title'), { exact: true }).waitFor();
  assert.deepEqual((await replicaState(m.page)).lastSubmit.scopes, ['vso.code', 'vso.code_status']);
  await done(m);
});

test('show all scopes toggles 5 <-> 36 groups in the documented order', async () => {
  const s = await openCreate();
  const rows = s.panel.locator('.pat-scope-group-title');
  assert.deepEqual(await rows.allTextContents(), ['Work Items', 'Code', 'Build', 'Release', 'Test Management']);
  await s.panel.getByRole('button', { name: T('show_all', 'en', 31) }).click();
  const all = await rows.allTextContents();
  assert.equal(all.length, 36);
  assert.deepEqual(all.slice(5), [...all.slice(5)].sort((a, b) => a.localeCompare(b, 'en')));
  assert.equal(await s.panel.getByText('Work items, queries, backlogs, plans, and metadata').count(), 1);
  await s.panel.getByRole('button', { name: T('show_less') }).click();
  assert.equal(await rows.count(), 5);
  await done(s);
});

test('edit -> save updates the row with the same form', async () => {
  const s = await open();
  const { page } = s;
  await selectRow(page, 'git-laptop');
  await page.getByRole('menuitem', { name: T('edit') }).click();
  const panel = dialog(page, T('edit_title'));
  await panel.waitFor();
  const name = panel.getByRole('textbox', { name: T('name') });
  assert.equal(await name.inputValue(), 'git-laptop');
  assert.equal(await levelBox(panel, 'Code', 'Read & write').getAttribute('aria-checked'), 'true');
  assert.equal(await levelBox(panel, 'Work Items', 'Read & write').getAttribute('aria-checked'), 'true');
  await name.fill('git-laptop-2');
  await levelBox(panel, 'Code', 'Read').click();
  await panel.getByRole('button', { name: T('save'), exact: true }).click();
  await panel.waitFor({ state: 'detached' });
  const st = await replicaState(page);
  assert.equal(st.lastSubmit.mode, 'edit');
  assert.deepEqual(st.lastSubmit.scopes, ['vso.code', 'vso.work_write']);
  assert.ok(st.tokens.some((r) => r.name === 'git-laptop-2' && r.scopeString === 'vso.code vso.work_write'));
  assert.equal(st.lastToken, null, 'editing does not mint a token');
  await done(s);
});

test('regenerate -> confirm -> success view with a new token', async () => {
  const s = await open('token=legacy');
  const { page } = s;
  await selectRow(page, 'nuget-publish');
  await page.getByRole('menuitem', { name: T('regenerate') }).click();
  const confirm = dialog(page, T('regenerate_title'));
  await confirm.getByRole('button', { name: T('regenerate'), exact: true }).click();
  const panel = page.getByRole('dialog').filter({ hasText: T('regenerated_text') });
  await panel.waitFor();
  const token = await panel.locator('input[readonly]').inputValue();
  assert.match(token, /^[a-z2-7]{52}$/, 'token=legacy gives the 52-char format');
  assert.equal((await replicaState(page)).lastToken, token);
  await done(s);
});

test('revoke -> confirm -> row gone', async () => {
  const s = await open();
  const { page } = s;
  await selectRow(page, 'build-agent-2025');
  await page.getByRole('menuitem', { name: T('revoke') }).click();
  const confirm = dialog(page, T('revoke_title'));
  await confirm.getByRole('button', { name: T('revoke'), exact: true }).click();
  await confirm.waitFor({ state: 'detached' });
  assert.equal(await page.getByRole('row').filter({ hasText: 'build-agent-2025' }).count(), 0);
  const st = await replicaState(page);
  assert.deepEqual(st.revoked, ['build-agent-2025']);
  assert.equal(st.tokens.length, 3);
  await done(s);
});

test('policies: nofull and noglobal disable their choices with a message', async () => {
  const s = await openCreate('policy=nofull,noglobal');
  const { page, panel } = s;
  const full = panel.getByRole('radio', { name: T('full_access') });
  assert.equal(await full.getAttribute('aria-disabled'), 'true');
  await full.click({ force: true });
  assert.equal(await full.getAttribute('aria-checked'), 'false');
  assert.equal(await panel.getByText(T('policy_no_full')).count(), 1);
  assert.equal(await panel.getByText(T('policy_no_global')).count(), 1);
  await panel.getByRole('button', { name: T('organization'), exact: true }).click();
  const all = page.getByRole('option', { name: T('all_orgs') });
  assert.match(await all.getAttribute('class'), /bolt-list-box-item-disabled/);
  await all.click({ force: true });
  assert.equal(await panel.getByRole('button', { name: T('organization'), exact: true }).inputValue(), 'contoso');
  await done(s);
});

test('policy maxdays:90 rejects a 365-day custom date like the server', async () => {
  const s = await openCreate('policy=maxdays:90');
  const { page, panel } = s;
  await panel.getByRole('textbox', { name: T('name') }).fill('too-long');
  const date = panel.locator('.pat-expiration-date input');
  assert.equal(await date.getAttribute('readonly'), '', 'preset date is read-only');
  await pickDropdown(page, panel, T('expiration'), T('custom_expiry'));
  await date.fill(slash(plusDays(365)));
  await panel.getByRole('button', { name: T('create'), exact: true }).click();
  await panel.getByRole('alert').filter({ hasText: T('policy_max_days', 'en', 90) }).waitFor();
  const st = await replicaState(page);
  assert.equal(st.lastToken, null);
  assert.equal(st.tokens.length, 4);
  assert.equal(st.lastSubmit.days, 365);
  // Within the limit the same form succeeds.
  await date.fill(slash(plusDays(90)));
  await panel.getByRole('button', { name: T('create'), exact: true }).click();
  await panel.getByText(T('success_title'), { exact: true }).waitFor();
  await done(s);
});

test('lang=de: German texts, group and level labels, <html lang>', async () => {
  const s = await open('lang=de&theme=dark');
  const { page } = s;
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'de');
  await page.getByRole('menuitem', { name: T('new_token', 'de') }).click();
  const panel = dialog(page, T('create_title', 'de'));
  await panel.waitFor();
  assert.equal(await panel.getByRole('textbox', { name: T('name', 'de') }).count(), 1);
  for (const key of ['organization', 'expiration', 'scopes_hint', 'full_access']) {
    assert.ok((await panel.getByText(T(key, 'de'), { exact: true }).count()) >= 1, key);
  }
  assert.equal(await levelBox(panel, groupDe('workItems'), 'Lesen').count(), 1);
  assert.equal(await panel.getByText(pageData.groups.find((g) => g.key === 'code').description_de).count(), 1);
  await panel.getByRole('button', { name: T('show_all', 'de', 31) }).click();
  assert.equal(await scopeRow(panel, groupDe('packaging')).count(), 1);
  assert.equal(await panel.getByRole('button', { name: T('create', 'de'), exact: true }).count(), 1);
  const bg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  const [r, g, b] = bg.match(/\d+/g).map(Number);
  assert.ok(r + g + b < 200, `dark background expected, got ${bg}`);
  await done(s);
});

test('hosts: *.visualstudio.com and self-hosted servers take the org from the URL', async () => {
  const vs = await open('', { url: 'https://fabrikam.visualstudio.com/_usersSettings/tokens' });
  await vs.page.getByRole('menuitem', { name: T('new_token') }).click();
  assert.equal(await vs.page.getByRole('button', { name: T('organization'), exact: true }).inputValue(), 'fabrikam');
  await done(vs);
  const onprem = await open('', {
    url: 'https://ado.contoso.test/DefaultCollection/_usersSettings/tokens',
    extraOrigins: ['https://ado.contoso.test'],
  });
  assert.equal((await replicaState(onprem.page)).tokens[0].organization, 'DefaultCollection');
  await done(onprem);
});

const WASM_PROBE = async () => {
  try {
    await WebAssembly.compile(new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0]));
    return 'compiled';
  } catch (e) {
    return `${e.name}: ${e.message}`;
  }
};

test('csp=strict: page works, CSP header set, WebAssembly.compile blocked; without it compiles', async () => {
  const s = await open('csp=strict');
  const violations = [];
  await s.page.exposeFunction('__cspViolation', (v) => violations.push(v));
  await s.page.evaluate(() => document.addEventListener('securitypolicyviolation', (e) => window.__cspViolation(e.violatedDirective)));
  assert.equal(s.response.headers()['content-security-policy'], "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'");
  // The whole UI must work under the CSP: open the panel and create a token.
  await s.page.getByRole('menuitem', { name: T('new_token') }).click();
  const panel = dialog(s.page, CREATE);
  await panel.getByRole('textbox', { name: T('name') }).fill('under-csp');
  await panel.getByRole('button', { name: T('create'), exact: true }).click();
  await panel.getByText(T('success_title'), { exact: true }).waitFor();
  assert.deepEqual(violations, [], 'the replica itself violates nothing');
  const blocked = await s.page.evaluate(WASM_PROBE);
  assert.match(blocked, /^CompileError: .*(Content Security Policy|unsafe-eval)/);
  s.problems.length = 0; // Chromium also logs the refused compile as a console error
  await done(s);

  const free = await open();
  assert.equal(await free.page.evaluate(WASM_PROBE), 'compiled');
  await done(free);
});
