import type { CommandContext } from '../context';
import { startDaemon } from '../daemon';
import { CliError, EXIT } from '../exit-codes';
import { printJson, printLine } from '../output';

export interface NodeCommandOptions {
  sampleInterval?: string;
  epoch?: string;
  simulate?: boolean;
  passphraseFile?: string;
}

function seconds(flag: string, value: string | undefined, min: number): number | undefined {
  if (value === undefined) return undefined;
  const parsed = Number(value);
  if (!Number.isFinite(parsed) || parsed < min) throw new CliError(`${flag} must be a number of seconds ≥ ${min}, not "${value}"`, EXIT.usage);
  return parsed;
}

/** `sietch node`: the attestation node alone, as a daemon (no console). SIGTERM finishes the tick in flight and exits 0. */
export async function nodeCommand(context: CommandContext, options: NodeCommandOptions): Promise<void> {
  const nodeOverrides = { sampleIntervalSeconds: seconds('--sample-interval', options.sampleInterval, 1), epochSeconds: seconds('--epoch', options.epoch, 10) };
  if (nodeOverrides.epochSeconds !== undefined && !Number.isInteger(nodeOverrides.epochSeconds)) throw new CliError('--epoch must be a whole number of seconds', EXIT.usage);
  const simulate = options.simulate ?? false;
  const { core } = await startDaemon(context, 'node', { simulate, nodeOverrides, passphraseFile: options.passphraseFile });
  await core.start();
  const { sampleIntervalMs, epochMs, network } = core.node.options;
  const signer = core.keystore.signer()?.address ?? null;
  if (context.json) printJson({ dataDir: context.dataDir, pid: process.pid, sampleIntervalSeconds: sampleIntervalMs / 1000, epochSeconds: epochMs / 1000, network: network.id, simulate, signer });
  else {
    printLine(`Sietch attestation node — data in ${context.dataDir}${simulate ? ' — SIMULATED hardware' : ''}`);
    printLine(`Sampling every ${sampleIntervalMs / 1000} s, epochs of ${epochMs / 1000} s (UTC-aligned), reports for ${network.name}.`);
    printLine(signer ? `Signing as ${signer}.` : 'No operator key unlocked: reports are closed and wait, unsigned (see --passphrase-file).');
    printLine('Stop with Ctrl+C or SIGTERM.');
  }
}
