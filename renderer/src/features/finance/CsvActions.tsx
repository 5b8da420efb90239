import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ExportTable, ImportResult, ImportTable } from '../../../../electron/contract/schemas/customers';
import { useClient } from '../../client/client-context';
import { describeError } from '../../client/describe-error';
import { downloadText } from '../../ui/save-file';

/**
 * Import a table from CSV (checked on the server first — every error with its row and column —
 * then applied, all rows or none) and export tables as CSV.
 */
export function CsvActions({ imports, exports, facilityId }: { imports: readonly ImportTable[]; exports: readonly ExportTable[]; facilityId?: string | null }) {
  const { t } = useTranslation();
  const client = useClient();
  const input = useRef<HTMLInputElement>(null);
  const [table, setTable] = useState<ImportTable | undefined>(imports[0]);
  const [state, setState] = useState<{ file: string; result: ImportResult } | { file: string; message: string } | null>(null);
  const [busy, setBusy] = useState(false);

  const onFile = async (file: File) => {
    if (table === undefined) return;
    setBusy(true);
    try {
      const csv = await file.text();
      const check = await client.invoke('finance.import', { table, csv, dryRun: true });
      const result = check.errors.length > 0 ? check : await client.invoke('finance.import', { table, csv, dryRun: false });
      setState({ file: file.name, result });
    } catch (error) {
      setState({ file: file.name, message: describeError(error).message });
    } finally {
      setBusy(false);
      if (input.current) input.current.value = '';
    }
  };
  const onExport = async (name: ExportTable) => {
    try {
      const { csv, filename } = await client.invoke('finance.export', { table: name, ...(facilityId ? { facilityId } : {}) });
      downloadText(csv, filename);
    } catch (error) {
      setState({ file: name, message: describeError(error).message });
    }
  };
  return (
    <div className="fin-csv" data-testid="finance-csv">
      <div className="fin-csv-row">
        {table === undefined ? null : (
          <>
        <label className="fin-picker">
          <span>{t('finance.books.csv.importLabel')}</span>
          <select value={table} onChange={(event) => setTable(event.target.value as ImportTable)} data-testid="finance-import-table">
            {imports.map((name) => (
              <option key={name} value={name}>
                {t(`finance.books.csv.table.${name}`)}
              </option>
            ))}
          </select>
        </label>
        <input ref={input} type="file" accept=".csv,text/csv" hidden onChange={(event) => event.target.files?.[0] && void onFile(event.target.files[0])} data-testid="finance-import-file" />
        <button type="button" className="button" disabled={busy} onClick={() => input.current?.click()} data-testid="finance-import">
          {t('finance.books.csv.import')}
        </button>
          </>
        )}
        {exports.map((name) => (
          <button key={name} type="button" className="button" onClick={() => void onExport(name)} data-testid={`finance-export-${name}`}>
            {t('finance.books.csv.export', { table: t(`finance.books.csv.table.${name}`) })}
          </button>
        ))}
      </div>
      {state === null ? null : 'message' in state ? (
        <p role="alert" className="fin-danger">
          {state.file}: {state.message}
        </p>
      ) : state.result.applied ? (
        <p role="status" data-testid="finance-import-done">
          {t('finance.books.csv.applied', { file: state.file, count: state.result.created })}
        </p>
      ) : (
        <div role="alert" data-testid="finance-import-errors" data-count={state.result.errors.length}>
          <p className="fin-danger">{t('finance.books.csv.refused', { file: state.file, count: state.result.errors.length })}</p>
          <ul className="fin-errors">
            {state.result.errors.slice(0, 50).map((error, index) => (
              <li key={index} data-row={error.row} data-column={error.column ?? ''}>
                {t('finance.books.csv.error', { row: error.row, column: error.column ?? '—', message: error.message })}
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}
