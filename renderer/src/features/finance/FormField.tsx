import type { ReactNode } from 'react';

interface FormFieldProps {
  id: string;
  label: string;
  /** The error, already in words; announced when it appears. */
  error?: string | undefined;
  hint?: string | undefined;
  wide?: boolean;
  children: ReactNode;
}

/** A label, its control and the line under it: the error when there is one, else the hint. */
export function FormField({ id, label, error, hint, wide, children }: FormFieldProps) {
  return (
    <div className={wide ? 'edit-field edit-field-wide' : 'edit-field'}>
      <label htmlFor={id}>{label}</label>
      {children}
      {error ? (
        <span id={`${id}-message`} className="field-error" role="alert" data-testid="finance-field-error">
          {error}
        </span>
      ) : (
        <span id={`${id}-message`} className="field-hint">
          {hint ?? ''}
        </span>
      )}
    </div>
  );
}
