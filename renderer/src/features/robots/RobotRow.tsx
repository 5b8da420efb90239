import { memo } from 'react';
import type { RobotSummary } from '../../../../electron/contract/schemas/robots';
import { GridRowFrame } from '../../ui/GridRowFrame';
import { ConnectionChip, ErrorsChip } from './RobotChips';
import type { RobotFormats } from './robot-formats';

export interface RobotRowLabels {
  connection(robot: RobotSummary): string;
  mode(mode: string | null): string | null;
  activity(robot: RobotSummary): string;
  errors: string;
  none: string;
  charging: string;
}

interface RobotRowProps {
  robot: RobotSummary;
  index: number;
  domId: string;
  top: number;
  selected: boolean;
  formats: RobotFormats;
  labels: RobotRowLabels;
  onActivate(id: string): void;
}

const DASH = (
  <span className="missing" aria-hidden="true">
    —
  </span>
);

/** One robot as a grid row; memoized, so a refetch re-renders only the robots that changed. */
export const RobotRow = memo(function RobotRow({ robot, index, domId, top, selected, formats, labels, onActivate }: RobotRowProps) {
  const mode = labels.mode(robot.operatingMode);
  return (
    <GridRowFrame index={index} domId={domId} top={top} selected={selected} rowClass="node-row" onActivate={() => onActivate(robot.id)} data-testid="robot-row" data-robot-id={robot.id}>
      <div role="gridcell" className="node-cell" title={robot.id}>
        <span className="robot-serial">{robot.serialNumber}</span> <span className="muted">{robot.manufacturer}</span>
      </div>
      <div role="gridcell" className="node-cell" title={robot.protocolVersion ?? undefined}>
        {robot.protocolVersion ?? `v${robot.protocolMajor}`}
      </div>
      <div role="gridcell" className="node-cell">
        <ConnectionChip robot={robot} label={labels.connection(robot)} />
      </div>
      <div role="gridcell" className="node-cell" title={labels.activity(robot)}>
        {mode ?? DASH}
      </div>
      <div role="gridcell" className="node-cell numeric" data-testid="robot-battery">
        {robot.batteryPct === null ? DASH : `${robot.charging ? `${labels.charging} ` : ''}${formats.percent(robot.batteryPct)}`}
      </div>
      <div role="gridcell" className="node-cell">
        <ErrorsChip errors={robot.errors} label={labels.errors} none={labels.none} />
      </div>
      <div role="gridcell" className="node-cell numeric">
        {formats.hours(robot.autonomousHours)}
      </div>
      <div role="gridcell" className="node-cell numeric">
        {formats.integer(robot.missionsCompleted)}
      </div>
      <div role="gridcell" className={robot.invalidMessages > 0 ? 'node-cell numeric node-partial' : 'node-cell numeric'} data-testid="robot-invalid">
        {formats.integer(robot.invalidMessages)}
      </div>
      <div role="gridcell" className="node-cell" title={robot.lastSeen ?? undefined}>
        {robot.lastSeen ? formats.dateTime(robot.lastSeen) : DASH}
      </div>
    </GridRowFrame>
  );
});
