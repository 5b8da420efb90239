import type { RobotsHandlers } from '../../contract/robots-api';
import { ApiError } from '../../contract/errors';
import type { RobotService } from './robot-service';

/** The robots' API handlers over one RobotService. */
export function createRobotHandlers(robots: RobotService): RobotsHandlers {
  return {
    'robots.list': async () => robots.list(),
    'robots.get': async ({ id, hours }) => {
      const detail = robots.detail(id, hours);
      if (!detail) throw new ApiError('not-found', `no robot "${id}"`);
      return detail;
    },
  };
}
