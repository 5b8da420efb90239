import { z } from 'zod';
import { boundingBoxReference, dateTime, headerFields, integer, nonNegativeInteger, open, ranged, reference } from './json-schema-types';

// VDA 5050 2.x (written from the 2.1.0 specification): the messages a robot publishes on
// `state`, `connection` and `factsheet`. Test-only proof that these accept exactly what the
// official JSON schemas accept: test/integration/vda5050-schema-conformance.test.ts.

const nodePosition = open({ x: z.number(), y: z.number(), theta: z.number().optional(), mapId: z.string() });

const trajectory = open({
  degree: integer,
  knotVector: z.array(ranged(0, 1)),
  controlPoints: z.array(open({ x: z.number(), y: z.number(), weight: z.number().optional() })),
});

export const v2OperatingModes = ['AUTOMATIC', 'SEMIAUTOMATIC', 'MANUAL', 'SERVICE', 'TEACHIN'] as const;
export const v2ErrorLevels = ['WARNING', 'FATAL'] as const;
export const v2ConnectionStates = ['ONLINE', 'OFFLINE', 'CONNECTIONBROKEN'] as const;

export const v2State = open({
  ...headerFields,
  maps: z.array(open({ mapId: z.string(), mapVersion: z.string(), mapDescription: z.string().optional(), mapStatus: z.enum(['ENABLED', 'DISABLED']) })).optional(),
  orderId: z.string(),
  orderUpdateId: integer,
  zoneSetId: z.string().optional(),
  lastNodeId: z.string(),
  lastNodeSequenceId: integer,
  driving: z.boolean(),
  paused: z.boolean().optional(),
  newBaseRequest: z.boolean().optional(),
  distanceSinceLastNode: z.number().optional(),
  operatingMode: z.enum(v2OperatingModes),
  nodeStates: z.array(open({ nodeId: z.string(), sequenceId: integer, nodeDescription: z.string().optional(), released: z.boolean(), nodePosition: nodePosition.optional() })),
  edgeStates: z.array(open({ edgeId: z.string(), sequenceId: integer, edgeDescription: z.string().optional(), released: z.boolean(), trajectory: trajectory.optional() })),
  agvPosition: open({
    x: z.number(),
    y: z.number(),
    theta: z.number(),
    mapId: z.string(),
    mapDescription: z.string().optional(),
    positionInitialized: z.boolean(),
    localizationScore: ranged(0, 1).optional(),
    deviationRange: z.number().optional(),
  }).optional(),
  velocity: open({ vx: z.number().optional(), vy: z.number().optional(), omega: z.number().optional() }).optional(),
  loads: z
    .array(
      open({
        loadId: z.string().optional(),
        loadType: z.string().optional(),
        loadPosition: z.string().optional(),
        boundingBoxReference: boundingBoxReference.optional(),
        loadDimensions: open({ length: z.number(), width: z.number(), height: z.number().optional() }).optional(),
        weight: ranged(0).optional(),
      }),
    )
    .optional(),
  actionStates: z.array(
    open({
      actionId: z.string(),
      actionType: z.string().optional(),
      actionDescription: z.string().optional(),
      actionStatus: z.enum(['WAITING', 'INITIALIZING', 'RUNNING', 'FINISHED', 'FAILED']),
      resultDescription: z.string().optional(),
    }),
  ),
  batteryState: open({
    batteryCharge: z.number(),
    batteryVoltage: z.number().optional(),
    batteryHealth: ranged(0, 100).optional(),
    charging: z.boolean(),
    reach: ranged(0).optional(),
  }),
  errors: z.array(
    open({
      errorType: z.string(),
      errorReferences: z.array(reference).optional(),
      errorDescription: z.string().optional(),
      errorHint: z.string().optional(),
      errorLevel: z.enum(v2ErrorLevels),
    }),
  ),
  information: z
    .array(open({ infoType: z.string(), infoReferences: z.array(reference).optional(), infoDescription: z.string().optional(), infoLevel: z.enum(['INFO', 'DEBUG']) }))
    .optional(),
  safetyState: open({ eStop: z.enum(['AUTOACK', 'MANUAL', 'REMOTE', 'NONE']), fieldViolation: z.boolean() }),
});

export const v2Connection = open({ ...headerFields, connectionState: z.enum(v2ConnectionStates) });

/**
 * 2.1.0 declares `blockingTypes` as `{"type":"array","enum":["NONE","SOFT","HARD"]}`: an array
 * that must equal one of three strings, which no value satisfies. A factsheet that lists
 * blocking types is therefore invalid under the official 2.1.0 schema, and so it is here.
 */
const unsatisfiable = z.never();

const xy = open({ x: z.number(), y: z.number() });

export const v2Factsheet = open({
  headerId: nonNegativeInteger.optional(),
  timestamp: dateTime.optional(),
  version: z.string(),
  manufacturer: z.string(),
  serialNumber: z.string(),
  typeSpecification: open({
    seriesName: z.string(),
    seriesDescription: z.string().optional(),
    agvKinematic: z.enum(['DIFF', 'OMNI', 'THREEWHEEL']),
    agvClass: z.enum(['FORKLIFT', 'CONVEYOR', 'TUGGER', 'CARRIER']),
    maxLoadMass: ranged(0),
    localizationTypes: z.array(z.enum(['NATURAL', 'REFLECTOR', 'RFID', 'DMC', 'SPOT', 'GRID'])),
    navigationTypes: z.array(z.enum(['PHYSICAL_LINE_GUIDED', 'VIRTUAL_LINE_GUIDED', 'AUTONOMOUS'])),
  }),
  physicalParameters: open({
    speedMin: z.number(),
    speedMax: z.number(),
    accelerationMax: z.number(),
    decelerationMax: z.number(),
    heightMin: z.number().optional(),
    heightMax: z.number(),
    width: z.number(),
    length: z.number(),
  }),
  protocolLimits: open({
    maxStringLens: open({
      msgLen: integer.optional(),
      topicSerialLen: integer.optional(),
      topicElemLen: integer.optional(),
      idLen: integer.optional(),
      idNumericalOnly: z.boolean().optional(),
      enumLen: integer.optional(),
      loadIdLen: integer.optional(),
    }),
    maxArrayLens: open(
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
          'state.nodeStates',
          'state.edgeStates',
          'state.loads',
          'state.actionStates',
          'state.errors',
          'state.information',
          'error.errorReferences',
          'information.infoReferences',
        ].map((key) => [key, integer.optional()]),
      ),
    ),
    timing: open({ minOrderInterval: z.number(), minStateInterval: z.number(), defaultStateInterval: z.number().optional(), visualizationInterval: z.number().optional() }),
  }),
  protocolFeatures: open({
    optionalParameters: z.array(open({ parameter: z.string(), support: z.enum(['SUPPORTED', 'REQUIRED']), description: z.string().optional() })),
    agvActions: z.array(
      open({
        actionType: z.string(),
        actionDescription: z.string().optional(),
        actionScopes: z.array(z.enum(['INSTANT', 'NODE', 'EDGE'])),
        actionParameters: z.array(open({ key: z.string(), valueDataType: z.enum(['BOOL', 'NUMBER', 'INTEGER', 'FLOAT', 'STRING', 'OBJECT', 'ARRAY']), description: z.string().optional(), isOptional: z.boolean().optional() })).optional(),
        resultDescription: z.string().optional(),
        blockingTypes: unsatisfiable.optional(),
      }),
    ),
  }),
  agvGeometry: open({
    wheelDefinitions: z
      .array(
        open({
          type: z.enum(['DRIVE', 'CASTER', 'FIXED', 'MECANUM']),
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
    envelopes2d: z.array(open({ set: z.string(), polygonPoints: z.array(xy), description: z.string().optional() })).optional(),
    // 2.1.0 types a 3D envelope's free-text description as an integer; kept as the official schema has it.
    envelopes3d: z.array(open({ set: z.string(), format: z.string(), data: open({}).optional(), url: z.string().optional(), description: integer.optional() })).optional(),
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
          ...Object.fromEntries(
            [
              'maxWeight',
              'minLoadhandlingHeight',
              'maxLoadhandlingHeight',
              'minLoadhandlingDepth',
              'maxLoadhandlingDepth',
              'minLoadhandlingTilt',
              'maxLoadhandlingTilt',
              'agvSpeedLimit',
              'agvAccelerationLimit',
              'agvDecelerationLimit',
              'pickTime',
              'dropTime',
            ].map((key) => [key, z.number().optional()]),
          ),
        }),
      )
      .optional(),
  }),
  vehicleConfig: open({
    versions: z.array(open({ key: z.string(), value: z.string() })).optional(),
    network: open({
      dnsServers: z.array(z.string()).optional(),
      localIpAddress: z.string().optional(),
      ntpServers: z.array(z.string()).optional(),
      netmask: z.string().optional(),
      defaultGateway: z.string().optional(),
    }).optional(),
  }).optional(),
});

export type V2State = z.infer<typeof v2State>;
export type V2Connection = z.infer<typeof v2Connection>;
export type V2Factsheet = z.infer<typeof v2Factsheet>;
