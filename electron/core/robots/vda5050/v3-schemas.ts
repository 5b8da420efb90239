import { z } from 'zod';
import { boundingBoxReference, headerFields, integer, nonNegativeInteger, open, ranged, reference, theta } from './json-schema-types';

// VDA 5050 3.0 (written from the 3.0.0 specification): `state`, `connection` and `factsheet`
// as a mobile robot publishes them. Test-only proof that these accept exactly what the official
// JSON schemas accept: test/integration/vda5050-schema-conformance.test.ts.

export const v3OperatingModes = ['STARTUP', 'AUTOMATIC', 'SEMIAUTOMATIC', 'INTERVENED', 'MANUAL', 'SERVICE', 'TEACH_IN'] as const;
export const v3ErrorLevels = ['WARNING', 'URGENT', 'CRITICAL', 'FATAL'] as const;
export const v3ConnectionStates = ['ONLINE', 'OFFLINE', 'HIBERNATING', 'CONNECTION_BROKEN'] as const;

const trajectory = open({
  degree: integer.refine((value) => value >= 1, { message: 'expected an integer ≥ 1' }).optional(),
  knotVector: z.array(ranged(0, 1)).optional(),
  controlPoints: z.array(open({ x: z.number(), y: z.number(), weight: z.number().optional() })),
});

const requestStatus = z.enum(['REQUESTED', 'GRANTED', 'REVOKED', 'EXPIRED']);

const actionState = open({
  actionId: z.string(),
  actionType: z.string().optional(),
  actionDescriptor: z.string().optional(),
  actionStatus: z.enum(['WAITING', 'INITIALIZING', 'RUNNING', 'PAUSED', 'RETRIABLE', 'FINISHED', 'FAILED']),
  actionResult: z.string().optional(),
});

const translation = open({ translationKey: z.string(), translationValue: z.string() });

export const v3State = open({
  ...headerFields,
  maps: z.array(open({ mapId: z.string(), mapVersion: z.string(), mapDescriptor: z.string().optional(), mapStatus: z.enum(['ENABLED', 'DISABLED']) })).optional(),
  zoneSets: z.array(open({ zoneSetId: z.string(), mapId: z.string(), zoneSetStatus: z.enum(['ENABLED', 'DISABLED']) })).optional(),
  orderId: z.string(),
  orderUpdateId: integer,
  lastNodeId: z.string(),
  lastNodeSequenceId: integer,
  nodeStates: z.array(
    open({
      nodeId: z.string(),
      sequenceId: integer,
      nodeDescriptor: z.string().optional(),
      released: z.boolean(),
      nodePosition: open({ x: z.number(), y: z.number(), theta: theta.optional(), mapId: z.string() }).optional(),
    }),
  ),
  edgeStates: z.array(open({ edgeId: z.string(), sequenceId: integer, edgeDescriptor: z.string().optional(), released: z.boolean(), trajectory: trajectory.optional() })),
  plannedPath: open({ trajectory, traversedNodes: z.array(z.string()).optional() }).optional(),
  intermediatePath: open({ polyline: z.array(open({ x: z.number(), y: z.number(), theta: theta.optional(), eta: z.string() })) }).optional(),
  mobileRobotPosition: open({
    x: z.number(),
    y: z.number(),
    theta,
    mapId: z.string(),
    localized: z.boolean(),
    localizationScore: ranged(0, 1).optional(),
    deviationRange: ranged(0).optional(),
  }).optional(),
  velocity: open({ vx: z.number().optional(), vy: z.number().optional(), omega: z.number().optional() }).optional(),
  loads: z
    .array(
      open({
        loadId: z.string().optional(),
        loadType: z.string().optional(),
        loadPosition: z.string().optional(),
        boundingBoxReference: boundingBoxReference.optional(),
        loadDimensions: open({ length: ranged(0), width: ranged(0), height: ranged(0).optional() }).optional(),
        weight: ranged(0).optional(),
      }),
    )
    .optional(),
  driving: z.boolean(),
  paused: z.boolean().optional(),
  newBaseRequest: z.boolean().optional(),
  zoneRequests: z
    .array(open({ requestId: z.string(), requestType: z.enum(['ACCESS', 'REPLANNING']), zoneId: z.string(), zoneSetId: z.string(), requestStatus, trajectory: trajectory.optional() }))
    .optional(),
  edgeRequests: z.array(open({ requestId: z.string(), requestType: z.enum(['CORRIDOR']), edgeId: z.string(), sequenceId: integer, requestStatus })).optional(),
  distanceSinceLastNode: z.number().optional(),
  actionStates: z.array(actionState),
  instantActionStates: z.array(actionState),
  zoneActionStates: z.array(actionState).optional(),
  powerSupply: open({
    stateOfCharge: ranged(0, 100),
    batteryVoltage: z.number().optional(),
    batteryCurrent: z.number().optional(),
    batteryHealth: ranged(0, 100).optional(),
    charging: z.boolean(),
    range: ranged(0).optional(),
  }),
  operatingMode: z.enum(v3OperatingModes),
  errors: z.array(
    open({
      errorType: z.string(),
      errorReferences: z.array(reference).optional(),
      errorDescription: z.string().optional(),
      errorDescriptionTranslations: z.array(translation).optional(),
      errorHint: z.string().optional(),
      errorHintTranslations: z.array(translation).optional(),
      errorLevel: z.enum(v3ErrorLevels),
    }),
  ),
  information: z.array(open({ infoType: z.string(), infoReferences: z.array(reference).optional(), infoDescriptor: z.string().optional(), infoLevel: z.enum(['INFO', 'DEBUG']) })).optional(),
  safetyState: open({ activeEmergencyStop: z.enum(['MANUAL', 'REMOTE', 'NONE']), fieldViolation: z.boolean() }),
});

export const v3Connection = open({ ...headerFields, connectionState: z.enum(v3ConnectionStates) });

const xy = open({ x: z.number(), y: z.number() });
const optionalCount = nonNegativeInteger.optional();
const optionalNonNegative = ranged(0).optional();

export const v3Factsheet = open({
  headerId: nonNegativeInteger,
  timestamp: headerFields.timestamp,
  version: z.string(),
  manufacturer: z.string(),
  serialNumber: z.string(),
  typeSpecification: open({
    seriesName: z.string(),
    seriesDescription: z.string().optional(),
    mobileRobotKinematics: z.string(),
    mobileRobotClass: z.string(),
    maximumLoadMass: ranged(0),
    localizationTypes: z.array(z.string()),
    navigationTypes: z.array(z.string()),
    supportedZones: z
      .array(z.enum(['BLOCKED', 'LINE_GUIDED', 'RELEASE', 'COORDINATED_REPLANNING', 'SPEED_LIMIT', 'ACTION', 'PRIORITY', 'PENALTY', 'DIRECTED', 'BIDIRECTED']))
      .optional(),
  }),
  physicalParameters: open({
    minimumSpeed: ranged(0),
    maximumSpeed: ranged(0),
    minimumAngularSpeed: optionalNonNegative,
    maximumAngularSpeed: optionalNonNegative,
    maximumAcceleration: ranged(0),
    maximumDeceleration: z.number(),
    minimumHeight: z.number(),
    maximumHeight: z.number(),
    width: z.number(),
    length: z.number(),
  }),
  protocolLimits: open({
    maximumStringLengths: open({
      maximumMessageLength: optionalCount,
      maximumTopicSerialLength: optionalCount,
      maximumTopicElementLength: optionalCount,
      maximumIdLength: optionalCount,
      idNumericalOnly: z.boolean().optional(),
      maximumLoadIdLength: optionalCount,
    }),
    maximumArrayLengths: open(
      Object.fromEntries(
        [
          'order.nodes',
          'order.edges',
          'node.actions',
          'edge.actions',
          'actions.actionsParameters',
          'instantActions',
          'trajectory.knotVector',
          'trajectory.controlPoints',
          'zoneSet.zones',
          'state.nodeStates',
          'state.edgeStates',
          'state.loads',
          'state.actionStates',
          'state.instantActionStates',
          'state.zoneActionStates',
          'state.errors',
          'state.information',
          'error.errorReferences',
          'information.infoReferences',
        ].map((key) => [key, optionalCount]),
      ),
    ),
    timing: open({ minimumOrderInterval: ranged(0), minimumStateInterval: ranged(0), defaultStateInterval: optionalNonNegative, visualizationInterval: optionalNonNegative }),
  }),
  protocolFeatures: open({
    optionalParameters: z.array(open({ parameter: z.string(), support: z.enum(['SUPPORTED', 'REQUIRED']), description: z.string().optional() })),
    mobileRobotActions: z.array(
      open({
        actionType: z.string(),
        actionDescription: z.string().optional(),
        actionScopes: z.array(z.enum(['INSTANT', 'NODE', 'EDGE', 'ZONE'])),
        actionParameters: z.array(open({ key: z.string(), valueDataType: z.enum(['BOOL', 'NUMBER', 'INTEGER', 'STRING', 'OBJECT', 'ARRAY']), description: z.string().optional(), isOptional: z.boolean().optional() })).optional(),
        actionResult: z.string().optional(),
        blockingTypes: z.array(z.enum(['NONE', 'SOFT', 'SINGLE', 'HARD'])).optional(),
        pauseAllowed: z.boolean(),
        cancelAllowed: z.boolean(),
      }),
    ),
  }),
  mobileRobotGeometry: open({
    wheelDefinitions: z
      .array(
        open({
          type: z.string(),
          isActiveDriven: z.boolean(),
          isActiveSteered: z.boolean(),
          position: open({ x: z.number(), y: z.number(), theta: z.number().optional() }),
          diameter: z.number(),
          width: z.number(),
          centerDisplacement: z.number().optional(),
          constraints: z.string().optional(),
        }),
      )
      .optional(),
    envelopes2d: z.array(open({ envelope2dId: z.string(), vertices: z.array(xy), description: z.string().optional() })).optional(),
    envelopes3d: z.array(open({ envelope3dId: z.string(), format: z.string(), data: open({}).optional(), url: z.string().optional(), description: z.string().optional() })).optional(),
  }),
  loadSpecification: open({
    loadPositions: z.array(z.string()).optional(),
    loadSets: z
      .array(
        open({
          setName: z.string(),
          loadType: z.string(),
          description: z.string().optional(),
          loadPositions: z.array(z.string()).optional(),
          boundingBoxReference: boundingBoxReference.optional(),
          loadDimensions: open({ length: z.number(), width: z.number(), height: z.number().optional() }).optional(),
          maximumWeight: optionalNonNegative,
          minimumLoadhandlingHeight: optionalNonNegative,
          maximumLoadhandlingHeight: optionalNonNegative,
          minimumLoadhandlingDepth: z.number().optional(),
          maximumLoadhandlingDepth: z.number().optional(),
          minimumLoadhandlingTilt: z.number().optional(),
          maximumLoadhandlingTilt: z.number().optional(),
          maximumSpeed: optionalNonNegative,
          maximumAcceleration: optionalNonNegative,
          maximumDeceleration: z.number().optional(),
          pickTime: optionalNonNegative,
          dropTime: optionalNonNegative,
        }),
      )
      .optional(),
  }),
  mobileRobotConfiguration: open({
    versions: z.array(open({ key: z.string(), value: z.string() })).optional(),
    network: open({
      dnsServers: z.array(z.string()).optional(),
      ntpServers: z.array(z.string()).optional(),
      localIpAddress: z.string().optional(),
      netmask: z.string().optional(),
      defaultGateway: z.string().optional(),
    }).optional(),
    batteryCharging: open({
      criticalLowChargingLevel: ranged(0, 100).optional(),
      minimumDesiredChargingLevel: ranged(0, 100).optional(),
      maximumDesiredChargingLevel: ranged(0, 100).optional(),
      minimumChargingTime: optionalNonNegative,
    }).optional(),
  }).optional(),
});

export type V3State = z.infer<typeof v3State>;
export type V3Connection = z.infer<typeof v3Connection>;
export type V3Factsheet = z.infer<typeof v3Factsheet>;
