import { useTranslation } from 'react-i18next';
import type { AssetDetail } from '../../../../electron/contract/schemas/assets';
import { Missing } from '../../ui/Missing';
import { AssetSparkline } from './AssetSparkline';
import type { CellFormats } from './cell-formats';
import { DrawerField, DrawerFields } from './DrawerFields';

/** The latest readings, how many processes run on the GPU, and the sparkline. */
export function AssetActivity({ detail, formats }: { detail: AssetDetail; formats: CellFormats }) {
  const { t } = useTranslation();
  const { asset } = detail;
  const reading = (value: number | null, key: 'percent' | 'watts' | 'celsius') => (value === null ? <Missing /> : t(`inventory.reading.${key}`, { value: formats.reading(value) }));
  return (
    <>
      <DrawerFields testId="inventory-activity">
        <DrawerField label={t('inventory.field.utilization')}>{reading(asset.utilizationGpuPct, 'percent')}</DrawerField>
        <DrawerField label={t('inventory.field.power')}>{reading(asset.powerDrawW, 'watts')}</DrawerField>
        <DrawerField label={t('inventory.field.temperature')}>{reading(asset.temperatureC, 'celsius')}</DrawerField>
        <DrawerField label={t('inventory.field.processes')} testId="inventory-processes">
          {formats.integer(detail.processes)}
        </DrawerField>
      </DrawerFields>
      <AssetSparkline samples={detail.samples} formats={formats} />
    </>
  );
}
