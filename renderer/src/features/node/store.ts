import { create } from 'zustand';
import type { NodeStatus, ReportDetail, ReportSummary } from '../../../../electron/contract/schemas/node';
import type { UiError } from '../../client/describe-error';

/**
 * The Node page's state: the node's status, the loaded part of the report list, the selected
 * row, and the report opened in the report view. Loading lives beside it: node-status.ts,
 * report-list.ts, report-detail.ts; the feed that drives them: node-feed.ts.
 */
export interface NodeState {
  /** undefined until the first answer. */
  status: NodeStatus | undefined;
  statusError: UiError | null;
  /** Start or Stop waiting for its answer. */
  switching: 'start' | 'stop' | null;
  switchError: UiError | null;
  /** Newest first, consecutive seqs; undefined until the first answer. */
  reports: ReportSummary[] | undefined;
  hasOlder: boolean;
  loadingOlder: boolean;
  reportsError: UiError | null;
  /** The highlighted row, by seq (it survives new reports arriving on top). */
  selectedSeq: number | null;
  /** The report shown in the report view; null: the list is shown. */
  openSeq: number | null;
  /** The open report's detail, once loaded (the previous one's is never shown for it). */
  detail: ReportDetail | null;
  detailError: UiError | null;
}

export const initialNodeState: NodeState = {
  status: undefined,
  statusError: null,
  switching: null,
  switchError: null,
  reports: undefined,
  hasOlder: false,
  loadingOlder: false,
  reportsError: null,
  selectedSeq: null,
  openSeq: null,
  detail: null,
  detailError: null,
};

export const useNodeStore = create<NodeState>()(() => initialNodeState);

export function selectReport(seq: number): void {
  if (useNodeStore.getState().selectedSeq !== seq) useNodeStore.setState({ selectedSeq: seq });
}

/** Opens the report view on one report; its detail is loaded by the view (report-detail.ts). */
export function openReport(seq: number): void {
  const { openSeq, detail } = useNodeStore.getState();
  if (openSeq === seq) return;
  useNodeStore.setState({ openSeq: seq, selectedSeq: seq, detailError: null, detail: detail?.report.seq === seq ? detail : null });
}

export function closeReport(): void {
  useNodeStore.setState({ openSeq: null, detail: null, detailError: null });
}

export function dismissStatusError(): void {
  useNodeStore.setState({ statusError: null });
}

export function dismissSwitchError(): void {
  useNodeStore.setState({ switchError: null });
}

export function dismissReportsError(): void {
  useNodeStore.setState({ reportsError: null });
}
