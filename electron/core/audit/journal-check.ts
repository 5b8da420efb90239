import { bytesToHex, ZERO_BYTES32 } from '../attestation/report/hex';
import { keccak256Bytes } from '../attestation/report/keccak';
import { canonicalJson } from '../journal/canonical';
import { canonicalRow } from '../journal/journal';
import { fail } from './audit-failure';
import { JOURNAL_FILE } from './bundle-format';
import { array, exactKeys, hex32, integer, object, string, type Where } from './json-fields';
import { findSingleEdit } from './single-edit-search';

/**
 * The journal excerpt of a bundle, checked offline: rows numbered without gaps from the anchor,
 * each linking to the previous hash, each hash = keccak256(prev_hash ‖ canonical row) exactly as
 * the journal computes it (docs/journal.md; the same canonicalRow, the fast keccak). Returns the
 * hash of every position so the bundle verifier can check each report's journal head.
 */
export interface CheckedJournal {
  anchor: { seq: number; hash: string };
  head: { seq: number; hash: string };
  rows: number;
  /** journal seq → hash, from the anchor to the head. */
  hashAt: Map<number, string>;
  /** hash → journal seq. */
  seqOf: Map<string, number>;
}

const where: Where = { file: JOURNAL_FILE, report: null, leaf: null };
const MAX_SEQ = Number.MAX_SAFE_INTEGER;

function rowHash(prevHash: string, row: { seq: number; at: string; kind: string; entity: string; payload: unknown }): string {
  return bytesToHex(keccak256Bytes(Buffer.concat([Buffer.from(prevHash.slice(2), 'hex'), Buffer.from(canonicalRow(row), 'utf8')])));
}

export function checkJournalExcerpt(value: unknown): CheckedJournal {
  const excerpt = object(value, where, '');
  exactKeys(excerpt, ['anchor', 'head', 'rows'], where, '');
  const anchorJson = object(excerpt.anchor, where, 'anchor');
  exactKeys(anchorJson, ['seq', 'hash'], where, 'anchor');
  const anchor = { seq: integer(anchorJson.seq, where, 'anchor.seq', MAX_SEQ), hash: hex32(anchorJson.hash, where, 'anchor.hash') };
  if ((anchor.seq === 0) !== (anchor.hash === ZERO_BYTES32)) fail({ ...where, field: 'anchor', message: 'the anchor is the genesis hash exactly at position 0' });
  const headJson = object(excerpt.head, where, 'head');
  exactKeys(headJson, ['seq', 'hash'], where, 'head');
  const rows = array(excerpt.rows, where, 'rows');
  const hashAt = new Map<number, string>([[anchor.seq, anchor.hash]]);
  const seqOf = new Map<string, number>([[anchor.hash, anchor.seq]]);
  let prev = anchor.hash;
  let expectedSeq = anchor.seq + 1;
  rows.forEach((item, index) => {
    const path = `rows[${index}]`;
    const row = object(item, where, path);
    const seq = integer(row.seq, where, `${path}.seq`, MAX_SEQ);
    const at: Where & { journalRow: number } = { ...where, journalRow: seq };
    exactKeys(row, ['seq', 'at', 'kind', 'entity', 'payload', 'prevHash', 'hash'], at, path);
    if (seq !== expectedSeq) fail({ ...at, field: `${path}.seq`, message: `sequence gap: expected journal row ${expectedSeq}, found ${seq}` });
    const content = { seq, at: string(row.at, at, `${path}.at`), kind: string(row.kind, at, `${path}.kind`), entity: string(row.entity, at, `${path}.entity`), payload: row.payload };
    try {
      canonicalJson(row.payload);
    } catch (error) {
      fail({ ...at, field: `${path}.payload`, message: `payload has no canonical form: ${(error as Error).message}` });
    }
    const prevHash = hex32(row.prevHash, at, `${path}.prevHash`);
    if (prevHash !== prev) fail({ ...at, field: `${path}.prevHash`, message: `prevHash ${prevHash} does not link to the previous row's hash ${prev}` });
    const hash = hex32(row.hash, at, `${path}.hash`);
    const computed = rowHash(prevHash, content);
    if (computed !== hash) {
      // The hash is linked by the next row (or is the head a report signed): the content changed.
      const next = rows[index + 1] as { prevHash?: unknown } | undefined;
      const hashIsLinked = next ? String(next.prevHash).toLowerCase() === hash : true;
      if (!hashIsLinked) fail({ ...at, field: `${path}.hash`, message: `hash was changed: the row hashes to ${computed}` });
      const edit = findSingleEdit(content, (candidate) => rowHash(prevHash, candidate as typeof content) === hash, { skip: ['seq'] });
      fail({ ...at, field: edit ? `${path}.${edit.path}` : path, message: edit ? `${edit.path} is ${JSON.stringify(edit.found)}, but the chained hash holds ${JSON.stringify(edit.original)}` : `the row does not hash to its hash ${hash}: its content was changed` });
    }
    hashAt.set(seq, hash);
    seqOf.set(hash, seq);
    prev = hash;
    expectedSeq += 1;
  });
  const head = { seq: integer(headJson.seq, where, 'head.seq', MAX_SEQ), hash: hex32(headJson.hash, where, 'head.hash') };
  if (head.seq !== expectedSeq - 1 || head.hash !== prev) fail({ ...where, field: 'head', message: `head is row ${head.seq} (${head.hash}), but the rows end at ${expectedSeq - 1} (${prev})` });
  return { anchor, head, rows: rows.length, hashAt, seqOf };
}
