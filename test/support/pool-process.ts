import { type ChildProcess, spawn } from 'node:child_process';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '../..');

/** The pool CLI in a process of its own, so a test can kill it as a crash would. */
export async function startPoolProcess(
  args: string[],
): Promise<{ child: ChildProcess; endpoint: string }> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', join(root, 'src/local-pool/cli.ts'), '--port', '0', ...args],
    { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  return { child, endpoint: await endpointOnceListening(child) };
}

/** The endpoint a pool CLI process says it listens on, or its output if it exits first. */
export function endpointOnceListening(child: ChildProcess): Promise<string> {
  return new Promise<string>((done, fail) => {
    let output = '';
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on (http:\/\/\S+)/.exec(output);
      if (match?.[1]) done(match[1]);
    };
    child.stdout?.on('data', read);
    child.stderr?.on('data', read);
    child.once('exit', (code) => fail(new Error(`The pool exited (${code}): ${output}`)));
  });
}

/** Stops a pool process and waits until it is gone. */
export function killPoolProcess(child: ChildProcess, signal: NodeJS.Signals = 'SIGKILL') {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  child.kill(signal);
  return exited;
}
