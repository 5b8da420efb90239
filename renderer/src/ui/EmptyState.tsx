import type { ReactNode } from 'react';

export function EmptyState({ testId, children }: { testId?: string; children: ReactNode }) {
  return (
    <div className="empty-state" data-testid={testId}>
      {children}
    </div>
  );
}
