export type CheckStatus = 'ok' | 'warn' | 'fail';

/** What a failing check is about decides the exit code of `sietch doctor`. */
export type CheckArea = 'local' | 'hardware' | 'network';

export interface CheckResult {
  name: string;
  status: CheckStatus;
  area: CheckArea;
  message: string;
  /** What to do about a warn or fail. */
  fix?: string | undefined;
}
