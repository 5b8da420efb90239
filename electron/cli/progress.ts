import cliProgress from 'cli-progress';

/**
 * A progress bar on stderr for long commands (audit export and verify). Shown when stderr is a
 * terminal, or when forced with --progress (then also into a pipe or a log file, redrawn every
 * 2 s there). Never on stdout: `--json` output stays one clean document.
 */
export interface Progress {
  update(done: number, total: number): void;
  stop(): void;
}

const NONE: Progress = { update: () => undefined, stop: () => undefined };

export function progressBar(label: string, unit: string, force = false): Progress {
  if (!force && !process.stderr.isTTY) return NONE;
  const bar = new cliProgress.SingleBar(
    { stream: process.stderr, format: `${label} [{bar}] {percentage}% | {value}/{total} ${unit} | {duration_formatted} elapsed, ETA {eta_formatted}`, hideCursor: Boolean(process.stderr.isTTY), noTTYOutput: force, clearOnComplete: false, fps: 10 },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  return {
    update(done, total) {
      if (!started) {
        bar.start(total, done);
        started = true;
      } else bar.update(done);
    },
    stop() {
      if (started) bar.stop();
    },
  };
}
