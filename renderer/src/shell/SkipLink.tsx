import { useTranslation } from 'react-i18next';

/**
 * First stop of the Tab order. It cannot be a plain #main link: the hash is the router's,
 * so it moves focus itself.
 */
export function SkipLink({ targetId }: { targetId: string }) {
  const { t } = useTranslation();
  return (
    <a
      className="skip-link"
      href={`#${targetId}`}
      data-testid="skip-link"
      onClick={(event) => {
        event.preventDefault();
        document.getElementById(targetId)?.focus();
      }}
    >
      {t('shell.skipToContent')}
    </a>
  );
}
