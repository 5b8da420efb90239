import { z } from 'zod';

const topicLevel = z.string().min(1).regex(/^[^/+#]+$/, 'one MQTT topic level: no /, + or #');

const DEFAULT_BROKER = {};
const DEFAULT_INTERFACES = { v2: 'uagv', v3: 'vda5050' };
const DEFAULT_EMBEDDED = { enabled: false, port: 1883 };

/**
 * `robots` in config.json (docs/configuration.md): where the robots' MQTT broker is. With a
 * broker URL Sietch connects to it; without one it can run its own broker on 127.0.0.1
 * (`embeddedBroker.enabled`). Passwords come from a file or an environment variable, never
 * from config.json, and are never logged.
 */
export const robotsConfigSchema = z
  .object({
    broker: z
      .object({
        /** mqtt://host:1883, mqtts://host:8883 (TLS), ws:// or wss://. */
        url: z.string().min(1).optional(),
        /** PEM file of the CA that signed the broker's certificate (mqtts). */
        caFile: z.string().min(1).optional(),
        username: z.string().min(1).optional(),
        /** A file holding the password (one line), e.g. a systemd credential. */
        passwordFile: z.string().min(1).optional(),
        /** Or the name of an environment variable holding it. */
        passwordEnv: z.string().min(1).optional(),
      })
      .strict()
      .refine((broker) => !(broker.passwordFile && broker.passwordEnv), 'give passwordFile or passwordEnv, not both')
      .default(DEFAULT_BROKER),
    /** The first topic level: {interfaceName}/v2/… and {interfaceName}/v3/…. */
    interfaceNames: z.object({ v2: topicLevel.default('uagv'), v3: topicLevel.default('vda5050') }).strict().default(DEFAULT_INTERFACES),
    /** Sietch's own broker (aedes, in memory, 127.0.0.1 only), used when no broker URL is set. */
    embeddedBroker: z.object({ enabled: z.boolean().default(false), port: z.number().int().min(0).max(65535).default(1883) }).strict().default(DEFAULT_EMBEDDED),
    /** How long each robot's battery/activity timeline is kept. */
    timelineRetentionHours: z.number().min(1).max(24 * 90).default(72),
  })
  .strict()
  .default({ broker: DEFAULT_BROKER, interfaceNames: DEFAULT_INTERFACES, embeddedBroker: DEFAULT_EMBEDDED, timelineRetentionHours: 72 });

export type RobotsConfig = z.infer<typeof robotsConfigSchema>;
