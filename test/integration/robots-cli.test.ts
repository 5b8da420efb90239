import { spawn } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { apiResult, runSietch, SIETCH_BIN, startServe, waitForExit, type ServeHandle } from '../support/sietch-process';
import { useTempDirs } from '../support/temp-dir';
import { until } from '../support/until';

// The robots' commands as a user runs them (the built `sietch`): `serve --simulate` brings a
// broker and a fleet, `inventory robots --json` lists every robot on it (the JSON shape is a
// contract), `simulate robots` adds robots, and an unreachable broker is exit 4.

const tempDir = useTempDirs();
const running: ServeHandle[] = [];
afterEach(async () => {
  for (const serve of running.splice(0)) {
    serve.child.kill('SIGTERM');
    await waitForExit(serve.child);
  }
});

/** `sietch inventory robots --json`, exactly as documented in the issue. */
const inventoryRobotsJson = z
  .object({
    robots: z.array(
      z
        .object({
          id: z.string(),
          manufacturer: z.string(),
          serialNumber: z.string(),
          protocolVersion: z.string(),
          online: z.boolean(),
          connection: z.enum(['ONLINE', 'OFFLINE', 'CONNECTION_BROKEN']).nullable(),
          lastSeen: z.string().nullable(),
          operatingMode: z.string().nullable(),
          batteryPct: z.number().nullable(),
          errors: z.array(z.object({ type: z.string(), level: z.string() }).strict()),
          invalidMessages: z.number().int(),
        })
        .strict(),
    ),
    invalidMessages: z.number().int(),
  })
  .strict();

/** Runs a command without blocking this process (its broker may live here). */
function runAsync(args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [SIETCH_BIN, ...args], { env: { ...process.env, SIETCH_LOG_LEVEL: 'warn' }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => (stdout += chunk));
  child.stderr.on('data', (chunk) => (stderr += chunk));
  return new Promise((resolve) => child.on('exit', (status) => resolve({ status, stdout, stderr })));
}

describe('sietch inventory robots and simulate robots', () => {
  it('lists every robot of `serve --simulate`, and the robots `simulate robots` adds', async () => {
    const serve = await startServe(tempDir(), ['--simulate']);
    running.push(serve);
    const status = (await apiResult(serve, 'robots.list')).source as { brokerUrl: string; mode: string; simulated: boolean };
    expect(status).toMatchObject({ mode: 'embedded', simulated: true });
    const broker = status.brokerUrl;
    expect(broker).toMatch(/^mqtt:\/\/127\.0\.0\.1:\d+$/);

    const added = runAsync(['simulate', 'robots', '--count', '5', '--broker', broker, '--protocol-version', '3', '--duration', '25', '--manufacturer', 'Acme', '--json']);
    await until('the Acme robots in the console', async () => ((await apiResult(serve, 'robots.list')).robots as { manufacturer: string; online: boolean }[]).filter((robot) => robot.manufacturer === 'Acme' && robot.online).length === 5, 20_000);

    const listed = await runAsync(['inventory', 'robots', '--broker', broker, '--listen', '3', '--json']);
    expect(listed.status, listed.stderr).toBe(0);
    const json = inventoryRobotsJson.parse(JSON.parse(listed.stdout));
    expect(json.robots).toHaveLength(24 + 5);
    expect(json.invalidMessages).toBe(0);
    expect(json.robots.filter((robot) => robot.protocolVersion === '2.1.0')).toHaveLength(12);
    expect(json.robots.filter((robot) => robot.protocolVersion === '3.0.0')).toHaveLength(12 + 5);
    // The simulated robots now and then drop their connection on purpose (their last will then says so): allow a few.
    const offline = json.robots.filter((robot) => !(robot.online && robot.connection === 'ONLINE'));
    expect(offline.every((robot) => robot.connection === 'CONNECTION_BROKEN' && !robot.online), JSON.stringify(offline)).toBe(true);
    expect(offline.length).toBeLessThanOrEqual(3);
    expect(json.robots.filter((robot) => robot.manufacturer === 'Acme').map((robot) => robot.id)).toEqual(['robot:Acme:CB3-0001', 'robot:Acme:CB3-0002', 'robot:Acme:CB3-0003', 'robot:Acme:CB3-0004', 'robot:Acme:CB3-0005']);

    const simulation = await added;
    expect(simulation.status, simulation.stderr).toBe(0);
    expect(JSON.parse(simulation.stdout)).toMatchObject({ count: 5, protocolVersion: '3.0.0', manufacturer: 'Acme', interfaceName: 'vda5050' });
    // An orderly end: each simulated robot said OFFLINE.
    await until('the Acme robots offline', async () => ((await apiResult(serve, 'robots.list')).robots as { manufacturer: string; connection: string }[]).filter((robot) => robot.manufacturer === 'Acme').every((robot) => robot.connection === 'OFFLINE'), 10_000);
  }, 90_000);

  it('exits 4 when the broker cannot be reached, 2 on a bad flag', () => {
    const dir = tempDir();
    const inventory = runSietch(['inventory', 'robots', '--broker', 'mqtt://127.0.0.1:1', '--listen', '1', '--json', '--data-dir', dir]);
    expect(inventory.status).toBe(4);
    expect(inventory.stderr).toContain('cannot reach the MQTT broker at mqtt://127.0.0.1:1');
    expect(JSON.parse(inventory.stdout)).toMatchObject({ robots: [], invalidMessages: 0 });
    const simulate = runSietch(['simulate', 'robots', '--count', '2', '--broker', 'mqtt://127.0.0.1:1', '--data-dir', dir]);
    expect(simulate.status).toBe(4);
    expect(runSietch(['simulate', 'robots', '--protocol-version', '4', '--broker', 'mqtt://127.0.0.1:1', '--data-dir', dir]).status).toBe(2);
    expect(runSietch(['inventory', 'robots', '--data-dir', dir]).stderr).toContain('no MQTT broker');
    // Credentials in a URL never reach the output.
    const secret = runSietch(['inventory', 'robots', '--broker', 'mqtt://ops:hunter2@127.0.0.1:1', '--listen', '1', '--data-dir', dir]);
    expect(secret.status).toBe(4);
    expect(secret.stderr + secret.stdout).not.toContain('hunter2');
  }, 60_000);
});
