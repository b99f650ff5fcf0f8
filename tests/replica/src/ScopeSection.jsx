// "Scopes": Full access / Custom defined radios, then one row per scope group with a Checkbox per level.
// Default five groups first; the rest behind "Show all scopes (N more)" (reference §5.1).
import { useState } from 'react';
import { Checkbox } from 'azure-devops-ui/Checkbox';
import { RadioButton, RadioButtonGroup, RadioButtonGroupDirection } from 'azure-devops-ui/RadioButton';
import { Link } from 'azure-devops-ui/Link';
import { FormItem } from 'azure-devops-ui/FormItem';
import { defaultGroups, moreGroups } from './scopes.js';
import { t, groupLabel, groupDescription, levelLabel } from './texts.js';

/** Exclusive mode: one level per group, so ticking one unticks its siblings; multi: independent boxes. */
export function toggleScope(selected, group, scopeId, checked, levelsMode) {
  const next = new Set(selected);
  if (levelsMode === 'exclusive') for (const l of group.levels) next.delete(l.scope_id);
  if (checked) next.add(scopeId);
  else next.delete(scopeId);
  return next;
}

function ScopeGroupRow({ group, lang, selected, onToggle }) {
  const description = groupDescription(group, lang);
  return (
    <div className="pat-scope-group flex-row padding-vertical-8">
      <div className="pat-scope-group-header flex-column flex-noshrink">
        <div className="pat-scope-group-title font-weight-semibold">{groupLabel(group, lang)}</div>
        {description && <div className="pat-scope-group-description secondary-text font-size-ms">{description}</div>}
      </div>
      <div className="pat-scope-group-levels flex-row flex-wrap flex-grow">
        {group.levels.map((level) => (
          <Checkbox
            key={level.scope_id}
            className="pat-scope-level"
            label={levelLabel(level, lang)}
            checked={selected.has(level.scope_id)}
            onChange={(_, checked) => onToggle(group, level.scope_id, checked)}
          />
        ))}
      </div>
    </div>
  );
}

export function ScopeSection({ lang, policy, fullAccess, onFullAccess, selected, onToggle }) {
  const [showAll, setShowAll] = useState(false);
  const packagingOnly = policy.packagingOnly;
  const groups = packagingOnly
    ? moreGroups.filter((g) => g.group === 'packaging')
    : showAll ? [...defaultGroups, ...moreGroups] : defaultGroups;
  return (
    <div className="pat-scopes flex-column">
      <div className="pat-scopes-heading title-xs">{t('scopes', lang)}</div>
      <div className="pat-scopes-hint secondary-text">{t('scopes_hint', lang)}</div>
      <FormItem message={policy.noFull ? t('policy_no_full', lang) : undefined}>
        <RadioButtonGroup
          text={t('scopes', lang)}
          direction={RadioButtonGroupDirection.Horizontal}
          selectedButtonId={fullAccess ? 'full-access' : 'custom-defined'}
          onSelect={(id) => onFullAccess(id === 'full-access')}
        >
          <RadioButton id="full-access" text={t('full_access', lang)} disabled={policy.noFull} />
          <RadioButton id="custom-defined" text={t('custom_scopes', lang)} />
        </RadioButtonGroup>
      </FormItem>
      {!fullAccess && (
        <div className="pat-scope-list flex-column">
          {groups.map((group) => (
            <ScopeGroupRow key={group.group} group={group} lang={lang} selected={selected} onToggle={onToggle} />
          ))}
          {!packagingOnly && <div className="pat-scope-toggle padding-vertical-8">
            <Link onClick={() => setShowAll(!showAll)}>
              {showAll ? t('show_less', lang) : t('show_all', lang, { n: moreGroups.length })}
            </Link>
          </div>}
        </div>
      )}
    </div>
  );
}
