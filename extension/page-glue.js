// Browser helpers shared by the extension's own pages (the assistant frame, the options page).
export const api = globalThis.browser ?? globalThis.chrome;

/** A storage value as JSON ("null" when absent or when the area is unavailable). */
export async function readJson(area, key) {
  try {
    const got = key ? await api.storage[area].get(key) : await api.storage[area].get();
    const value = key ? got?.[key] : got;
    return JSON.stringify(value ?? null);
  } catch {
    // storage.managed throws where no policy is installed (Firefox) — no policy then.
    return 'null';
  }
}

/** Offers `content` as a file; the object URL is revoked once the download has started. */
export function download(filename, mime, content) {
  const url = URL.createObjectURL(new Blob([content], { type: mime }));
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
