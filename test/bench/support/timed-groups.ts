/**
 * Our own timing beside vitest's table, so a bench can print ratios to each group's baseline at
 * the end: `timed(group, name, run)` wraps a bench task and records every run's duration.
 */
export interface TimedGroups {
  /** group → task name → durations (ms), in the order the tasks were declared. */
  groups: Map<string, Map<string, number[]>>;
  timed(group: string, name: string, run: () => unknown): () => Promise<void>;
}

export function timedGroups(): TimedGroups {
  const groups = new Map<string, Map<string, number[]>>();
  return {
    groups,
    timed(group, name, run) {
      if (!groups.has(group)) groups.set(group, new Map());
      const samples: number[] = [];
      groups.get(group)!.set(name, samples);
      return async () => {
        const started = performance.now();
        await run();
        samples.push(performance.now() - started);
      };
    },
  };
}

export const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;

/** Fails the bench when a reader saw another number of GPUs than the capture holds. */
export function expectGpuCount(count: number, who: string, expected = 8): void {
  if (count !== expected) throw new Error(`${who} saw ${count} GPUs, not ${expected}`);
}
