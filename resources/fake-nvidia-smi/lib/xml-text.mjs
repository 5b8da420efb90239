// Small string helpers for reading and writing nvidia-smi's XML without an XML library (the
// simulator has no dependencies). Good enough for nvidia-smi's own, regular output only.

export function escapeXml(value) {
  return String(value).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function unescapeXml(value) {
  return value.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');
}

/** The text between `<tag ...>` and its `</tag>`, first occurrence from `from`; null when absent. */
export function inner(xml, tag, from = 0) {
  const open = new RegExp(`<${tag}(?:\\s[^>]*)?>`, 'g');
  open.lastIndex = from;
  const start = open.exec(xml);
  if (!start) return null;
  const end = xml.indexOf(`</${tag}>`, open.lastIndex);
  return end === -1 ? null : xml.slice(open.lastIndex, end);
}

/** Follows a path of nested tags: pick(gpu, ['fb_memory_usage', 'total']) → "81559 MiB". */
export function pick(xml, path) {
  let scope = xml;
  for (const tag of path) {
    scope = inner(scope, tag);
    if (scope === null) return null;
  }
  return unescapeXml(scope.trim());
}

/** Every `<gpu id="…">…</gpu>` block, in order. */
export function gpuBlocks(xml) {
  const blocks = [];
  const open = /<gpu id="([^"]*)">/g;
  let match;
  while ((match = open.exec(xml))) {
    const end = xml.indexOf('</gpu>', open.lastIndex);
    if (end === -1) break;
    blocks.push({ id: match[1], start: match.index, end: end + '</gpu>'.length, body: xml.slice(open.lastIndex, end) });
    open.lastIndex = end;
  }
  return blocks;
}

/** The block without the sections whose tags would shadow the GPU's own (MIG devices have fb_memory_usage too). */
export function withoutChildren(block) {
  return block.replace(/<mig_devices>[\s\S]*?<\/mig_devices>/, '').replace(/<processes>[\s\S]*?<\/processes>/, '');
}
