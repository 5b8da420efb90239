import type { ApiHandlers } from '../../contract/api';
import type { ChainService } from './chain-service';

type ChainHandlers = Pick<ApiHandlers, 'chain.status' | 'chain.publications.list'>;

/** The chain part of the API over the one ChainService the core created. */
export function createChainHandlers(chain: ChainService): ChainHandlers {
  return {
    'chain.status': async () => chain.status(),
    'chain.publications.list': async ({ beforeSeq, limit }) => ({ publications: chain.list(beforeSeq, limit) }),
  };
}
