import pino, { type Logger } from 'pino';

export type { Logger };

/**
 * Structured JSON logs on stderr (stdout stays free for `--json` output). Synchronous writes:
 * a crash or kill never loses the last lines, and no worker thread is started.
 */
export function createLogger(level: string = process.env.SIETCH_LOG_LEVEL ?? 'info', destination: number | NodeJS.WritableStream = 2): Logger {
  const stream = typeof destination === 'number' ? pino.destination({ fd: destination, sync: true }) : destination;
  return pino(
    {
      level,
      base: { app: 'sietch' },
      timestamp: pino.stdTimeFunctions.isoTime,
      // Defence in depth: whatever a caller logs, these fields never reach the log in clear.
      redact: { paths: ['token', '*.token', 'privateKey', '*.privateKey', 'passphrase', '*.passphrase', 'headers.authorization', 'headers.cookie'], censor: '[redacted]' },
    },
    stream,
  );
}

export const silentLogger: Logger = pino({ level: 'silent' });
