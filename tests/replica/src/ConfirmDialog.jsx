// Revoke / Regenerate confirmation (azure-devops-ui Dialog). The primary button repeats the action verb.
import { Dialog } from 'azure-devops-ui/Dialog';
import { t } from './texts.js';

const KINDS = {
  revoke: { title: 'revoke_title', text: 'revoke_text', action: 'revoke', danger: true },
  regenerate: { title: 'regenerate_title', text: 'regenerate_text', action: 'regenerate', danger: false },
};

export function ConfirmDialog({ lang, kind, tokenName, onConfirm, onDismiss }) {
  const k = KINDS[kind];
  return (
    <Dialog
      titleProps={{ text: t(k.title, lang) }}
      footerButtonProps={[
        { text: t('cancel', lang), onClick: onDismiss },
        { text: t(k.action, lang), primary: !k.danger, danger: k.danger, onClick: onConfirm },
      ]}
      onDismiss={onDismiss}
    >
      <div className="font-weight-semibold">{tokenName}</div>
      <div>{t(k.text, lang)}</div>
    </Dialog>
  );
}
