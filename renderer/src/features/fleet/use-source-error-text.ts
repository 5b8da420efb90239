import { useTranslation } from 'react-i18next';
import type { SourceFieldError } from './source-form';

/** A field error of the source form in the operator's language (the server's own words for its rules). */
export function useSourceErrorText(): (error: SourceFieldError | undefined) => string | undefined {
  const { t } = useTranslation();
  return (error) => {
    if (!error) return undefined;
    switch (error.kind) {
      case 'server':
        return error.message;
      case 'tooLong':
        return t('fleet.error.tooLong', { max: error.max });
      case 'tooMany':
        return t('fleet.error.tooMany', { max: error.max });
      case 'target':
        return t('fleet.error.target', { target: error.target });
      case 'labelName':
        return t('fleet.error.labelName', { label: error.label });
      default:
        return t(`fleet.error.${error.kind}`);
    }
  };
}
