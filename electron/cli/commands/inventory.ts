import * as systeminformation from 'systeminformation';
import { collectHostInventory, type HostInfoSource } from '../../core/inventory/host/collect-host';
import { inventoryGpusExitCode, toInventoryGpusJson } from '../../core/inventory/gpu/cli-json';
import { readLocalGpus } from '../../core/inventory/gpu/read-local-gpus';
import type { CommandContext } from '../context';
import { EXIT, type ExitCode } from '../exit-codes';
import { printJson, printLine } from '../output';
import { SIMULATOR_NVIDIA_SMI } from '../package-root';

function cell(value: string | number | null, width: number): string {
  const text = value === null ? '—' : String(value);
  return text.length > width ? `${text.slice(0, width - 1)}…` : text.padEnd(width);
}

/** `sietch inventory gpus`: one read of the local GPUs (NVML or nvidia-smi: docs/nvml.md). Only reads: it takes no lock. */
export async function inventoryGpusCommand(context: CommandContext, options: { simulate?: boolean }): Promise<ExitCode> {
  const read = await readLocalGpus({ ...(options.simulate ? { binary: SIMULATOR_NVIDIA_SMI } : {}), timeoutMs: context.config.inventory.nvidiaSmiTimeoutSeconds * 1000 });
  const json = toInventoryGpusJson(read);
  if (context.json) printJson(json);
  else {
    printLine(`${json.source}: ${json.state}${json.driverVersion ? `, driver ${json.driverVersion}` : ''}${read.binary ? ` (${read.binary})` : read.library ? ` (${read.library})` : ''}`);
    if (json.gpus.length > 0) {
      printLine(`${cell('#', 3)} ${cell('name', 26)} ${cell('uuid', 42)} ${cell('serial', 14)} ${cell('pci bus', 17)} ${cell('MiB', 6)} ${cell('util%', 5)} ${cell('W', 6)} ${cell('°C', 4)} health`);
      for (const gpu of json.gpus) {
        printLine(`${cell(gpu.index, 3)} ${cell(gpu.name, 26)} ${cell(gpu.uuid, 42)} ${cell(gpu.serial, 14)} ${cell(gpu.pciBusId, 17)} ${cell(gpu.memoryTotalMiB, 6)} ${cell(gpu.utilizationGpuPct, 5)} ${cell(gpu.powerDrawW, 6)} ${cell(gpu.temperatureC, 4)} ${gpu.health.status}${gpu.health.reasons.length ? ` (${gpu.health.reasons.join(', ')})` : ''}`);
        for (const mig of gpu.migDevices) printLine(`    └ MIG ${cell(mig.profile, 14)} ${cell(mig.uuid, 46)} ${cell(mig.memoryTotalMiB, 6)} MiB`);
      }
    }
    for (const warning of json.warnings) process.stderr.write(`warning: ${warning}\n`);
  }
  return inventoryGpusExitCode(json.state);
}

/**
 * `sietch inventory hosts`: this machine as systeminformation sees it. JSON shape:
 * {"source":"systeminformation","hosts":[HostInventory]} — HostInventory as in the API contract.
 */
export async function inventoryHostsCommand(context: CommandContext, source: HostInfoSource = systeminformation as unknown as HostInfoSource): Promise<ExitCode> {
  let host;
  try {
    host = await collectHostInventory(source);
  } catch (error) {
    process.stderr.write(`sietch: cannot read this host: ${(error as Error).message}\n`);
    if (context.json) printJson({ source: 'systeminformation', hosts: [], warnings: [(error as Error).message] });
    return EXIT.hardwareUnavailable;
  }
  if (context.json) printJson({ source: 'systeminformation', hosts: [host], warnings: [] });
  else {
    printLine(`${host.assetId}  (${host.idSource})  ${host.hostname}`);
    printLine(`  system   ${[host.system.manufacturer, host.system.model].filter(Boolean).join(' ') || '—'}, serial ${host.system.serial ?? host.baseboard.serial ?? '—'}`);
    printLine(`  cpu      ${host.cpu.brand ?? '—'}, ${host.cpu.cores} cores (${host.cpu.physicalCores} physical, ${host.cpu.sockets} socket(s))`);
    printLine(`  memory   ${(host.memory.totalBytes / 1024 ** 3).toFixed(1)} GiB`);
    printLine(`  os       ${[host.os.distro, host.os.release].filter(Boolean).join(' ')}, kernel ${host.os.kernel ?? '—'}, ${host.os.arch}`);
    for (const disk of host.disks) printLine(`  disk     ${disk.device ?? disk.name ?? '—'} ${disk.type ?? ''} ${disk.sizeBytes === null ? '' : `${(disk.sizeBytes / 1e9).toFixed(0)} GB`} serial ${disk.serial ?? '—'}`);
    for (const net of host.network.filter((n) => !n.internal)) printLine(`  net      ${net.iface} ${net.mac ?? '—'} ${net.ip4 ?? ''}`);
  }
  return EXIT.ok;
}
