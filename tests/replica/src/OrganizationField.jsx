// "Organization": the org from the URL, or "All accessible organizations" (a global PAT).
import { useMemo, useEffect } from 'react';
import { Dropdown } from 'azure-devops-ui/Dropdown';
import { DropdownSelection } from 'azure-devops-ui/Utilities/DropdownSelection';
import { FormItem } from 'azure-devops-ui/FormItem';
import { t } from './texts.js';

export function OrganizationField({ lang, org, policy, allOrgs, onAllOrgs }) {
  const items = useMemo(
    () => [
      { id: 'org', text: org },
      // noglobal policy: the entry stays visible but cannot be chosen, with the policy text below.
      { id: 'all', text: t('all_orgs', lang), disabled: policy.noGlobal },
    ],
    [org, lang, policy.noGlobal],
  );
  const selection = useMemo(() => new DropdownSelection(), []);
  useEffect(() => {
    selection.select(allOrgs ? 1 : 0);
  }, [allOrgs, selection]);
  return (
    <FormItem label={t('organization', lang)} message={policy.noGlobal ? t('policy_no_global', lang) : undefined}>
      <Dropdown
        ariaLabel={t('organization', lang)}
        className="pat-organization"
        items={items}
        selection={selection}
        getUnselectableRanges={(list) => list.flatMap((it, i) => (it.disabled ? [{ beginIndex: i, endIndex: i }] : []))}
        onSelect={(_, item) => onAllOrgs(item.id === 'all')}
      />
    </FormItem>
  );
}
