// Top-level state machine: list page, plus at most one of {token panel, confirmation dialog}.
import { useState, useEffect } from 'react';
import { Surface, SurfaceBackground } from 'azure-devops-ui/Surface';
import { ListPage } from './ListPage.jsx';
import { TokenPanel } from './TokenPanel.jsx';
import { ConfirmDialog } from './ConfirmDialog.jsx';

export function App({ variant, store }) {
  const [tokens, setTokens] = useState(store.tokens);
  const [selected, setSelected] = useState(null);
  const [panel, setPanel] = useState(null); // { mode, token?, newToken? }
  const [confirm, setConfirm] = useState(null); // { kind, token }
  const [panelKey, setPanelKey] = useState(0); // fresh form state per opening

  useEffect(() => store.subscribe(setTokens), [store]);
  useEffect(() => {
    if (selected && !tokens.some((tk) => tk.id === selected.id)) setSelected(null);
    else if (selected) setSelected(tokens.find((tk) => tk.id === selected.id));
  }, [tokens]);

  const openPanel = (p) => { setPanelKey((k) => k + 1); setPanel(p); };
  const onCommand = (cmd) => {
    if (cmd === 'new') openPanel({ mode: 'create' });
    else if (cmd === 'edit' && selected) openPanel({ mode: 'edit', token: selected });
    else if (selected) setConfirm({ kind: cmd, token: selected });
  };
  const onConfirm = () => {
    const { kind, token } = confirm;
    setConfirm(null);
    if (kind === 'revoke') store.revoke(token.id);
    else openPanel({ mode: 'regenerated', token, newToken: store.regenerate(token.id) });
  };

  return (
    <Surface background={SurfaceBackground.neutral}>
      <ListPage variant={variant} tokens={tokens} selected={selected} onSelect={setSelected} onCommand={onCommand} />
      {panel && <TokenPanel key={panelKey} variant={variant} store={store} {...panel} onDismiss={() => setPanel(null)} />}
      {confirm && (
        <ConfirmDialog lang={variant.lang} kind={confirm.kind} tokenName={confirm.token.name} onConfirm={onConfirm} onDismiss={() => setConfirm(null)} />
      )}
    </Surface>
  );
}
