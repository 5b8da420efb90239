// Captures to replay. An `.xml` file is one `nvidia-smi -q -x` report. A `.txt` file is a
// multi-section capture: a header, then sections, each announced by a line of 80 '#', a title
// line "# <phase> :: <what>", a line "# $ <command>" and another line of '#', then the output.

import { readFileSync } from 'node:fs';

const RULE = /^#{80}\s*$/;

/** Splits a multi-section capture into { phase, command, body }. */
export function sections(text) {
  const lines = text.split(/\r?\n/);
  const found = [];
  for (let i = 0; i < lines.length; i++) {
    const command = /^# \$ (.*)$/.exec(lines[i]);
    if (!command) continue;
    const title = /^# (.*?) :: /.exec(lines[i - 1] ?? '');
    let start = i + 1;
    if (RULE.test(lines[start] ?? '')) start++;
    let end = start;
    while (end < lines.length && !RULE.test(lines[end])) end++;
    const body = lines.slice(start, end).join('\n').replace(/\s+$/, '');
    found.push({ phase: title ? title[1] : null, command: command[1].trim(), body });
  }
  return found;
}

export function loadCapture(file) {
  const text = readFileSync(file, 'utf8');
  return file.toLowerCase().endsWith('.xml') ? { kind: 'xml', xml: text } : { kind: 'sections', sections: sections(text) };
}

/**
 * The section to print for a command: `phase` when asked (SIETCH_FAKE_SMI_PHASE), else the last
 * non-empty one — captures take "idle" first and "load" last, and load is the livelier.
 */
export function findSection(all, matches, phase) {
  const candidates = all.filter((section) => matches(section.command) && section.body !== '');
  const inPhase = phase ? candidates.filter((section) => section.phase === phase) : candidates;
  return inPhase[inPhase.length - 1] ?? null;
}
