import type { AssetRegister, AssetSighting } from '../assets/asset-register';
import type { Db } from '../db/open';
import type { Journal } from '../journal/journal';
import { emptyTracker, type FigureTracker, type RobotFigures } from './robot-figures';
import { activityOf, robotAssetId, type InvalidCounts, type RestoredRobot, type RobotActivity, type RobotFleet, type RobotRecord } from './robot-fleet';
import { INVALID_REASONS } from './vda5050/decode-message';
import type { ConnectionState, NormalizedFactsheet, NormalizedState } from './vda5050/normalized';

interface RobotRow {
  asset_id: string;
  manufacturer: string;
  serial_number: string;
  protocol_major: number;
  interface_name: string;
  protocol_version: string | null;
  connection: ConnectionState | null;
  online: number;
  first_seen: string | null;
  last_seen: string | null;
  last_state_at: string | null;
  state: string | null;
  factsheet: string | null;
  observed_ms: number;
  autonomous_ms: number;
  missions_completed: number;
  missions_failed: number;
  distance_m: number;
  errors_raised: number;
  interventions: number;
  tracker: string;
  invalid: string;
}

export interface TimelineRow {
  at: number;
  batteryPct: number | null;
  activity: RobotActivity;
}

const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());
const ms = (text: string | null): number | null => (text === null ? null : Date.parse(text));

/** The asset's health as the register shows it beside GPUs (the robot's own detail says more). */
export function robotHealth(record: Pick<RobotRecord, 'online' | 'connection' | 'state'>): NonNullable<NonNullable<AssetSighting['attributes']>['health']> {
  if (!record.online) return { status: 'unknown', reasons: [record.connection === 'CONNECTION_BROKEN' ? 'robot-connection-broken' : 'robot-offline'] };
  const errors = record.state?.errors ?? [];
  if (errors.some((error) => error.level === 'FATAL')) return { status: 'failing', reasons: ['robot-error'] };
  if (errors.length > 0) return { status: 'degraded', reasons: ['robot-error'] };
  return { status: 'ok', reasons: [] };
}

function invalidCounts(json: string): InvalidCounts {
  const saved = JSON.parse(json) as Partial<InvalidCounts>;
  return Object.fromEntries(INVALID_REASONS.map((reason) => [reason, typeof saved[reason] === 'number' ? saved[reason] : 0])) as InvalidCounts;
}

/**
 * The robots' side of the database: each robot's row (beside its asset), its timeline, and the
 * register and journal entries its changes make. `flush` writes everything the fleet changed
 * since the last flush in one transaction, so a crash leaves either all of it or none.
 */
export class RobotStore {
  constructor(private readonly db: Db, private readonly register: AssetRegister, private readonly journal: Journal) {}

  /** Every robot saved, as the fleet takes it back after a restart. */
  load(): RestoredRobot[] {
    const rows = this.db.prepare('SELECT * FROM robots ORDER BY asset_id').all() as RobotRow[];
    return rows.map((row) => ({
      manufacturer: row.manufacturer,
      serialNumber: row.serial_number,
      major: row.protocol_major === 3 ? 3 : 2,
      interfaceName: row.interface_name,
      protocolVersion: row.protocol_version,
      firstSeen: ms(row.first_seen),
      lastSeen: ms(row.last_seen),
      lastStateAt: ms(row.last_state_at),
      state: row.state === null ? null : (JSON.parse(row.state) as NormalizedState),
      factsheet: row.factsheet === null ? null : (JSON.parse(row.factsheet) as NormalizedFactsheet),
      figures: {
        observedMs: row.observed_ms,
        autonomousMs: row.autonomous_ms,
        missionsCompleted: row.missions_completed,
        missionsFailed: row.missions_failed,
        distanceM: row.distance_m,
        errorsRaised: row.errors_raised,
        interventions: row.interventions,
      } satisfies RobotFigures,
      tracker: { ...emptyTracker(), ...(JSON.parse(row.tracker) as Partial<FigureTracker>) },
      invalid: invalidCounts(row.invalid),
    }));
  }

  /** Writes what the fleet changed; returns the asset ids written. */
  flush(fleet: RobotFleet, at: Date = new Date()): string[] {
    const { ids, events, timeline } = fleet.drain();
    if (ids.length === 0 && events.length === 0 && timeline.length === 0) return [];
    const written: string[] = [];
    const upsert = this.db.prepare(`
      INSERT INTO robots (asset_id, manufacturer, serial_number, protocol_major, interface_name, protocol_version, connection, online, first_seen, last_seen, last_state_at, state, factsheet,
                          observed_ms, autonomous_ms, missions_completed, missions_failed, distance_m, errors_raised, interventions, tracker, invalid, updated_at)
      VALUES (@asset_id, @manufacturer, @serial_number, @protocol_major, @interface_name, @protocol_version, @connection, @online, @first_seen, @last_seen, @last_state_at, @state, @factsheet,
              @observed_ms, @autonomous_ms, @missions_completed, @missions_failed, @distance_m, @errors_raised, @interventions, @tracker, @invalid, @updated_at)
      ON CONFLICT (asset_id) DO UPDATE SET protocol_major = excluded.protocol_major, interface_name = excluded.interface_name, protocol_version = excluded.protocol_version,
        connection = excluded.connection, online = excluded.online, first_seen = excluded.first_seen, last_seen = excluded.last_seen, last_state_at = excluded.last_state_at,
        state = excluded.state, factsheet = excluded.factsheet, observed_ms = excluded.observed_ms, autonomous_ms = excluded.autonomous_ms,
        missions_completed = excluded.missions_completed, missions_failed = excluded.missions_failed, distance_m = excluded.distance_m, errors_raised = excluded.errors_raised,
        interventions = excluded.interventions, tracker = excluded.tracker, invalid = excluded.invalid, updated_at = excluded.updated_at`);
    const insertPoint = this.db.prepare('INSERT OR REPLACE INTO robot_timeline (asset_id, at, battery_pct, activity) VALUES (?, ?, ?, ?)');
    this.db.transaction(() => {
      for (const id of ids) {
        const record = fleet.get(id);
        // Only robots that sent a valid message are assets; the others are counted, not registered.
        if (!record || record.lastSeen === null) continue;
        this.register.recordSighting(
          {
            id: record.id,
            kind: 'robot',
            label: record.factsheet ? `${record.factsheet.seriesName} ${record.serialNumber}` : `${record.manufacturer} ${record.serialNumber}`,
            identity: { manufacturer: record.manufacturer, serialNumber: record.serialNumber },
            attributes: {
              model: record.factsheet?.seriesName ?? null,
              serial: record.serialNumber,
              health: robotHealth(record),
              reading: { batteryPct: record.state?.batteryPct ?? null, operatingMode: record.state?.operatingMode ?? null, connection: record.connection, online: record.online, activity: activityOf(record) },
            },
          },
          new Date(record.lastSeen),
        );
        const { figures } = record;
        upsert.run({
          asset_id: record.id,
          manufacturer: record.manufacturer,
          serial_number: record.serialNumber,
          protocol_major: record.major,
          interface_name: record.interfaceName,
          protocol_version: record.protocolVersion,
          connection: record.connection,
          online: record.online ? 1 : 0,
          first_seen: iso(record.firstSeen),
          last_seen: iso(record.lastSeen),
          last_state_at: iso(record.lastStateAt),
          state: record.state ? JSON.stringify(record.state) : null,
          factsheet: record.factsheet ? JSON.stringify(record.factsheet) : null,
          observed_ms: Math.round(figures.observedMs),
          autonomous_ms: Math.round(figures.autonomousMs),
          missions_completed: figures.missionsCompleted,
          missions_failed: figures.missionsFailed,
          distance_m: figures.distanceM,
          errors_raised: figures.errorsRaised,
          interventions: figures.interventions,
          tracker: JSON.stringify(record.tracker),
          invalid: JSON.stringify(record.invalid),
          updated_at: at.toISOString(),
        });
        written.push(record.id);
      }
      for (const event of events) {
        if (!this.register.get(event.robotId)) continue; // its robot is registered above, in this same flush
        this.journal.append({ kind: event.kind, entity: event.robotId, payload: event.payload, at: new Date(event.at) });
      }
      for (const point of timeline) {
        if (!this.register.get(point.robotId)) continue;
        insertPoint.run(point.robotId, point.at, point.batteryPct, point.activity);
      }
    })();
    return written;
  }

  timeline(assetId: string, sinceMs: number, limit = 5000): TimelineRow[] {
    const rows = this.db.prepare('SELECT at, battery_pct, activity FROM (SELECT at, battery_pct, activity FROM robot_timeline WHERE asset_id = ? AND at >= ? ORDER BY at DESC LIMIT ?) ORDER BY at').all(assetId, sinceMs, limit) as { at: number; battery_pct: number | null; activity: RobotActivity }[];
    return rows.map((row) => ({ at: row.at, batteryPct: row.battery_pct, activity: row.activity }));
  }

  /** Drops timeline points older than the retention window; returns how many. */
  prune(olderThanMs: number): number {
    return this.db.prepare('DELETE FROM robot_timeline WHERE at < ?').run(olderThanMs).changes;
  }
}

export { robotAssetId };
