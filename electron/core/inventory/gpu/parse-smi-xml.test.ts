import { describe, expect, it } from 'vitest';
import { readFixture } from '../../../../test/support/fake-nvidia-smi';
import { dropSections, parseSmiXml } from './parse-smi-xml';

const MINIMAL = '<nvidia_smi_log><driver_version>1</driver_version><gpu id="0"><serial>1</serial></gpu></nvidia_smi_log>';

describe('parseSmiXml', () => {
  it('parses a report with a DOCTYPE (v11-v13) and one without (R418)', () => {
    const withDoctype = parseSmiXml(readFixture('telegraf__a100-sxm4-v12.xml'));
    const withoutDoctype = parseSmiXml(readFixture('telegraf__quadro-p400.xml'));
    expect(withDoctype.ok && withoutDoctype.ok).toBe(true);
    if (withDoctype.ok) expect(withDoctype.log.driver_version).toBe('535.54.03');
    if (withoutDoctype.ok) expect(withoutDoctype.log.driver_version).toBe('418.43');
  });

  it('always gives arrays for GPUs, processes and MIG devices, and keeps values as strings', () => {
    const parsed = parseSmiXml(readFixture('telegraf__a100-sxm4-v12.xml'));
    if (!parsed.ok) throw new Error(parsed.error);
    const gpus = parsed.log.gpu as Record<string, unknown>[];
    expect(Array.isArray(gpus)).toBe(true);
    expect(gpus).toHaveLength(1);
    const mig = (gpus[0]!.mig_devices as { mig_device: unknown[] }).mig_device;
    expect(mig).toHaveLength(4);
    expect(gpus[0]!.serial).toBe('1650522003820');
    expect(gpus[0]!['@_id']).toBe('00000000:01:00.0');
  });

  it('refuses a report cut short, even though the XML library alone would return half of it', () => {
    const xml = readFixture('datakit__gtx-8card.xml');
    const cut = parseSmiXml(xml.slice(0, Math.floor(xml.length / 2)));
    expect(cut).toEqual({ ok: false, error: 'the output ends before </nvidia_smi_log> (truncated)' });
  });

  it('refuses mismatched tags, empty and foreign documents with a reason', () => {
    expect(parseSmiXml('<nvidia_smi_log><gpu></pci></gpu></nvidia_smi_log>')).toMatchObject({ ok: false, error: expect.stringMatching(/^malformed XML at line 1/) });
    expect(parseSmiXml('')).toMatchObject({ ok: false, error: expect.stringContaining('no <nvidia_smi_log>') });
    expect(parseSmiXml('<nvidia_smi_log></nvidia_smi_log>')).toMatchObject({ ok: false, error: '<nvidia_smi_log> is empty' });
    expect(parseSmiXml('<html><body>Bad gateway</body></html>')).toMatchObject({ ok: false });
  });

  it('never expands entities declared in a DOCTYPE: no billion laughs, no external entity', () => {
    const doctype = (entities: string) => `<?xml version="1.0"?>\n<!DOCTYPE nvidia_smi_log [${entities}]>\n`;
    const laughs = parseSmiXml(
      `${doctype('<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">')}<nvidia_smi_log><driver_version>&lol2;</driver_version><gpu id="0"><product_name>&lol2;</product_name></gpu></nvidia_smi_log>`,
    );
    expect(laughs.ok).toBe(true);
    if (laughs.ok) expect(laughs.log.driver_version).toBe('&lol2;');
    const external = parseSmiXml(`${doctype('<!ENTITY xxe SYSTEM "file:///etc/passwd">')}<nvidia_smi_log><driver_version>&xxe;</driver_version></nvidia_smi_log>`);
    expect(external).toMatchObject({ ok: false, error: expect.stringContaining('External entities are not supported') });
  });

  it('drops the sections it never reads in one pass, and leaves an unclosed one for the validator', () => {
    expect(dropSections('<a><supported_clocks><x/></supported_clocks><b>1</b><supported_clocks>y</supported_clocks></a>', ['supported_clocks'])).toBe('<a><b>1</b></a>');
    expect(dropSections('<a><supported_clocks><x/>', ['supported_clocks'])).toBe('<a><supported_clocks><x/>');
    expect(parseSmiXml(MINIMAL.replace('</gpu>', '<supported_clocks><value>1 MHz</value></gpu>'))).toMatchObject({ ok: false });
    // Linear even on a hostile input: thousands of openings without a close.
    const hostile = `<nvidia_smi_log>${'<supported_clocks>'.repeat(50_000)}</nvidia_smi_log>`;
    const started = performance.now();
    expect(parseSmiXml(hostile).ok).toBe(false);
    expect(performance.now() - started).toBeLessThan(2_000);
  });
});
