// The token list: page header with "New Token", row commands (Edit/Regenerate/Revoke) once a row is
// selected — "the Edit button that appears on the top of the list" (reference §4) — and the Table.
import { useMemo, useEffect } from 'react';
import { Page } from 'azure-devops-ui/Page';
import { Header, TitleSize } from 'azure-devops-ui/Header';
import { Card } from 'azure-devops-ui/Card';
import { Table, renderSimpleCell } from 'azure-devops-ui/Table';
import { ListSelection } from 'azure-devops-ui/List';
import { ArrayItemProvider } from 'azure-devops-ui/Utilities/Provider';
import { ObservableValue } from 'azure-devops-ui/Core/Observable';
import { t } from './texts.js';
import { todayUtc, formatSlash } from './dates.js';

function columns(lang) {
  const col = (id, key, width) => ({ id, name: t(key, lang), renderCell: renderSimpleCell, width: new ObservableValue(width) });
  return [col('name', 'col_name', -40), col('status', 'col_status', -15), col('organization', 'col_org', -25), col('expires', 'col_expires', -20)];
}

function rowsOf(tokens, lang) {
  const today = todayUtc();
  return tokens.map((tk) => ({
    token: tk,
    name: tk.name,
    status: t(tk.validTo < today ? 'status_expired' : 'status_active', lang),
    organization: tk.organization ?? t('all_orgs', lang),
    expires: formatSlash(tk.validTo),
  }));
}

export function ListPage({ variant, tokens, selected, onSelect, onCommand, above = null }) {
  const { lang } = variant;
  const cols = useMemo(() => columns(lang), [lang]);
  // ?filter=1: the status filter of the live list (default "Active tokens"): expired and
  // revoked tokens are separate views, so they are not listed.
  const listed = useMemo(
    () => (variant.statusFilter ? tokens.filter((tk) => tk.validTo >= todayUtc()) : tokens),
    [tokens, variant.statusFilter],
  );
  const provider = useMemo(() => new ArrayItemProvider(rowsOf(listed, lang)), [listed, lang]);
  const selection = useMemo(() => new ListSelection({ selectOnFocus: false, multiSelect: false }), []);
  useEffect(() => {
    // Rows changed (revoke, create): keep the selection on the same token or clear it.
    const index = selected ? listed.findIndex((tk) => tk.id === selected.id) : -1;
    if (index >= 0) selection.select(index);
    else selection.clear();
  }, [listed, selected, selection]);

  const rowCommands = selected
    ? [
        { id: 'edit', text: t('edit', lang), iconProps: { iconName: 'Edit' }, important: true, onActivate: () => onCommand('edit') },
        { id: 'regenerate', text: t('regenerate', lang), iconProps: { iconName: 'Refresh' }, important: true, onActivate: () => onCommand('regenerate') },
        { id: 'revoke', text: t('revoke', lang), iconProps: { iconName: 'Cancel' }, important: true, onActivate: () => onCommand('revoke') },
      ]
    : [];
  const commands = [
    { id: 'new-token', text: t('new_token', lang), iconProps: { iconName: 'Add' }, isPrimary: true, important: true, onActivate: () => onCommand('new') },
    ...rowCommands,
  ];

  return (
    <Page className="pat-list-page flex-grow">
      <Header title={t('list_title', lang)} titleSize={TitleSize.Large} commandBarItems={commands} />
      <div className="page-content page-content-top">
        {above}
        {variant.statusFilter && (
          <div className="flex-row justify-end padding-bottom-8">
            <button type="button" className="bolt-button bolt-dropdown-expandable" aria-haspopup="listbox" aria-expanded="false">
              <span className="bolt-dropdown-expandable-button-label">{t('filter_active', lang)}</span>
            </button>
          </div>
        )}
        <Card className="bolt-table-card" contentProps={{ contentPadding: false }}>
          <Table
            ariaLabel={t('list_title', lang)}
            columns={cols}
            itemProvider={provider}
            selection={selection}
            onSelect={(_, row) => onSelect(row.data.token)}
          />
        </Card>
      </div>
    </Page>
  );
}
