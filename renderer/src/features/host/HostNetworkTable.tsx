import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { HostInventory } from '../../../../electron/contract/schemas/host';
import { formatInteger, formatLinkSpeed } from '../../i18n/format';
import { orMissing } from '../../ui/Missing';
import { useLanguage } from '../../ui/use-language';

export function HostNetworkTable({ interfaces }: { interfaces: HostInventory['network'] }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const headingId = useId();
  return (
    <section className="subsection" aria-labelledby={headingId}>
      <h3 id={headingId} className="subsection-title">
        {t('host.network.title', { total: formatInteger(interfaces.length, language) })}
      </h3>
      {interfaces.length === 0 ? (
        <p className="muted">{t('host.network.empty')}</p>
      ) : (
        <div className="table-scroll" role="region" aria-labelledby={headingId} tabIndex={0}>
          <table className="data-table" data-testid="host-network">
            <thead>
              <tr>
                <th scope="col">{t('host.network.iface')}</th>
                <th scope="col">{t('host.network.mac')}</th>
                <th scope="col">{t('host.network.ip4')}</th>
                <th scope="col" className="numeric">
                  {t('host.network.speed')}
                </th>
                <th scope="col">{t('host.network.flags')}</th>
              </tr>
            </thead>
            <tbody>
              {interfaces.map((nic) => (
                <tr key={nic.iface}>
                  <td className="mono">{nic.iface}</td>
                  <td className="mono">{orMissing(nic.mac)}</td>
                  <td className="mono" title={nic.ip6 ?? undefined}>
                    {orMissing(nic.ip4)}
                  </td>
                  <td className="numeric">{nic.speedMbps === null || nic.speedMbps < 0 ? orMissing(null) : formatLinkSpeed(nic.speedMbps, language)}</td>
                  <td>
                    {nic.internal ? <span className="tag">{t('host.network.internal')}</span> : null}
                    {nic.virtual ? <span className="tag">{t('host.network.virtual')}</span> : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
