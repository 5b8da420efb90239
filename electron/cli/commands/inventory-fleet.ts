import type { FleetSourceInput } from '../../contract/schemas/fleet';
import { inventoryFleetExitCode, toInventoryFleetJson } from '../../core/inventory/fleet/cli-json';
import { readFleetSource, specFromInput } from '../../core/inventory/fleet/sources/read-source';
import type { CommandContext } from '../context';
import { CliError, EXIT, type ExitCode } from '../exit-codes';
import { printJson, printLine } from '../output';

export interface InventoryFleetOptions {
  prometheus?: string;
  targets?: string;
  selector?: string;
  hostLabel?: string[];
  bearerTokenFile?: string;
  caFile?: string;
  site?: string;
}

function cell(value: string | number | null, width: number): string {
  const text = value === null ? '—' : typeof value === 'number' ? String(Math.round(value * 10) / 10) : value;
  return text.length > width ? `${text.slice(0, width - 1)}…` : text.padEnd(width);
}

/** The sources to read: the one on the command line, else every source of config.json. */
function sourcesOf(context: CommandContext, options: InventoryFleetOptions): FleetSourceInput[] {
  if (options.prometheus && options.targets) throw new CliError('give --prometheus or --targets, not both', EXIT.usage);
  const common = {
    ...(options.site ? { site: options.site } : {}),
    ...(options.hostLabel?.length ? { hostLabels: options.hostLabel } : {}),
    ...(options.bearerTokenFile ? { bearerTokenFile: options.bearerTokenFile } : {}),
    ...(options.caFile ? { caFile: options.caFile } : {}),
  };
  if (options.prometheus) return [{ kind: 'prometheus', name: 'command line', url: options.prometheus, ...(options.selector ? { selector: options.selector } : {}), ...common }];
  if (options.targets) return [{ kind: 'targets', name: 'command line', targetsFile: options.targets, ...common }];
  if (context.config.fleet.sources.length === 0) throw new CliError('no fleet source: give --prometheus URL or --targets FILE, or add sources to the fleet section of config.json', EXIT.usage);
  return context.config.fleet.sources;
}

/**
 * `sietch inventory fleet`: one read of dcgm-exporter targets or a Prometheus server, printed with
 * the GPU shape of `inventory gpus` plus the host. Reads only: no lock, no register change.
 */
export async function inventoryFleetCommand(context: CommandContext, options: InventoryFleetOptions): Promise<ExitCode> {
  const { fleet } = context.config;
  const readOptions = { timeoutMs: fleet.timeoutSeconds * 1000, concurrency: fleet.concurrency, maxBytes: fleet.maxResponseMiB * 1024 * 1024 };
  const reads = await Promise.all(
    sourcesOf(context, options).map(async (input, index) => {
      const spec = specFromInput(input, `cli:${index}`, 'config');
      return { spec, read: await readFleetSource(spec, readOptions), endpoint: input.kind === 'prometheus' ? input.url : (input.targetsFile ?? `${input.targets?.length ?? 0} targets`) };
    }),
  );
  const json = toInventoryFleetJson(reads);
  if (context.json) printJson(json);
  else {
    for (const source of json.sources) printLine(`${source.source} ${source.endpoint}: ${source.state}${source.message ? ` (${source.message})` : ''}, ${source.durationMs} ms`);
    if (json.gpus.length > 0) {
      printLine(`${cell('host', 24)} ${cell('#', 2)} ${cell('name', 24)} ${cell('uuid', 41)} ${cell('MiB', 6)} ${cell('util%', 5)} ${cell('W', 6)} ${cell('°C', 4)} health`);
      for (const gpu of json.gpus) {
        printLine(`${cell(gpu.host, 24)} ${cell(gpu.index, 2)} ${cell(gpu.name, 24)} ${cell(gpu.uuid, 41)} ${cell(gpu.memoryTotalMiB, 6)} ${cell(gpu.utilizationGpuPct, 5)} ${cell(gpu.powerDrawW, 6)} ${cell(gpu.temperatureC, 4)} ${gpu.health.status}${gpu.health.reasons.length ? ` (${gpu.health.reasons.join(', ')})` : ''}`);
        for (const mig of gpu.migDevices) printLine(`${' '.repeat(28)}└ MIG ${cell(mig.profile, 10)} ${cell(mig.memoryTotalMiB, 6)} MiB`);
      }
    }
    for (const target of json.targets.filter((entry) => entry.state !== 'up')) process.stderr.write(`target ${target.target}: ${target.state}${target.message ? ` (${target.message})` : ''}\n`);
    for (const warning of json.warnings) process.stderr.write(`warning: ${warning}\n`);
  }
  return inventoryFleetExitCode(reads);
}
