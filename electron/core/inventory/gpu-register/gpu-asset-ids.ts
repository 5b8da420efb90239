/**
 * Asset ids for the GPUs of one read: `gpu:<UUID>` when the UUID is present and unique in the
 * read, else `gpu:<host id>:<PCI bus id>`. Masked (all-zero, N/A) UUIDs arrive here as null.
 * Two GPUs are never merged into one asset: should two readings still collide (a broken
 * capture printing one bus id twice), the later ones get their position appended.
 */
export function assignGpuAssetIds(hostId: string, gpus: readonly { uuid: string | null; pciBusId: string }[]): string[] {
  const uuidCounts = new Map<string, number>();
  for (const gpu of gpus) if (gpu.uuid) uuidCounts.set(gpu.uuid, (uuidCounts.get(gpu.uuid) ?? 0) + 1);
  const taken = new Set<string>();
  return gpus.map((gpu, index) => {
    let id = gpu.uuid && uuidCounts.get(gpu.uuid) === 1 ? `gpu:${gpu.uuid}` : `gpu:${hostId}:${gpu.pciBusId}`;
    if (taken.has(id)) id = `${id}#${index}`;
    taken.add(id);
    return id;
  });
}
