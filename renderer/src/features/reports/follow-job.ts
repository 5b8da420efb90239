import type { AuditJob } from '../../../../electron/contract/audit-api';
import type { SietchClient } from '../../../../electron/contract/client';

/**
 * Follows an audit job to its end: progress from onAuditJobProgress as it happens, and a poll of
 * audit.job.get every second as well — an event lost to a reconnecting socket only delays the
 * bar, never the result. Resolves with the finished job (done or failed).
 */
export function followJob(client: SietchClient, started: AuditJob, onUpdate: (job: Pick<AuditJob, 'done' | 'total' | 'state'>) => void, pollMs = 1000): Promise<AuditJob> {
  return new Promise((resolve, reject) => {
    let finished = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const stop = client.subscribe('onAuditJobProgress', (event) => {
      if (event.jobId !== started.jobId || finished) return;
      onUpdate(event);
      if (event.state !== 'running') void poll();
    });
    async function poll(): Promise<void> {
      if (finished) return;
      clearTimeout(timer);
      try {
        const job = await client.invoke('audit.job.get', { jobId: started.jobId });
        if (finished) return;
        onUpdate(job);
        if (job.state !== 'running') {
          finished = true;
          stop();
          resolve(job);
          return;
        }
      } catch (error) {
        finished = true;
        stop();
        reject(error);
        return;
      }
      timer = setTimeout(() => void poll(), pollMs);
    }
    onUpdate(started);
    timer = setTimeout(() => void poll(), started.state === 'running' ? pollMs : 0);
  });
}
