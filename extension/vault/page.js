// PAT Guard's vault window (vault.html). It opens its port to the background, greets with
// the nonce in its URL and receives the entry (with the token) and the format over that port
// alone (vault/broker.js). For the KeePass file it asks for the master password here, where
// the Azure DevOps page cannot reach, shows its strength and refuses a weak one (zxcvbn);
// for an import file it says the file is not encrypted and asks to confirm. Either file is
// built here by the on-demand kdbx module and downloaded from here, and the result goes back
// to the assistant through the background. The token, the password and an import file's
// text are JavaScript values here: they cannot be wiped and live until garbage collection;
// the window drops its references once it is done.
import { api, download } from '../page-glue.js';
import { VAULT_PORT } from './broker.js';

const $ = (id) => document.getElementById(id);
const root = $('root');
const de = navigator.language?.toLowerCase().startsWith('de');
const T = de
  ? {
      heading: 'Das neue Token speichern',
      headingKdbx: 'Das neue Token in KeePass speichern',
      headingFile: 'Das neue Token als Importdatei speichern',
      loading: 'Warte auf das Token…',
      entry: 'Eintrag',
      where: 'Dieses Fenster gehört zu PAT Guard; die Azure DevOps-Seite kann es weder sehen noch überdecken. Die Datei wird mit Argon2id und AES-256 verschlüsselt.',
      password: 'Masterpasswort für die neue KeePass-Datei',
      confirm: 'Wiederholen',
      save: 'Verschlüsseln und herunterladen',
      cancel: 'Abbrechen',
      close: 'Fenster schließen',
      expired: 'Diese Übergabe ist abgelaufen. Starten Sie sie erneut im Assistenten.',
      strength: ['sehr schwach', 'schwach', 'mäßig', 'stark', 'sehr stark'],
      strengthLabel: 'Stärke',
      weak: 'Zu leicht zu erraten; wählen Sie ein stärkeres Passwort.',
      mismatch: 'Die beiden Passwörter stimmen nicht überein.',
      short: (n) => `Verwenden Sie mindestens ${n} Zeichen.`,
      busy: 'Wird verschlüsselt (Argon2id, 64 MiB)…',
      saved: 'Gespeichert. Öffnen Sie die Datei in KeePass oder führen Sie sie mit Ihrer Datenbank zusammen.',
      cancelled: 'Abgebrochen; es wurde keine Datei geschrieben.',
      fileWarning: 'Diese Datei ist NICHT verschlüsselt: Wer sie liest, hat das Token. Importieren Sie sie sofort und löschen Sie sie danach.',
      fileWhere: 'Dieses Fenster gehört zu PAT Guard; die Azure DevOps-Seite kann es weder sehen noch überdecken.',
      download: 'Verstanden, herunterladen',
      fileSaved: 'Gespeichert. Importieren Sie die Datei sofort in Ihren Passwortmanager und löschen Sie sie danach (auch aus dem Papierkorb).',
    }
  : {
      headingKdbx: 'Save the new token to KeePass',
      headingFile: 'Save the new token to an import file',
      loading: 'Waiting for the token…',
      expired: 'This hand-off has expired. Start it again in the assistant.',
      strength: ['very weak', 'weak', 'fair', 'strong', 'very strong'],
      strengthLabel: 'Strength',
      weak: 'Too easy to guess; choose a stronger password.',
      mismatch: 'The two passwords differ.',
      short: (n) => `Use at least ${n} characters.`,
      busy: 'Encrypting (Argon2id, 64 MiB)…',
      saved: 'Saved. Open the file in KeePass, or merge it into your database (Database → Merge).',
      cancelled: 'Cancelled; no file was written.',
      fileSaved: 'Saved. Import the file into your password manager right away, then delete it (and empty the trash).',
    };
// The unencrypted import files (the kdbx module's `kdbx_import_file` builds them).
const IMPORT_FILES = {
  'bitwarden-json': { title: 'Bitwarden (.json)', mime: 'application/json' },
  '1password-csv': { title: '1Password (.csv)', mime: 'text/csv' },
  'keepass-xml': { title: 'KeePass (.xml)', mime: 'application/xml' },
};
if (de) {
  document.documentElement.lang = 'de';
  for (const el of document.querySelectorAll('[data-text]')) if (T[el.dataset.text]) el.textContent = T[el.dataset.text];
}

let entryJson = null;
let format = null;
let filename = null;
let knownWords = '[]';
let kdbx = null;
let finished = false;

const setState = (state) => {
  root.dataset.state = state;
  root.setAttribute('aria-busy', String(state === 'loading' || state === 'busy'));
};
const status = (text) => {
  $('status').textContent = text;
};

// The KeePass writer is a large wasm module (Argon2, AES, zxcvbn): only this window loads it.
async function loadKdbx() {
  const m = await import('../pkg/patguard_kdbx.js');
  await m.default({ module_or_path: new URL('../pkg/patguard_kdbx_bg.wasm', import.meta.url) });
  return m;
}

function showStrength() {
  const password = $('password').value;
  if (!kdbx || !password) {
    $('strength').value = 0;
    $('strength-text').textContent = '';
    $('strength-text').dataset.strength = 'none';
    $('advice').replaceChildren();
    return null;
  }
  const s = JSON.parse(kdbx.kdbx_password_strength(password, knownWords));
  $('strength').value = s.score;
  $('strength-text').textContent = `${T.strengthLabel}: ${T.strength[s.score]}${s.acceptable ? '' : ` — ${T.weak}`}`;
  $('strength-text').dataset.strength = s.acceptable ? 'strong' : 'weak';
  $('strength-text').dataset.score = String(s.score);
  const advice = [s.warning, ...s.suggestions].filter(Boolean).map((text) => Object.assign(document.createElement('li'), { textContent: text }));
  $('advice').replaceChildren(...advice);
  return s;
}

function finish(ok, error) {
  if (finished) return;
  finished = true;
  port.postMessage(ok ? { type: 'result', ok: true } : { type: 'result', ok: false, error });
  entryJson = null;
  $('password').value = '';
  $('confirm').value = '';
  $('form').hidden = true;
  $('file').hidden = true;
  $('done').hidden = false;
  setState(ok ? 'saved' : 'cancelled');
  status(ok ? (format === 'kdbx' ? T.saved : T.fileSaved) : T.cancelled);
}

// The import file, built only after the user confirmed that it is not encrypted.
function saveFile() {
  if (finished || !entryJson) return;
  try {
    const bytes = kdbx.kdbx_import_file(entryJson, format);
    download(filename, IMPORT_FILES[format].mime, bytes);
    finish(true);
  } catch (e) {
    $('file-error').textContent = String(e?.message ?? e);
  }
}

async function save(event) {
  event.preventDefault();
  const password = $('password').value;
  const strength = showStrength();
  const error = (text) => {
    $('error').textContent = text;
  };
  const min = kdbx.kdbx_min_password_chars();
  if ([...password].length < min) return error(T.short(min));
  if (!strength?.acceptable) return error(T.weak);
  if (password !== $('confirm').value) return error(T.mismatch);
  error('');
  $('save').disabled = true;
  setState('busy');
  status(T.busy);
  // Let the status paint before Argon2 holds the thread for a second.
  await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
  try {
    const bytes = kdbx.kdbx_export(entryJson, password);
    download(filename, 'application/octet-stream', bytes);
    finish(true);
  } catch (e) {
    setState('ready');
    status('');
    error(String(e?.message ?? e));
  } finally {
    $('save').disabled = false;
  }
}

const port = api.runtime.connect({ name: VAULT_PORT });
port.onMessage.addListener(async (msg) => {
  if (msg?.type === 'expired') {
    setState('expired');
    status(T.expired);
    return;
  }
  if (msg?.type !== 'entry' || entryJson !== null || finished) return;
  const file = IMPORT_FILES[msg.format];
  if (msg.format !== 'kdbx' && !file) return;
  entryJson = msg.entry;
  format = msg.format;
  filename = msg.filename;
  const heading = file ? T.headingFile : T.headingKdbx;
  $('heading').textContent = heading;
  document.title = `PAT Guard — ${heading}`;
  try {
    kdbx = await loadKdbx();
    if (!file) knownWords = kdbx.kdbx_known_words(entryJson);
    $('entry-title').textContent = JSON.parse(entryJson).title ?? '';
  } catch (e) {
    setState('failed');
    status(String(e?.message ?? e));
    finished = true;
    port.postMessage({ type: 'result', ok: false, error: String(e?.message ?? e) });
    return;
  }
  $('entry').hidden = false;
  setState('ready');
  status('');
  if (file) {
    $('file-format').textContent = file.title;
    $('file').hidden = false;
    $('file').focus(); // the warning is read first; neither answer is chosen for the user
  } else {
    $('form').hidden = false;
    $('password').focus();
  }
});
port.onDisconnect.addListener(() => {
  if (!entryJson && !finished) {
    setState('expired');
    status(T.expired);
  }
});
$('password').addEventListener('input', showStrength);
$('form').addEventListener('submit', save);
$('cancel').addEventListener('click', () => {
  finish(false, 'Cancelled in the KeePass window; no file was written.');
  window.close();
});
$('file-download').addEventListener('click', saveFile);
$('file-cancel').addEventListener('click', () => {
  finish(false, "Cancelled in PAT Guard's window; no file was written.");
  window.close();
});
$('close').addEventListener('click', () => window.close());
port.postMessage({ type: 'hello', nonce: location.hash.slice(1) });
