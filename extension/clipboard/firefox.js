// Clipboard backend for Firefox: the background is an event page with a DOM, so
// navigator.clipboard works here directly (clipboardWrite / clipboardRead permissions).
// There is no offscreen API in Firefox. The event page may be unloaded before the clear
// time comes, and its timer with it, so the clear is also kept as an alarm plus the
// text's SHA-256 in storage.session (memory only, never the text): whichever wakes first
// does the compare-before-clear, the other finds nothing left to do.
import { sha256Hex, errorText } from './common.js';

const ALARM = 'patguard-clipboard-clear';
const KEY = 'patguardClipboardPending';

export function createFirefoxBackend(onResult, api) {
  let timer = null;
  const session = api?.storage?.session;

  async function takePending() {
    const got = session ? (await session.get(KEY))[KEY] : null;
    if (session) await session.remove(KEY);
    await api?.alarms?.clear(ALARM);
    return got ?? null;
  }

  async function clearIfStillOurs() {
    const pending = await takePending();
    if (!pending) return;
    try {
      const now = await navigator.clipboard.readText();
      if ((await sha256Hex(now)) !== pending.hash) return onResult({ outcome: 'kept' });
      await navigator.clipboard.writeText('');
      onResult({ outcome: 'cleared' });
    } catch (e) {
      onResult({ outcome: 'failed', error: `clipboard clear failed: ${errorText(e)}` });
    }
  }

  api?.alarms?.onAlarm.addListener((alarm) => {
    if (alarm.name === ALARM) clearIfStillOurs();
  });

  return {
    async copy(text, seconds) {
      await this.cancel();
      const hash = await sha256Hex(text);
      await navigator.clipboard.writeText(text);
      const clearAt = Date.now() + seconds * 1000;
      if (session) await session.set({ [KEY]: { hash, clearAt } });
      api?.alarms?.create(ALARM, { when: clearAt });
      timer = setTimeout(clearIfStillOurs, seconds * 1000);
      return clearAt;
    },
    async cancel() {
      clearTimeout(timer);
      timer = null;
      if (session) await session.remove(KEY);
      await api?.alarms?.clear(ALARM);
    },
  };
}
