import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Wallet } from 'ethers';
import { describe, expect, it } from 'vitest';
import { REPORT_SCHEMA, REPORT_SCHEMA_UID, encodeReportAttestationData } from '../../electron/core/attestation/report/eas-schema';
import { buildEpochTree } from '../../electron/core/attestation/report/epoch-tree';
import { ZERO_BYTES32 } from '../../electron/core/attestation/report/hex';
import { leafValues } from '../../electron/core/attestation/report/leaf-encoding';
import { networkProfile } from '../../electron/core/attestation/report/network-profiles';
import { signReportAttestation } from '../../electron/core/attestation/report/offchain-attestation';
import { reportHash, REPORT_FIELDS } from '../../electron/core/attestation/report/report';
import { sampleLeaves, sampleReport, TEST_PRIVATE_KEY } from '../../electron/core/attestation/report/test-fixtures';
import { useTempDirs } from '../support/temp-dir';

// The report format on a real EVM: hardhat's in-process network (EDR) runs the official EAS
// contracts from eas-contracts' artifacts, and solc compiles a verifier doing what an
// on-chain consumer would — OpenZeppelin MerkleProof.verify over our leaf encoding, and
// keccak256(abi.encode(report)). Both tools come with eas-sdk's dependencies (hardhat, solc 0.7);
// if a later eas-sdk drops them this test skips rather than fails.
const require = createRequire(import.meta.url);
function resolveFrom(name: string): string | null {
  try {
    return require.resolve(name, { paths: [dirname(require.resolve('@ethereum-attestation-service/eas-sdk'))] });
  } catch {
    return null;
  }
}
const hardhatEntry = resolveFrom('hardhat');
const solcEntry = resolveFrom('solc');
const easContracts = resolveFrom('@ethereum-attestation-service/eas-contracts/package.json');
const tempDir = useTempDirs();

/** An on-chain consumer of Sietch reports (Solidity 0.7: solc 0.7.3 is what is at hand). */
const VERIFIER_SOURCE = `// SPDX-License-Identifier: MIT
pragma solidity 0.7.3;
pragma experimental ABIEncoderV2;

contract SietchReportVerifier {
    struct Leaf { bytes32 assetId; uint8 kind; uint64 epoch; uint16 observedBps; uint16 uptimeBps; uint16 meanUtilBps; uint16 p95UtilBps; uint64 energyWh; uint32 healthFlags; bool identityOk; bytes32 identityHash; uint256 revenue; bool hwAttested; bytes32 evidenceHash; }
    struct Report { address operator; uint64 sequence; uint64 epochStart; uint64 epochEnd; uint32 assetCount; bytes32 merkleRoot; uint256 revenue; uint256 repaid; uint256 outstanding; uint32 coverageBps; bytes32 journalHead; bytes32 prevReportHash; }

    // OpenZeppelin's standard leaf: keccak256(bytes.concat(keccak256(abi.encode(values)))).
    function leafHash(Leaf calldata leaf) public pure returns (bytes32) {
        return keccak256(abi.encodePacked(keccak256(abi.encode(leaf))));
    }

    // OpenZeppelin MerkleProof.verify: sibling pairs hashed smaller-first.
    function verify(bytes32[] calldata proof, bytes32 root, Leaf calldata leaf) external pure returns (bool) {
        bytes32 node = leafHash(leaf);
        for (uint256 i = 0; i < proof.length; i++) {
            bytes32 sibling = proof[i];
            node = node < sibling ? keccak256(abi.encodePacked(node, sibling)) : keccak256(abi.encodePacked(sibling, node));
        }
        return node == root;
    }

    function reportHash(Report calldata report) external pure returns (bytes32) {
        return keccak256(abi.encode(report));
    }
}
`;

/** Runs in a child process: hardhat wants a project directory (a config file) as its cwd. */
const CHAIN_SCRIPT = `
const input = JSON.parse(require('node:fs').readFileSync(process.argv[2], 'utf8'));
const hre = require(input.hardhat);
const solc = require(input.solc);
const { BrowserProvider, ContractFactory, Contract, ZeroAddress, ZeroHash } = require(input.ethers);
const artifact = (name) => require(input.easContracts + '/artifacts/contracts/' + name + '.sol/' + name + '.json');

(async () => {
  const provider = new BrowserProvider(hre.network.provider);
  const deployer = await provider.getSigner(0);
  const out = { deployer: await deployer.getAddress(), chainId: (await provider.getNetwork()).chainId.toString() };
  const deploy = async (abi, bytecode, ...args) => { const c = await new ContractFactory(abi, bytecode, deployer).deploy(...args); await c.waitForDeployment(); return c; };

  const registryArtifact = artifact('SchemaRegistry');
  const registry = await deploy(registryArtifact.abi, registryArtifact.bytecode);
  const easArtifact = artifact('EAS');
  const eas = await deploy(easArtifact.abi, easArtifact.bytecode, await registry.getAddress());
  out.easAddress = await eas.getAddress();
  out.easVersion = await eas.version();

  const registered = await (await registry.register(input.schema, ZeroAddress, false)).wait();
  out.schemaUid = registry.interface.parseLog(registered.logs[0]).args.uid;
  const record = await registry.getSchema(out.schemaUid);
  out.schemaRecord = { schema: record.schema, resolver: record.resolver, revocable: record.revocable };

  const attested = await (await eas.attest({ schema: out.schemaUid, data: { recipient: ZeroAddress, expirationTime: 0, revocable: false, refUID: ZeroHash, data: input.attestationData, value: 0 } })).wait();
  const onchainUid = eas.interface.parseLog(attested.logs[0]).args.uid;
  out.onchainData = (await eas.getAttestation(onchainUid)).data;
  try { await eas.attest.staticCall({ schema: out.schemaUid, data: { recipient: ZeroAddress, expirationTime: 0, revocable: true, refUID: ZeroHash, data: input.attestationData, value: 0 } }); out.revocableAccepted = true; } catch { out.revocableAccepted = false; }

  await (await eas.timestamp(input.offchainUid)).wait();
  out.offchainTimestamp = (await eas.getTimestamp(input.offchainUid)).toString();

  const compiled = JSON.parse(solc.compile(JSON.stringify({ language: 'Solidity', sources: { 'Verifier.sol': { content: input.verifierSource } }, settings: { outputSelection: { '*': { '*': ['abi', 'evm.bytecode.object'] } } } })));
  const errors = (compiled.errors || []).filter((e) => e.severity === 'error');
  if (errors.length) throw new Error(errors.map((e) => e.formattedMessage).join('\\n'));
  const built = compiled.contracts['Verifier.sol'].SietchReportVerifier;
  const verifier = await deploy(built.abi, '0x' + built.evm.bytecode.object);
  out.leafHashes = [];
  out.verified = [];
  for (const leaf of input.leaves) {
    out.leafHashes.push(await verifier.leafHash(leaf.values));
    out.verified.push(await verifier.verify(leaf.proof, input.root, leaf.values));
  }
  out.tamperedVerified = await verifier.verify(input.tampered.proof, input.root, input.tampered.values);
  out.reportHash = await verifier.reportHash(input.report);
  process.stdout.write(JSON.stringify(out));
})().catch((error) => { console.error(error); process.exit(1); });
`;

const json = (value: unknown) => JSON.stringify(value, (_key, item) => (typeof item === 'bigint' ? item.toString() : item));

describe.skipIf(!hardhatEntry || !solcEntry || !easContracts)('report format on an EVM (official EAS contracts, OZ MerkleProof logic)', () => {
  it('devnet profile, schema UID, attestation data, leaf proofs and report hash all hold on chain', async () => {
    const leaves = sampleLeaves(7);
    const tree = buildEpochTree(leaves);
    const wallet = new Wallet(TEST_PRIVATE_KEY);
    const report = sampleReport({ operator: wallet.address, assetCount: leaves.length, merkleRoot: tree.root });
    const devnet = networkProfile('local-devnet');
    const signed = await signReportAttestation(report, { network: devnet, refUID: ZERO_BYTES32 }, wallet);
    const tamperedValues = leafValues({ ...leaves[3]!, revenue: leaves[3]!.revenue + 1n });

    const dir = tempDir();
    writeFileSync(join(dir, 'hardhat.config.cjs'), 'module.exports = {};\n');
    writeFileSync(join(dir, 'chain.cjs'), CHAIN_SCRIPT);
    writeFileSync(
      join(dir, 'input.json'),
      json({
        hardhat: hardhatEntry,
        solc: solcEntry,
        ethers: require.resolve('ethers'),
        easContracts: dirname(easContracts!),
        schema: REPORT_SCHEMA,
        attestationData: encodeReportAttestationData(report),
        offchainUid: signed.sig.uid,
        verifierSource: VERIFIER_SOURCE,
        root: tree.root,
        leaves: leaves.map((leaf, i) => ({ values: leafValues(leaf), proof: tree.proof(i) })),
        tampered: { values: tamperedValues, proof: tree.proof(3) },
        report: REPORT_FIELDS.map((field) => report[field.name]),
      }),
    );
    // hardhat keeps config and cache under the user's home: point it at the temp dir instead.
    const run = spawnSync(process.execPath, [join(dir, 'chain.cjs'), join(dir, 'input.json')], { cwd: dir, encoding: 'utf8', timeout: 90_000, env: { ...process.env, HARDHAT_DISABLE_TELEMETRY_PROMPT: 'true', HOME: dir, XDG_CONFIG_HOME: dir, XDG_CACHE_HOME: dir, XDG_DATA_HOME: dir } });
    if (run.status !== 0) throw new Error(`chain script failed (${run.status}): ${run.stderr}`);
    const chain = JSON.parse(run.stdout);

    // The local-devnet profile is where EAS lands on a fresh hardhat/anvil chain.
    expect(chain.deployer).toBe('0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266');
    expect(Number(chain.chainId)).toBe(devnet.chainId);
    expect(chain.easAddress).toBe(devnet.easAddress);
    expect(chain.easVersion).toBe(devnet.easVersion);
    // The SchemaRegistry computes the UID we document; irrevocable means irrevocable.
    expect(chain.schemaUid).toBe(REPORT_SCHEMA_UID);
    expect(chain.schemaRecord).toEqual({ schema: REPORT_SCHEMA, resolver: '0x0000000000000000000000000000000000000000', revocable: false });
    expect(chain.onchainData).toBe(encodeReportAttestationData(report));
    expect(chain.revocableAccepted).toBe(false);
    expect(BigInt(chain.offchainTimestamp)).toBeGreaterThan(0n);
    // Leaves and proofs verify with MerkleProof's algorithm over Solidity's own abi.encode.
    expect(chain.leafHashes).toEqual(leaves.map((_, i) => tree.leafHash(i)));
    expect(chain.verified).toEqual(leaves.map(() => true));
    expect(chain.tamperedVerified).toBe(false);
    expect(chain.reportHash).toBe(reportHash(report));
  }, 120_000);
});
