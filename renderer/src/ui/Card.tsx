import { useId, type ReactNode } from 'react';

interface CardProps {
  title: ReactNode;
  /** Buttons or status shown at the right of the title. */
  actions?: ReactNode;
  className?: string;
  testId?: string;
  children: ReactNode;
}

export function Card({ title, actions, className, testId, children }: CardProps) {
  const headingId = useId();
  return (
    <section className={className ? `card ${className}` : 'card'} aria-labelledby={headingId} data-testid={testId}>
      <header className="card-header">
        <h2 id={headingId} className="card-title">
          {title}
        </h2>
        {actions ? <div className="card-actions">{actions}</div> : null}
      </header>
      <div className="card-body">{children}</div>
    </section>
  );
}
