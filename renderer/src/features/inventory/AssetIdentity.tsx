import { useTranslation } from 'react-i18next';
import type { AssetDetail } from '../../../../electron/contract/schemas/assets';
import { orMissing } from '../../ui/Missing';
import type { CellFormats } from './cell-formats';
import type { HostLabels } from './host-labels';
import { gpuIdSource, isIdentityField } from './identity-fields';
import { DrawerField, DrawerFields } from './DrawerFields';

/**
 * Who this asset is: its id and where the id comes from, then every identifier the register
 * checks on each sighting (the identity record, verbatim), then when it was first and last seen.
 */
export function AssetIdentity({ detail, hosts, formats }: { detail: AssetDetail; hosts: HostLabels; formats: CellFormats }) {
  const { t } = useTranslation();
  const { asset } = detail;
  const source = gpuIdSource(asset.id);
  const identity = Object.entries(detail.identity);
  return (
    <DrawerFields testId="inventory-identity">
      <DrawerField label={t('inventory.field.assetId')} mono testId="inventory-drawer-id">
        {asset.id}
      </DrawerField>
      {source ? <DrawerField label={t('inventory.field.idSource')}>{t(`inventory.idSource.${source}`)}</DrawerField> : null}
      <DrawerField label={t('inventory.field.kind')}>{t(`inventory.kind.${asset.kind}`)}</DrawerField>
      <DrawerField label={t('inventory.field.model')}>{orMissing(asset.model ?? asset.label)}</DrawerField>
      {identity.map(([key, value]) => (
        <DrawerField key={key} label={isIdentityField(key) ? t(`inventory.identityField.${key}`) : key} mono testId={`inventory-identity-${key}`}>
          {key === 'hostId' && value ? (
            <>
              {hosts.get(value) ? <span className="drawer-host-name">{hosts.get(value)} </span> : null}
              {value}
            </>
          ) : (
            orMissing(value)
          )}
        </DrawerField>
      ))}
      {asset.memoryTotalMiB !== null ? <DrawerField label={t('inventory.field.memory')}>{t('units.gib', { value: formats.gibFromMib(asset.memoryTotalMiB) })}</DrawerField> : null}
      <DrawerField label={t('inventory.field.firstSeen')} title={asset.firstSeen}>
        {formats.dateTime(asset.firstSeen)}
      </DrawerField>
      <DrawerField label={t('inventory.field.lastSeen')} title={asset.lastSeen}>
        {formats.dateTime(asset.lastSeen)}
      </DrawerField>
    </DrawerFields>
  );
}
