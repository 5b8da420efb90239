import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { CellFormats } from './cell-formats';
import type { GroupLabels } from './InventoryGroupRow';
import { ASSET_KINDS, HEALTH_STATUSES } from './health-labels';

/** The group headers' words in the current language, built once per language (not per header). */
export function useGroupLabels(formats: CellFormats): GroupLabels {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? i18n.language;
  return useMemo(() => {
    const count = (kind: (typeof ASSET_KINDS)[number], n: number) => (n === 1 ? t(`inventory.group.one.${kind}`) : t(`inventory.group.many.${kind}`, { n: formats.integer(n) }));
    const contents: GroupLabels['contents'] = (kinds) =>
      ASSET_KINDS.filter((kind) => kinds[kind] > 0)
        .map((kind) => count(kind, kinds[kind]))
        .join(' · ');
    return {
      noHost: t('inventory.group.noHost'),
      noSite: t('inventory.group.noSite'),
      contents,
      missing: (n) => t('inventory.group.missing', { n: formats.integer(n) }),
      title: (group, name) =>
        t('inventory.group.title', {
          name,
          contents: contents(group.kinds),
          health: HEALTH_STATUSES.filter((status) => group.health[status] > 0)
            .map((status) => `${formats.integer(group.health[status])} ${t(`inventory.health.${status}`)}`)
            .join(', '),
        }),
    };
    // The language is what changes t's output; t itself may keep its identity.
  }, [t, language, formats]);
}
