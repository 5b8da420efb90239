/** How the Robots page writes its numbers, in the current language. */
export interface RobotFormats {
  language: string;
  percent(value: number): string;
  hours(value: number): string;
  decimal(value: number, digits?: number): string;
  integer(value: number): string;
  dateTime(iso: string): string;
}

export function robotFormats(language: string): RobotFormats {
  const integer = new Intl.NumberFormat(language, { maximumFractionDigits: 0 });
  const oneDecimal = new Intl.NumberFormat(language, { minimumFractionDigits: 1, maximumFractionDigits: 1 });
  const dateTime = new Intl.DateTimeFormat(language, { dateStyle: 'short', timeStyle: 'medium' });
  return {
    language,
    percent: (value) => `${integer.format(value)} %`,
    // Runtime builds up slowly: below ten hours a decimal says whether the robot worked today at all.
    hours: (value) => (value < 10 ? oneDecimal.format(value) : integer.format(value)),
    decimal: (value, digits = 1) => new Intl.NumberFormat(language, { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(value),
    integer: (value) => integer.format(value),
    dateTime: (iso) => dateTime.format(new Date(iso)),
  };
}
