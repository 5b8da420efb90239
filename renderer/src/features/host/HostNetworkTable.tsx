import { useTranslation } from 'react-i18next';
import type { HostInventory } from '../../../../electron/contract/schemas/host';
import { formatLinkSpeed } from '../../i18n/format';
import { orMissing } from '../../ui/Missing';
import { useLanguage } from '../../ui/use-language';
import { HostSubTable } from './HostSubTable';

type NetworkInterface = HostInventory['network'][number];

export function HostNetworkTable({ interfaces }: { interfaces: HostInventory['network'] }) {
  const { t } = useTranslation();
  const language = useLanguage();
  return (
    <HostSubTable<NetworkInterface>
      title={(total) => t('host.network.title', { total })}
      empty={t('host.network.empty')}
      testId="host-network"
      rows={interfaces}
      rowKey={(nic) => nic.iface}
      columns={[
        { header: t('host.network.iface'), cell: (nic) => <td key="iface" className="mono">{nic.iface}</td> },
        { header: t('host.network.mac'), cell: (nic) => <td key="mac" className="mono">{orMissing(nic.mac)}</td> },
        {
          header: t('host.network.ip4'),
          cell: (nic) => (
            <td key="ip4" className="mono" title={nic.ip6 ?? undefined}>
              {orMissing(nic.ip4)}
            </td>
          ),
        },
        { header: t('host.network.speed'), numeric: true, cell: (nic) => <td key="speed" className="numeric">{nic.speedMbps === null || nic.speedMbps < 0 ? orMissing(null) : formatLinkSpeed(nic.speedMbps, language)}</td> },
        {
          header: t('host.network.flags'),
          cell: (nic) => (
            <td key="flags">
              {nic.internal ? <span className="tag">{t('host.network.internal')}</span> : null}
              {nic.virtual ? <span className="tag">{t('host.network.virtual')}</span> : null}
            </td>
          ),
        },
      ]}
    />
  );
}
