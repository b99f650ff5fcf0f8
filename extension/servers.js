// Azure DevOps Server origins the user added in the options page: the host permission is
// asked for at that moment, and the page agent is registered there at runtime (the same
// script as the static content script, built from extension/agent/). Shared by options.js
// and background.js.
export const AGENT_FILES = ['agent.js'];
const PREFIX = 'patguard-server:';

const scriptId = (origin) => PREFIX + origin;
const pattern = (origin) => `${origin}/*`;

async function registered(api) {
  const all = await api.scripting.getRegisteredContentScripts();
  return all.filter((s) => s.id.startsWith(PREFIX));
}

export async function registerServer(api, origin) {
  const id = scriptId(origin);
  if ((await registered(api)).some((s) => s.id === id)) await api.scripting.unregisterContentScripts({ ids: [id] });
  await api.scripting.registerContentScripts([
    { id, matches: [pattern(origin)], js: AGENT_FILES, runAt: 'document_idle', persistAcrossSessions: true },
  ]);
}

export async function unregisterServer(api, origin) {
  const id = scriptId(origin);
  if ((await registered(api)).some((s) => s.id === id)) await api.scripting.unregisterContentScripts({ ids: [id] });
}

async function setStored(api, update) {
  const { servers } = await api.storage.local.get('servers');
  const next = update(Array.isArray(servers) ? servers : []);
  await api.storage.local.set({ servers: next });
}

/** From the options page's click handler: permissions.request must run inside the gesture. */
export function addServer(api, origin) {
  const asked = api.permissions.request({ origins: [pattern(origin)] });
  return asked.then(async (granted) => {
    if (!granted) return { ok: false, error: `permission for ${origin} was not granted` };
    await registerServer(api, origin);
    await setStored(api, (list) => (list.includes(origin) ? list : [...list, origin]));
    return { ok: true };
  }, (e) => ({ ok: false, error: String(e?.message ?? e) }));
}

export async function removeServer(api, origin) {
  try {
    // Stop running there first and forget the origin; only then give the permission back, so a
    // refusal there (a host the browser keeps granted: required by the manifest or granted by
    // enterprise policy) can never leave the agent unregistered but the server still listed.
    await unregisterServer(api, origin);
    await setStored(api, (list) => list.filter((o) => o !== origin));
  } catch (e) {
    return { ok: false, error: String(e?.message ?? e) };
  }
  try {
    await api.permissions.remove({ origins: [pattern(origin)] });
    return { ok: true, permissionRemoved: true };
  } catch (e) {
    return { ok: true, permissionRemoved: false, note: String(e?.message ?? e) };
  }
}

/** Background: when the user revokes a host in the browser's UI, stop running there too. */
export function installServerSync(api) {
  api.permissions?.onRemoved?.addListener(async ({ origins = [] }) => {
    for (const p of origins) {
      const origin = p.replace(/\/\*$/, '');
      await unregisterServer(api, origin).catch(() => {});
      await setStored(api, (list) => list.filter((o) => o !== origin)).catch(() => {});
    }
  });
}
