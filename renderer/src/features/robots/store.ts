import { create } from 'zustand';
import type { SietchClient } from '../../../../electron/contract/client';
import type { RobotDetail, RobotFleetView } from '../../../../electron/contract/schemas/robots';
import { describeError, type UiError } from '../../client/describe-error';
import { serialized } from '../../client/serialized';

/** The Robots page's state: the fleet, the highlighted row, and the robot opened in the detail view. */
export interface RobotsState {
  /** undefined until the first answer. */
  fleet: RobotFleetView | undefined;
  error: UiError | null;
  selectedId: string | null;
  /** The robot shown in the detail view; null: the table is shown. */
  openId: string | null;
  /** The open robot's detail, once loaded (never another robot's). */
  detail: RobotDetail | null;
  detailError: UiError | null;
}

export const initialRobotsState: RobotsState = { fleet: undefined, error: null, selectedId: null, openId: null, detail: null, detailError: null };

export const useRobotsStore = create<RobotsState>()(() => initialRobotsState);

const fleetLoaders = new WeakMap<SietchClient, () => Promise<void>>();

export function loadRobots(client: SietchClient): Promise<void> {
  let load = fleetLoaders.get(client);
  if (!load) {
    load = serialized(async () => {
      try {
        useRobotsStore.setState({ fleet: await client.invoke('robots.list', {}), error: null });
      } catch (error) {
        useRobotsStore.setState({ error: describeError(error) });
      }
    });
    fleetLoaders.set(client, load);
  }
  return load();
}

export async function loadRobotDetail(client: SietchClient, id: string): Promise<void> {
  try {
    const detail = await client.invoke('robots.get', { id });
    // A late answer for a robot no longer open is dropped.
    if (useRobotsStore.getState().openId === id) useRobotsStore.setState({ detail, detailError: null });
  } catch (error) {
    if (useRobotsStore.getState().openId === id) useRobotsStore.setState({ detailError: describeError(error) });
  }
}

export function selectRobot(id: string): void {
  if (useRobotsStore.getState().selectedId !== id) useRobotsStore.setState({ selectedId: id });
}

export function openRobot(id: string): void {
  const { openId, detail } = useRobotsStore.getState();
  if (openId === id) return;
  useRobotsStore.setState({ openId: id, selectedId: id, detailError: null, detail: detail?.robot.id === id ? detail : null });
}

export function closeRobot(): void {
  useRobotsStore.setState({ openId: null, detail: null, detailError: null });
}

export function dismissRobotsError(): void {
  useRobotsStore.setState({ error: null });
}

export function dismissDetailError(): void {
  useRobotsStore.setState({ detailError: null });
}
