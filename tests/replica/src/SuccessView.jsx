// Shown once after Create or Regenerate: "Success!", the text, the token in a read-only field, copy button.
import { TextField, TextFieldWidth } from 'azure-devops-ui/TextField';
import { ClipboardButton } from 'azure-devops-ui/Clipboard';
import { Icon } from 'azure-devops-ui/Icon';
import { t } from './texts.js';

export function SuccessView({ lang, token, textKey, showTitle = true }) {
  return (
    <div className="pat-success flex-column rhythm-vertical-16">
      <div className="flex-row flex-center rhythm-horizontal-8">
        <Icon iconName="CompletedSolid" className="pat-success-icon" />
        {showTitle && <div className="title-m">{t('success_title', lang)}</div>}
      </div>
      <div>{t(textKey, lang)}</div>
      <div className="flex-row flex-center rhythm-horizontal-8">
        <TextField containerClassName="flex-grow" className="pat-success-token" width={TextFieldWidth.auto} value={token} readOnly ariaLabel={showTitle ? t('success_title', lang) : undefined} />
        <ClipboardButton ariaLabel={t('copy', lang)} getContent={() => token} tooltipProps={{ text: t('copy', lang) }} showCopiedTooltip={t('copied', lang)} />
      </div>
    </div>
  );
}
