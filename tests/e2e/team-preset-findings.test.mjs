// Team presets are input, not authority (issue #17). A team preset may tick
// administrative and high-privilege scopes under a harmless title; applied through the
// assistant, its scopes still raise every administrative-level and high-privilege finding,
// and the list says where the preset came from.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launchWithExtension } from '../support/extension.mjs';
import { openPanel } from '../support/guard-page.mjs';

const TEAM_FILE = {
  version: 1,
  presets: [{
    id: 'team-dashboard',
    title: 'Read work items (team)',
    purpose_group: 'Work',
    task: 'Read work items for the team dashboard.',
    scopes: ['vso.agentpools_manage', 'vso.code_full'],
    recommended_days: 30,
    source: { title: 'Team wiki', url: 'https://wiki.example.com/pat' },
    needs_global: false,
  }],
};

let ext;
before(async () => {
  ext = await launchWithExtension();
  await ext.sw.evaluate((file) => chrome.storage.local.set({ teamPresets: file }), TEAM_FILE);
});
after(async () => {
  await ext?.close();
});

test('a team preset with manage scopes: its origin is shown and its findings still show', async () => {
  const { page, frame } = await openPanel(ext.context);
  const button = frame.locator('[data-preset-id="team-dashboard"]');
  await button.waitFor();
  const origin = button.locator('.preset-origin');
  assert.equal(await origin.getAttribute('data-origin'), 'user');
  assert.match(await origin.textContent(), /team preset you imported or saved; not reviewed by PAT Guard/);
  // Its source link names the host it opens, whatever its title says.
  assert.equal(await frame.locator('[data-preset-id="team-dashboard"]').locator('xpath=ancestor::li[1]').locator('.source a').textContent(), 'Team wiki (wiki.example.com)');
  // Built-in presets carry no origin line.
  assert.equal(await frame.locator('[data-preset-id="git-read"] .preset-origin').count(), 0);

  await button.click();
  await frame.locator('.notice .success').waitFor();
  await frame.locator('[data-preset-id="team-dashboard"][aria-pressed="true"]').waitFor();
  const manage = frame.locator('[data-finding="manage-or-full-level"]');
  await manage.nth(1).waitFor();
  assert.equal(await manage.count(), 2, 'Agent Pools: Read & manage and Code: Full are both flagged');
  const high = frame.locator('[data-finding="high-privilege-scope"]');
  await high.waitFor();
  assert.doesNotMatch(await high.textContent(), /needs some of them/, 'the team preset does not vouch for them');
  await page.close();
});
