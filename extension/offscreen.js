// Offscreen document (Chrome, Edge): the clipboard half of "secure copy". The service worker
// has no clipboard and may be suspended, so this document writes the text, keeps only its
// SHA-256, holds the timer and, when it fires, reads the clipboard and clears it only if it
// still holds what we copied. It then reports {type:'offscreen.result'} to the background,
// which closes this document when it is idle and broadcasts the outcome.
import { sha256Hex, errorText } from './clipboard/common.js';

const api = globalThis.chrome;
let pending = null; // {hash, timer}
let toWrite = null; // set only for the duration of one execCommand('copy')

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
  let result;
  try {
    const now = read();
    if ((await sha256Hex(now)) === entry.hash) {
      write('');
      result = { outcome: 'cleared' };
    } else {
      result = { outcome: 'kept' };
    }
  } catch (e) {
    result = { outcome: 'failed', error: `clipboard clear failed: ${errorText(e)}` };
  }
  if (pending === entry) pending = null;
  api.runtime.sendMessage({ type: 'offscreen.result', ...result, idle: pending === null }).catch(() => {});
}

function cancel() {
  if (pending) clearTimeout(pending.timer);
  pending = null;
}

async function copy(text, seconds) {
  cancel();
  const hash = await sha256Hex(text);
  write(text);
  const entry = { hash };
  entry.timer = setTimeout(() => fire(entry), seconds * 1000);
  pending = entry;
  return Date.now() + seconds * 1000;
}

api.runtime.onMessage.addListener((msg, sender, sendResponse) => {
  if (msg?.target !== 'patguard-offscreen' || sender.id !== api.runtime.id || sender.tab) return false;
  if (msg.op === 'copy') {
    copy(msg.text, msg.seconds).then(
      (clearAt) => sendResponse({ ok: true, clearAt }),
      (e) => sendResponse({ ok: false, error: errorText(e) }),
    );
    return true;
  }
  if (msg.op === 'cancel') {
    cancel();
    sendResponse({ ok: true });
  }
  return false;
});
