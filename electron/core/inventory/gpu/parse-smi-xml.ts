import { XMLParser, XMLValidator } from 'fast-xml-parser';

export type SmiXmlParse = { ok: true; log: Record<string, unknown> } | { ok: false; error: string };

// Elements that may appear once or many times: always arrays, so one GPU and eight GPUs (or one
// process and four) come out in the same shape.
const REPEATED = new Set(['gpu', 'process_info', 'mig_device']);

// Sections we never read. supported_clocks alone is 60-70 % of the output of a big server (one
// line per clock pair per GPU); dropping them before validation and parsing is most of our speed.
const UNREAD_SECTIONS = ['supported_clocks', 'accounted_processes'];

const ROOT = 'nvidia_smi_log';

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  // Keep every value a string: serials like 0324418086185 would lose their leading zero as numbers.
  parseTagValue: false,
  parseAttributeValue: false,
  // No entity expansion at all (no DTD-declared entities, no surprises); the five XML entities are
  // decoded by smi-values.text() on the strings we keep.
  processEntities: false,
  htmlEntities: false,
  ignoreDeclaration: true,
  ignorePiTags: true,
  trimValues: true,
  isArray: (tagName) => REPEATED.has(tagName),
});

/** Removes `<name>…</name>` blocks in one linear pass; an unclosed block is left for the validator. */
export function dropSections(xml: string, names: readonly string[]): string {
  let out = xml;
  for (const name of names) {
    const open = `<${name}>`;
    const close = `</${name}>`;
    if (!out.includes(open)) continue;
    const parts: string[] = [];
    let from = 0;
    for (;;) {
      const start = out.indexOf(open, from);
      if (start === -1) break;
      const end = out.indexOf(close, start + open.length);
      if (end === -1) break;
      parts.push(out.slice(from, start));
      from = end + close.length;
    }
    parts.push(out.slice(from));
    out = parts.join('');
  }
  return out;
}

/**
 * Validates and parses `nvidia-smi -q -x` output, DOCTYPE or not. fast-xml-parser alone is
 * lenient (it returns a partial tree for a truncated document), so the text is validated first
 * and must end with the closing root tag: a read cut short is unparsable, never half a server.
 */
export function parseSmiXml(output: string): SmiXmlParse {
  const xml = output.trim();
  if (!xml.includes(`<${ROOT}`)) return { ok: false, error: `no <${ROOT}> element in the output` };
  if (!xml.endsWith(`</${ROOT}>`)) return { ok: false, error: `the output ends before </${ROOT}> (truncated)` };
  const kept = dropSections(xml, UNREAD_SECTIONS);
  const valid = XMLValidator.validate(kept);
  if (valid !== true) return { ok: false, error: `malformed XML at line ${valid.err.line}, column ${valid.err.col}: ${valid.err.msg}` };
  let tree: unknown;
  try {
    tree = parser.parse(kept);
  } catch (error) {
    return { ok: false, error: `malformed XML: ${(error as Error).message}` };
  }
  const log = (tree as Record<string, unknown> | null)?.[ROOT];
  if (log === '' || log === undefined) return { ok: false, error: `<${ROOT}> is empty` };
  if (log === null || typeof log !== 'object' || Array.isArray(log)) return { ok: false, error: `<${ROOT}> is not an element` };
  return { ok: true, log: log as Record<string, unknown> };
}
