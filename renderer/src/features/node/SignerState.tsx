import { useTranslation } from 'react-i18next';
import { shortenHash } from '../../i18n/format';

/** The signer field: the unlocked key's address, or that none is unlocked (the notice says why it matters). */
export function SignerField({ signer }: { signer: string | null }) {
  const { t } = useTranslation();
  if (signer === null) {
    return (
      <span className="node-no-signer" data-testid="node-signer" data-state="none">
        {t('node.signer.none')}
      </span>
    );
  }
  return (
    <span className="mono" data-testid="node-signer" data-state="unlocked" data-address={signer} title={signer}>
      {shortenHash(signer, 4)}
    </span>
  );
}
