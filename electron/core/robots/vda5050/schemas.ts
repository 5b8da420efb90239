import { v2Connection, v2Factsheet, v2State } from './v2-schemas';
import { v3Connection, v3Factsheet, v3State } from './v3-schemas';

/** The protocol majors Sietch reads: 2.x (2.0, 2.1) and 3.0. */
export type ProtocolMajor = 2 | 3;
/** The topics a robot publishes that Sietch subscribes to. */
export type RobotTopic = 'state' | 'connection' | 'factsheet';

/** Our schemas, by major version and topic (the runtime side of the official JSON schemas). */
export const VDA5050_SCHEMAS = {
  2: { state: v2State, connection: v2Connection, factsheet: v2Factsheet },
  3: { state: v3State, connection: v3Connection, factsheet: v3Factsheet },
} as const;
