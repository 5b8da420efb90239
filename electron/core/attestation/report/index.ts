// The report layer's public API: what the epoch closer, the outbox and the audit verifier call.
export { preloadKeccak, isFastKeccakReady } from './keccak';
export { ZERO_BYTES32, ZERO_ADDRESS } from './hex';
export { HEALTH_FLAG_BITS, KNOWN_HEALTH_FLAGS_MASK, encodeHealthFlags, decodeHealthFlags, type HealthFlag } from './health-flags';
export { LEAF_FIELDS, LEAF_TYPES, LEAF_ENCODED_BYTES, ASSET_KIND_CODES, MAX_BPS, type AssetLeafInput, type LeafAssetKind, type LeafValues, type LeafFieldName } from './leaf-format';
export { assetIdHash, identityHashOf, encodeLeaf, leafHash, leafValues } from './leaf-encoding';
export { EMPTY_TREE_ROOT, buildMerkleTree, processProof, verifyProof, processMultiProof, verifyMultiProof, type MerkleTree, type MultiProof } from './merkle-tree';
export { buildEpochTree, toStandardTreeDump, type EpochTree } from './epoch-tree';
export { REPORT_FIELDS, REPORT_TYPES, InvalidReportError, validateReport, encodeReport, reportHash, normalizeReport, isFirstReport, type EpochReport } from './report';
export { REPORT_SCHEMA, REPORT_SCHEMA_FIELDS, REPORT_SCHEMA_RESOLVER, REPORT_SCHEMA_REVOCABLE, REPORT_SCHEMA_UID, schemaUid, encodeReportAttestationData, decodeReportAttestationData, type ReportAttestationData } from './eas-schema';
export { NETWORK_PROFILES, DEFAULT_NETWORK_PROFILE_ID, networkProfile, customNetworkProfile, type NetworkProfile, type NetworkProfileId } from './network-profiles';
export {
  OFFCHAIN_ATTESTATION_VERSION,
  EAS_DOMAIN_NAME,
  OFFCHAIN_ATTEST_TYPES,
  attestationDomain,
  offchainAttestationUid,
  reportAttestationRequest,
  signReportAttestation,
  typedDataReportSigner,
  type ReportSigner,
  type SignedReportPackage,
  type SignedOffchainAttestation,
  type OffchainAttestationMessage,
  type OffchainAttestationDomain,
  type TypedDataSigner,
  type ReportAttestationOptions,
} from './offchain-attestation';
export { signedReportToJson, signedReportFromJson } from './signed-report-json';
export { verifySignedReport, type ReportVerification, type ExpectedReportSigner } from './verify-report-attestation';
