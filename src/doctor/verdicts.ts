/**
 * One check's verdict: `problem` says why it matters and `fix` how to mend it. A passed check
 * may carry a `notice`: something worth knowing that needs no fix, so it fails nothing.
 */
export interface DoctorCheck {
  ok: boolean;
  title: string;
  problem?: string;
  fix?: string;
  notice?: string;
}

export const ok = (title: string): DoctorCheck => ({ ok: true, title });

export const problem = (title: string, why: string, fix: string): DoctorCheck => ({
  ok: false,
  title,
  problem: why,
  fix,
});

export const notice = (title: string, why: string): DoctorCheck => ({
  ok: true,
  title,
  notice: why,
});
