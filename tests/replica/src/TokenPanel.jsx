// The side Panel: Create / Edit form, then (after Create or Regenerate) the one-time success view.
import { useState } from 'react';
import { Panel } from 'azure-devops-ui/Panel';
import { ContentSize } from 'azure-devops-ui/Callout';
import { t } from './texts.js';
import { TokenForm } from './TokenForm.jsx';
import { SuccessView } from './SuccessView.jsx';
import { toggleScope } from './ScopeSection.jsx';
import { presetDateText } from './ExpirationField.jsx';
import { scopeString, NEW_GROUP } from './scopes.js';
import { readVariant } from './variants.js';
import { parseSlash, formatSlash } from './dates.js';

function initialForm(mode, token, store) {
  if (mode === 'edit' && token) {
    const { fullAccess, scopes } = store.scopesOf(token);
    // An existing token keeps its exact date, so the form opens on "Custom defined".
    return { name: token.name, allOrgs: token.organization === null, expiryOption: 'custom', dateText: formatSlash(token.validTo), fullAccess, scopes: new Set(scopes) };
  }
  // ?drift=newgroup-ticked: the page ticks a level of the new group by itself.
  const scopes = new Set(readVariant().drift === 'newgroup-ticked' ? [NEW_GROUP.levels[0].scope_id] : []);
  return { name: '', allOrgs: false, expiryOption: '30', dateText: presetDateText('30'), fullAccess: false, scopes };
}

/** props.mode: 'create' | 'edit' | 'regenerated'; props.token: the row being edited/regenerated. */
export function TokenPanel({ variant, store, mode, token, newToken, onDismiss, onShowInPage }) {
  const { lang } = variant;
  const [form, setForm] = useState(() => initialForm(mode, token, store));
  const [error, setError] = useState(null);
  const [created, setCreated] = useState(newToken ?? null);

  const update = (patch) => {
    setForm((prev) => {
      const next = { ...prev, ...patch };
      // Picking a preset rewrites the date, as the live field does; Custom keeps the date for editing.
      if (patch.expiryOption && patch.expiryOption !== 'custom') next.dateText = presetDateText(patch.expiryOption);
      return next;
    });
  };
  const onToggleScope = (group, scopeId, checked) =>
    setForm((prev) => ({ ...prev, scopes: toggleScope(prev.scopes, group, scopeId, checked, variant.levels) }));

  const submit = () => {
    const expiryDate = parseSlash(form.dateText);
    if (!form.name.trim() || !expiryDate) return;
    const result = store.submit({
      mode, id: token?.id, name: form.name.trim(), allOrgs: form.allOrgs, expiryDate,
      fullAccess: form.fullAccess, scopes: form.scopes, scopeString: scopeString(form.fullAccess, form.scopes),
    });
    if (result.error) {
      setError(t(result.error, lang, { n: variant.policy.maxDays }));
      return;
    }
    setError(null);
    // ?success=inline|page: the panel closes and the page itself shows the token.
    if (mode === 'create' && variant.successPlace !== 'panel') onShowInPage(result.token, mode);
    else if (mode === 'create') setCreated(result.token);
    else onDismiss();
  };

  const showingSuccess = created !== null;
  const createWording = mode === 'regenerated' && variant.regenWording === 'create';
  const title = showingSuccess && !variant.successTitle
    ? ''
    : mode === 'create' || createWording ? t('create_title', lang) : mode === 'edit' ? t('edit_title', lang) : t('regenerate_title', lang);
  const footer = showingSuccess
    ? [{ text: t('close', lang), primary: true, onClick: onDismiss }]
    : [
        { text: mode === 'create' ? t('create', lang) : t('save', lang), primary: true, disabled: !form.name.trim(), onClick: submit },
        { text: t('cancel', lang), onClick: onDismiss },
      ];

  return (
    <Panel
      size={ContentSize.Large}
      titleProps={{ text: title }}
      footerButtonProps={footer}
      onDismiss={onDismiss}
      lightDismiss={false}
    >
      {showingSuccess ? (
        <SuccessView
          lang={lang}
          token={created}
          textKey={mode === 'regenerated' && !createWording ? 'regenerated_text' : 'success_text'}
          showTitle={variant.successTitle}
        />
      ) : (
        <TokenForm variant={variant} form={form} update={update} onToggleScope={onToggleScope} error={error} />
      )}
    </Panel>
  );
}
