// Reads the page variant from the URL: organization from host/path, switches from the query string.
// All switches combine, e.g. ?lang=de&policy=nofull,maxdays:90&theme=dark&levels=multi.
// Drift variants (issue #14): drift=newgroup|newgroup-ticked (a scope group no catalog
// knows, among the hidden groups), success=notitle, success=inline|page (the new token shown
// in the page with no panel at all: in a card above the list, or in a section replacing the
// list), regen=create (Regenerate's success view in the create wording), filter=1 (the
// list's status filter), policy=packaging (packaging scopes only), labels=variant (the
// German label variants of the evidence).

export function orgFromLocation(loc) {
  const host = loc.hostname.toLowerCase();
  const segments = loc.pathname.split('/').filter(Boolean);
  if (host.endsWith('.visualstudio.com')) return host.slice(0, -'.visualstudio.com'.length);
  // dev.azure.com/{org}/… and Azure DevOps Server /{collection}/…: the segment before _usersSettings.
  const at = segments.indexOf('_usersSettings');
  return decodeURIComponent(at > 0 ? segments[at - 1] : segments[0] ?? 'org');
}

export function parsePolicy(value) {
  const policy = { noFull: false, noGlobal: false, maxDays: null, packagingOnly: false };
  for (const part of (value ?? '').split(',').map((s) => s.trim()).filter(Boolean)) {
    if (part === 'nofull') policy.noFull = true;
    else if (part === 'noglobal') policy.noGlobal = true;
    else if (part === 'packaging') policy.packagingOnly = true;
    else if (/^maxdays:\d+$/.test(part)) policy.maxDays = Number(part.split(':')[1]);
  }
  return policy;
}

export function readVariant(loc = window.location) {
  const q = new URLSearchParams(loc.search);
  return {
    org: orgFromLocation(loc),
    lang: q.get('lang') === 'de' ? 'de' : 'en',
    policy: parsePolicy(q.get('policy')),
    tokenFormat: q.get('token') === 'legacy' ? 'legacy' : 'current',
    theme: q.get('theme') === 'dark' ? 'dark' : 'light',
    levels: q.get('levels') === 'multi' ? 'multi' : 'exclusive',
    drift: ['newgroup', 'newgroup-ticked'].includes(q.get('drift')) ? q.get('drift') : null,
    labels: ['variant', 'renamed'].includes(q.get('labels')) ? q.get('labels') : 'main',
    successTitle: q.get('success') !== 'notitle',
    successPlace: ['inline', 'page'].includes(q.get('success')) ? q.get('success') : 'panel',
    regenWording: q.get('regen') === 'create' ? 'create' : 'regenerate',
    statusFilter: q.get('filter') === '1',
    cspStrict: q.get('csp') === 'strict', // enforced by the server header; kept for completeness
  };
}
