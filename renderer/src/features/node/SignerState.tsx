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

/**
 * No key unlocked: what happens to the reports meanwhile, and how to unlock one today. Key
 * creation, import and unlock in the console come with the key management API.
 */
export function NoSignerNotice() {
  const { t } = useTranslation();
  return (
    <div className="node-notice" data-testid="node-no-signer" role="note">
      <p className="node-notice-title">{t('node.signer.noneTitle')}</p>
      <p>{t('node.signer.noneHelp')}</p>
      <p className="node-notice-hint">
        {t('node.signer.cliHint')} <code className="command">sietch node --passphrase-file FILE</code>
      </p>
      <p className="muted">{t('node.signer.coming')}</p>
    </div>
  );
}
