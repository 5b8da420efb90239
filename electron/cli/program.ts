import { Command, CommanderError, Option } from 'commander';
import { SIETCH_VERSION } from '../core/version';
import { registerAttestCommands } from './commands/attest';
import { registerAuditCommands } from './commands/audit';
import { doctorCommand } from './commands/doctor';
import { registerChainCommands } from './commands/chain';
import { devnetCommand, type DevnetOptions } from './commands/devnet';
import { inventoryGpusCommand, inventoryHostsCommand } from './commands/inventory';
import { inventoryFleetCommand, type InventoryFleetOptions } from './commands/inventory-fleet';
import { nodeCommand, type NodeCommandOptions } from './commands/node';
import { registerKeyCommands } from './commands/key';
import { registerLedgerCommands } from './commands/ledger';
import { registerRobotCommands } from './commands/robots';
import { serveCommand, type ServeOptions } from './commands/serve';
import { commandContext, type GlobalOptions } from './context';
import { CliError, EXIT } from './exit-codes';

/** Sets the process exit code; commands that keep running (serve) simply return. */
type Run = (code: number) => void;

export function buildProgram(setExitCode: Run): Command {
  const program = new Command('sietch')
    .description('Sietch — inventory, attestation node, ledger and signed reports for financed GPU and robot fleets')
    .version(SIETCH_VERSION)
    .addOption(new Option('--data-dir <dir>', 'data directory (default: SIETCH_DATA_DIR, else the per-user data folder)'))
    .addOption(new Option('--json', 'print exactly one JSON document on stdout'))
    .addOption(new Option('--log-level <level>', 'log level on stderr').choices(['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent']))
    .showHelpAfterError()
    .exitOverride();

  const globals = (): GlobalOptions => program.opts<GlobalOptions>();

  program
    .command('serve')
    .description('run the core and the web console on 127.0.0.1; prints the URL with its token')
    .option('--host <address>', 'address to listen on (default 127.0.0.1; anything else exposes the console beyond this machine)')
    .option('--port <port>', 'port to listen on (default 7410; 0 picks a free one)')
    .option('--simulate', 'simulated hardware (a replayed 8-GPU server) for demos and tests')
    .option('--passphrase-file <file>', 'unlock the operator key with the passphrase in this file (mode 0600)')
    .action(async (options: ServeOptions) => {
      await serveCommand(commandContext(globals()), options);
    });

  program
    .command('node')
    .description('run the attestation node as a daemon: sample, close epochs, sign reports (no console)')
    .option('--sample-interval <seconds>', 'seconds between samples (default 60; down to 1)')
    .option('--epoch <seconds>', 'epoch length in seconds, aligned to UTC (default 3600)')
    .option('--simulate', 'simulated hardware (a replayed 8-GPU server)')
    .option('--passphrase-file <file>', 'unlock the operator key with the passphrase in this file (mode 0600)')
    .action(async (options: NodeCommandOptions) => {
      await nodeCommand(commandContext(globals()), options);
    });

  program
    .command('doctor')
    .description('check this installation: data directory, database, nvidia-smi, Electron, chain RPC')
    .action(async () => {
      setExitCode(await doctorCommand(commandContext(globals())));
    });

  program
    .command('devnet')
    .description('a local EVM for demos (anvil, a dev dependency): deploys EAS, registers the report schema, funds the operator key, writes the "devnet" network profile')
    .option('--port <port>', 'port on 127.0.0.1 (default 8545; 0 picks a free one)')
    .option('--block-time <seconds>', 'seconds between blocks (default 1)')
    .option('--confirmations <blocks>', 'confirmations before a report counts as published (default 2)')
    .option('--fresh', 'forget the saved chain and start from block 0')
    .action(async (options: DevnetOptions) => {
      await devnetCommand(commandContext(globals()), options);
    });

  registerChainCommands(program, globals, setExitCode);
  registerKeyCommands(program, globals);
  registerLedgerCommands(program, { globals, setExitCode });
  registerAuditCommands(program, { globals, setExitCode });
  registerAttestCommands(program, { globals, setExitCode });

  const inventory = program.command('inventory').description('read the local hardware once and print it (takes no lock)');
  inventory
    .command('gpus')
    .description('the local GPUs through nvidia-smi: identity, readings, MIG devices, health')
    .option('--simulate', "read the simulator's 8-GPU server instead of this machine's GPUs")
    .action(async (options: { simulate?: boolean }) => {
      setExitCode(await inventoryGpusCommand(commandContext(globals()), options));
    });
  inventory
    .command('fleet')
    .description('the GPUs of many hosts through dcgm-exporter targets or a Prometheus server (default: the sources of config.json)')
    .option('--prometheus <url>', 'read through this Prometheus (or Thanos) HTTP API')
    .option('--targets <file>', 'scrape the dcgm-exporter targets in this file (file_sd JSON or one host:port per line)')
    .option('--selector <matchers>', 'PromQL label matchers added to every query, e.g. {cluster="par-2"}')
    .option('--host-label <label...>', 'labels that name the host (default Hostname, hostname)')
    .option('--bearer-token-file <file>', 'send the bearer token in this file')
    .option('--ca-file <file>', 'trust the CA certificates in this PEM file (https)')
    .option('--site <site>', 'the site these hosts are in')
    .action(async (options: InventoryFleetOptions) => {
      setExitCode(await inventoryFleetCommand(commandContext(globals()), options));
    });
  inventory
    .command('hosts')
    .description('this host: system and baseboard serials, CPU, memory, disks, network, OS')
    .action(async () => {
      setExitCode(await inventoryHostsCommand(commandContext(globals())));
    });
  registerRobotCommands(program, inventory, { globals, setExitCode });

  return program;
}

/** Runs the CLI; maps every failure to the documented exit codes. */
export async function runCli(argv: string[]): Promise<void> {
  const program = buildProgram((code) => {
    process.exitCode = code;
  });
  try {
    await program.parseAsync(argv);
  } catch (error) {
    if (error instanceof CommanderError) {
      // help and version "fail" with code 0 in commander; a real usage error is 2.
      process.exitCode = error.exitCode === 0 ? EXIT.ok : EXIT.usage;
      return;
    }
    if (error instanceof CliError) {
      process.stderr.write(`sietch: ${error.message}\n`);
      process.exitCode = error.exitCode;
      return;
    }
    process.stderr.write(`sietch: ${(error as Error).stack ?? String(error)}\n`);
    process.exitCode = EXIT.verificationFailed;
  }
}
