import { hostInventory, type HostInventory } from '../../../contract/schemas/host';
import type { AssetRegister } from '../../assets/asset-register';
import type { Db } from '../../db/open';
import { collectHostInventory, type HostInfoSource } from './collect-host';

/** Collects this machine's inventory, registers the host asset and keeps the latest snapshot. */
export class HostInventoryService {
  private inFlight: Promise<HostInventory> | null = null;
  /** The host asset id, once known: asked by every GPU sweep and sampler tick, and it never changes. */
  private knownAssetId: string | null = null;

  constructor(
    private readonly db: Db,
    private readonly register: AssetRegister,
    private readonly source: HostInfoSource,
    private readonly onChange: (inventory: HostInventory) => void,
  ) {}

  latest(): HostInventory | null {
    const row = this.db.prepare('SELECT data FROM host_inventory ORDER BY collected_at DESC LIMIT 1').get() as { data: string } | undefined;
    return row ? hostInventory.parse(JSON.parse(row.data)) : null;
  }

  /** This host's asset id: from memory, else the stored inventory, else a first sweep. */
  async assetId(): Promise<string> {
    this.knownAssetId ??= this.latest()?.assetId ?? (await this.refresh()).assetId;
    return this.knownAssetId;
  }

  /** One sweep at a time: concurrent callers share the sweep in flight. */
  refresh(): Promise<HostInventory> {
    this.inFlight ??= this.sweep().finally(() => {
      this.inFlight = null;
    });
    return this.inFlight;
  }

  private async sweep(): Promise<HostInventory> {
    const inventory = await collectHostInventory(this.source);
    const at = new Date(inventory.collectedAt);
    this.db.transaction(() => {
      this.register.recordSighting(
        {
          id: inventory.assetId,
          kind: 'host',
          label: inventory.hostname,
          identity: { idSource: inventory.idSource, systemUuid: inventory.system.uuid, systemSerial: inventory.system.serial, baseboardSerial: inventory.baseboard.serial, machineId: inventory.os.machineId },
          // A host that answered its sweep is present and readable; its GPUs carry their own health.
          attributes: { model: [inventory.system.manufacturer, inventory.system.model].filter(Boolean).join(' ') || null, serial: inventory.system.serial ?? inventory.baseboard.serial, uuid: inventory.system.uuid, health: { status: 'ok', reasons: [] }, reading: { memoryTotalBytes: inventory.memory.totalBytes, cpu: inventory.cpu.brand } },
        },
        at,
      );
      this.db.prepare('INSERT INTO host_inventory (asset_id, collected_at, data) VALUES (?, ?, ?) ON CONFLICT(asset_id) DO UPDATE SET collected_at = excluded.collected_at, data = excluded.data').run(inventory.assetId, inventory.collectedAt, JSON.stringify(inventory));
    })();
    this.knownAssetId = inventory.assetId;
    this.onChange(inventory);
    return inventory;
  }
}
