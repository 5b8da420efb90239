import { z } from 'zod';
import { isoUtc, noInput } from './schemas/common';
import { fleetHost, fleetSourceInput, fleetSourceStatus, fleetSourceTest } from './schemas/fleet';
import { method } from './method';

// The fleet's part of the API: dcgm-exporter targets and Prometheus servers (docs/fleet-sources.md).
// Same shape as `methods` and `events` in api.ts, which spread these tables in.

const sourceId = z.string().min(1).max(200);

export const fleetMethods = {
  'fleet.sources.list': method({
    input: noInput,
    output: z.object({ refreshSeconds: z.number(), sources: z.array(fleetSourceStatus) }),
    summary: 'Every fleet source (config.json and Settings) with its health, per-target health and error counters.',
  }),
  'fleet.source.add': method({ input: fleetSourceInput, output: fleetSourceStatus, summary: 'Add a fleet source (Prometheus URL or dcgm-exporter targets); it is read at once and at every sweep.' }),
  'fleet.source.remove': method({
    input: z.object({ id: sourceId }).strict(),
    output: z.object({ removed: z.literal(true) }),
    summary: 'Remove a source added in Settings; its hosts and GPUs stay in the register and go missing after the usual misses.',
  }),
  'fleet.source.test': method({
    input: z.union([z.object({ id: sourceId }).strict(), z.object({ source: fleetSourceInput }).strict()]),
    output: fleetSourceTest,
    summary: 'Read a source once (a saved one by id, or one being typed) without changing the register.',
  }),
  'fleet.refresh': method({ input: noInput, output: z.object({ refreshSeconds: z.number(), sources: z.array(fleetSourceStatus) }), summary: 'Sweep every fleet source now and update the register.' }),
  'fleet.hosts.list': method({ input: noInput, output: z.object({ hosts: z.array(fleetHost) }), summary: 'The hosts fleet sources reported, with their source, site and target.' }),
} as const;

export const fleetEvents = {
  /** A fleet sweep finished or a source was added or removed: refetch the sources. */
  onFleetSourcesChanged: z.object({ at: isoUtc }),
} as const;

export type FleetMethods = typeof fleetMethods;
export type FleetMethodName = keyof FleetMethods;
export type FleetMethodInput<M extends FleetMethodName> = z.output<FleetMethods[M]['input']>;
export type FleetMethodOutput<M extends FleetMethodName> = z.output<FleetMethods[M]['output']>;
export type FleetHandlers = { [M in FleetMethodName]: (input: FleetMethodInput<M>) => Promise<FleetMethodOutput<M>> };
