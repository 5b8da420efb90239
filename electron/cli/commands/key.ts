import type { Command } from 'commander';
import { KeystoreError } from '../../core/keystore/errors';
import { OperatorKeystore } from '../../core/keystore/operator-keystore';
import { resolveHeadlessPassphrase } from '../../core/keystore/passphrase-sources';
import { commandContext, type GlobalOptions } from '../context';
import { CliError, EXIT } from '../exit-codes';
import { printJson, printLine } from '../output';

function passphraseFrom(file: string | undefined): string {
  let passphrase: string | null;
  try {
    passphrase = resolveHeadlessPassphrase({ passphraseFile: file });
  } catch (error) {
    throw new CliError((error as Error).message, EXIT.usage);
  }
  if (passphrase === null) throw new CliError('give the passphrase with --passphrase-file FILE (mode 0600) or a systemd credential named sietch-operator-passphrase', EXIT.usage);
  return passphrase;
}

async function keystoreCall<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof KeystoreError) throw new CliError(error.message, error.code === 'wrong-passphrase' ? EXIT.verificationFailed : EXIT.usage);
    throw error;
  }
}

/**
 * `sietch key create|import|address`: the operator key, for headless nodes. The key is only ever
 * written as an encrypted keystore; the passphrase comes from a file or a systemd credential,
 * never from the command line (where `ps` and shell history would show it).
 */
export function registerKeyCommands(program: Command, globals: () => GlobalOptions): void {
  const key = program.command('key').description('the operator key that signs the reports (an encrypted keystore in the data directory)');
  const print = (json: boolean, address: string, what: string): void => (json ? printJson({ address }) : printLine(`${what}: ${address}`));

  key
    .command('create')
    .description('create a random operator key')
    .option('--passphrase-file <file>', 'file holding the passphrase (mode 0600)')
    .action(async (options: { passphraseFile?: string }) => {
      const context = commandContext(globals());
      const address = await keystoreCall(() => new OperatorKeystore({ dataDir: context.dataDir }).create(passphraseFrom(options.passphraseFile)));
      print(context.json, address, 'operator key created');
    });

  key
    .command('import')
    .description('import an operator key from a file holding a private key (0x…) or a mnemonic')
    .requiredOption('--key-file <file>', 'file holding the private key or the mnemonic (mode 0600)')
    .option('--passphrase-file <file>', 'file holding the new passphrase (mode 0600)')
    .action(async (options: { keyFile: string; passphraseFile?: string }) => {
      const context = commandContext(globals());
      const material = passphraseFromKeyFile(options.keyFile);
      const keystore = new OperatorKeystore({ dataDir: context.dataDir });
      const passphrase = passphraseFrom(options.passphraseFile);
      const address = await keystoreCall(() => (/^(0x)?[0-9a-fA-F]{64}$/.test(material) ? keystore.importPrivateKey(material, passphrase) : keystore.importMnemonic(material, passphrase)));
      print(context.json, address, 'operator key imported');
    });

  key
    .command('address')
    .description('print the operator address (no passphrase needed)')
    .action(() => {
      const context = commandContext(globals());
      const address = new OperatorKeystore({ dataDir: context.dataDir }).address();
      if (!address) throw new CliError(`no operator key in ${context.dataDir}: create one with \`sietch key create --passphrase-file FILE\``, EXIT.usage);
      print(context.json, address, 'operator address');
    });
}

/** The key file is read like a passphrase file: it must be private to this user. */
function passphraseFromKeyFile(file: string): string {
  try {
    return resolveHeadlessPassphrase({ passphraseFile: file })!.trim();
  } catch (error) {
    throw new CliError((error as Error).message.replace(/passphrase/g, 'key'), EXIT.usage);
  }
}
