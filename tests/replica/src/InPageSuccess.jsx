// ?success=inline|page: the new token shown by the page itself, with no panel or dialog at
// all — in a card above the token list (inline), or in a section that replaces the list
// (page). Neither has a landmark role or a title the recogniser could lean on.
import { Card } from 'azure-devops-ui/Card';
import { Button } from 'azure-devops-ui/Button';
import { Page } from 'azure-devops-ui/Page';
import { SuccessView } from './SuccessView.jsx';
import { t } from './texts.js';

export function InPageSuccess({ variant, token, mode, onDismiss }) {
  const { lang } = variant;
  const createWording = mode === 'regenerated' && variant.regenWording === 'create';
  const card = (
    <Card className="pat-inpage-success">
      <div className="flex-column rhythm-vertical-16 flex-grow">
        <SuccessView lang={lang} token={token} textKey={mode === 'regenerated' && !createWording ? 'regenerated_text' : 'success_text'} showTitle={variant.successTitle} />
        <div className="flex-row justify-end">
          <Button text={t('close', lang)} primary onClick={onDismiss} />
        </div>
      </div>
    </Card>
  );
  if (variant.successPlace === 'inline') return <div className="padding-bottom-16">{card}</div>;
  return (
    <Page className="pat-success-page flex-grow">
      <div className="page-content page-content-top">{card}</div>
    </Page>
  );
}
