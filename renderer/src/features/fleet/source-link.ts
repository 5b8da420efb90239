/**
 * Links from elsewhere (the Inventory page's source chips) to the fleet sources in Settings:
 * `#/settings/sources` for the section, `#/settings/sources/<source id>` for one source. The
 * router reads only the first segment (the page); the rest is for the Settings page.
 */
export function sourceLink(id?: string): string {
  return id === undefined ? '#/settings/sources' : `#/settings/sources/${encodeURIComponent(id)}`;
}

/** What a hash points at: nothing of ours, the section, or one source. */
export function sourceLinkTarget(hash: string): { section: false } | { section: true; id: string | null } {
  const match = /^#?\/*settings\/sources(?:\/([^/?#]*))?\/?$/i.exec(hash);
  if (!match) return { section: false };
  const raw = match[1] ?? '';
  if (raw === '') return { section: true, id: null };
  try {
    return { section: true, id: decodeURIComponent(raw) };
  } catch {
    return { section: true, id: null };
  }
}
