import { createRequire } from 'node:module';
import { Interface } from 'ethers';
import { describe, expect, it } from 'vitest';
import { EAS_ABI, easInterface, revertReason, SCHEMA_REGISTRY_ABI } from './eas-abi';

const require = createRequire(import.meta.url);
const artifact = (name: string) => require(`@ethereum-attestation-service/eas-contracts/artifacts/contracts/${name}.sol/${name}.json`) as { abi: unknown[] };

describe('EAS ABI fragments', () => {
  it('are exactly the fragments of the deployed contracts (eas-contracts 1.7.1 artifacts)', () => {
    for (const [name, fragments] of [['EAS', EAS_ABI], ['SchemaRegistry', SCHEMA_REGISTRY_ABI]] as const) {
      const official = new Interface(artifact(name).abi as never).format();
      for (const fragment of new Interface(fragments as unknown as string[]).format()) expect(official).toContain(fragment);
    }
  });

  it('names EAS custom errors in revert data', () => {
    expect(revertReason(easInterface.encodeErrorResult('NotFound', []))).toBe('NotFound');
    expect(revertReason(easInterface.encodeErrorResult('AlreadyTimestamped', []))).toBe('AlreadyTimestamped');
    expect(revertReason('0x')).toBeNull();
    expect(revertReason('0xdeadbeef')).toBeNull();
  });
});
