import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { gpuEvidenceFromFiles, isNonceHex, splitPemCertificates, verifyGpuEvidence, type EvidenceCheck, type GpuEvidence, type GpuEvidenceVerdict } from '../../core/gpu-evidence';
import type { GlobalOptions } from '../context';
import { CliError, EXIT } from '../exit-codes';
import { printJson, printLine } from '../output';

export interface AttestCommandHelpers {
  globals: () => GlobalOptions;
  setExitCode: (code: number) => void;
}

interface VerifyGpuFlags {
  report?: string;
  chain?: string;
  evidence?: string;
  root: string;
  nonce?: string;
  at?: string;
}

function readInput(path: string, flag: string): Buffer {
  try {
    return readFileSync(path);
  } catch (error) {
    throw new CliError(`${flag}: cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`, EXIT.usage);
  }
}

/** The evidence from --evidence (a GpuEvidence JSON) or from --report and --chain (NVIDIA's files). */
function evidenceFrom(flags: VerifyGpuFlags): GpuEvidence {
  if (flags.evidence !== undefined) {
    if (flags.report !== undefined || flags.chain !== undefined) throw new CliError('give either --evidence or --report with --chain, not both', EXIT.usage);
    const text = readInput(flags.evidence, '--evidence').toString('utf8');
    try {
      // Its shape is the verifier's 'format' check: a wrong one is a failed verification, not a usage error.
      return JSON.parse(text) as GpuEvidence;
    } catch (error) {
      throw new CliError(`--evidence: ${flags.evidence} is not JSON (${(error as Error).message})`, EXIT.usage);
    }
  }
  if (flags.report === undefined || flags.chain === undefined) throw new CliError('give --report FILE and --chain FILE (NVIDIA\'s files), or --evidence FILE', EXIT.usage);
  return gpuEvidenceFromFiles(readInput(flags.report, '--report'), readInput(flags.chain, '--chain').toString('utf8'));
}

function rootFrom(path: string): string {
  const text = readInput(path, '--root').toString('utf8');
  const count = splitPemCertificates(text).length;
  if (count !== 1) throw new CliError(`--root: ${path} holds ${count} PEM certificates; give the one trusted root (docs/gpu-evidence.md)`, EXIT.usage);
  return text;
}

function atFrom(value: string | undefined): Date | undefined {
  if (value === undefined) return undefined;
  const at = new Date(value);
  if (!/^\d{4}-\d{2}-\d{2}/.test(value) || Number.isNaN(at.getTime())) throw new CliError(`--at: "${value}" is not an ISO 8601 time (e.g. 2026-01-31T12:00:00Z)`, EXIT.usage);
  return at;
}

const STATUS_LABEL: Record<EvidenceCheck['status'], string> = { passed: 'passed', failed: 'FAILED', 'not-checked-offline': 'not checked offline' };

function printVerdict(verdict: GpuEvidenceVerdict, nonceGiven: boolean): void {
  const device = verdict.device;
  if (verdict.ok) printLine(`OK  GPU evidence verified${device ? `: ${device.model}, serial ${device.serial}` : ''}`);
  else printLine(`FAILED  ${verdict.failure!.check}: ${verdict.failure!.reason}`);
  if (device !== undefined) {
    printLine(`device        serial ${device.serial || '?'} (leaf certificate, NVIDIA's UEID), model ${device.model || '?'}, chip id ${device.chipId ?? '?'}`);
    printLine(`firmware      driver ${device.driverVersion ?? '?'}, VBIOS ${device.vbiosVersion ?? '?'}`);
    printLine(`nonce         ${device.nonce}${nonceGiven ? '' : " (the request's own; give --nonce to check freshness)"}`);
    printLine(`fwid          ${device.fwid || '?'}`);
    printLine(`measurements  ${device.measurements.length}`);
  }
  printLine(`evidence hash ${verdict.evidenceHash}`);
  printLine();
  for (const check of verdict.checks) printLine(`  ${STATUS_LABEL[check.status].padEnd(19)} ${check.name.padEnd(10)} ${check.detail}`);
}

/**
 * `sietch attest verify-gpu` (docs/gpu-evidence.md): checks NVIDIA H100 attestation evidence
 * offline against the trusted root the operator configured. Exit 0 verified, 1 rejected (the
 * reason on stderr), 2 for flags or files that cannot be used.
 */
export function registerAttestCommands(program: Command, helpers: AttestCommandHelpers): Command {
  const attest = program.command('attest').description('hardware attestation evidence: verify it offline');

  attest
    .command('verify-gpu')
    .description("verify an NVIDIA H100 attestation report (SPDM 1.1) and its certificate chain offline against the trusted root; exit 1 naming the check that fails")
    .option('--report <file>', "the attestation report: hex text (as NVIDIA's tools write it) or raw bytes")
    .option('--chain <file>', 'the PEM certificate chain, leaf first')
    .option('--evidence <file>', 'a GpuEvidence JSON (format, report, certChain) instead of --report and --chain')
    .requiredOption('--root <file>', "the trusted root, PEM: NVIDIA's Device Identity CA, from your own records (never from the evidence)")
    .option('--nonce <hex>', "the 32-byte nonce you sent (default: the request's own, which proves no freshness)")
    .option('--at <iso-time>', 'check the certificates at this time (default: now)')
    .action(async (flags: VerifyGpuFlags) => {
      if (flags.nonce !== undefined && !isNonceHex(flags.nonce)) throw new CliError(`--nonce: "${flags.nonce}" is not 32 bytes of hex (64 digits, 0x optional)`, EXIT.usage);
      const at = atFrom(flags.at);
      const root = rootFrom(flags.root);
      const evidence = evidenceFrom(flags);
      const verdict = await verifyGpuEvidence(evidence, { root, ...(flags.nonce !== undefined ? { nonce: flags.nonce } : {}), ...(at !== undefined ? { at } : {}) });
      if (helpers.globals().json) printJson({ kind: 'gpu-evidence', ...verdict });
      else printVerdict(verdict, flags.nonce !== undefined);
      if (!verdict.ok) process.stderr.write(`sietch: ${verdict.failure!.check}: ${verdict.failure!.reason}\n`);
      helpers.setExitCode(verdict.ok ? EXIT.ok : EXIT.verificationFailed);
    });

  return attest;
}
