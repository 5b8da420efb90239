import type { SietchClient } from '../../../../electron/contract/client';
import type { NodeStatus } from '../../../../electron/contract/schemas/node';
import { describeError } from '../../client/describe-error';
import { latestOnly } from './latest-only';
import { useNodeStore } from './store';

// Polls, events and Start/Stop all write the status: the newest-sent answer wins.
const statusOrder = latestOnly();

function receive(ticket: number, status: NodeStatus): void {
  if (statusOrder.accept(ticket)) useNodeStore.setState({ status, statusError: null });
}

export async function loadNodeStatus(client: SietchClient): Promise<void> {
  const ticket = statusOrder.issue();
  try {
    receive(ticket, await client.invoke('node.status'));
  } catch (error) {
    if (statusOrder.accept(ticket)) useNodeStore.setState({ statusError: describeError(error) });
  }
}

/** Start or stop sampling; the answer is the new status. One switch at a time. */
export async function switchNode(client: SietchClient, to: 'start' | 'stop'): Promise<void> {
  if (useNodeStore.getState().switching) return;
  useNodeStore.setState({ switching: to, switchError: null });
  const ticket = statusOrder.issue();
  try {
    receive(ticket, await client.invoke(to === 'start' ? 'node.start' : 'node.stop'));
  } catch (error) {
    useNodeStore.setState({ switchError: describeError(error) });
  } finally {
    useNodeStore.setState({ switching: null });
  }
}

/** Tests only. */
export function resetStatusOrder(): void {
  statusOrder.reset();
}
