import { useCallback, useRef, useState } from 'react';
import type { CostBookImportResult } from '../../../../electron/contract/schemas/assets';
import type { SietchClient } from '../../../../electron/contract/client';
import { describeError } from '../../client/describe-error';

/**
 * The import as the operator lives it: pick a file, see every problem or how many rows will
 * change (a dry run on the server, the same checks as the real thing), then apply.
 */
export type ImportStep =
  | { step: 'idle' }
  | { step: 'checking'; file: string }
  | { step: 'review'; file: string; csv: string; result: CostBookImportResult }
  | { step: 'applying'; file: string; csv: string; result: CostBookImportResult }
  | { step: 'done'; file: string; result: CostBookImportResult }
  | { step: 'failed'; file: string; message: string };

export interface CostBookImport {
  state: ImportStep;
  check(file: File): Promise<void>;
  apply(): Promise<void>;
  close(): void;
}

export function useCostBookImport(client: SietchClient): CostBookImport {
  const [state, setState] = useState<ImportStep>({ step: 'idle' });
  // The file being worked on: an answer for a file the operator has since closed is dropped.
  const current = useRef(0);

  const check = useCallback(
    async (file: File) => {
      const token = ++current.current;
      setState({ step: 'checking', file: file.name });
      try {
        const csv = await file.text();
        const result = await client.invoke('inventory.costBook.import', { csv, dryRun: true });
        if (current.current === token) setState({ step: 'review', file: file.name, csv, result });
      } catch (error) {
        if (current.current === token) setState({ step: 'failed', file: file.name, message: describeError(error).message });
      }
    },
    [client],
  );

  const apply = useCallback(async () => {
    if (state.step !== 'review' || state.result.errors.length > 0) return;
    const token = current.current;
    const { file, csv } = state;
    setState({ ...state, step: 'applying' });
    try {
      const result = await client.invoke('inventory.costBook.import', { csv, dryRun: false });
      if (current.current !== token) return;
      // All or nothing: a row refused now (the register changed since the check) applies nothing.
      setState(result.applied ? { step: 'done', file, result } : { step: 'review', file, csv, result });
    } catch (error) {
      if (current.current === token) setState({ step: 'failed', file, message: describeError(error).message });
    }
  }, [client, state]);

  const close = useCallback(() => {
    current.current += 1;
    setState({ step: 'idle' });
  }, []);

  return { state, check, apply, close };
}
