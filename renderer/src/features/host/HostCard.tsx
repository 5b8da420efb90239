import { useTranslation } from 'react-i18next';
import type { HostInventory } from '../../../../electron/contract/schemas/host';
import { useClient } from '../../client/client-context';
import { formatDateTime, formatDecimal, formatGibNumber, formatInteger } from '../../i18n/format';
import { Card } from '../../ui/Card';
import { EmptyState } from '../../ui/EmptyState';
import { Field, Fields } from '../../ui/Fields';
import { orMissing } from '../../ui/Missing';
import { useLanguage } from '../../ui/use-language';
import { cpuName, EM_DASH, hostMakeAndModel, hostSerial, osName } from './host-display';
import { HostDisksTable } from './HostDisksTable';
import { HostNetworkTable } from './HostNetworkTable';
import { refreshHostInventory, useHostStore } from './store';

export function HostCard() {
  const { t } = useTranslation();
  const language = useLanguage();
  const client = useClient();
  const { inventory, refreshing, loading } = useHostStore();

  const actions = (
    <>
      {inventory ? (
        <span className="card-meta" data-testid="host-collected-at" title={inventory.collectedAt}>
          {t('host.collectedAt', { time: formatDateTime(inventory.collectedAt, language) })}
        </span>
      ) : null}
      {/* aria-disabled, not disabled: a disabled button drops keyboard focus mid-sweep. The store ignores repeat presses. */}
      <button type="button" className="button" data-testid="host-refresh" onClick={() => void refreshHostInventory(client)} aria-disabled={refreshing} aria-busy={refreshing}>
        {refreshing ? <span className="spinner" aria-hidden="true" /> : null}
        {refreshing ? t('host.refreshing') : t('host.refresh')}
      </button>
    </>
  );

  return (
    <Card title={t('host.title')} actions={actions} className="host-card" testId="host-card">
      {inventory === undefined ? (
        <p className="muted" data-testid="host-loading">
          {loading ? t('common.loading') : t('common.unavailable')}
        </p>
      ) : inventory === null ? (
        <EmptyState testId="host-empty">{t('host.empty')}</EmptyState>
      ) : (
        <HostDetails inventory={inventory} language={language} />
      )}
    </Card>
  );
}

function HostDetails({ inventory, language }: { inventory: HostInventory; language: string }) {
  const { t } = useTranslation();
  const serial = hostSerial(inventory);
  const { manufacturer, model } = hostMakeAndModel(inventory);
  const { cpu, os } = inventory;
  return (
    <>
      <Fields>
        <Field label={t('host.field.assetId')} testId="host-asset-id" mono note={<span data-testid="host-id-source">{t(`host.idSource.${inventory.idSource}`)}</span>}>
          {inventory.assetId}
        </Field>
        <Field label={t('host.field.hostname')} testId="host-hostname" mono>
          {inventory.hostname}
        </Field>
        <Field label={t('host.field.manufacturer')} testId="host-manufacturer" note={inventory.system.virtual ? <span className="tag">{t('host.virtualMachine')}</span> : null}>
          {orMissing(manufacturer)}
        </Field>
        <Field label={t('host.field.model')} testId="host-model">
          {orMissing(model)}
        </Field>
        <Field
          label={t('host.field.serial')}
          testId="host-serial"
          mono
          note={serial === null ? <span data-testid="host-serial-note">{t('host.serialNone')}</span> : serial.source === 'baseboard' ? t('host.serialFromBaseboard') : null}
        >
          {serial?.serial ?? EM_DASH}
        </Field>
        <Field label={t('host.field.uuid')} testId="host-uuid" mono>
          {orMissing(inventory.system.uuid)}
        </Field>
        <Field label={t('host.field.cpu')} testId="host-cpu">
          {orMissing(cpuName(cpu))}
          <span className="field-sub">
            {t('host.cpuCores', { cores: formatInteger(cpu.cores, language), physicalCores: formatInteger(cpu.physicalCores, language), sockets: formatInteger(cpu.sockets, language) })}
            {cpu.speedGHz ? ` · ${t('units.ghz', { value: formatDecimal(cpu.speedGHz, language, 2) })}` : null}
          </span>
        </Field>
        <Field label={t('host.field.memory')} testId="host-memory" title={`${formatInteger(inventory.memory.totalBytes, language)} B`}>
          {t('units.gib', { value: formatGibNumber(inventory.memory.totalBytes, language) })}
        </Field>
        <Field label={t('host.field.os')} testId="host-os">
          {osName(os)}
          <span className="field-sub">
            {os.kernel ? `${t('host.osKernel', { kernel: os.kernel })} · ` : null}
            {os.arch}
          </span>
        </Field>
      </Fields>
      <HostDisksTable disks={inventory.disks} />
      <HostNetworkTable interfaces={inventory.network} />
    </>
  );
}
