import { useEffect, useId, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { PAGES } from '../app/routes';
import { shortcutLabel } from '../app/shortcuts';

/**
 * A native modal <dialog>: the browser traps focus, focuses its first control (Close),
 * closes it on Escape and gives focus back to whatever had it before.
 */
export function ShortcutsDialog({ open, onClose }: { open: boolean; onClose(): void }) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);

  const rows: [string, string][] = [
    ...PAGES.map((page): [string, string] => [shortcutLabel(page), t('shortcuts.goTo', { page: t(`nav.${page}`) })]),
    ['?', t('shortcuts.help')],
    ['Esc', t('shortcuts.close')],
    ['Tab', t('shortcuts.tab')],
    ['/', t('shortcuts.inventorySearch')],
    ['↑ ↓ PgUp PgDn Home End', t('shortcuts.inventoryRows')],
    ['Enter', t('shortcuts.inventoryOpen')],
    ['↑ ↓ Enter Esc', t('shortcuts.nodeReports')],
  ];

  return (
    <dialog
      ref={ref}
      className="dialog"
      aria-labelledby={titleId}
      data-testid="shortcuts-dialog"
      onClose={onClose}
      // A click on the backdrop lands on the <dialog> itself: treat it as "close".
      onClick={(event) => {
        if (event.target === event.currentTarget) onClose();
      }}
    >
      <h2 id={titleId} className="dialog-title">
        {t('shortcuts.title')}
      </h2>
      <table className="shortcut-table">
        <tbody>
          {rows.map(([keys, action]) => (
            <tr key={keys}>
              <td>
                <kbd>{keys}</kbd>
              </td>
              <td>{action}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="dialog-actions">
        <button type="button" className="button" onClick={onClose} data-testid="shortcuts-close">
          {t('shortcuts.closeButton')}
        </button>
      </div>
    </dialog>
  );
}
