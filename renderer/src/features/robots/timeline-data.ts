import type { RobotActivityName, RobotDetail } from '../../../../electron/contract/schemas/robots';

/** Activities as levels on the timeline's state axis, from "not there" up to "earning". */
export const ACTIVITY_LEVELS: readonly RobotActivityName[] = ['offline', 'fault', 'manual', 'idle', 'charging', 'working'];

export function activityLevel(activity: RobotActivityName): number {
  return ACTIVITY_LEVELS.indexOf(activity);
}

/**
 * uPlot's columnar data from a robot's timeline: x in seconds, battery % (null: not reported),
 * and the activity as a level of ACTIVITY_LEVELS (drawn as steps). Unparseable times are dropped.
 */
export function timelineData(points: RobotDetail['timeline']): [number[], (number | null)[], number[]] {
  const x: number[] = [];
  const battery: (number | null)[] = [];
  const activity: number[] = [];
  for (const point of points) {
    const at = Date.parse(point.at);
    if (Number.isNaN(at)) continue;
    x.push(at / 1000);
    battery.push(point.batteryPct);
    activity.push(activityLevel(point.activity));
  }
  return [x, battery, activity];
}
