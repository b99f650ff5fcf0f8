// Where a reminder's click or a popup link may send the user: the token page of Azure DevOps
// Services (dev.azure.com/<org>/…, <org>.visualstudio.com/…, https only) or of an Azure
// DevOps Server the user added in the options (storage.local servers). An inventory file is
// input from anywhere, and a look-alike host such as dev.azure.com.login-verify.example would
// otherwise be one click from a phishing page that asks for the very token the reminder is
// about. Checked when a file is imported, by the popup and again by the background, and where
// a link is built, so an entry stored before this check, or a server removed since, never
// yields a link.

const ORG = /^[a-z0-9][a-z0-9-]{0,49}$/i;
const TOKENS = '/_usersSettings/tokens';

/** The allowed forms, for error messages. */
export const ALLOWED_LINKS = 'https on dev.azure.com/<organization>/_usersSettings/tokens, <organization>.visualstudio.com/_usersSettings/tokens, or an Azure DevOps Server added in PAT Guard’s options';

/** The stored list of Azure DevOps Server origins (scheme, host and port), tolerant of junk. */
export function serverOrigins(stored) {
  return Array.isArray(stored) ? stored.filter((o) => typeof o === 'string') : [];
}

/**
 * The token page `url` normalised (`URL.href`) when it is one PAT Guard may open, else null.
 * `servers` are the registered Azure DevOps Server origins.
 */
export function allowedTokenPage(url, servers = []) {
  if (typeof url !== 'string') return null;
  let u;
  try {
    u = new URL(url);
  } catch {
    return null;
  }
  if (u.protocol !== 'https:' || u.username || u.password || u.search || u.hash) return null;
  const path = u.pathname.replace(/\/+$/, '');
  if (!path.toLowerCase().endsWith(TOKENS.toLowerCase())) return null;
  const segments = path.split('/').slice(1);
  const host = u.hostname.toLowerCase();
  const services = u.port === '' && (
    (host === 'dev.azure.com' && segments.length === 3 && ORG.test(segments[0]))
    || (host.endsWith('.visualstudio.com') && ORG.test(host.slice(0, -'.visualstudio.com'.length)) && segments.length === 2)
  );
  const server = serverOrigins(servers).includes(u.origin);
  return services || server ? u.href.replace(/\/+$/, '') : null;
}

/** The first entry whose `tokenPage` may not be opened, as an error naming it; null when all may. */
export function linkProblem(entries, servers = []) {
  for (const [i, e] of entries.entries()) {
    if (e.tokenPage != null && !allowedTokenPage(e.tokenPage, servers)) {
      return `entry ${i + 1} "${e.name}": tokenPage ${JSON.stringify(e.tokenPage)} is not an Azure DevOps token page (allowed: ${ALLOWED_LINKS})`;
    }
  }
  return null;
}
