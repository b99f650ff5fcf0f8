// The import-file hand-offs end to end (README: "an import file for Bitwarden, 1Password or
// KeePass"): Create on the replica, then each format's button in the assistant's success view
// opens PAT Guard's own vault window, which asks for a confirmation first (the file is not
// encrypted); Cancel writes nothing, and "I understand, download" downloads, from that window,
// a file that holds exactly this token with its name, URL, scopes and expiry. The KeePass XML
// is imported by the real keepassxc-cli.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { launchWithExtension, assistantFrame } from '../support/extension.mjs';
import { PAGE, dialog, replicaState } from '../support/replica-page.mjs';
import { T } from '../support/guard-page.mjs';
import { askForImportFile, cancelImportFile, confirmImportFile, recordDownloads } from '../support/vault-window.mjs';

const NAME = 'feed-restore';
const TITLE = `${NAME} (Azure DevOps contoso)`;
const URL = 'https://dev.azure.com/contoso';
const MASTER = 'correct horse battery staple';

let ext;
let dir;
before(async () => {
  execFileSync('keepassxc-cli', ['--version']); // fails loudly when the tool is missing
  ext = await launchWithExtension();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'patguard-import-files-'));
});
after(async () => {
  await ext?.close();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

/** Creates a token with a preset; returns the page, the success view's frame and what the page received. */
async function createToken(t) {
  const page = await ext.context.newPage();
  t.after(() => page.close().catch(() => {}));
  await page.goto(PAGE('contoso', 'csp=strict'));
  await page.getByRole('menuitem', { name: T('new_token', 'en') }).click();
  const panel = dialog(page, T('create_title', 'en'));
  await panel.waitFor();
  const form = await assistantFrame(page);
  await form.locator('[data-preset-id="artifacts-read"]').click();
  await form.locator('.notice .success').waitFor();
  await panel.getByRole('textbox', { name: T('name', 'en') }).fill(NAME);
  await panel.getByRole('button', { name: T('create', 'en'), exact: true }).click();
  await page.waitForFunction(() => window.__replica?.lastToken);
  const { lastToken: token, lastSubmit: submit } = await replicaState(page);
  const frame = await assistantFrame(page);
  assert.equal(await frame.locator('[data-patguard="assistant"]').getAttribute('data-view'), 'success');
  return { page, frame, token, submit };
}

/**
 * A KDBX 4 XML time as an ISO string: KeePassXC writes it as base64 of the seconds since
 * 0001-01-01 UTC (little-endian int64), or as ISO text in older formats.
 */
function kdbxTime(text) {
  assert.ok(text, 'no ExpiryTime');
  if (/^\d{4}-/.test(text)) return new Date(text).toISOString();
  const seconds = Buffer.from(text, 'base64').readBigInt64LE(0);
  const SECONDS_FROM_YEAR_1_TO_1970 = 62_135_596_800n;
  return new Date(Number(seconds - SECONDS_FROM_YEAR_1_TO_1970) * 1000).toISOString();
}

/** The ISO date of today (UTC), as the assistant writes "Created:". */
const todayIso = () => new Date().toISOString().slice(0, 10);

/** RFC 4180: quoted fields, "" for a quote inside one, CRLF between records. */
function parseCsv(text) {
  const records = [];
  let record = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      record.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      record.push(field);
      records.push(record);
      record = [];
      field = '';
      i++;
    } else field += c;
  }
  assert.equal(quoted, false, 'an unterminated quoted field');
  assert.equal(field + record.join(''), '', 'the last record does not end with CRLF');
  return records;
}

/** Asks for `format` in the success view; returns PAT Guard's vault window and its confirmation. */
const askFor = (frame, format, title) => askForImportFile(ext.context, frame, format, title);

/** Confirms the file in the vault window and saves the download; returns its name and text. */
async function download(frame, { vault, confirm }) {
  const file = await confirmImportFile(vault, confirm);
  const to = path.join(dir, file.suggestedFilename());
  await file.saveAs(to);
  // The assistant reports the window's result, and the window is done with the token.
  await frame.locator('.notice .success').filter({ hasText: /NOT encrypted/ }).waitFor();
  await vault.close();
  return { name: file.suggestedFilename(), text: fs.readFileSync(to, 'utf8'), file: to };
}

const FILE_NAME = (ext) => new RegExp(`^azure-devops-pat-contoso-\\d{4}-\\d{2}-\\d{2}\\.${ext}$`);

test('each import file is confirmed first; Cancel downloads nothing', async (t) => {
  const { frame } = await createToken(t);
  const downloads = recordDownloads(ext.context); // in the web page and in every vault window
  for (const [format, title] of [['bitwarden-json', 'Bitwarden (.json)'], ['1password-csv', '1Password (.csv)'], ['keepass-xml', 'KeePass (.xml)']]) {
    const asked = await askFor(frame, format, title);
    assert.equal(await asked.confirm.locator('[data-action="confirm-file"]').textContent(), 'I understand, download');
    await cancelImportFile(asked.vault, asked.confirm, frame);
  }
  // Downloads reach the browser in the order they were started: one started by a Cancel
  // would be reported before the confirmed one.
  const { name } = await download(frame, await askFor(frame, 'keepass-xml', 'KeePass (.xml)'));
  assert.deepEqual(downloads, [name], 'only the confirmed file was downloaded');
});

test('Bitwarden (.json): one login in the "Azure DevOps" folder with the token, URL, scopes and expiry', async (t) => {
  const { frame, token, submit } = await createToken(t);
  const { name, text } = await download(frame, await askFor(frame, 'bitwarden-json', 'Bitwarden (.json)'));
  assert.match(name, FILE_NAME('json'));
  assert.ok(!name.includes(token), 'the file name holds the token');
  const doc = JSON.parse(text);
  assert.equal(doc.encrypted, false);
  assert.equal(doc.folders.length, 1);
  assert.equal(doc.folders[0].name, 'Azure DevOps');
  assert.equal(doc.items.length, 1);
  const [item] = doc.items;
  assert.equal(item.type, 1, 'a Login item');
  assert.equal(item.folderId, doc.folders[0].id);
  assert.equal(item.name, TITLE);
  assert.ok(item.login.password === token, 'the login password is the token');
  assert.deepEqual(item.login.uris.map((u) => u.uri), [URL]);
  assert.deepEqual(item.fields, [{ name: 'expires', type: 0, value: submit.expiry }]);
  assert.match(item.notes, new RegExp(`^Azure DevOps personal access token "${NAME}" for organization contoso\\.\\n`));
  assert.match(item.notes, new RegExp(`\\nScopes: ${submit.scopes.join(' ')}\\n`));
  assert.match(item.notes, new RegExp(`\\nCreated: ${todayIso()}\\n`));
  assert.match(item.notes, new RegExp(`\\nExpires: ${submit.expiry}$`));
});

test('1Password (.csv): the header and one login record with the token, URL and notes', async (t) => {
  const { frame, token, submit } = await createToken(t);
  const { name, text } = await download(frame, await askFor(frame, '1password-csv', '1Password (.csv)'));
  assert.match(name, FILE_NAME('csv'));
  assert.ok(!name.includes(token), 'the file name holds the token');
  const records = parseCsv(text);
  assert.equal(records.length, 2, 'a header and one record');
  assert.deepEqual(records[0], ['title', 'website', 'username', 'password', 'notes']);
  const [title, website, username, password, notes] = records[1];
  assert.equal(title, TITLE);
  assert.equal(website, URL);
  assert.equal(username, '');
  assert.ok(password === token, 'the password column is the token');
  assert.match(notes, new RegExp(`\\nScopes: ${submit.scopes.join(' ')}\\n`));
  assert.match(notes, new RegExp(`\\nExpires: ${submit.expiry}\\n`));
  assert.match(notes, /\nTags: azure-devops-pat$/);
});

test('KeePass (.xml): keepassxc-cli imports it, and the entry holds the token, URL and expiry', async (t) => {
  const { frame, token, submit } = await createToken(t);
  const { name, text, file } = await download(frame, await askFor(frame, 'keepass-xml', 'KeePass (.xml)'));
  assert.match(name, FILE_NAME('xml'));
  assert.ok(!name.includes(token), 'the file name holds the token');
  assert.match(text, /^<\?xml version="1\.0" encoding="utf-8"/);
  assert.match(text, new RegExp(`<ExpiryTime>${submit.expiry}T`));

  const kdbx = path.join(dir, 'imported.kdbx');
  const cli = (args, input) => execFileSync('keepassxc-cli', args, { input, encoding: 'utf8', stdio: ['pipe', 'pipe', 'pipe'] });
  cli(['import', '-q', '-p', file, kdbx], `${MASTER}\n${MASTER}\n`);
  const entry = `Azure DevOps/${TITLE}`;
  const show = (attr) => cli(['show', '-q', '-s', '-a', attr, kdbx, entry], `${MASTER}\n`).replace(/\n$/, '');
  assert.ok(show('Password') === token, 'the imported password is the token');
  assert.equal(show('URL'), URL);
  assert.match(show('Notes'), new RegExp(`Scopes: ${submit.scopes.join(' ')}`));
  const xml = cli(['export', '-q', '-f', 'xml', kdbx], `${MASTER}\n`);
  const entries = xml.match(/<Entry>[\s\S]*?<\/Entry>/g) ?? [];
  assert.equal(entries.length, 1, 'one entry in the imported database');
  assert.match(entries[0], /<Expires>True<\/Expires>/);
  assert.match(entries[0], /<Tags>azure-devops-pat<\/Tags>/);
  assert.equal(kdbxTime(entries[0].match(/<ExpiryTime>([^<]+)<\/ExpiryTime>/)?.[1]), `${submit.expiry}T00:00:00.000Z`);
});
