import { createHash } from 'node:crypto';
import { ChainParseError, parseCertificate, parseChain, parseRootCertificate, type ChainCertificate } from './chain-certificates';
import { checkChainLinks, checkRoot } from './chain-rules';
import { failed, type CheckOutcome } from './check-outcome';

/**
 * The 'chain' and 'root' checks, which depend only on the certificates and the configured root
 * (never on the time or the report), so their result is kept for the next evidence with the
 * same chain: a GPU's chain is the same every epoch, and a year of hourly evidence for 8 GPUs in
 * an audit bundle would otherwise parse and check the same 5 certificates 70,000 times.
 */
export interface ChainAnalysis {
  /** Absent when a certificate did not parse. */
  chain?: ChainCertificate[];
  /** The leaf, whenever it parses (even when a certificate above it does not). */
  leaf?: ChainCertificate;
  /** The configured root, when it parses. */
  root?: ChainCertificate;
  chainOutcome: CheckOutcome;
  rootOutcome: CheckOutcome;
}

const NOT_PARSED = failed('not checked: the certificate chain did not parse');

/** A check that meets something unforeseen in hostile certificates fails instead of throwing. */
export function guard(check: () => CheckOutcome): CheckOutcome {
  try {
    return check();
  } catch (error) {
    return failed(`could not be checked: ${(error as Error).message}`);
  }
}

function leafAlone(pems: unknown[]): ChainCertificate | undefined {
  try {
    return pems.length > 0 ? parseCertificate(pems[0], 1, 'certificate 1') : undefined;
  } catch {
    return undefined;
  }
}

function analyse(pems: unknown, rootPem: unknown): ChainAnalysis {
  let root: ChainCertificate | undefined;
  let rootProblem: string | undefined;
  try {
    root = parseRootCertificate(rootPem);
  } catch (error) {
    rootProblem = (error as Error).message;
  }
  if (!Array.isArray(pems)) return { ...(root ? { root } : {}), chainOutcome: failed('not checked: the evidence has no certificate chain'), rootOutcome: rootProblem !== undefined ? failed(rootProblem) : NOT_PARSED };
  let chain: ChainCertificate[];
  try {
    chain = parseChain(pems);
  } catch (error) {
    const leaf = leafAlone(pems);
    const chainOutcome = failed(error instanceof ChainParseError ? error.message : `the chain could not be checked: ${(error as Error).message}`);
    return { ...(leaf ? { leaf } : {}), ...(root ? { root } : {}), chainOutcome, rootOutcome: rootProblem !== undefined ? failed(rootProblem) : NOT_PARSED };
  }
  const chainOutcome = guard(() => checkChainLinks(chain));
  const rootOutcome = root === undefined ? failed(rootProblem!) : guard(() => checkRoot(chain, root));
  return { chain, leaf: chain[0]!, ...(root ? { root } : {}), chainOutcome, rootOutcome };
}

const CACHE_SIZE = 256;
const cache = new Map<string, ChainAnalysis>();

function cacheKey(pems: unknown, rootPem: unknown): string | undefined {
  if (!Array.isArray(pems) || typeof rootPem !== 'string' || pems.some((pem) => typeof pem !== 'string')) return undefined;
  const hash = createHash('sha256');
  // Length-prefixed, so no two different lists of strings hash the same input.
  for (const text of [rootPem, ...(pems as string[])]) hash.update(`${text.length}:`).update(text);
  return hash.digest('hex');
}

export function analyseChain(pems: unknown, rootPem: unknown): ChainAnalysis {
  const key = cacheKey(pems, rootPem);
  if (key === undefined) return analyse(pems, rootPem);
  const hit = cache.get(key);
  if (hit !== undefined) {
    cache.delete(key); // most recently used last
    cache.set(key, hit);
    return hit;
  }
  const analysis = analyse(pems, rootPem);
  cache.set(key, analysis);
  if (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value!);
  return analysis;
}

/** Only for benchmarks and tests: the next verification of every chain starts cold. */
export function forgetChainAnalyses(): void {
  cache.clear();
}
