import type { SietchClient } from '../../../../electron/contract/client';
import type { ReportDetail } from '../../../../electron/contract/schemas/node';
import { describeError } from '../../client/describe-error';
import { latestOnly } from './latest-only';
import { replaceLoaded } from './report-pages';
import { useNodeStore } from './store';

// The open report may be asked for twice (opened, then signed): the later-sent answer wins.
const detailOrder = latestOnly();

/** Loads the open report's leaves and attestation. Answers for a report no longer open are dropped. */
export async function loadReportDetail(client: SietchClient, seq: number): Promise<void> {
  const ticket = detailOrder.issue();
  try {
    const detail = await client.invoke('node.report.get', { seq });
    if (useNodeStore.getState().openSeq === seq && detailOrder.accept(ticket)) receiveDetail(detail);
  } catch (error) {
    if (useNodeStore.getState().openSeq === seq && detailOrder.accept(ticket)) useNodeStore.setState({ detailError: describeError(error) });
  }
}

function receiveDetail(detail: ReportDetail): void {
  const { reports, hasOlder } = useNodeStore.getState();
  // The detail's summary is the freshest there is: the row in the list follows it.
  const list = reports === undefined ? {} : { reports: replaceLoaded({ reports, hasOlder }, [detail.report]).reports };
  useNodeStore.setState({ detail, detailError: null, ...list });
}

/** After a change announcement: reload the open report if it is among the changed ones. */
export function reloadDetailIfOpen(client: SietchClient, changedSeqs?: readonly number[]): void {
  const { openSeq } = useNodeStore.getState();
  if (openSeq !== null && (!changedSeqs || changedSeqs.includes(openSeq))) void loadReportDetail(client, openSeq);
}
