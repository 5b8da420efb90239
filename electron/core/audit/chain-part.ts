import type { Db } from '../db/open';
import type { ChainPartJson } from './bundle-format';

/**
 * The on-chain part of a report in a bundle or proof: the EAS UID and the transaction that
 * anchored it, once published (issue #9's chain_publications table, state 'confirmed', on the
 * chain the report was signed for). null before publication, or when this database has no
 * publication table. The only place audit exports read publication state.
 */
export function readChainParts(db: Db, chainId: number): (seq: number) => ChainPartJson | null {
  const table = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'chain_publications'").get();
  if (!table) return () => null;
  const select = db.prepare("SELECT chain_id, uid, tx_hash, block_number FROM chain_publications WHERE seq = ? AND chain_id = ? AND state = 'confirmed' ORDER BY confirmed_at LIMIT 1");
  return (seq) => {
    const row = select.get(seq, chainId) as { chain_id: number; uid: string; tx_hash: string; block_number: number } | undefined;
    return row ? { chainId: row.chain_id, uid: row.uid.toLowerCase(), txHash: row.tx_hash.toLowerCase(), blockNumber: row.block_number } : null;
  };
}
