import type { FleetSourceInput } from '../../../../contract/schemas/fleet';
import type { FleetReadOptions, FleetSourceRead, FleetSourceSpec } from './fleet-source';
import { readPrometheusSource } from './read-prometheus';
import { readTargetsSource } from './read-targets';

/** A source as configured or typed in Settings → what the readers take. */
export function specFromInput(input: FleetSourceInput, id: string, origin: FleetSourceSpec['origin']): FleetSourceSpec {
  const { basicAuth, bearerTokenFile, caFile, hostLabels, site, name } = input;
  const common = { id, name, origin, site: site ?? null, basicAuth, bearerTokenFile, caFile, hostLabels };
  return input.kind === 'prometheus' ? { ...common, kind: 'prometheus', url: input.url, selector: input.selector, upQuery: input.upQuery } : { ...common, kind: 'targets', targets: input.targets, targetsFile: input.targetsFile };
}

/** One read of a source, whatever its kind. Never throws: a failure is a `down` read with its message. */
export async function readFleetSource(spec: FleetSourceSpec, options: FleetReadOptions): Promise<FleetSourceRead> {
  try {
    return await (spec.kind === 'prometheus' ? readPrometheusSource(spec, options) : readTargetsSource(spec, options));
  } catch (error) {
    return { sourceId: spec.id, state: 'down', unreadable: true, message: `unexpected failure: ${(error as Error).message}`, hosts: [], targets: [], warnings: [], durationMs: 0, bytes: 0 };
  }
}
