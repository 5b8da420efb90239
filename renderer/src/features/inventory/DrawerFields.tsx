import type { ReactNode } from 'react';

/** The drawer's dense label/value list: labels in a narrow column, values wrapping beside them. */
export function DrawerFields({ children, testId }: { children: ReactNode; testId?: string }) {
  return (
    <dl className="drawer-fields" data-testid={testId}>
      {children}
    </dl>
  );
}

export function DrawerField({ label, mono, testId, title, children }: { label: ReactNode; mono?: boolean; testId?: string; title?: string; children: ReactNode }) {
  return (
    <>
      <dt>{label}</dt>
      <dd className={mono ? 'mono' : undefined} data-testid={testId} title={title}>
        {children}
      </dd>
    </>
  );
}
