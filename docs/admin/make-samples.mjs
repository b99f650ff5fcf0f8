// Writes the administrator's policy files from one source: the per-key samples in policy/
// (merged into managed-policy.json) and the extension ids below. Run it after changing either;
// tests/shipping/admin-policy.test.mjs fails when a written file differs from what it makes.
//   node docs/admin/make-samples.mjs          write the files
//   node docs/admin/make-samples.mjs --check  exit 1 when a file is out of date
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '..', '..');

// The Chromium id that the public key in manifest.json gives (README.md, "Extension ids").
export const CHROME_ID = 'ikhaimfnfojcmlkaccgiabglbohlihai';
// Edge Add-ons assigns its own id at first publication; replace this before use.
export const EDGE_ID = 'EDGE_ADDONS_ID_FROM_PARTNER_CENTER';
export const GECKO_ID = JSON.parse(fs.readFileSync(path.join(ROOT, 'manifest.json'), 'utf8')).browser_specific_settings.gecko.id;
const CWS_UPDATE_URL = 'https://clients2.google.com/service/update2/crx';
const EDGE_UPDATE_URL = 'https://edge.microsoft.com/extensionwebstorebase/v1/crx';
const AMO_LATEST_XPI = 'https://addons.mozilla.org/firefox/downloads/latest/pat-guard/latest.xpi';

/** The schema's keys in the schema's order, each with its sample from policy/<key>.json. */
export function samples() {
  const schema = JSON.parse(fs.readFileSync(path.join(ROOT, 'src', 'core', 'data', 'managed_schema.json'), 'utf8'));
  return Object.keys(schema.properties).map((key) => {
    const file = path.join(HERE, 'policy', `${key}.json`);
    return { key, file, value: JSON.parse(fs.readFileSync(file, 'utf8')) };
  });
}

export const managedPolicy = () => Object.assign({}, ...samples().map((s) => s.value));

const json = (v) => `${JSON.stringify(v, null, 2)}\n`;

function regString(s) {
  return `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

/** A .reg file: ExtensionSettings, and the extension's policy under 3rdparty (lists and objects as JSON strings, which Chromium parses by the schema). */
function reg(vendorKey, id, updateUrl, policy) {
  const lines = ['Windows Registry Editor Version 5.00', ''];
  lines.push(`[HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\${vendorKey}]`);
  lines.push(`"ExtensionSettings"=${regString(JSON.stringify({ [id]: { installation_mode: 'force_installed', update_url: updateUrl } }))}`, '');
  lines.push(`[HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\${vendorKey}\\3rdparty\\extensions\\${id}\\policy]`);
  for (const [k, v] of Object.entries(policy)) {
    if (typeof v === 'boolean') lines.push(`"${k}"=dword:${v ? '00000001' : '00000000'}`);
    else if (Number.isInteger(v)) lines.push(`"${k}"=dword:${v.toString(16).padStart(8, '0')}`);
    else if (typeof v === 'string') lines.push(`"${k}"=${regString(v)}`);
    else lines.push(`"${k}"=${regString(JSON.stringify(v))}`);
  }
  return `${lines.join('\r\n')}\r\n`;
}

const xmlEscape = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function plist(v, indent) {
  const pad = '\t'.repeat(indent);
  if (typeof v === 'boolean') return `${pad}<${v}/>`;
  if (Number.isInteger(v)) return `${pad}<integer>${v}</integer>`;
  if (typeof v === 'string') return `${pad}<string>${xmlEscape(v)}</string>`;
  if (Array.isArray(v)) return `${pad}<array>\n${v.map((x) => plist(x, indent + 1)).join('\n')}\n${pad}</array>`;
  const entries = Object.entries(v).map(([k, x]) => `${pad}\t<key>${xmlEscape(k)}</key>\n${plist(x, indent + 1)}`);
  return `${pad}<dict>\n${entries.join('\n')}\n${pad}</dict>`;
}

/** A macOS configuration profile: the browser's ExtensionSettings and the extension's own policy domain. */
function mobileconfig(domain, id, updateUrl, policy, uuids) {
  const payload = (type, uuid, body) => ({
    PayloadType: type,
    PayloadIdentifier: `dev.patguard.policy.${type}`,
    PayloadUUID: uuid,
    PayloadVersion: 1,
    PayloadDisplayName: `PAT Guard: ${type}`,
    ...body,
  });
  const profile = {
    PayloadType: 'Configuration',
    PayloadVersion: 1,
    PayloadIdentifier: `dev.patguard.profile.${domain}`,
    PayloadUUID: uuids[0],
    PayloadDisplayName: `PAT Guard for ${domain}`,
    PayloadDescription: 'Installs PAT Guard and sets its policy (docs/admin/README.md).',
    PayloadScope: 'System',
    PayloadContent: [
      payload(domain, uuids[1], { ExtensionSettings: { [id]: { installation_mode: 'force_installed', update_url: updateUrl } } }),
      payload(`${domain}.extensions.${id}`, uuids[2], policy),
    ],
  };
  return `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">
<plist version="1.0">
${plist(profile, 0)}
</plist>
`;
}

export function files() {
  const policy = managedPolicy();
  const install = (id, url) => ({ ExtensionSettings: { [id]: { installation_mode: 'force_installed', update_url: url, toolbar_pin: 'force_pinned' } } });
  return {
    'managed-policy.json': json(policy),
    'chrome-edge/linux-chrome-install.json': json(install(CHROME_ID, CWS_UPDATE_URL)),
    'chrome-edge/linux-chrome-patguard.json': json({ '3rdparty': { extensions: { [CHROME_ID]: policy } } }),
    'chrome-edge/linux-edge-install.json': json(install(EDGE_ID, EDGE_UPDATE_URL)),
    'chrome-edge/linux-edge-patguard.json': json({ '3rdparty': { extensions: { [EDGE_ID]: policy } } }),
    'chrome-edge/windows-chrome.reg': reg('Google\\Chrome', CHROME_ID, CWS_UPDATE_URL, policy),
    'chrome-edge/windows-edge.reg': reg('Microsoft\\Edge', EDGE_ID, EDGE_UPDATE_URL, policy),
    'chrome-edge/macos-chrome.mobileconfig': mobileconfig('com.google.Chrome', CHROME_ID, CWS_UPDATE_URL, policy,
      ['6E0D8E1C-6C55-4B44-9E0B-3C1A6C0F1A01', '6E0D8E1C-6C55-4B44-9E0B-3C1A6C0F1A02', '6E0D8E1C-6C55-4B44-9E0B-3C1A6C0F1A03']),
    'chrome-edge/macos-edge.mobileconfig': mobileconfig('com.microsoft.Edge', EDGE_ID, EDGE_UPDATE_URL, policy,
      ['6E0D8E1C-6C55-4B44-9E0B-3C1A6C0F1B01', '6E0D8E1C-6C55-4B44-9E0B-3C1A6C0F1B02', '6E0D8E1C-6C55-4B44-9E0B-3C1A6C0F1B03']),
    'firefox/policies.json': json({
      policies: {
        ExtensionSettings: { [GECKO_ID]: { installation_mode: 'force_installed', install_url: AMO_LATEST_XPI } },
        '3rdparty': { Extensions: { [GECKO_ID]: policy } },
      },
    }),
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const check = process.argv.includes('--check');
  let stale = 0;
  for (const [rel, text] of Object.entries(files())) {
    const file = path.join(HERE, rel);
    if (check) {
      if (!fs.existsSync(file) || fs.readFileSync(file, 'utf8') !== text) {
        console.error(`out of date: docs/admin/${rel}`);
        stale++;
      }
    } else {
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, text);
      console.log(`docs/admin/${rel}`);
    }
  }
  process.exit(stale ? 1 : 0);
}
