/** One check's verdict: `problem` says why it matters and `fix` how to mend it. */
export interface DoctorCheck {
  ok: boolean;
  title: string;
  problem?: string;
  fix?: string;
}

export const ok = (title: string): DoctorCheck => ({ ok: true, title });

export const problem = (title: string, why: string, fix: string): DoctorCheck => ({
  ok: false,
  title,
  problem: why,
  fix,
});
