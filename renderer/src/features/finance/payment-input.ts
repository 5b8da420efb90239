import { parseCostInput } from '../inventory/money-display';
import { isCalendarDate } from './calendar';

export type PaymentInputError = 'required' | 'positive' | 'date' | 'future' | 'format' | 'grouping' | 'precision' | 'negative';

/**
 * A payment as typed: an amount in whole units (micro-units allowed, the ledger keeps them as
 * credit) and a day that is not in the future. The server checks the rest (order, too much).
 */
export function readPayment(amountText: string, date: string, today: string, language: string): { amount: bigint | null; errors: { amount?: PaymentInputError; date?: PaymentInputError } } {
  const errors: { amount?: PaymentInputError; date?: PaymentInputError } = {};
  const parsed = parseCostInput(amountText, language);
  let amount: bigint | null = null;
  if (!parsed.ok) errors.amount = parsed.error;
  else if (parsed.value === null) errors.amount = 'required';
  else if (parsed.value <= 0n) errors.amount = 'positive';
  else amount = parsed.value;
  if (date.trim() === '') errors.date = 'required';
  else if (!isCalendarDate(date)) errors.date = 'date';
  else if (date > today) errors.date = 'future';
  return { amount: Object.keys(errors).length === 0 ? amount : null, errors };
}
