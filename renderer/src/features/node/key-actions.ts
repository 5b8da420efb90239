import type { SietchClient } from '../../../../electron/contract/client';
import type { KeyStatus } from '../../../../electron/contract/schemas/node';
import { loadNodeStatus } from './node-status';

/**
 * The operator-key calls. Each one is answered with the new key status, after which the node
 * status (its signer) is read again. The secrets passed in are sent once and kept nowhere:
 * no store, no log.
 */
export type KeyAction =
  | { action: 'create'; passphrase: string }
  | { action: 'import'; passphrase: string; privateKey: string }
  | { action: 'import'; passphrase: string; mnemonic: string }
  | { action: 'unlock'; passphrase: string; remember: boolean }
  | { action: 'lock'; forget: boolean };

function call(client: SietchClient, request: KeyAction): Promise<KeyStatus> {
  switch (request.action) {
    case 'create':
      return client.invoke('node.key.create', { passphrase: request.passphrase });
    case 'import':
      return 'privateKey' in request
        ? client.invoke('node.key.import', { privateKey: request.privateKey, passphrase: request.passphrase })
        : client.invoke('node.key.import', { mnemonic: request.mnemonic, passphrase: request.passphrase });
    case 'unlock':
      return client.invoke('node.key.unlock', { passphrase: request.passphrase, remember: request.remember });
    case 'lock':
      return client.invoke('node.key.lock', { forget: request.forget });
  }
}

/** Runs one key action; the node status is reloaded whether it succeeded or not. */
export async function runKeyAction(client: SietchClient, request: KeyAction): Promise<KeyStatus> {
  try {
    return await call(client, request);
  } finally {
    void loadNodeStatus(client);
  }
}

export function loadKeyStatus(client: SietchClient): Promise<KeyStatus> {
  return client.invoke('node.key.status');
}
