/** Exit codes shared by every `sietch` command (documented in the README). */
export const EXIT = {
  ok: 0,
  /** A verification failed: a journal, a signature, a doctor check. */
  verificationFailed: 1,
  /** The command line or its environment is wrong: bad flag, invalid config, data dir in use, port taken. */
  usage: 2,
  /** A hardware source (nvidia-smi, NVML, a robot) is unavailable. */
  hardwareUnavailable: 3,
  /** A network peer (chain RPC, MQTT broker, Prometheus) is unreachable. */
  peerUnreachable: 4,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** An error that knows which exit code it means. */
export class CliError extends Error {
  override name = 'CliError';
  constructor(message: string, readonly exitCode: ExitCode) {
    super(message);
  }
}
