import type { DoctorCheck } from './verdicts.ts';

/** What one checked pool came to. */
export interface ReportCount {
  problems: number;
  notes: number;
}

function printCheck(check: DoctorCheck, out: (line: string) => void): void {
  if (!check.ok) {
    out(`  PROBLEM  ${check.title}`);
    out(`           why: ${check.problem}`);
    out(`           fix: ${check.fix}`);
  } else if (check.notice !== undefined) {
    out(`  note     ${check.title}`);
    out(`           why: ${check.notice}`);
  } else {
    out(`  ok       ${check.title}`);
  }
}

/** Prints one pool's checks under its heading; returns what they came to. */
export function printReport(
  heading: string,
  checks: readonly DoctorCheck[],
  out: (line: string) => void,
): ReportCount {
  out(heading);
  for (const check of checks) printCheck(check, out);
  return {
    problems: checks.filter((check) => !check.ok).length,
    notes: checks.filter((check) => check.notice !== undefined).length,
  };
}

/** The closing line over every pool checked. */
export function printSummary(counts: readonly ReportCount[], out: (line: string) => void): void {
  const problems = counts.reduce((sum, count) => sum + count.problems, 0);
  const notes = counts.reduce((sum, count) => sum + count.notes, 0);
  const noted = notes === 0 ? '' : ` (${notes} note${notes === 1 ? '' : 's'})`;
  out(
    problems === 0
      ? `All checks pass${noted}.`
      : `${problems} problem${problems === 1 ? '' : 's'} found${noted}.`,
  );
}
