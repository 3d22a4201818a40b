import { runDoctor } from '../../src/doctor/run.ts';
import type { LocalPool } from '../../src/local-pool/index.ts';

/** The doctor's arguments for a local pool and its app client. */
export const poolArgs = (pool: LocalPool, ...more: string[]) => [
  '--user-pool-id',
  pool.userPoolId,
  '--client-id',
  pool.userPoolClientId,
  '--endpoint',
  pool.endpoint,
  ...more,
];

/** The doctor in this process, with no AWS credentials, its output gathered. */
export async function doctorInProcess(
  args: string[],
  io: Partial<Parameters<typeof runDoctor>[1]> = {},
) {
  const out: string[] = [];
  const err: string[] = [];
  const status = await runDoctor(args, {
    out: (line) => out.push(line),
    err: (line) => err.push(line),
    env: {},
    ...io,
  });
  return { status, out: out.join('\n'), err: err.join('\n') };
}
