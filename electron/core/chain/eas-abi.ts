import { Interface, ZeroAddress } from 'ethers';

/**
 * The parts of EAS (v1.3.0, eas-contracts 1.7.1) and its SchemaRegistry that Sietch calls, as
 * human-readable ABI. The product does not ship eas-contracts (a dev dependency); the test
 * `eas-abi.test.ts` checks every fragment against the package's compiled artifacts.
 */
export const EAS_ABI = [
  'function attest((bytes32 schema, (address recipient, uint64 expirationTime, bool revocable, bytes32 refUID, bytes data, uint256 value) data) request) payable returns (bytes32)',
  'function timestamp(bytes32 data) returns (uint64)',
  'function getAttestation(bytes32 uid) view returns ((bytes32 uid, bytes32 schema, uint64 time, uint64 expirationTime, uint64 revocationTime, bytes32 refUID, address recipient, address attester, bool revocable, bytes data))',
  'function getTimestamp(bytes32 data) view returns (uint64)',
  'function getSchemaRegistry() view returns (address)',
  'function version() view returns (string)',
  'event Attested(address indexed recipient, address indexed attester, bytes32 uid, bytes32 indexed schemaUID)',
  'event Timestamped(bytes32 indexed data, uint64 indexed timestamp)',
  'error AccessDenied()',
  'error AlreadyRevoked()',
  'error AlreadyRevokedOffchain()',
  'error AlreadyTimestamped()',
  'error DeadlineExpired()',
  'error InsufficientValue()',
  'error InvalidAttestation()',
  'error InvalidAttestations()',
  'error InvalidExpirationTime()',
  'error InvalidLength()',
  'error InvalidNonce()',
  'error InvalidOffset()',
  'error InvalidRegistry()',
  'error InvalidRevocation()',
  'error InvalidRevocations()',
  'error InvalidSchema()',
  'error InvalidSignature()',
  'error InvalidVerifier()',
  'error Irrevocable()',
  'error NotFound()',
  'error NotPayable()',
  'error WrongSchema()',
] as const;

export const SCHEMA_REGISTRY_ABI = [
  'function register(string schema, address resolver, bool revocable) returns (bytes32)',
  'function getSchema(bytes32 uid) view returns ((bytes32 uid, address resolver, bool revocable, string schema))',
  'function version() view returns (string)',
  'event Registered(bytes32 indexed uid, address indexed registerer, (bytes32 uid, address resolver, bool revocable, string schema) schema)',
  'error AlreadyExists()',
] as const;

export const easInterface = new Interface(EAS_ABI);
export const schemaRegistryInterface = new Interface(SCHEMA_REGISTRY_ABI);

export const ATTESTED_TOPIC = easInterface.getEvent('Attested')!.topicHash;
export const TIMESTAMPED_TOPIC = easInterface.getEvent('Timestamped')!.topicHash;
export const REGISTERED_TOPIC = schemaRegistryInterface.getEvent('Registered')!.topicHash;

/** An attestation as EAS stores it. `uid` is zero when there is none. */
export interface OnchainAttestation {
  uid: string;
  schema: string;
  time: bigint;
  expirationTime: bigint;
  revocationTime: bigint;
  refUID: string;
  recipient: string;
  attester: string;
  revocable: boolean;
  data: string;
}

/** calldata of EAS.attest for a report: no recipient, no expiry, irrevocable, no value. */
export function encodeAttestCall(schemaUid: string, refUID: string, data: string): string {
  return easInterface.encodeFunctionData('attest', [{ schema: schemaUid, data: { recipient: ZeroAddress, expirationTime: 0n, revocable: false, refUID, data, value: 0n } }]);
}

export function encodeTimestampCall(uid: string): string {
  return easInterface.encodeFunctionData('timestamp', [uid]);
}

export function decodeAttestation(result: string): OnchainAttestation {
  const [value] = easInterface.decodeFunctionResult('getAttestation', result) as unknown as [OnchainAttestation & { toObject?: () => unknown }];
  return {
    uid: (value.uid as string).toLowerCase(),
    schema: (value.schema as string).toLowerCase(),
    time: value.time,
    expirationTime: value.expirationTime,
    revocationTime: value.revocationTime,
    refUID: (value.refUID as string).toLowerCase(),
    recipient: value.recipient,
    attester: value.attester,
    revocable: value.revocable,
    data: value.data,
  };
}

/** The name of an EAS or SchemaRegistry custom error in revert data, or null. */
export function revertReason(data: string | undefined): string | null {
  if (!data || data === '0x') return null;
  for (const iface of [easInterface, schemaRegistryInterface]) {
    try {
      const parsed = iface.parseError(data);
      if (parsed) return parsed.name;
    } catch {
      // not this contract's error
    }
  }
  return null;
}
