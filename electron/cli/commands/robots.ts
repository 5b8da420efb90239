import type { Command } from 'commander';
import { BrokerConfigError, displayBrokerUrl, resolveBrokerConnection, type BrokerConnection } from '../../core/robots/broker-connection';
import { toInventoryRobotsJson } from '../../core/robots/inventory-robots-json';
import { RobotFleet } from '../../core/robots/robot-fleet';
import type { RobotsConfig } from '../../core/robots/robots-config';
import { DEFAULT_SIM_MANUFACTURER, isTopicLevel } from '../../core/robots/simulator/sim-naming';
import { PROTOCOL_VERSION } from '../../core/robots/simulator/sim-messages';
import { commandContext, type CommandContext, type GlobalOptions } from '../context';
import { CliError, EXIT, type ExitCode } from '../exit-codes';
import { printJson, printLine } from '../output';

/** How long to wait for the broker to answer before giving up with exit 4. */
const CONNECT_TIMEOUT_MS = 5000;

interface Wiring {
  globals: () => GlobalOptions;
  setExitCode: (code: number) => void;
}

function positiveNumber(flag: string, value: string | undefined, fallback: number, { integer = false, max = Number.MAX_SAFE_INTEGER } = {}): number {
  if (value === undefined) return fallback;
  const parsed = Number(value);
  if (!Number.isFinite(parsed) || parsed <= 0 || parsed > max || (integer && !Number.isInteger(parsed))) throw new CliError(`${flag} must be a ${integer ? 'whole ' : ''}number from 1 to ${max}, not "${value}"`, EXIT.usage);
  return parsed;
}

/**
 * The broker a one-shot command talks to: --broker, else robots.broker in config.json (with its
 * CA and password), else the embedded broker's port when it is enabled.
 */
export function brokerFor(config: RobotsConfig, flag: string | undefined): BrokerConnection {
  try {
    if (flag) return resolveBrokerConnection({ ...config.broker, url: flag });
    if (config.broker.url) return resolveBrokerConnection({ ...config.broker, url: config.broker.url });
  } catch (error) {
    if (error instanceof BrokerConfigError) throw new CliError(error.message, EXIT.usage);
    throw error;
  }
  if (config.embeddedBroker.enabled) return { url: `mqtt://127.0.0.1:${config.embeddedBroker.port}` };
  throw new CliError('no MQTT broker: pass --broker mqtt://HOST:PORT, or set robots.broker.url in config.json (docs/configuration.md)', EXIT.usage);
}

function cell(value: string | number | null, width: number): string {
  const text = value === null ? '—' : String(value);
  return text.length > width ? `${text.slice(0, width - 1)}…` : text.padEnd(width);
}

/** `sietch inventory robots`: listen to the broker for a while and list every robot heard. Takes no lock. */
export async function inventoryRobotsCommand(context: CommandContext, options: { broker?: string; listen?: string }): Promise<ExitCode> {
  const listenMs = positiveNumber('--listen', options.listen, 10, { max: 24 * 3600 }) * 1000;
  const broker = brokerFor(context.config.robots, options.broker);
  const fleet = new RobotFleet(context.config.robots.interfaceNames);
  // mqtt is loaded by the commands that use it, not by every start of the command line.
  const { RobotIngest } = await import('../../core/robots/mqtt-ingest');
  const ingest = new RobotIngest(fleet, { broker, names: context.config.robots.interfaceNames, logger: context.logger, connectTimeoutMs: CONNECT_TIMEOUT_MS });
  ingest.start();
  const connected = await ingest.waitConnected(CONNECT_TIMEOUT_MS, { failFast: true });
  if (!connected) {
    const reason = ingest.status().lastError;
    await ingest.stop();
    const message = `cannot reach the MQTT broker at ${displayBrokerUrl(broker.url)}${reason ? `: ${reason}` : ''}`;
    process.stderr.write(`sietch: ${message}\n`);
    if (context.json) printJson({ robots: [], invalidMessages: 0, error: message });
    return EXIT.peerUnreachable;
  }
  await new Promise((resolve) => setTimeout(resolve, listenMs));
  await ingest.stop();
  const json = toInventoryRobotsJson(fleet);
  if (context.json) printJson(json);
  else {
    printLine(`${json.robots.length} robot(s) heard in ${listenMs / 1000} s on ${displayBrokerUrl(broker.url)}; ${json.invalidMessages} invalid message(s)`);
    if (json.robots.length > 0) printLine(`${cell('id', 34)} ${cell('ver', 6)} ${cell('online', 6)} ${cell('connection', 17)} ${cell('mode', 13)} ${cell('battery', 7)} ${cell('errors', 24)} invalid`);
    for (const robot of json.robots) {
      const errors = robot.errors.map((error) => `${error.type} (${error.level})`).join(', ');
      printLine(`${cell(robot.id, 34)} ${cell(robot.protocolVersion, 6)} ${cell(robot.online ? 'yes' : 'no', 6)} ${cell(robot.connection, 17)} ${cell(robot.operatingMode, 13)} ${cell(robot.batteryPct === null ? null : `${Math.round(robot.batteryPct)} %`, 7)} ${cell(errors || null, 24)} ${robot.invalidMessages}`);
    }
  }
  return EXIT.ok;
}

interface SimulateOptions {
  count?: string;
  broker?: string;
  protocolVersion?: string;
  duration?: string;
  manufacturer?: string;
}

/**
 * `sietch simulate robots`: a fleet of simulated VDA 5050 cleaning robots on a broker, until
 * --duration ends or Ctrl+C; either way each robot says OFFLINE before it disconnects.
 */
export async function simulateRobotsCommand(context: CommandContext, options: SimulateOptions): Promise<ExitCode> {
  const count = positiveNumber('--count', options.count, 10, { integer: true, max: 10_000 });
  const version = options.protocolVersion ?? '2';
  if (version !== '2' && version !== '3') throw new CliError(`--protocol-version must be 2 or 3, not "${version}"`, EXIT.usage);
  const major = version === '2' ? 2 : 3;
  const durationMs = options.duration === undefined ? null : positiveNumber('--duration', options.duration, 0, { max: 365 * 86_400 }) * 1000;
  const manufacturer = options.manufacturer ?? DEFAULT_SIM_MANUFACTURER;
  if (!isTopicLevel(manufacturer)) throw new CliError(`--manufacturer "${manufacturer}" cannot be an MQTT topic level (no /, + or #)`, EXIT.usage);
  const broker = brokerFor(context.config.robots, options.broker);
  const interfaceName = major === 2 ? context.config.robots.interfaceNames.v2 : context.config.robots.interfaceNames.v3;
  const { FleetSimulator } = await import('../../core/robots/simulator/fleet-simulator');
  const simulator = new FleetSimulator({ brokerUrl: broker.url, count, major, manufacturer, interfaceName, logger: context.logger, username: broker.username, password: broker.password, ca: broker.ca });
  try {
    await simulator.start(CONNECT_TIMEOUT_MS);
  } catch (error) {
    await simulator.stop();
    process.stderr.write(`sietch: ${(error as Error).message}\n`);
    return EXIT.peerUnreachable;
  }
  const serials = simulator.serialNumbers();
  if (context.json) printJson({ broker: displayBrokerUrl(broker.url), count, protocolVersion: PROTOCOL_VERSION[major], manufacturer, interfaceName, serialNumbers: serials, durationSeconds: durationMs === null ? null : durationMs / 1000 });
  else {
    printLine(`Simulating ${count} VDA 5050 ${PROTOCOL_VERSION[major]} cleaning robot(s) on ${displayBrokerUrl(broker.url)}: ${interfaceName}/v${major}/${manufacturer}/{${serials[0]}…${serials.at(-1)}}`);
    printLine(durationMs === null ? 'Stop with Ctrl+C.' : `For ${durationMs / 1000} s (Ctrl+C stops earlier).`);
  }
  await new Promise<void>((resolve) => {
    const timer = durationMs === null ? null : setTimeout(resolve, durationMs);
    const onSignal = (): void => {
      if (timer) clearTimeout(timer);
      resolve();
    };
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
  });
  await simulator.stop();
  return EXIT.ok;
}

/** `inventory robots` under the existing `inventory` command, and `simulate robots`. */
export function registerRobotCommands(program: Command, inventory: Command, { globals, setExitCode }: Wiring): void {
  inventory
    .command('robots')
    .description('listen to the robots’ MQTT broker (VDA 5050 v2/v3) for a while and list every robot heard')
    .option('--broker <url>', 'mqtt://host:1883 or mqtts://host:8883 (default: robots.broker in config.json)')
    .option('--listen <seconds>', 'how long to listen (default 10)')
    .action(async (options: { broker?: string; listen?: string }) => {
      setExitCode(await inventoryRobotsCommand(commandContext(globals()), options));
    });
  const simulate = program.commands.find((command) => command.name() === 'simulate') ?? program.command('simulate').description('simulated hardware for demos and tests');
  simulate
    .command('robots')
    .description('publish a fleet of simulated VDA 5050 cleaning robots (state, connection, factsheet) to an MQTT broker')
    .option('--count <n>', 'how many robots (default 10)')
    .option('--broker <url>', 'mqtt://host:1883 (default: robots.broker in config.json)')
    .option('--protocol-version <major>', 'VDA 5050 major version: 2 (2.1.0) or 3 (3.0.0)', '2')
    .option('--duration <seconds>', 'stop after this long (default: until Ctrl+C)')
    .option('--manufacturer <name>', `manufacturer in topics and headers (default ${DEFAULT_SIM_MANUFACTURER})`)
    .action(async (options: SimulateOptions) => {
      setExitCode(await simulateRobotsCommand(commandContext(globals()), options));
    });
}
