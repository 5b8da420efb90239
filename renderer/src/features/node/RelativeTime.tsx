import type { NodeFormats } from './node-formats';
import { useNow } from './use-now';

/** "12 seconds ago", kept current; the full date and time in the tooltip. */
export function RelativeTime({ iso, formats, testId }: { iso: string; formats: NodeFormats; testId?: string }) {
  const now = useNow(5_000);
  const at = Date.parse(iso);
  // A clock a little ahead of ours must not read "in 1 second".
  const delta = Math.min(0, at - now);
  return (
    <time dateTime={iso} title={formats.dateTime(iso)} data-testid={testId}>
      {formats.relative(delta)}
    </time>
  );
}
