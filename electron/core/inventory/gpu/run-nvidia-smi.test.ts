import { describe, expect, it } from 'vitest';
import { classifyXmlRun } from './classify-output';
import { runNvidiaSmi } from './run-nvidia-smi';

describe('runNvidiaSmi', () => {
  it('turns a path execFile refuses outright into an outcome, not an exception', async () => {
    const outcome = await runNvidiaSmi('/usr/bin/nvidia\u0000smi', ['-q', '-x']);
    expect(outcome).toMatchObject({ kind: 'spawn-failed', code: 'ERR_INVALID_ARG_VALUE' });
    expect(classifyXmlRun(outcome).state).toBe('unparsable');
  });
});
