// "Expiration (UTC)": a Dropdown of presets plus the date text field (YYYY/M/D, editable when Custom defined).
import { useMemo, useEffect } from 'react';
import { Dropdown } from 'azure-devops-ui/Dropdown';
import { DropdownSelection } from 'azure-devops-ui/Utilities/DropdownSelection';
import { TextField } from 'azure-devops-ui/TextField';
import { FormItem } from 'azure-devops-ui/FormItem';
import { t } from './texts.js';
import { todayUtc, addDays, formatSlash } from './dates.js';

export const EXPIRY_OPTIONS = [
  { id: '30', days: 30, key: 'days_30' },
  { id: '60', days: 60, key: 'days_60' },
  { id: '90', days: 90, key: 'days_90' },
  { id: 'custom', days: null, key: 'custom_expiry' },
];

/** The date text the field shows after picking a preset (today + N days, UTC). */
export function presetDateText(optionId) {
  const opt = EXPIRY_OPTIONS.find((o) => o.id === optionId);
  return opt && opt.days !== null ? formatSlash(addDays(todayUtc(), opt.days)) : null;
}

export function ExpirationField({ lang, option, dateText, onOption, onDateText }) {
  const items = useMemo(() => EXPIRY_OPTIONS.map((o) => ({ id: o.id, text: t(o.key, lang) })), [lang]);
  const selection = useMemo(() => new DropdownSelection(), []);
  useEffect(() => {
    selection.select(EXPIRY_OPTIONS.findIndex((o) => o.id === option));
  }, [option, selection]);
  return (
    <FormItem label={t('expiration', lang)} className="pat-expiration">
      <div className="flex-row rhythm-horizontal-8">
        <Dropdown
          ariaLabel={t('expiration', lang)}
          className="pat-expiration-preset"
          items={items}
          selection={selection}
          onSelect={(_, item) => onOption(item.id)}
        />
        <TextField
          className="pat-expiration-date"
          ariaLabel={t('expiration', lang)}
          value={dateText}
          readOnly={option !== 'custom'}
          suffixIconProps={{ iconName: 'Calendar' }}
          onChange={(_, value) => onDateText(value)}
        />
      </div>
    </FormItem>
  );
}
