export interface FaultPlan {
  /** How many of the next Cognito API requests fail. */
  count: number;
  /** Answer with this HTTP status (default 500)... */
  status?: number;
  /** ...or drop the connection without an answer. */
  drop?: boolean;
}

/** Makes the next N API requests fail, for testing how clients recover. */
export class FaultInjector {
  private plan: Required<FaultPlan> = { count: 0, status: 500, drop: false };

  set(plan: FaultPlan): void {
    if (!Number.isInteger(plan.count) || plan.count < 0 || plan.count > 1_000_000) {
      throw new RangeError('count must be a whole number from 0 to 1000000.');
    }
    const status = plan.status ?? 500;
    if (!Number.isInteger(status) || status < 400 || status > 599) {
      throw new RangeError('status must be an HTTP error status from 400 to 599.');
    }
    this.plan = { count: plan.count, status, drop: plan.drop === true };
  }

  /** The fault for this request, if one is planned. */
  take(): { status: number; drop: boolean } | undefined {
    if (this.plan.count === 0) return undefined;
    this.plan.count -= 1;
    return { status: this.plan.status, drop: this.plan.drop };
  }
}
