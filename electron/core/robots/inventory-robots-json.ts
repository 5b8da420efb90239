import { invalidTotal, type RobotFleet } from './robot-fleet';

/**
 * The JSON of `sietch inventory robots --json` (a contract: scripts depend on it).
 * {"robots":[{"id","manufacturer","serialNumber","protocolVersion","online","connection",
 *  "lastSeen","operatingMode","batteryPct","errors":[{"type","level"}],"invalidMessages"}],
 *  "invalidMessages"}
 */
export interface InventoryRobotsJson {
  robots: {
    id: string;
    manufacturer: string;
    serialNumber: string;
    protocolVersion: string;
    online: boolean;
    connection: 'ONLINE' | 'OFFLINE' | 'CONNECTION_BROKEN' | null;
    lastSeen: string | null;
    operatingMode: string | null;
    batteryPct: number | null;
    errors: { type: string; level: string }[];
    invalidMessages: number;
  }[];
  invalidMessages: number;
}

/**
 * Every robot that sent at least one valid message (its protocolVersion comes from a header),
 * sorted by id. A 3.0 HIBERNATING robot is still connected: its connection reads ONLINE here.
 * The top-level count holds every invalid message, also those on no robot's topic.
 */
export function toInventoryRobotsJson(fleet: RobotFleet): InventoryRobotsJson {
  const robots = fleet
    .list()
    .filter((record) => record.protocolVersion !== null)
    .sort((a, b) => a.id.localeCompare(b.id))
    .map((record) => ({
      id: record.id,
      manufacturer: record.manufacturer,
      serialNumber: record.serialNumber,
      protocolVersion: record.protocolVersion!,
      online: record.online,
      connection: record.connection === 'HIBERNATING' ? ('ONLINE' as const) : record.connection,
      lastSeen: record.lastSeen === null ? null : new Date(record.lastSeen).toISOString(),
      operatingMode: record.state?.operatingMode ?? null,
      batteryPct: record.state?.batteryPct ?? null,
      errors: (record.state?.errors ?? []).map((error) => ({ type: error.type, level: error.level })),
      invalidMessages: invalidTotal(record.invalid),
    }));
  return { robots, invalidMessages: invalidTotal(fleet.invalidCounts()) };
}
