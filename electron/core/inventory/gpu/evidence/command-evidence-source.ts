import { gpuEvidenceDocument, type GpuEvidenceDocument } from '../../../../contract/gpu-evidence-api';
import { runNvidiaSmi } from '../run-nvidia-smi';
import { EvidenceCollectError, type EvidenceTarget, type GpuEvidenceSource } from './evidence-source';

/** An H100's evidence is ~13 kB of JSON; anything near this is not evidence. */
const MAX_OUTPUT_BYTES = 4 * 1024 * 1024;

/** The first line of a command's complaint, trimmed: enough to act on, short enough to show. */
const firstLine = (text: string): string => text.trim().split('\n')[0]?.slice(0, 300) ?? '';

/**
 * Evidence from an operator-provided command (e.g. a wrapper around NVIDIA's attestation SDK or
 * pynvml's confidential-computing calls): `argv… --gpu-uuid U --gpu-index I --nonce HEX`, one
 * GpuEvidence JSON document on stdout. Run without a shell, under a hard deadline (SIGKILL),
 * with a bounded output — the same discipline as nvidia-smi.
 */
export class CommandEvidenceSource implements GpuEvidenceSource {
  readonly kind = 'command';

  constructor(private readonly argv: readonly string[], private readonly timeoutMs: number) {
    if (argv.length === 0) throw new EvidenceCollectError('the evidence command is empty');
  }

  async collect(target: EvidenceTarget, nonceHex: string): Promise<GpuEvidenceDocument> {
    const [binary, ...fixed] = this.argv as [string, ...string[]];
    const args = [...fixed, '--gpu-uuid', target.uuid ?? '', '--gpu-index', String(target.index), '--nonce', nonceHex];
    const outcome = await runNvidiaSmi(binary, args, { timeoutMs: this.timeoutMs, maxBufferBytes: MAX_OUTPUT_BYTES });
    switch (outcome.kind) {
      case 'timeout':
        throw new EvidenceCollectError(`the evidence command did not answer within ${outcome.timeoutMs / 1000} s (killed)`);
      case 'spawn-failed':
        throw new EvidenceCollectError(`the evidence command could not start (${outcome.code}): ${binary}`);
      case 'output-too-large':
        throw new EvidenceCollectError(`the evidence command wrote more than ${outcome.maxBufferBytes} bytes`);
      case 'exited':
        break;
    }
    if (outcome.exitCode !== 0) {
      const why = firstLine(outcome.stderr) || (outcome.signal ? `killed by ${outcome.signal}` : 'no message');
      throw new EvidenceCollectError(`the evidence command exited with ${outcome.exitCode ?? outcome.signal}: ${why}`);
    }
    let json: unknown;
    try {
      json = JSON.parse(outcome.stdout);
    } catch {
      throw new EvidenceCollectError(`the evidence command did not print JSON: ${firstLine(outcome.stdout) || '(empty output)'}`);
    }
    const parsed = gpuEvidenceDocument.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw new EvidenceCollectError(`the evidence command printed an invalid document: ${issue.path.join('.') || '(root)'}: ${issue.message}`);
    }
    return parsed.data;
  }
}
