import { useTranslation } from 'react-i18next';
import type { FieldError } from './facility-form';
import type { FinanceFormats } from './finance-formats';

/** A field error in the operator's language. */
export function useFieldErrorText(formats: FinanceFormats): (error: FieldError | undefined) => string | undefined {
  const { t } = useTranslation();
  return (error) => {
    if (!error) return undefined;
    switch (error.kind) {
      case 'server':
        return error.message;
      case 'range':
        return t('finance.error.range', { min: formats.integer(error.min), max: formats.integer(error.max) });
      case 'tooLong':
        return t('finance.error.tooLong', { max: formats.integer(error.max) });
      default:
        return t(`finance.error.${error.kind}`);
    }
  };
}
