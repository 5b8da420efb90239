import { createPrivateKey } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { makeSyntheticGpuChain, type SyntheticGpuChain } from './gpu-evidence-synthetic';

/** The stand-in for an operator's evidence command (see the script's header). */
export const FAKE_EVIDENCE_COMMAND = fileURLToPath(new URL('./fake-gpu-evidence-command.mjs', import.meta.url));

export interface EvidenceCommandSetup {
  chain: SyntheticGpuChain;
  /** config.json's node.gpuEvidence for it. */
  config: { source: 'command'; command: string[]; rootFile: string; timeoutSeconds: number };
  /** Where the command appends "index uuid nonce" per call. */
  log: string;
}

/**
 * A synthetic NVIDIA-shaped chain in `dir` (chain.json, leaf-key.pem, fwid.hex, root.pem) and the
 * node configuration that asks the fake command for evidence signed with it — a whole product
 * path (config → command → verification against the root → leaves) without an H100.
 */
export async function setUpEvidenceCommand(dir: string, mode: 'ok' | 'stale-nonce' | 'garbage' | 'fail' = 'ok'): Promise<EvidenceCommandSetup> {
  const chain = await makeSyntheticGpuChain();
  writeFileSync(join(dir, 'chain.json'), JSON.stringify(chain.chainPem));
  const pkcs8 = Buffer.from(await crypto.subtle.exportKey('pkcs8', chain.leafKey));
  writeFileSync(join(dir, 'leaf-key.pem'), createPrivateKey({ key: pkcs8, format: 'der', type: 'pkcs8' }).export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600 });
  writeFileSync(join(dir, 'fwid.hex'), chain.fwid);
  writeFileSync(join(dir, 'root.pem'), chain.rootPem);
  const log = join(dir, 'calls.log');
  return {
    chain,
    log,
    config: { source: 'command', command: [process.execPath, FAKE_EVIDENCE_COMMAND, '--chain-dir', dir, '--mode', mode, '--log', log], rootFile: join(dir, 'root.pem'), timeoutSeconds: 30 },
  };
}
