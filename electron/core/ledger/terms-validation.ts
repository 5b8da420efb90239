/** A problem with one field of the terms, in the shape ApiError carries to the form. */
export interface TermsIssue {
  path: string;
  message: string;
}

/** Thrown by the pure engine for terms that parse but cannot make a facility. */
export class InvalidTermsError extends Error {
  override name = 'InvalidTermsError';
  constructor(readonly issues: TermsIssue[]) {
    super(issues.map((issue) => `${issue.path}: ${issue.message}`).join('; '));
  }
}

/** Collects issues; `throwIfAny` ends the check with one error naming all of them. */
export class IssueList {
  private readonly issues: TermsIssue[] = [];

  check(ok: boolean, path: string, message: string): void {
    if (!ok) this.issues.push({ path, message });
  }

  throwIfAny(): void {
    if (this.issues.length > 0) throw new InvalidTermsError(this.issues);
  }
}
