import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Command, Option } from 'commander';
import { isAddress } from 'ethers';
import { formatUnits } from '../../contract/money';
import { NETWORK_PROFILES, networkProfile } from '../../core/attestation/report/network-profiles';
import { exportAssetProof, verifyAssetProof, type ProofVerification } from '../../core/audit/asset-proof';
import { trustedRoot, type TrustedRoot } from '../../core/gpu-evidence';
import { describeFailure } from '../../core/audit/audit-failure';
import { AuditExportError, exportAuditBundle } from '../../core/audit/bundle-export';
import { networkJson, type NetworkJson } from '../../core/audit/bundle-format';
import { parseAuditPeriod } from '../../core/audit/audit-period';
import { prestartAuditWorkers, readBundleShared, verifyBundleFile, type BundleVerification } from '../../core/audit/verify-parallel';
import { DATABASE_FILE } from '../../core/core';
import { openDatabase, type Db } from '../../core/db/open';
import { commandContext, type GlobalOptions } from '../context';
import { CliError, EXIT } from '../exit-codes';
import { printJson, printLine } from '../output';
import { progressBar } from '../progress';

export interface AuditCommandHelpers {
  globals: () => GlobalOptions;
  setExitCode: (code: number) => void;
}

/** The node's database, read-only and without the data-directory lock: a node may be running. */
function openNodeDb(dataDir: string): Db {
  const file = join(dataDir, DATABASE_FILE);
  if (!existsSync(file)) throw new CliError(`no Sietch database in ${dataDir} (use --data-dir)`, EXIT.usage);
  return openDatabase(file, { readonly: true });
}

/** Written next to the target, then renamed: an interrupted export never leaves half a bundle. */
function writeAtomically(path: string, bytes: Uint8Array): void {
  const partial = `${path}.partial`;
  try {
    writeFileSync(partial, bytes);
    renameSync(partial, path);
  } catch (error) {
    throw new CliError(`cannot write ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`, EXIT.usage);
  }
}

function readInput(path: string, read: (path: string) => Uint8Array = readFileSync): Uint8Array {
  try {
    return read(path);
  } catch (error) {
    throw new CliError(`cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`, EXIT.usage);
  }
}

function signerFlag(value: string): string {
  if (!isAddress(value)) throw new CliError(`--signer: "${value}" is not an address (0x followed by 40 hex digits)`, EXIT.usage);
  return value;
}

/** --gpu-root: the trust anchor for GPU evidence the auditor brings (NVIDIA's Device Identity CA, PEM). */
function gpuRootFlag(path: string | undefined): TrustedRoot | undefined {
  if (path === undefined) return undefined;
  const pem = Buffer.from(readInput(path)).toString('utf8');
  try {
    return trustedRoot(pem);
  } catch (error) {
    throw new CliError(`--gpu-root: ${path} is not a PEM certificate (${(error as Error).message})`, EXIT.usage);
  }
}

function printHardwareLine(attested: number, items: number, root: string | null): void {
  if (attested === 0) return;
  printLine(`hardware  ${attested} GPU leaves hardware-attested, ${items} evidence items verified (signature, nonce of their epoch, FWID, chain) ${root ? `to the trusted root ${root}` : 'against their own chain: NOT checked against a trusted root (give --gpu-root FILE)'}`);
}

function networkFlag(id: string | undefined): NetworkJson | undefined {
  return id === undefined ? undefined : networkJson(networkProfile(id));
}

const percent = (bps: number) => `${(bps / 100).toFixed(2)} %`;

function printBundleResult(result: BundleVerification): void {
  if (!result.ok) {
    printLine(`FAILED  ${describeFailure(result.failure)}`);
    printLine(`        ${result.reportsChecked} report(s) checked before the failure`);
    return;
  }
  const s = result.summary;
  const kinds = Object.entries(s.assets.byKind).map(([kind, count]) => `${count} ${kind}`).join(', ');
  printLine(`OK  bundle verified: every report signed by ${s.signer} (${s.signatureBackend})`);
  printLine(`network   ${s.network.name} (${s.network.id}), chain ${s.network.chainId}, EAS ${s.network.easAddress} v${s.network.easVersion}`);
  printLine(`reports   ${s.reports.count} (sequence ${s.reports.firstSeq}…${s.reports.lastSeq}, no gap), ${s.reports.published} published on chain`);
  printLine(`period    ${s.period.from} → ${s.period.to}`);
  printLine(`assets    ${s.assets.count} (${kinds}), ${s.leaves} leaves`);
  printLine(`uptime    mean ${percent(s.uptime.meanBps)}${s.uptime.lowest ? `, lowest ${percent(s.uptime.lowest.uptimeBps)} (${s.uptime.lowest.assetId}, report ${s.uptime.lowest.seq})` : ''}`);
  printLine(`health    ${s.health.flaggedLeaves} leaves with health flags, ${s.health.identityFailures} identity mismatches`);
  printLine(`totals    revenue ${formatUnits(BigInt(s.totals.revenue))}, repaid ${formatUnits(BigInt(s.totals.repaid))}, energy ${(Number(s.totals.energyWh) / 1000).toFixed(1)} kWh`);
  printLine(`last      outstanding ${formatUnits(BigInt(s.last.outstanding))}, coverage ${(s.last.coverageBps / 10_000).toFixed(2)}×`);
  printHardwareLine(s.hardware.attestedLeaves, s.hardware.evidenceItems, s.hardware.root);
  printLine(`journal   ${s.journal.rows} rows, #${s.journal.anchor.seq} ${s.journal.anchor.hash.slice(0, 10)}… → #${s.journal.head.seq} ${s.journal.head.hash.slice(0, 10)}… (hash chain intact; every report's head on it)`);
  const assets = s.perAsset.length > 40 ? [...s.perAsset].sort((a, b) => a.meanUptimeBps - b.meanUptimeBps).slice(0, 20) : s.perAsset;
  printLine();
  printLine(s.perAsset.length > 40 ? `the 20 assets with the lowest uptime of ${s.perAsset.length}:` : 'per asset:');
  for (const asset of assets) {
    printLine(`  ${asset.assetId.padEnd(52)} ${asset.kind.padEnd(5)} ${String(asset.reports).padStart(6)} reports  uptime ${percent(asset.meanUptimeBps).padStart(8)} (min ${percent(asset.minUptimeBps)})  ${(Number(asset.energyWh) / 1000).toFixed(1).padStart(10)} kWh  flagged ${asset.flaggedReports}`);
  }
}

function printProofResult(result: ProofVerification): void {
  if (!result.ok) {
    printLine(`FAILED  ${describeFailure(result.failure)}`);
    return;
  }
  const s = result.summary;
  printLine(`OK  ${s.assetId} is in report ${s.seq}, signed by ${s.signer} (${s.signatureBackend})`);
  printLine(`epoch     ${s.epoch.from} → ${s.epoch.to}`);
  printLine(`network   ${s.network.name}, chain ${s.network.chainId}`);
  printLine(`proof     leaf ${s.leafHash} → root ${s.merkleRoot} in ${s.proofLength} step(s); attestation UID ${s.uid}`);
  if (s.hardware.attested) printHardwareLine(1, s.hardware.evidence === 'not-included' ? 0 : 1, s.hardware.evidence === 'not-included' ? 'evidence NOT included in the proof' : s.hardware.root);
  printLine(`leaf      uptime ${percent(s.leaf.uptimeBps)}, observed ${percent(s.leaf.observedBps)}, utilization mean ${percent(s.leaf.meanUtilBps)} / p95 ${percent(s.leaf.p95UtilBps)}, energy ${s.leaf.energyWh} Wh, health flags ${s.leaf.healthFlags}, identity ${s.leaf.identityOk ? 'ok' : 'MISMATCH'}, revenue ${formatUnits(BigInt(s.leaf.revenue))}`);
}

function orUsage<T>(work: () => T): T {
  try {
    return work();
  } catch (error) {
    if (error instanceof AuditExportError || error instanceof RangeError) throw new CliError(error.message, EXIT.usage);
    throw error;
  }
}

/**
 * `sietch audit export|verify|prove|verify-proof` (docs/audit-bundle.md). Export and prove read
 * the node's database without taking its lock; verify and verify-proof read only the file and
 * the flags — no network, no database, no data directory.
 */
export function registerAuditCommands(program: Command, helpers: AuditCommandHelpers): Command {
  const audit = program.command('audit').description('audit bundles: export a period of signed reports, verify one offline against the operator address, single-asset proofs');
  const json = () => Boolean(helpers.globals().json);
  const networkOption = () => new Option('--network <id>', 'the network the reports must be signed for (default: the one the file names)').choices(NETWORK_PROFILES.map((profile) => profile.id));

  audit
    .command('export')
    .description('write the bundle of a period: signed reports, attestations, leaves, journal rows, network, on-chain part')
    .requiredOption('--from <date>', 'first day (YYYY-MM-DD, UTC) or instant (ISO 8601)')
    .requiredOption('--to <date>', 'last day, included (YYYY-MM-DD) or instant, excluded (ISO 8601)')
    .requiredOption('--out <file>', 'where to write the bundle (an uncompressed tar)')
    .option('--progress', 'show a progress bar on stderr even when it is not a terminal')
    .action(async (flags: { from: string; to: string; out: string; progress?: boolean }) => {
      const context = commandContext(helpers.globals());
      const period = orUsage(() => parseAuditPeriod(flags.from, flags.to));
      const db = openNodeDb(context.dataDir);
      const bar = progressBar('export', 'reports', flags.progress);
      try {
        const result = await exportAuditBundle(db, period, { onProgress: (done, total) => bar.update(done, total) }).catch((error: unknown) => {
          if (error instanceof AuditExportError) throw new CliError(error.message, EXIT.usage);
          throw error;
        });
        bar.stop();
        writeAtomically(flags.out, result.bytes);
        const document = { out: flags.out, bytes: result.bytes.length, reports: result.reports, firstSeq: result.firstSeq, lastSeq: result.lastSeq, unsigned: result.unsigned, journalRows: result.journalRows, operator: result.operator, network: result.network.id };
        if (context.json) printJson(document);
        else {
          printLine(`wrote ${flags.out}: ${result.reports} reports (${result.firstSeq}…${result.lastSeq}), ${result.journalRows} journal rows, ${result.bytes.length} bytes`);
          printLine(`verify it with: sietch audit verify ${flags.out} --signer ${result.operator}`);
          if (result.unsigned > 0) printLine(`note: ${result.unsigned} report(s) of the period are not signed yet and are not in the bundle`);
        }
        helpers.setExitCode(EXIT.ok);
      } finally {
        bar.stop();
        db.close();
      }
    });

  audit
    .command('verify')
    .description('check a bundle offline against the operator address from your records; exit 1 naming the report, leaf and field that fail')
    .argument('<file>', 'the bundle (.tar)')
    .requiredOption('--signer <address>', "the operator's address, from your own records (never from the bundle)")
    .addOption(networkOption())
    .option('--progress', 'show a progress bar on stderr even when it is not a terminal')
    .option('--threads <n>', 'worker threads checking reports (default: one per core, 1 = this thread only)')
    .option('--gpu-root <file>', "the trusted root for GPU evidence (NVIDIA's Device Identity CA, PEM), from your own source")
    .action(async (file: string, flags: { signer: string; network?: string; progress?: boolean; threads?: string; gpuRoot?: string }) => {
      const signer = signerFlag(flags.signer);
      const threads = flags.threads === undefined ? undefined : Number(flags.threads);
      if (threads !== undefined && (!Number.isInteger(threads) || threads < 1 || threads > 64)) throw new CliError('--threads must be a whole number from 1 to 64', EXIT.usage);
      prestartAuditWorkers(threads); // they load while the file is read and its manifest and journal checked
      const bytes = readInput(file, readBundleShared);
      const bar = progressBar('verify', 'reports', flags.progress);
      const gpuRoot = gpuRootFlag(flags.gpuRoot);
      const result = await verifyBundleFile(bytes, { signer, network: networkFlag(flags.network), onProgress: (done, total) => bar.update(done, total), ...(threads !== undefined ? { threads } : {}), ...(gpuRoot ? { gpuRoot } : {}) });
      bar.stop();
      if (json()) printJson({ kind: 'bundle', file, ...result });
      else printBundleResult(result);
      if (!result.ok) process.stderr.write(`sietch: ${describeFailure(result.failure)}\n`);
      helpers.setExitCode(result.ok ? EXIT.ok : EXIT.verificationFailed);
    });

  audit
    .command('prove')
    .description("export one asset's leaf, its Merkle proof and the signed report, for a lender")
    .requiredOption('--asset <id>', 'the asset id (gpu:…, host:…, robot:…)')
    .requiredOption('--epoch <seq>', 'the report sequence number')
    .requiredOption('--out <file>', 'where to write the proof (JSON)')
    .action((flags: { asset: string; epoch: string; out: string }) => {
      const context = commandContext(helpers.globals());
      if (!/^[1-9][0-9]*$/.test(flags.epoch)) throw new CliError(`--epoch: "${flags.epoch}" is not a report sequence number`, EXIT.usage);
      const db = openNodeDb(context.dataDir);
      try {
        const proof = orUsage(() => exportAssetProof(db, { assetId: flags.asset, seq: Number(flags.epoch) }));
        writeAtomically(flags.out, proof.bytes);
        if (context.json) printJson({ out: flags.out, assetId: proof.assetId, seq: proof.seq, bytes: proof.bytes.length });
        else printLine(`wrote ${flags.out}: the leaf of ${proof.assetId} in report ${proof.seq}, its proof and the signed report`);
        helpers.setExitCode(EXIT.ok);
      } finally {
        db.close();
      }
    });

  audit
    .command('verify-proof')
    .description("check a single-asset proof offline against the operator address from your records")
    .argument('<file>', 'the proof (.json)')
    .requiredOption('--signer <address>', "the operator's address, from your own records")
    .addOption(networkOption())
    .option('--gpu-root <file>', "the trusted root for GPU evidence (NVIDIA's Device Identity CA, PEM), from your own source")
    .action(async (file: string, flags: { signer: string; network?: string; gpuRoot?: string }) => {
      const signer = signerFlag(flags.signer);
      const gpuRoot = gpuRootFlag(flags.gpuRoot);
      const result = await verifyAssetProof(readInput(file), { signer, network: networkFlag(flags.network), ...(gpuRoot ? { gpuRoot } : {}) });
      if (json()) printJson({ kind: 'proof', file, ...result });
      else printProofResult(result);
      if (!result.ok) process.stderr.write(`sietch: ${describeFailure(result.failure)}\n`);
      helpers.setExitCode(result.ok ? EXIT.ok : EXIT.verificationFailed);
    });

  return audit;
}
