import { useTranslation } from 'react-i18next';
import type { AssetDetail } from '../../../../electron/contract/schemas/assets';
import { orMissing } from '../../ui/Missing';
import type { CellFormats } from './cell-formats';

/** The GPU's MIG instances: each is a slice a customer may rent, identified by its own UUID. */
export function AssetMigDevices({ devices, formats }: { devices: AssetDetail['migDevices']; formats: CellFormats }) {
  const { t } = useTranslation();
  if (devices.length === 0) return <p className="muted">{t('inventory.mig.none')}</p>;
  return (
    <div className="table-scroll">
      <table className="data-table" data-testid="inventory-mig">
        <thead>
          <tr>
            <th>{t('inventory.mig.uuid')}</th>
            <th>{t('inventory.mig.profile')}</th>
            <th className="numeric">{t('inventory.mig.memory')}</th>
          </tr>
        </thead>
        <tbody>
          {devices.map((device, index) => (
            <tr key={device.uuid ?? index}>
              <td className="mono mig-uuid" title={device.uuid ?? undefined}>
                {orMissing(device.uuid)}
              </td>
              <td>{orMissing(device.profile)}</td>
              <td className="numeric">{device.memoryTotalMiB === null ? orMissing(null) : t('units.gib', { value: formats.gibFromMib(device.memoryTotalMiB) })}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
