// The simulator's entry: reads its environment, picks a source (a capture or the generated
// server), applies a failure mode, and answers the command. docs/nvidia-smi.md lists the variables.

import { appendFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from './args.mjs';
import { findSection, loadCapture } from './capture.mjs';
import { formatCsv, selectCapturedColumns } from './csv.mjs';
import { DRIVER_NOT_LOADED, garbage, hangForever, STDERR_WARNING, truncate } from './modes.mjs';
import { simulatedServerXml } from './simulated-server.mjs';
import { textReportToXml } from './text-to-xml.mjs';
import { varyXml } from './vary.mjs';
import { listGpus, queryRows } from './xml-records.mjs';
import { pick } from './xml-text.mjs';

const HUGE_GPU_COUNT = 96;

const command = (suffix) => (line) => line === `nvidia-smi${suffix}`;
const queryCommand = (line) => line.startsWith('nvidia-smi --query-gpu=');

/** The source of truth for one run: `xml` always, and the captured sections when there are some. */
function openSource(env, timeMs) {
  const mode = env.SIETCH_FAKE_SMI_MODE ?? '';
  const vary = env.SIETCH_FAKE_SMI_VARY === '1';
  if (mode === 'huge') return { xml: simulatedServerXml(Number(env.SIETCH_FAKE_SMI_GPUS) || HUGE_GPU_COUNT, timeMs), sections: null };
  if (!env.SIETCH_FAKE_SMI_CAPTURE) return { xml: simulatedServerXml(Number(env.SIETCH_FAKE_SMI_GPUS) || 8, timeMs), sections: null };
  const capture = loadCapture(path.resolve(env.SIETCH_FAKE_SMI_CAPTURE));
  if (capture.kind === 'xml') return { xml: vary ? varyXml(capture.xml, timeMs) : capture.xml, sections: null, vary };
  const phase = env.SIETCH_FAKE_SMI_PHASE || null;
  const xmlSection = findSection(capture.sections, command(' -q -x'), phase);
  const textSection = findSection(capture.sections, command(' -q'), phase);
  const xml = xmlSection ? xmlSection.body : textSection ? textReportToXml(textSection.body) : null;
  return { xml: xml && vary ? varyXml(xml, timeMs) : xml, sections: capture.sections, phase, vary };
}

function answer(request, source, timeMs) {
  const out = (stdout, code = 0) => ({ stdout, stderr: '', code });
  const section = (matches) => (source.sections ? findSection(source.sections, matches, source.phase) : null);
  switch (request.kind) {
    case 'invalid':
      return out(`${request.message}\n`, 2);
    case 'help':
      return out('Sietch simulated nvidia-smi: answers -q -x, -q (text captures), -L, --query-gpu=... --format=csv[,noheader][,nounits], --version.\n');
    case 'xml':
      return source.xml ? out(source.xml) : { stdout: '', stderr: 'this capture has no -q or -q -x section\n', code: 2 };
    case 'text': {
      const found = section(command(' -q'));
      return found ? out(`${found.body}\n`) : { stdout: '', stderr: 'the simulator prints -q text only from a capture that has it; use -q -x\n', code: 2 };
    }
    case 'list': {
      const found = section(command(' -L'));
      if (found) return out(`${found.body}\n`);
      return source.xml ? out(`${listGpus(source.xml).join('\n')}\n`) : out('No devices were found\n', 6);
    }
    case 'query': {
      const captured = section(queryCommand);
      const selected = captured ? selectCapturedColumns(captured.body, request.fields, source.vary ? { timeMs } : null) : source.xml ? queryRows(source.xml, request.fields, new Date(timeMs)) : null;
      if (!selected) return out('No devices were found\n', 6);
      if (selected.invalidField) return out(`Field "${selected.invalidField}" is not a valid field to query.\n\n`, 2);
      return out(formatCsv(request.fields, selected.rows, request));
    }
    case 'version': {
      const found = section(command(' --version'));
      if (found) return out(`${found.body}\n`);
      const driver = source.xml ? pick(source.xml, ['driver_version']) : 'N/A';
      return out(`NVIDIA-SMI version  : ${driver}\nDRIVER version      : ${driver}\nCUDA Version        : ${source.xml ? pick(source.xml, ['cuda_version']) : 'N/A'}\n`);
    }
    case 'table': {
      const found = section(command(''));
      if (found) return out(`${found.body}\n`);
      const lines = source.xml ? listGpus(source.xml) : [];
      return out(`Sietch simulated nvidia-smi (driver ${source.xml ? pick(source.xml, ['driver_version']) : 'N/A'})\n${lines.join('\n')}\n`);
    }
  }
  return out('', 2);
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Runs one invocation; resolves with the exit code (never, in hang mode). */
export async function main(argv, env) {
  if (env.SIETCH_FAKE_SMI_COUNTER) appendFileSync(env.SIETCH_FAKE_SMI_COUNTER, `${process.pid} ${argv.join(' ')}\n`);
  const delay = Number(env.SIETCH_FAKE_SMI_DELAY_MS);
  if (delay > 0) await sleep(delay);
  const mode = env.SIETCH_FAKE_SMI_MODE ?? '';
  if (mode === 'hang') return new Promise(hangForever);
  if (mode === 'exit9') {
    process.stdout.write(DRIVER_NOT_LOADED);
    return 9;
  }
  if (mode === 'no-devices') {
    process.stdout.write('No devices were found\n');
    return 6;
  }
  const request = parseArgs(argv);
  if (mode === 'query-unsupported' && request.kind === 'query') {
    process.stdout.write(`Invalid combination of input arguments. Please run 'nvidia-smi -h' for help.\n`);
    return 2;
  }
  if (mode === 'garbage' && request.kind === 'xml') {
    process.stdout.write(garbage());
    return 0;
  }
  const timeMs = Number(env.SIETCH_FAKE_SMI_TIME) || Date.now();
  const source = openSource(env, timeMs);
  const result = answer(request, source, timeMs);
  const stdout = mode === 'truncated' && request.kind === 'xml' ? truncate(result.stdout) : result.stdout;
  process.stdout.write(stdout);
  if (result.stderr) process.stderr.write(result.stderr);
  if (mode === 'stderr-warning') process.stderr.write(STDERR_WARNING);
  return result.code;
}
