// The Create / Edit form body. State lives in TokenPanel so the Panel footer's Create/Save can submit it.
import { TextField } from 'azure-devops-ui/TextField';
import { FormItem } from 'azure-devops-ui/FormItem';
import { MessageCard, MessageCardSeverity } from 'azure-devops-ui/MessageCard';
import { t } from './texts.js';
import { OrganizationField } from './OrganizationField.jsx';
import { ExpirationField } from './ExpirationField.jsx';
import { ScopeSection } from './ScopeSection.jsx';

export function TokenForm({ variant, form, update, onToggleScope, error }) {
  const { lang, policy, org } = variant;
  return (
    <div className="pat-form flex-column rhythm-vertical-16">
      {error && (
        <MessageCard severity={MessageCardSeverity.Error} role="alert">
          {error}
        </MessageCard>
      )}
      <FormItem label={t('name', lang)} required>
        <TextField value={form.name} onChange={(_, value) => update({ name: value })} />
      </FormItem>
      <OrganizationField lang={lang} org={org} policy={policy} allOrgs={form.allOrgs} onAllOrgs={(allOrgs) => update({ allOrgs })} />
      <ExpirationField
        lang={lang}
        option={form.expiryOption}
        dateText={form.dateText}
        onOption={(expiryOption) => update({ expiryOption })}
        onDateText={(dateText) => update({ dateText })}
      />
      <ScopeSection
        lang={lang}
        policy={policy}
        fullAccess={form.fullAccess}
        onFullAccess={(fullAccess) => update({ fullAccess })}
        selected={form.scopes}
        onToggle={onToggleScope}
      />
    </div>
  );
}
