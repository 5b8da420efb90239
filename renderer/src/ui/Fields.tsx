import type { ReactNode } from 'react';

/** A label/value grid: the dense key-value layout of an inventory card. */
export function Fields({ children }: { children: ReactNode }) {
  return <dl className="fields">{children}</dl>;
}

interface FieldProps {
  label: ReactNode;
  testId?: string;
  title?: string;
  mono?: boolean;
  /** Secondary line under the value (a source, a note). */
  note?: ReactNode;
  children: ReactNode;
}

export function Field({ label, testId, title, mono, note, children }: FieldProps) {
  return (
    <div className="field">
      <dt>{label}</dt>
      <dd>
        <span className={mono ? 'field-value mono' : 'field-value'} data-testid={testId} title={title}>
          {children}
        </span>
        {note ? <span className="field-note">{note}</span> : null}
      </dd>
    </div>
  );
}
