import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { basename, extname, join, relative, resolve } from 'node:path';

/**
 * Electronegativity (Doyensec's Electron security linter) over our Electron code, twice: the
 * TypeScript sources in electron/ and the JavaScript that actually ships (out/main, out/preload).
 * Zero findings is the bar. Three ways a linter like this can pass without looking are closed:
 * a file it cannot parse (it only logs those: here they fail the test), a file whose extension
 * it silently skips (.cjs, .mjs: the built preload is .cjs, so it is scanned under a .js name),
 * and a broken harness (control scans of an insecure app and of an unparsable file must fail).
 */

const require = createRequire(import.meta.url);
const ROOT = resolve(import.meta.dirname, '../..');

interface Issue {
  id: string;
  file: string;
  location: { line: number; column: number };
  sample?: string;
  description: string;
  manualReview: boolean;
  severity: { name: string };
  confidence: { name: string };
}
interface ParseError {
  file: string;
  message: string;
  tolerable: boolean;
}
interface ScanResult {
  globalChecks: number;
  atomicChecks: number;
  errors: ParseError[];
  issues: Issue[];
}
interface SarifLog {
  runs: { results: { ruleId: string; locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }[] }[] }[];
}

const runElectronegativity = require('@doyensec/electronegativity') as (options: Record<string, unknown>) => Promise<ScanResult>;
const { CHECKS } = require('@doyensec/electronegativity/dist/finder/checks/AtomicChecks') as { CHECKS: { name: string }[] };
const { GLOBAL_CHECKS } = require('@doyensec/electronegativity/dist/finder/checks/GlobalChecks') as { GLOBAL_CHECKS: { name: string }[] };
const ELECTRON_VERSION = (require('electron/package.json') as { version: string }).version;

/**
 * The only checks left out, and why. Both are about Electron releases, not about our code:
 * - AvailableSecurityFixesGlobalCheck downloads Electron's release list from GitHub to say
 *   whether a newer patch release fixes security bugs. No network here, and the answer changes
 *   with time, not with our code (keeping Electron current is Renovate's/the lead's job).
 * - ElectronVersionJSONCheck does nothing but read the Electron version out of package.json
 *   for the check above; left alone it reports "Electron X is used" as a finding.
 */
const EXCLUDED_CHECKS = { AvailableSecurityFixesGlobalCheck: 'needs the network (GitHub release list)', ElectronVersionJSONCheck: 'only feeds AvailableSecurityFixesGlobalCheck' };

/**
 * Findings reviewed by a person and marked in the source with the tool's own
 * `// eng-disable CHECK_ID: reason` comment. Each must be listed here, so none is added quietly.
 */
const REVIEWED = [
  {
    file: 'electron/main/window.ts',
    check: 'PRELOAD_JS_CHECK',
    why: 'any preload is flagged for review; ours exposes only invoke and subscribe (asserted in ipc-bridge.test.ts)',
  },
];

/** Extensions the tool parses; anything else in the tree is skipped without a word. */
const PARSED = new Set(['.js', '.jsx', '.ts', '.tsx', '.html', '.htm', '.json']);
const SKIPPED_CODE = new Set(['.cjs', '.mjs', '.cts', '.mts']);
const ENG_DISABLE = /(?:\/\*|\/\/)[ \t]*eng-disable[ \t]+([\w \t]+)/i; // the tool's own pattern

const scratch = mkdtempSync(join(tmpdir(), 'sietch-electronegativity-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    return entry.isDirectory() ? (entry.name === 'node_modules' ? [] : filesUnder(path)) : [path];
  });
}

function newestMtime(dirs: string[]): number {
  return Math.max(...dirs.flatMap((dir) => filesUnder(join(ROOT, dir))).map((file) => statSync(file).mtimeMs));
}

async function readSarif(file: string): Promise<SarifLog> {
  // The tool writes its report with an asynchronous fs.writeFile after run() has returned.
  for (let attempt = 0; attempt < 100; attempt += 1) {
    try {
      return JSON.parse(readFileSync(file, 'utf8')) as SarifLog;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
  throw new Error(`electronegativity wrote no readable SARIF report at ${file}`);
}

async function scan(input: string, name: string): Promise<ScanResult & { sarif: SarifLog }> {
  const output = join(scratch, `${name}.sarif`);
  const result = await runElectronegativity({
    input,
    output,
    isSarif: true,
    customScan: [],
    excludeFromScan: Object.keys(EXCLUDED_CHECKS).map((check) => check.toLowerCase()),
    severitySet: 'informational',
    confidenceSet: 'tentative',
    isRelative: false,
    parserPlugins: [],
    electronVersionOverride: ELECTRON_VERSION,
  });
  return { ...result, sarif: await readSarif(output) };
}

function describeIssue(issue: Issue): string {
  return `${issue.id} ${issue.severity.name}/${issue.confidence.name} at ${relative(ROOT, issue.file)}:${issue.location.line} — ${issue.sample?.trim() ?? issue.description}`;
}

/** The reviewed-in-source markers actually present, with the code line each one sits on. */
function reviewedMarkers(dir: string): { file: string; check: string; code: string }[] {
  return filesUnder(join(ROOT, dir)).flatMap((file) =>
    readFileSync(file, 'utf8')
      .split('\n')
      .flatMap((line) => {
        const match = ENG_DISABLE.exec(line);
        if (!match) return [];
        const code = line.slice(0, match.index).trim();
        return match[1]!.trim().split(/[\s,]+/).map((check) => ({ file: relative(ROOT, file), check: check.toUpperCase(), code }));
      }),
  );
}

beforeAll(() => {
  // Build main and preload when out/ is missing or older than what it is built from. The
  // renderer part of the build may fail while it is being written; main and preload come first.
  const built = [join(ROOT, 'out/main/index.js'), join(ROOT, 'out/preload/index.cjs')];
  const sources = newestMtime(['electron/main', 'electron/preload', 'electron/contract', 'electron/core']);
  if (built.some((file) => !existsSync(file) || statSync(file).mtimeMs < sources)) {
    spawnSync('npx', ['electron-vite', 'build', '--logLevel', 'warn'], { cwd: ROOT, stdio: 'ignore', env: { ...process.env, ELECTRON_SKIP_BINARY_DOWNLOAD: '1' }, timeout: 120_000 });
  }
  for (const file of built) {
    expect(existsSync(file), `${relative(ROOT, file)} was not built`).toBe(true);
    expect(statSync(file).mtimeMs, `${relative(ROOT, file)} is older than its sources`).toBeGreaterThanOrEqual(sources);
  }
});

describe('electronegativity harness', () => {
  it('leaves out only checks that exist (a misspelt name would make the tool exit the process)', () => {
    const known = new Set([...CHECKS, ...GLOBAL_CHECKS].map((check) => check.name));
    for (const check of Object.keys(EXCLUDED_CHECKS)) expect(known.has(check), check).toBe(true);
  });

  it('finds the problems of an insecure app (control)', async () => {
    const dir = join(scratch, 'insecure-app');
    mkdirSync(dir);
    writeFileSync(
      join(dir, 'main.js'),
      "const { BrowserWindow, shell } = require('electron');\nconst win = new BrowserWindow({ webPreferences: { nodeIntegration: true, contextIsolation: false, sandbox: false, webSecurity: false } });\nwin.loadURL('http://example.com/');\nshell.openExternal(process.argv[2]);\n",
    );
    const result = await scan(dir, 'insecure-app');
    const ids = new Set(result.issues.map((issue) => issue.id));
    for (const id of ['CONTEXT_ISOLATION_JS_CHECK', 'SANDBOX_JS_CHECK', 'WEB_SECURITY_JS_CHECK', 'HTTP_RESOURCES_JS_CHECK', 'OPEN_EXTERNAL_JS_CHECK', 'LIMIT_NAVIGATION_GLOBAL_CHECK', 'CSP_GLOBAL_CHECK', 'PERMISSION_REQUEST_HANDLER_GLOBAL_CHECK']) expect(ids, id).toContain(id);
    expect(result.sarif.runs[0]!.results.length).toBe(result.issues.length);
  });

  it('reports a file it cannot parse (control)', async () => {
    const dir = join(scratch, 'unparsable');
    mkdirSync(dir);
    writeFileSync(join(dir, 'main.ts'), 'const = ;\nfunction (\n');
    const result = await scan(dir, 'unparsable');
    expect(result.errors.map((error) => basename(error.file))).toContain('main.ts');
  });
});

describe('electronegativity over Sietch', () => {
  it('has exactly the reviewed eng-disable markers, each on the line it reviews', () => {
    const markers = reviewedMarkers('electron');
    expect(markers.map(({ file, check }) => ({ file, check }))).toEqual(REVIEWED.map(({ file, check }) => ({ file, check })));
    for (const marker of markers) expect(marker.code, `${marker.file}: an eng-disable marker must sit on the flagged line, not disable a whole file`).not.toBe('');
  });

  it('the TypeScript sources in electron/: every file parsed, 0 findings', async () => {
    const files = filesUnder(join(ROOT, 'electron'));
    expect(files.filter((file) => SKIPPED_CODE.has(extname(file))).map((file) => relative(ROOT, file)), 'files the tool would skip silently').toEqual([]);
    expect(files.filter((file) => PARSED.has(extname(file))).length).toBeGreaterThan(20);

    const result = await scan(join(ROOT, 'electron'), 'sources');
    expect(result.atomicChecks).toBeGreaterThan(30);
    expect(result.errors.map((error) => `${relative(ROOT, error.file)}: ${error.message}`), 'files electronegativity could not parse').toEqual([]);
    expect(result.issues.map(describeIssue)).toEqual([]);
    expect(result.sarif.runs[0]!.results).toEqual([]);
  });

  it('the built out/main and out/preload (what ships): every file parsed, 0 findings beyond the reviewed ones', async () => {
    // The tool ignores .cjs files: the preload is scanned under a .js name. package.json comes
    // along so that the checks on Electron command-line switches in npm scripts run too.
    const staged = join(scratch, 'built');
    for (const target of ['main', 'preload']) {
      mkdirSync(join(staged, target), { recursive: true });
      for (const file of filesUnder(join(ROOT, 'out', target))) {
        const ext = extname(file);
        if (ext === '.map') continue;
        expect(['.js', '.cjs', '.mjs'], `unexpected build output ${relative(ROOT, file)}`).toContain(ext);
        copyFileSync(file, join(staged, target, `${basename(file, ext)}.js`));
      }
    }
    copyFileSync(join(ROOT, 'package.json'), join(staged, 'package.json'));

    const result = await scan(staged, 'built');
    expect(result.errors.map((error) => `${relative(staged, error.file)}: ${error.message}`), 'files electronegativity could not parse').toEqual([]);

    // The bundler drops comments, so a finding reviewed in the source reappears here; it is
    // accepted only where the same check flags the same line of code that carries the marker.
    const reviewed = reviewedMarkers('electron');
    const unreviewed = result.issues.filter((issue) => !reviewed.some((marker) => marker.check === issue.id && issue.sample?.trim() === marker.code));
    expect(unreviewed.map(describeIssue)).toEqual([]);
    const sarifRules = result.sarif.runs[0]!.results.map((entry) => entry.ruleId);
    expect(sarifRules.sort()).toEqual(result.issues.map((issue) => issue.id).sort());
    // The preload really was looked at: its bundle is there and nothing in it was flagged.
    expect(readFileSync(join(staged, 'preload', 'index.js'), 'utf8')).toContain('exposeInMainWorld');
  });
});
