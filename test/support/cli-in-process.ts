import { Command, CommanderError, Option } from 'commander';
import { vi } from 'vitest';
import type { GlobalOptions } from '../../electron/cli/context';
import { CliError, EXIT } from '../../electron/cli/exit-codes';

export interface CliRun {
  exitCode: number;
  stdout: string;
  stderr: string;
}

/** What program.ts hands each register*Commands function. */
export interface InProcessHelpers {
  globals: () => GlobalOptions;
  setExitCode: (code: number) => void;
}

/**
 * `sietch …` in this process, without spawning the built CLI: a commander program with the
 * root's --json flag, the commands `register` adds as program.ts would, and runCli's mapping of
 * errors to exit codes (commander usage errors and CliError usage → 2, other CliErrors → their
 * code, printed as `sietch: message`). stdout and stderr are captured, both what the commands
 * write to the process streams and what commander prints itself (help, usage errors).
 */
export async function runCommandsInProcess(register: (program: Command, helpers: InProcessHelpers) => void, args: string[]): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  let exitCode: number = EXIT.ok;
  const out = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stdout += String(chunk);
    return true;
  });
  const err = vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stderr += String(chunk);
    return true;
  });
  try {
    const program = new Command('sietch')
      .addOption(new Option('--json', 'print exactly one JSON document on stdout'))
      .exitOverride()
      .configureOutput({ writeOut: (text) => (stdout += text), writeErr: (text) => (stderr += text) });
    register(program, { globals: () => program.opts(), setExitCode: (code) => (exitCode = code) });
    await program.parseAsync(args, { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) exitCode = error.exitCode === 0 ? EXIT.ok : EXIT.usage;
    else if (error instanceof CliError) {
      stderr += `sietch: ${error.message}\n`;
      exitCode = error.exitCode;
    } else throw error;
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
  return { exitCode, stdout, stderr };
}
