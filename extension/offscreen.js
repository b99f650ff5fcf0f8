// Offscreen document (Chrome, Edge): the clipboard half of "secure copy". The service worker
// has no clipboard and may be suspended, so this document writes the text, keeps only its
// SHA-256, holds the timer and, when it fires, reads the clipboard and clears it only if it
// still holds what we copied. The text arrives over the port this document opens to the
// background (clipboard/chromium.js), never by runtime.sendMessage. Each copy carries a
// sequence number: a newer copy or a cancel supersedes a clear even while it is reading the
// clipboard, so only the latest clear acts. Its outcome goes back as
// {type:'offscreen.result', seq}.
import { sha256Hex, errorText } from './clipboard/common.js';

const api = globalThis.chrome;
let pending = null; // {seq, hash, timer}
let toWrite = null; // set only for the duration of one execCommand('copy')
let port = null;

// execCommand('copy') fires this synchronously; we decide what lands on the clipboard.
document.addEventListener('copy', (event) => {
  if (toWrite === null) return;
  event.clipboardData.setData('text/plain', toWrite);
  event.preventDefault();
});

function write(text) {
  toWrite = text;
  try {
    if (!document.execCommand('copy')) throw new Error('execCommand("copy") was refused');
  } finally {
    toWrite = null;
  }
}

function read() {
  const area = document.getElementById('paste');
  area.value = '';
  area.focus();
  try {
    if (!document.execCommand('paste')) throw new Error('execCommand("paste") was refused (clipboardRead permission?)');
    return area.value;
  } finally {
    area.value = '';
  }
}

async function fire(entry) {
  let outcome;
  let error;
  try {
    const seen = read();
    const hash = await sha256Hex(seen);
    // A newer copy or a cancel arrived while hashing: that one decides now.
    if (pending !== entry) return;
    // Read again right before clearing, in the same task, so text copied during the hash
    // is never wiped.
    if (hash === entry.hash && read() === seen) {
      write('');
      outcome = 'cleared';
    } else {
      outcome = 'kept';
    }
  } catch (e) {
    if (pending !== entry) return;
    outcome = 'failed';
    error = `clipboard clear failed: ${errorText(e)}`;
  }
  pending = null;
  const result = { type: 'offscreen.result', seq: entry.seq, outcome, ...(error ? { error } : {}) };
  api.runtime.sendMessage(result).catch(() => {});
}

function arm(seq, hash, clearAt) {
  cancel();
  const entry = { seq, hash };
  entry.timer = setTimeout(() => fire(entry), Math.max(0, clearAt - Date.now()));
  pending = entry;
}

function cancel() {
  if (pending) clearTimeout(pending.timer);
  pending = null;
}

function onRequest(msg) {
  const reply = (r) => port?.postMessage({ id: msg.id, ...r });
  try {
    if (msg?.op === 'copy') {
      write(msg.text);
      arm(msg.seq, msg.hash, msg.clearAt);
      reply({ ok: true });
    } else if (msg?.op === 'arm') {
      arm(msg.seq, msg.hash, msg.clearAt);
      reply({ ok: true });
    } else if (msg?.op === 'cancel') {
      cancel();
      reply({ ok: true });
    }
  } catch (e) {
    reply({ ok: false, error: errorText(e) });
  }
}

function connect() {
  port?.disconnect();
  const p = api.runtime.connect({ name: 'patguard-offscreen' });
  p.onMessage.addListener(onRequest);
  p.onDisconnect.addListener(() => {
    if (port === p) port = null;
  });
  port = p;
}

// A background that restarted while this document held a clear asks for a new port.
api.runtime.onMessage.addListener((msg, sender) => {
  if (msg?.target === 'patguard-offscreen' && msg.op === 'connect' && sender.id === api.runtime.id && !sender.tab) connect();
  return false;
});
connect();
