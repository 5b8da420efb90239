/** The simulator's default manufacturer (topics and headers). */
export const DEFAULT_SIM_MANUFACTURER = 'SietchSim';

/** Topic levels may not hold MQTT's separators or wildcards. */
export function isTopicLevel(value: string): boolean {
  return value.length > 0 && !value.includes('/') && !value.includes('+') && !value.includes('#') && !value.includes(String.fromCharCode(0));
}
