import { useTranslation } from 'react-i18next';

/** The node samples simulated GPUs: its reports must not be mistaken for proof about real collateral. */
export function SimulatedNodeBadge() {
  const { t } = useTranslation();
  return (
    <span className="tag tag-simulated" data-testid="node-simulated" title={t('node.status.simulatedHelp')}>
      {t('node.status.simulated')}
    </span>
  );
}
