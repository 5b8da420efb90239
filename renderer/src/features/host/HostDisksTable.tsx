import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { HostInventory } from '../../../../electron/contract/schemas/host';
import { formatDiskSize, formatInteger } from '../../i18n/format';
import { orMissing } from '../../ui/Missing';
import { useLanguage } from '../../ui/use-language';

export function HostDisksTable({ disks }: { disks: HostInventory['disks'] }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const headingId = useId();
  return (
    <section className="subsection" aria-labelledby={headingId}>
      <h3 id={headingId} className="subsection-title">
        {t('host.disks.title', { total: formatInteger(disks.length, language) })}
      </h3>
      {disks.length === 0 ? (
        <p className="muted">{t('host.disks.empty')}</p>
      ) : (
        <div className="table-scroll" role="region" aria-labelledby={headingId} tabIndex={0}>
          <table className="data-table" data-testid="host-disks">
            <thead>
              <tr>
                <th scope="col">{t('host.disks.device')}</th>
                <th scope="col">{t('host.disks.name')}</th>
                <th scope="col">{t('host.disks.type')}</th>
                <th scope="col">{t('host.disks.interface')}</th>
                <th scope="col" className="numeric">
                  {t('host.disks.size')}
                </th>
                <th scope="col">{t('host.disks.serial')}</th>
              </tr>
            </thead>
            <tbody>
              {disks.map((disk, index) => (
                <tr key={`${disk.device ?? ''}-${disk.serial ?? ''}-${index}`}>
                  <td className="mono">{orMissing(disk.device)}</td>
                  <td className="wrap">{orMissing(disk.vendor && disk.name && !disk.name.startsWith(disk.vendor) ? `${disk.vendor} ${disk.name}` : disk.name)}</td>
                  <td>{orMissing(disk.type)}</td>
                  <td>{orMissing(disk.interface)}</td>
                  <td className="numeric" title={disk.sizeBytes === null ? undefined : `${formatInteger(disk.sizeBytes, language)} B`}>
                    {disk.sizeBytes === null ? orMissing(null) : formatDiskSize(disk.sizeBytes, language)}
                  </td>
                  <td className="mono">{orMissing(disk.serial)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
