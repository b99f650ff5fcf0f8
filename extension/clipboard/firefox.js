// Clipboard backend for Firefox: the background is an event page with a DOM, so
// navigator.clipboard works here directly (clipboardWrite / clipboardRead permissions).
// There is no offscreen API in Firefox. The event page may be unloaded before the clear
// time comes, and its timer with it, so the clear is also kept as an alarm plus the pending
// record (clipboard/pending.js: sequence number, SHA-256, deadline; never the text):
// whichever wakes first does the compare-before-clear for the latest copy, the other finds
// nothing left to do, and a clear due while the browser was closed is done at the next start.
import { sha256Hex, errorText } from './common.js';

const ALARM = 'patguard-clipboard-clear';

export function createFirefoxBackend(api, pending, onResult) {
  let timer = null;

  function schedule(entry) {
    clearTimeout(timer);
    const wait = Math.max(0, entry.clearAt - Date.now());
    timer = setTimeout(() => clearIfStillOurs(entry.seq), wait);
    api.alarms?.create(ALARM, { when: Math.max(entry.clearAt, Date.now() + 1) });
  }

  async function clearIfStillOurs(seq) {
    let result;
    await pending.serial(async () => {
      const entry = await pending.read();
      if (entry?.seq !== seq) return; // superseded or already done
      try {
        const seen = await navigator.clipboard.readText();
        if ((await sha256Hex(seen)) !== entry.hash) {
          result = { outcome: 'kept' };
        } else {
          await navigator.clipboard.writeText('');
          result = { outcome: 'cleared' };
        }
      } catch (e) {
        result = { outcome: 'failed', error: `clipboard clear failed: ${errorText(e)}` };
      }
      await pending.settle(seq);
      clearTimeout(timer);
      await api.alarms?.clear(ALARM);
    });
    if (result) onResult(result);
  }

  api.alarms?.onAlarm.addListener(async (alarm) => {
    if (alarm.name !== ALARM) return;
    const entry = await pending.read();
    if (entry) clearIfStillOurs(entry.seq);
  });

  return {
    async copy(text, seconds) {
      const hash = await sha256Hex(text);
      return pending.serial(async () => {
        const entry = await pending.begin(hash, Date.now() + seconds * 1000);
        try {
          await navigator.clipboard.writeText(text);
        } catch (e) {
          await pending.settle(entry.seq);
          throw e;
        }
        schedule(entry);
        return entry.clearAt;
      });
    },
    cancel() {
      return pending.serial(async () => {
        clearTimeout(timer);
        timer = null;
        await pending.drop();
        await api.alarms?.clear(ALARM);
      });
    },
    /** A clear that was pending when this page started (after an unload or a restart). */
    async resume() {
      const entry = await pending.read();
      if (entry) schedule(entry);
    },
  };
}
