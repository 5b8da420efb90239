import { registerLedgerCommands } from '../../electron/cli/commands/ledger';
import { runCommandsInProcess, type CliRun } from './cli-in-process';

export type { CliRun } from './cli-in-process';

/** `sietch ledger …` in this process (see runCommandsInProcess): stdout, stderr and the exit code. */
export function runLedgerCli(args: string[]): Promise<CliRun> {
  return runCommandsInProcess(registerLedgerCommands, args);
}
