import { isApiErrorBody, type ApiErrorCode } from '../../../electron/contract/errors';

/** What the UI shows for a failure: a code it can translate and the server's own message. */
export interface UiError {
  code: ApiErrorCode | 'bad-response' | 'unexpected';
  message: string;
}

export function describeError(error: unknown): UiError {
  // ApiError and plain ApiErrorBody look the same here, which is the point.
  if (isApiErrorBody(error)) return { code: error.code, message: error.message };
  // The typed client decodes every answer with zod: a mismatch means server and console disagree.
  if (error instanceof Error && error.name === 'ZodError') return { code: 'bad-response', message: firstLine(error.message) };
  if (error instanceof Error) return { code: 'unexpected', message: error.message };
  return { code: 'unexpected', message: String(error) };
}

function firstLine(text: string): string {
  return text.length > 400 ? `${text.slice(0, 400)}…` : text;
}
