import { readFileSync } from 'node:fs';
import type { GpuEvidenceStatus } from '../../../contract/gpu-evidence-api';
import type { GpuEvidenceConfig } from '../../config/gpu-evidence-config';
import type { Db } from '../../db/open';
import { trustedRoot, type TrustedRoot } from '../../gpu-evidence';
import { CommandEvidenceSource } from '../../inventory/gpu/evidence/command-evidence-source';
import type { EvidenceTarget, GpuEvidenceSource } from '../../inventory/gpu/evidence/evidence-source';
import type { Logger } from '../../log/logger';
import { GpuEvidenceCollector } from './gpu-evidence-collector';

export interface GpuEvidenceSetup {
  collector: GpuEvidenceCollector | null;
  status(): GpuEvidenceStatus;
}

/** The trusted root, read once: a missing or invalid file is a configuration problem shown in the console. */
function readRoot(file: string): TrustedRoot {
  const pem = readFileSync(file, 'utf8');
  try {
    return trustedRoot(pem);
  } catch (error) {
    throw new Error(`the trusted root ${file} is not a PEM certificate: ${(error as Error).message}`);
  }
}

/**
 * Builds the evidence collector the configuration asks for. A configuration that cannot work (a
 * root file that is missing, a source this build cannot open) leaves collection off and says why
 * in `status().problem`, rather than stopping the node: attestation of uptime and revenue goes on.
 */
export function setUpGpuEvidence(
  config: GpuEvidenceConfig,
  deps: { db: Db; logger: Logger; targets: () => readonly EvidenceTarget[]; nvmlSource?: () => GpuEvidenceSource; onCollected: (assetIds: string[]) => void },
): GpuEvidenceSetup {
  let problem: string | null = null;
  let rootSubject: string | null = null;
  let collector: GpuEvidenceCollector | null = null;
  if (config.source !== 'off') {
    try {
      const root = readRoot(config.rootFile!);
      rootSubject = root.subject;
      const source = config.source === 'command' ? new CommandEvidenceSource(config.command!, config.timeoutSeconds * 1000) : deps.nvmlSource?.();
      if (!source) throw new Error('this build cannot read evidence through NVML');
      collector = new GpuEvidenceCollector({ db: deps.db, source, rootPem: root.pem, logger: deps.logger, targets: deps.targets, onCollected: deps.onCollected });
    } catch (error) {
      problem = (error as Error).message;
      deps.logger.error({ reason: problem }, 'GPU evidence collection is off');
    }
  }
  return {
    collector,
    status: () => ({
      source: config.source,
      rootSubject,
      problem: problem ?? collector?.lastProblem ?? null,
      lastCollectionAt: collector?.lastCollectionAt ? new Date(collector.lastCollectionAt).toISOString() : null,
      counters: { ...(collector?.counters ?? { collected: 0, verified: 0, rejected: 0, failed: 0 }) },
    }),
  };
}
