import type { ReactNode } from 'react';

/**
 * A link to a block explorer, from the network's URL template. It opens outside the console: the
 * Electron host denies navigation and hands http(s) links to the system browser.
 */
export function ExternalLink({ href, title, testId, children }: { href: string; title?: string; testId?: string; children: ReactNode }) {
  return (
    <a href={href} target="_blank" rel="noreferrer noopener" title={title ?? href} data-testid={testId} className="mono">
      {children}
    </a>
  );
}
