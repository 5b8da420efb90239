/** Error codes every transport maps to the same status and message, so a caller never parses prose. */
export const API_ERROR_STATUS = {
  'invalid-input': 400,
  'unknown-method': 404,
  'not-found': 404,
  unauthorized: 401,
  forbidden: 403,
  conflict: 409,
  unavailable: 503,
  internal: 500,
} as const;

export type ApiErrorCode = keyof typeof API_ERROR_STATUS;

export interface ApiErrorBody {
  code: ApiErrorCode;
  message: string;
  /** Field-level problems for invalid input: path and message, never the offending value. */
  issues?: { path: string; message: string }[];
}

export class ApiError extends Error {
  readonly code: ApiErrorCode;
  readonly issues: ApiErrorBody['issues'];

  constructor(code: ApiErrorCode, message: string, issues?: ApiErrorBody['issues']) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
    this.issues = issues;
  }

  toBody(): ApiErrorBody {
    return this.issues ? { code: this.code, message: this.message, issues: this.issues } : { code: this.code, message: this.message };
  }

  static fromBody(body: ApiErrorBody): ApiError {
    return new ApiError(body.code, body.message, body.issues);
  }
}

export function isApiErrorBody(value: unknown): value is ApiErrorBody {
  return typeof value === 'object' && value !== null && typeof (value as ApiErrorBody).code === 'string' && (value as ApiErrorBody).code in API_ERROR_STATUS && typeof (value as ApiErrorBody).message === 'string';
}
