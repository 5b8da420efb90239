import { describe, expect, it } from 'vitest';
import { pageFromHash } from '../../app/routes';
import { sourceLink, sourceLinkTarget } from './source-link';

describe('links to the fleet sources', () => {
  it('round-trip any source id, config ones with spaces and colons included', () => {
    for (const id of ['src_3f1c9a2e-1b7d-4c55-9c1e-2a1f0b9d8e77', 'config:Paris DC #2', 'config:é/ü']) {
      expect(sourceLinkTarget(sourceLink(id))).toEqual({ section: true, id });
      // The router still opens the Settings page for it.
      expect(pageFromHash(sourceLink(id))).toBe('settings');
    }
    expect(sourceLinkTarget(sourceLink())).toEqual({ section: true, id: null });
  });

  it('ignore other hashes and survive a bad escape', () => {
    expect(sourceLinkTarget('#/settings')).toEqual({ section: false });
    expect(sourceLinkTarget('#/inventory/sources/x')).toEqual({ section: false });
    expect(sourceLinkTarget('#/settings/sources/%E0%A4%A')).toEqual({ section: true, id: null });
  });
});
