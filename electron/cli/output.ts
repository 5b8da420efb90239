/**
 * `--json` prints exactly one JSON document on stdout; everything else (logs, progress) goes
 * to stderr, so `sietch … --json | jq` always works.
 */
export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, (_key, item: unknown) => (typeof item === 'bigint' ? item.toString() : item), 2)}\n`);
}

export function printLine(text = ''): void {
  process.stdout.write(`${text}\n`);
}
