import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import { ChainConfigError, pickChainNetwork } from '../../core/chain/active-network';
import type { ChainNetwork } from '../../core/chain/chain-config';
import { verifyChainRange } from '../../core/chain/chain-verify';
import { PublicationStore } from '../../core/chain/publication-store';
import { RpcClient, RpcError, redactRpcUrl } from '../../core/chain/rpc-client';
import { registerReportSchema } from '../../core/chain/schema-registration';
import { DATABASE_FILE } from '../../core/core';
import { openDatabase, type Db } from '../../core/db/open';
import { KeystoreError } from '../../core/keystore/errors';
import { OperatorKeystore } from '../../core/keystore/operator-keystore';
import type { ContractCallRequest } from '../../core/keystore/operator-signer';
import { resolveHeadlessPassphrase } from '../../core/keystore/passphrase-sources';
import { commandContext, type CommandContext, type GlobalOptions } from '../context';
import { CliError, EXIT, type ExitCode } from '../exit-codes';
import { printJson, printLine } from '../output';

function networkOf(context: CommandContext, name: string | undefined): ChainNetwork {
  try {
    return pickChainNetwork(context.config.chain, context.dataDir, name);
  } catch (error) {
    if (error instanceof ChainConfigError) throw new CliError(error.message, EXIT.usage);
    throw error;
  }
}

function openDb(context: CommandContext, readonly: boolean): Db {
  const file = join(context.dataDir, DATABASE_FILE);
  if (readonly && !existsSync(file)) throw new CliError(`no database in ${context.dataDir}: nothing to verify`, EXIT.usage);
  const db = openDatabase(file, { readonly });
  if (readonly && !db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'chain_publications'").get()) {
    db.close();
    throw new CliError(`the database in ${context.dataDir} predates chain publication: start \`sietch serve\` (or \`sietch node\`) once to upgrade it`, EXIT.usage);
  }
  return db;
}

/** An RPC that cannot be reached is a network peer's failure (exit 4), anything else a failed command (1). */
function rpcFailure(error: unknown, network: ChainNetwork): never {
  if (error instanceof CliError) throw error;
  if (error instanceof RpcError && error.kind !== 'rpc') throw new CliError(`${network.name} (${redactRpcUrl(network.rpcUrl)}): ${error.message}`, EXIT.peerUnreachable);
  throw new CliError((error as Error).message, EXIT.verificationFailed);
}

const positiveInt = (flag: string, value: string | undefined): number | undefined => {
  if (value === undefined) return undefined;
  const number = Number(value);
  if (!Number.isSafeInteger(number) || number < 1) throw new CliError(`${flag} must be a positive integer, not "${value}"`, EXIT.usage);
  return number;
};

/** `sietch chain register-schema|verify|status`: the report schema on chain, and what was published. */
export function registerChainCommands(program: Command, globals: () => GlobalOptions, setExitCode: (code: ExitCode) => void): void {
  const chain = program.command('chain').description('on-chain publication of reports through EAS (docs/chain-publication.md)');

  chain
    .command('register-schema')
    .description('register the report schema with the network\'s SchemaRegistry (signed by the operator key); reuses an identical schema already there')
    .option('--network <name>', 'a network from chain.networks, or devnet (default: the active one)')
    .option('--passphrase-file <file>', 'unlock the operator key with the passphrase in this file (mode 0600)')
    .action(async (options: { network?: string; passphraseFile?: string }) => {
      const context = commandContext(globals());
      const network = networkOf(context, options.network);
      const rpc = new RpcClient({ url: network.rpcUrl, timeoutMs: network.rpcTimeoutSeconds * 1000 });
      const keystore = new OperatorKeystore({ dataDir: context.dataDir });
      let passphrase: string | null;
      try {
        passphrase = resolveHeadlessPassphrase({ passphraseFile: options.passphraseFile });
      } catch (error) {
        throw new CliError((error as Error).message, EXIT.usage);
      }
      const unlock = async () => {
        if (passphrase === null) throw new CliError('the schema is not registered yet and registering it needs the operator key: give --passphrase-file FILE (mode 0600)', EXIT.usage);
        try {
          return await keystore.unlock(passphrase);
        } catch (error) {
          if (error instanceof KeystoreError) throw new CliError(`cannot unlock the operator key: ${error.message}`, error.code === 'wrong-passphrase' ? EXIT.verificationFailed : EXIT.usage);
          throw error;
        }
      };
      let result;
      try {
        // A schema found already needs no key: the key is unlocked only when a transaction is to be signed.
        const signer = {
          get address() {
            const address = keystore.address();
            if (!address) throw new CliError('there is no operator key in this data directory: create one with `sietch key create`', EXIT.usage);
            return address;
          },
          signContractCall: async (request: ContractCallRequest) => (await unlock()).signContractCall(request),
        };
        result = await registerReportSchema(rpc, network, signer);
      } catch (error) {
        rpcFailure(error, network);
      } finally {
        keystore.lock();
      }
      const db = openDb(context, false);
      try {
        new PublicationStore(db).recordSchema({ network: network.name, chainId: network.chainId, registry: network.schemaRegistryAddress, schemaUid: result.schemaUid, how: result.how, txHash: result.txHash, blockNumber: result.blockNumber });
      } finally {
        db.close();
      }
      if (context.json) printJson({ network: network.name, chainId: network.chainId, registry: network.schemaRegistryAddress, ...result });
      else printLine(result.how === 'found' ? `The report schema ${result.schemaUid} is already registered on ${network.name}: nothing to do.` : `Registered the report schema ${result.schemaUid} on ${network.name} (transaction ${result.txHash}, block ${result.blockNumber}).`);
    });

  chain
    .command('verify')
    .description('read published reports back from the chain and check them against the local ones (data, attester, refUID chain, no duplicates)')
    .option('--network <name>', 'a network from chain.networks, or devnet (default: the active one)')
    .option('--from <seq>', 'first report (default 1)')
    .option('--to <seq>', 'last report (default: the last one published)')
    .option('--signer <address>', 'the operator address from your own records (default: the local reports\' signer)')
    .action(async (options: { network?: string; from?: string; to?: string; signer?: string }) => {
      const context = commandContext(globals());
      const network = networkOf(context, options.network);
      const db = openDb(context, true);
      let result;
      try {
        const from = positiveInt('--from', options.from) ?? 1;
        const last = db.prepare("SELECT max(seq) FROM chain_publications WHERE network = ? AND state = 'confirmed'").pluck().get(network.name) as number | null;
        const to = positiveInt('--to', options.to) ?? last ?? 0;
        if (to < from) throw new CliError(last === null && options.to === undefined ? `nothing is published on ${network.name} yet` : `--to (${to}) is before --from (${from})`, EXIT.usage);
        const rpc = new RpcClient({ url: network.rpcUrl, timeoutMs: network.rpcTimeoutSeconds * 1000 });
        result = await verifyChainRange(rpc, db, network, { from, to, ...(options.signer ? { signer: options.signer } : {}) }).catch((error: unknown) => rpcFailure(error, network));
      } finally {
        db.close();
      }
      if (context.json) printJson(result);
      else {
        printLine(`${result.ok ? 'ok' : 'FAILED'}: reports ${result.from}–${result.to} on ${result.network} (${result.mode} mode), ${result.checked} checked`);
        for (const problem of result.problems) printLine(`  report ${problem.seq}: ${problem.problem}`);
      }
      setExitCode(result.ok ? EXIT.ok : EXIT.verificationFailed);
    });

  chain
    .command('status')
    .description('what the local database records of the publication: counts per state, the last confirmed report, anything failed')
    .option('--network <name>', 'a network from chain.networks, or devnet (default: the active one)')
    .action((options: { network?: string }) => {
      const context = commandContext(globals());
      const network = networkOf(context, options.network);
      const db = openDb(context, true);
      try {
        const store = new PublicationStore(db);
        const counts = store.counts(network.name);
        const failed = store.list(network.name, undefined, 500).filter((row) => row.state === 'failed' || (row.state !== 'confirmed' && row.reason));
        const last = db.prepare("SELECT seq, uid, tx_hash, block_number FROM chain_publications WHERE network = ? AND state = 'confirmed' ORDER BY seq DESC LIMIT 1").get(network.name) as { seq: number; uid: string; tx_hash: string; block_number: number } | undefined;
        if (context.json) printJson({ network: network.name, chainId: network.chainId, mode: network.mode, counts, lastConfirmed: last ?? null, waiting: failed.map((row) => ({ seq: row.seq, state: row.state, reason: row.reason })) });
        else {
          printLine(`${network.name} (chain ${network.chainId}, ${network.mode}): ${counts.confirmed} confirmed, ${counts.sent} sent, ${counts.queued} queued, ${counts.failed} failed`);
          if (last) printLine(`last confirmed: report ${last.seq}, ${last.uid} (block ${last.block_number}, tx ${last.tx_hash})`);
          for (const row of failed.slice(0, 10)) printLine(`  report ${row.seq} ${row.state}: ${row.reason}`);
        }
      } finally {
        db.close();
      }
    });
}
