import { z } from 'zod';
import { assetId, isoUtc } from './common';
import { journalEntry } from './journal';

// Robots over VDA 5050 (MQTT), as the API shows them. Modes and error levels use the 2.x
// names (the 3.0 ones are normalized; see docs/robots.md).

export const robotConnection = z.enum(['ONLINE', 'OFFLINE', 'CONNECTION_BROKEN', 'HIBERNATING']);
export const robotActivity = z.enum(['offline', 'fault', 'manual', 'charging', 'working', 'idle']);
export const invalidReason = z.enum(['unknown-topic', 'too-large', 'not-json', 'schema', 'topic-header-mismatch', 'version-mismatch']);

export const robotError = z.object({
  type: z.string(),
  level: z.enum(['WARNING', 'FATAL']),
  /** As sent: 3.0 robots also say URGENT or CRITICAL. */
  sourceLevel: z.string(),
  description: z.string().nullable(),
});

export const invalidCounts = z.record(invalidReason, z.number().int().nonnegative());

/** One row of the fleet table. */
export const robotSummary = z.object({
  id: assetId,
  manufacturer: z.string(),
  serialNumber: z.string(),
  protocolMajor: z.union([z.literal(2), z.literal(3)]),
  protocolVersion: z.string().nullable(),
  seriesName: z.string().nullable(),
  online: z.boolean(),
  connection: robotConnection.nullable(),
  activity: robotActivity,
  firstSeen: isoUtc.nullable(),
  lastSeen: isoUtc.nullable(),
  operatingMode: z.string().nullable(),
  batteryPct: z.number().nullable(),
  charging: z.boolean().nullable(),
  errors: z.array(robotError),
  autonomousHours: z.number().nonnegative(),
  missionsCompleted: z.number().int().nonnegative(),
  invalidMessages: z.number().int().nonnegative(),
});

export const invalidSample = z.object({ at: isoUtc, topic: z.string(), reason: invalidReason, detail: z.string(), excerpt: z.string() });

export const robotSourceStatus = z.object({
  /** off: no broker configured; external: the site's broker; embedded: Sietch's own on 127.0.0.1. */
  mode: z.enum(['off', 'external', 'embedded']),
  /** Credentials masked. */
  brokerUrl: z.string().nullable(),
  connected: z.boolean(),
  lastError: z.string().nullable(),
  messages: z.number().int().nonnegative(),
  subscriptions: z.array(z.string()),
  /** A simulated fleet runs in this process (sietch serve --simulate). */
  simulated: z.boolean(),
});

export const robotFigures = z.object({
  observedHours: z.number().nonnegative(),
  autonomousHours: z.number().nonnegative(),
  missionsCompleted: z.number().int().nonnegative(),
  missionsFailed: z.number().int().nonnegative(),
  distanceKm: z.number().nonnegative(),
  errorsRaised: z.number().int().nonnegative(),
  interventions: z.number().int().nonnegative(),
  /** Per 100 h of autonomous runtime; null before there is any. */
  errorsPer100h: z.number().nonnegative().nullable(),
  interventionsPer100h: z.number().nonnegative().nullable(),
});

export const robotTimelinePoint = z.object({ at: isoUtc, batteryPct: z.number().nullable(), activity: robotActivity });

export const robotDetail = z.object({
  robot: robotSummary,
  interfaceName: z.string(),
  factsheet: z
    .object({
      seriesName: z.string(),
      seriesDescription: z.string().nullable(),
      robotClass: z.string(),
      kinematics: z.string(),
      maxLoadMassKg: z.number(),
      dimensions: z.object({ length: z.number(), width: z.number(), height: z.number() }),
      maxSpeed: z.number(),
    })
    .nullable(),
  position: z.object({ x: z.number(), y: z.number(), theta: z.number(), mapId: z.string(), localized: z.boolean() }).nullable(),
  orderId: z.string().nullable(),
  emergencyStop: z.string().nullable(),
  figures: robotFigures,
  invalid: invalidCounts,
  recentInvalid: z.array(invalidSample),
  /** Battery and activity over the retained window, oldest first. */
  timeline: z.array(robotTimelinePoint),
  /** The robot's journal entries (discovered, online, offline, connection broken, errors), newest first. */
  events: z.array(journalEntry),
});

export const robotFleet = z.object({
  robots: z.array(robotSummary),
  invalid: z.object({ total: z.number().int().nonnegative(), byReason: invalidCounts }),
  recentInvalid: z.array(invalidSample),
  source: robotSourceStatus,
});

export type RobotSummary = z.infer<typeof robotSummary>;
export type RobotDetail = z.infer<typeof robotDetail>;
export type RobotFleetView = z.infer<typeof robotFleet>;
export type RobotSourceStatus = z.infer<typeof robotSourceStatus>;
export type RobotActivityName = z.infer<typeof robotActivity>;
