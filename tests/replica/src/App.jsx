// Top-level state machine: list page, plus at most one of {token panel, confirmation dialog}.
import { useState, useEffect } from 'react';
import { Surface, SurfaceBackground } from 'azure-devops-ui/Surface';
import { ListPage } from './ListPage.jsx';
import { TokenPanel } from './TokenPanel.jsx';
import { ConfirmDialog } from './ConfirmDialog.jsx';
import { InPageSuccess } from './InPageSuccess.jsx';

export function App({ variant, store }) {
  const [tokens, setTokens] = useState(store.tokens);
  const [selected, setSelected] = useState(null);
  const [panel, setPanel] = useState(null); // { mode, token?, newToken? }
  const [confirm, setConfirm] = useState(null); // { kind, token }
  const [panelKey, setPanelKey] = useState(0); // fresh form state per opening
  const [shown, setShown] = useState(null); // { token, mode }: a new token the page itself shows (?success=inline|page)

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
    else if (variant.successPlace !== 'panel') setShown({ token: store.regenerate(token.id), mode: 'regenerated' });
    else openPanel({ mode: 'regenerated', token, newToken: store.regenerate(token.id) });
  };
  const showInPage = (token, mode) => {
    setPanel(null);
    setShown({ token, mode });
  };
  const success = shown && <InPageSuccess variant={variant} {...shown} onDismiss={() => setShown(null)} />;

  return (
    <Surface background={SurfaceBackground.neutral}>
      {success && variant.successPlace === 'page' ? (
        success
      ) : (
        <ListPage variant={variant} tokens={tokens} selected={selected} onSelect={setSelected} onCommand={onCommand} above={success} />
      )}
      {panel && <TokenPanel key={panelKey} variant={variant} store={store} {...panel} onDismiss={() => setPanel(null)} onShowInPage={showInPage} />}
      {confirm && (
        <ConfirmDialog lang={variant.lang} kind={confirm.kind} tokenName={confirm.token.name} onConfirm={onConfirm} onDismiss={() => setConfirm(null)} />
      )}
    </Surface>
  );
}
