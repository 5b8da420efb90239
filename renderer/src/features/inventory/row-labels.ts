import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { AssetSummary } from '../../../../electron/contract/schemas/assets';
import { evidenceBadgeLabels, type EvidenceBadgeLabels } from '../gpu-evidence/evidence-labels';
import { ASSET_KINDS, ASSET_STATUSES, describeReasons, HEALTH_STATUSES } from './health-labels';

/**
 * Every word a table row shows, translated once per language. Rows then take plain strings:
 * a fast scroll mounts ~30 new rows a frame, and a translation hook in each row and chip
 * (three per row) was measurable there.
 */
export interface RowLabels {
  kind: Record<AssetSummary['kind'], string>;
  status: Record<AssetSummary['status'], string>;
  health: Record<AssetSummary['health']['status'], string>;
  /** The health chip's tooltip: the status and each reason spelled out. */
  healthTitle(health: AssetSummary['health']): string;
  /** The hardware-evidence badge of GPU rows (gpu-evidence/EvidenceBadge.tsx). */
  evidence: EvidenceBadgeLabels;
}

export function useRowLabels(): RowLabels {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? i18n.language;
  return useMemo(() => {
    const kind = Object.fromEntries(ASSET_KINDS.map((value) => [value, t(`inventory.kind.${value}`)])) as RowLabels['kind'];
    const status = Object.fromEntries(ASSET_STATUSES.map((value) => [value, t(`inventory.status.${value}`)])) as RowLabels['status'];
    const health = Object.fromEntries(HEALTH_STATUSES.map((value) => [value, t(`inventory.health.${value}`)])) as RowLabels['health'];
    const healthTitle = (value: AssetSummary['health']): string => {
      const reasons = describeReasons(value.reasons, (key) => t(key));
      const name = health[value.status];
      return reasons.length > 0 ? t('inventory.healthTitle', { status: name, reasons: reasons.map((reason) => reason.label).join(', ') }) : t('inventory.healthTitleNone', { status: name });
    };
    return { kind, status, health, healthTitle, evidence: evidenceBadgeLabels(t) };
    // The language is what changes t's output; t itself may keep its identity.
  }, [t, language]);
}
