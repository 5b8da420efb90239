import { useTranslation } from 'react-i18next';
import type { HostInventory } from '../../../../electron/contract/schemas/host';
import { formatDiskSize, formatInteger } from '../../i18n/format';
import { orMissing } from '../../ui/Missing';
import { useLanguage } from '../../ui/use-language';
import { HostSubTable } from './HostSubTable';

type Disk = HostInventory['disks'][number];

export function HostDisksTable({ disks }: { disks: HostInventory['disks'] }) {
  const { t } = useTranslation();
  const language = useLanguage();
  return (
    <HostSubTable<Disk>
      title={(total) => t('host.disks.title', { total })}
      empty={t('host.disks.empty')}
      testId="host-disks"
      rows={disks}
      rowKey={(disk, index) => `${disk.device ?? ''}-${disk.serial ?? ''}-${index}`}
      columns={[
        { header: t('host.disks.device'), cell: (disk) => <td key="device" className="mono">{orMissing(disk.device)}</td> },
        { header: t('host.disks.name'), cell: (disk) => <td key="name" className="wrap">{orMissing(disk.vendor && disk.name && !disk.name.startsWith(disk.vendor) ? `${disk.vendor} ${disk.name}` : disk.name)}</td> },
        { header: t('host.disks.type'), cell: (disk) => <td key="type">{orMissing(disk.type)}</td> },
        { header: t('host.disks.interface'), cell: (disk) => <td key="interface">{orMissing(disk.interface)}</td> },
        {
          header: t('host.disks.size'),
          numeric: true,
          cell: (disk) => (
            <td key="size" className="numeric" title={disk.sizeBytes === null ? undefined : `${formatInteger(disk.sizeBytes, language)} B`}>
              {disk.sizeBytes === null ? orMissing(null) : formatDiskSize(disk.sizeBytes, language)}
            </td>
          ),
        },
        { header: t('host.disks.serial'), cell: (disk) => <td key="serial" className="mono">{orMissing(disk.serial)}</td> },
      ]}
    />
  );
}
