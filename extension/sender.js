// Which of our own pages sent a message. On Chromium, runtime.getURL can answer with
// the per-session dynamic origin of web-accessible resources, while the sender's URL
// carries the extension's real origin, so both spellings of each page are accepted.
export function isOurPage(api, sender, pages) {
  if (sender?.id !== api.runtime.id || typeof sender.url !== 'string') return false;
  let u;
  try {
    u = new URL(sender.url);
  } catch {
    return false;
  }
  const here = globalThis.location?.href ?? api.runtime.getURL('');
  const allowed = pages.flatMap((p) => [api.runtime.getURL(p), new URL(p, here).href]);
  return allowed.includes(`${u.origin}${u.pathname}`);
}
