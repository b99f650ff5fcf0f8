// The replica's "server": token list, submissions, policy enforcement, and the test mirror window.__replica.
import { todayUtc, addDays, formatIso, daysBetween } from './dates.js';
import { generateToken } from './tokens.js';
import { parseScopeString } from './scopes.js';

let nextId = 1;

function seedTokens(org) {
  const today = todayUtc();
  const row = (name, organization, fromDays, toDays, scope) => ({
    id: String(nextId++), name, organization, validFrom: addDays(today, fromDays), validTo: addDays(today, toDays), scope,
  });
  // One expired, one about to expire, one global, one healthy: the cases the extension warns about.
  return [
    row('build-agent-2025', org, -94, -4, 'vso.agentpools_manage vso.build_execute'),
    row('nuget-publish', org, -27, 3, 'vso.packaging_write'),
    row('vsce-marketplace', null, -65, 25, 'vso.gallery_manage'),
    row('git-laptop', org, 0, 60, 'vso.code_write vso.work_write'),
  ];
}

export function createStore(variant) {
  let tokens = seedTokens(variant.org);
  const listeners = new Set();
  const mirror = { lastSubmit: null, lastToken: null, tokens: [], submits: [], revoked: [] };
  window.__replica = mirror;

  function publish() {
    const today = todayUtc();
    mirror.tokens = tokens.map((tk) => ({
      name: tk.name,
      status: tk.validTo < today ? 'expired' : 'active',
      organization: tk.organization ?? 'all',
      allOrgs: tk.organization === null,
      expiry: formatIso(tk.validTo),
      scopeString: tk.scope,
    }));
    for (const fn of listeners) fn(tokens);
  }

  /** Mirrors the server's policy checks; returns an error key or null (nothing is stored on error). */
  function policyViolation(submit) {
    const { policy } = variant;
    if (policy.maxDays !== null && submit.days > policy.maxDays) return 'policy_max_days';
    if (policy.noFull && submit.fullAccess) return 'policy_no_full';
    if (policy.noGlobal && submit.allOrgs) return 'policy_no_global';
    return null;
  }

  /** form: {mode, id?, name, allOrgs, expiryDate, fullAccess, scopes:Set|Array, scopeString} */
  function submit(form) {
    const today = todayUtc();
    const record = {
      mode: form.mode,
      name: form.name,
      organization: form.allOrgs ? 'all' : variant.org,
      allOrgs: form.allOrgs,
      expiry: formatIso(form.expiryDate),
      days: daysBetween(today, form.expiryDate),
      fullAccess: form.fullAccess,
      scopes: form.fullAccess ? [] : [...form.scopes].sort(),
      scopeString: form.scopeString,
    };
    mirror.submits.push(record);
    mirror.lastSubmit = record;
    const error = policyViolation(record);
    if (error) return { error };
    const fields = { name: record.name, organization: form.allOrgs ? null : variant.org, validTo: form.expiryDate, scope: record.scopeString };
    let token = null;
    if (form.mode === 'create') {
      token = generateToken(variant.tokenFormat);
      tokens = [...tokens, { id: String(nextId++), validFrom: today, ...fields }];
      mirror.lastToken = token;
    } else {
      tokens = tokens.map((tk) => (tk.id === form.id ? { ...tk, ...fields } : tk));
    }
    publish();
    return { token };
  }

  function regenerate(id) {
    const token = generateToken(variant.tokenFormat);
    // The regenerated token keeps its lifetime: from today, as long as it was (inferred).
    const today = todayUtc();
    tokens = tokens.map((tk) => (tk.id === id ? { ...tk, validFrom: today, validTo: addDays(today, daysBetween(tk.validFrom, tk.validTo)) } : tk));
    mirror.lastToken = token;
    publish();
    return token;
  }

  function revoke(id) {
    const gone = tokens.find((tk) => tk.id === id);
    tokens = tokens.filter((tk) => tk.id !== id);
    if (gone) mirror.revoked.push(gone.name);
    publish();
  }

  publish();
  return {
    get tokens() { return tokens; },
    subscribe(fn) { listeners.add(fn); return () => listeners.delete(fn); },
    submit, regenerate, revoke,
    scopesOf: (tk) => parseScopeString(tk.scope),
  };
}
