// Clipboard service, shared part: request validation and the SHA-256 fingerprint that is the
// only thing kept of a copied secret (the text itself is dropped right after the write).
export const DEFAULT_CLEAR_SECONDS = 30;
export const MIN_CLEAR_SECONDS = 5;
export const MAX_CLEAR_SECONDS = 600;
export const MAX_TEXT_LENGTH = 4096;

/** Returns {text, seconds} or {error} for a `clipboard.copy` request. */
export function parseCopyRequest(msg) {
  const { text } = msg;
  if (typeof text !== 'string' || text.length === 0) return { error: 'clipboard.copy: text must be a non-empty string' };
  if (text.length > MAX_TEXT_LENGTH) return { error: `clipboard.copy: text is longer than ${MAX_TEXT_LENGTH} characters` };
  const seconds = msg.clearAfterSeconds ?? DEFAULT_CLEAR_SECONDS;
  if (!Number.isInteger(seconds) || seconds < MIN_CLEAR_SECONDS || seconds > MAX_CLEAR_SECONDS) {
    return { error: `clipboard.copy: clearAfterSeconds must be a whole number from ${MIN_CLEAR_SECONDS} to ${MAX_CLEAR_SECONDS}` };
  }
  return { text, seconds };
}

export async function sha256Hex(text) {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

/** Error text for a response; never includes the copied text (no API we call echoes it). */
export const errorText = (e) => String(e?.message ?? e ?? 'unknown error');
