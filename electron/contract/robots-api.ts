import { z } from 'zod';
import { method } from './method';
import { assetId, isoUtc, noInput } from './schemas/common';
import { robotDetail, robotFleet } from './schemas/robots';

// The robots' part of the API (VDA 5050 over MQTT). Same shape as `methods` and `events` in
// api.ts, which spread these tables in.

export const robotsMethods = {
  'robots.list': method({ input: noInput, output: robotFleet, summary: 'Every robot heard over VDA 5050 with its connection, mode, battery, errors and figures; invalid messages; the broker status.' }),
  'robots.get': method({
    input: z.object({ id: assetId, hours: z.number().min(1).max(24 * 90).default(24) }).strict(),
    output: robotDetail,
    summary: 'One robot: factsheet, position, figures per 100 h, invalid messages, its timeline (battery and activity) and journal events.',
  }),
} as const;

export const robotsEvents = {
  /** Robots changed (a state, a connection, an invalid message): refetch them. Batched, at most about once a second. */
  onRobotsChanged: z.object({ ids: z.array(z.string()), at: isoUtc }),
} as const;

export type RobotsMethods = typeof robotsMethods;
export type RobotsMethodName = keyof RobotsMethods;
/** What core implements: one async handler per robots method (domain input → domain output). */
export type RobotsHandlers = { [M in RobotsMethodName]: (input: z.output<RobotsMethods[M]['input']>) => Promise<z.output<RobotsMethods[M]['output']>> };
