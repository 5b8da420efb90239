import { join } from 'node:path';
import { AssetRegister } from '../../electron/core/assets/asset-register';
import { openDatabase, type Db } from '../../electron/core/db/open';
import { FinanceService } from '../../electron/core/finance/finance-service';
import { Journal } from '../../electron/core/journal/journal';
import type { FinanceAlert } from '../../electron/contract/schemas/collateral';

/** A finance service on a real SQLite file, with the register and journal it shares, "today" pinned. */
export interface FinanceBooks {
  db: Db;
  journal: Journal;
  register: AssetRegister;
  finance: FinanceService;
  alerts: FinanceAlert[];
  changes: string[];
  setToday(day: string): void;
}

export function openFinanceBooks(dir: string, today: string, unknownGraceMs = 300_000): FinanceBooks {
  const db = openDatabase(join(dir, 'sietch.db'));
  const journal = new Journal(db);
  const register = new AssetRegister(db, journal);
  let day = today;
  const alerts: FinanceAlert[] = [];
  const changes: string[] = [];
  const finance = new FinanceService({ db, journal, unknownGraceMs, today: () => day, now: () => new Date(`${day}T12:00:00.000Z`), onAlert: (alert) => alerts.push(alert), onChanged: (scope) => changes.push(scope) });
  return { db, journal, register, finance, alerts, changes, setToday: (next) => (day = next) };
}

/** An H100 as the register records it after a sweep: healthy, with its UUID and serial. */
export function sightGpu(register: AssetRegister, index: number, at: Date, host = 'host:4c4c4544-0051-3910-8036-b4c04f4e3433'): string {
  const uuid = `GPU-5e1c${String(index).padStart(4, '0')}-aaaa-bbbb-cccc-0000000000${String(index).padStart(2, '0')}`;
  const id = `gpu:${uuid}`;
  register.recordSighting({ id, kind: 'gpu', label: 'NVIDIA H100 80GB HBM3', identity: { uuid, serial: `165232${String(index).padStart(7, '0')}` }, attributes: { hostId: host, model: 'NVIDIA H100 80GB HBM3', serial: `165232${String(index).padStart(7, '0')}`, uuid, pciBusId: `00000000:${(index * 16).toString(16).padStart(2, '0')}:00.0`, health: { status: 'ok', reasons: [] } } }, at);
  return id;
}

/** "16000.00" → micro-units, for hand calculations written in units. */
export const units = (text: string): bigint => {
  const [whole, fraction = ''] = text.split('.');
  return BigInt(whole!) * 1_000_000n + BigInt(fraction.padEnd(6, '0'));
};
