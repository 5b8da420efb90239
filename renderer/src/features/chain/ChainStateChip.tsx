import { useTranslation } from 'react-i18next';
import type { ChainPublication } from '../../../../electron/contract/chain-api';

export type PublicationState = ChainPublication['state'];

/** Queued, sent (waiting for confirmations), confirmed, failed; the meaning in the tooltip. */
export function ChainStateChip({ state, reason }: { state: PublicationState; reason?: string | null }) {
  const { t } = useTranslation();
  return (
    <span className={`chip chip-chain-${state}`} data-testid="chain-state" data-state={state} title={reason ? `${t(`chain.stateHelp.${state}`)} — ${reason}` : t(`chain.stateHelp.${state}`)}>
      <span className="chip-dot" aria-hidden="true" />
      {t(`chain.state.${state}`)}
    </span>
  );
}
