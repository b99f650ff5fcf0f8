// The one pending clear, as {seq, hash, clearAt}: the copy's sequence number, the SHA-256
// of the copied text and when to clear; never the text. It is kept in storage.local, not
// storage.session: Chromium empties storage.session when the extension is reloaded or
// updated and when the browser restarts (measured; the Chrome docs say so too), which are
// exactly the moments a clear can be missed. The fingerprint of a token cannot give the
// token back (an Azure DevOps token carries at least 256 random bits), and the record is
// removed as soon as its clear is done or superseded.
//
// Every read-modify-write runs in one queue, so a new copy, a clear's result and a cancel
// never interleave: only the latest copy's clear acts or closes the offscreen document.
const PENDING = 'patguardClipboardPending';
const SEQ = 'patguardClipboardSeq';

export function createPendingStore(api) {
  const area = api.storage.local;
  let queue = Promise.resolve();
  const serial = (job) => {
    const run = queue.then(job);
    queue = run.catch(() => {});
    return run;
  };
  const read = async () => (await area.get(PENDING))[PENDING] ?? null;
  return {
    serial,
    read,
    /** Records a new copy; must run inside `serial`. */
    async begin(hash, clearAt) {
      const seq = ((await area.get(SEQ))[SEQ] ?? 0) + 1;
      const entry = { seq, hash, clearAt };
      await area.set({ [SEQ]: seq, [PENDING]: entry });
      return entry;
    },
    /** Removes the record if `seq` is still the latest copy; must run inside `serial`. */
    async settle(seq) {
      const entry = await read();
      if (entry?.seq !== seq) return null;
      await area.remove(PENDING);
      return entry;
    },
    /** Must run inside `serial`. */
    drop: () => area.remove(PENDING),
  };
}
