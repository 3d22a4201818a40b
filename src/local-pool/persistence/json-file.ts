import { mkdir, open, readdir, readFile, rename, unlink } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * One JSON file, replaced atomically and durably: write a temporary file, fsync it, rename it
 * over the old one, fsync the folder. A crash therefore leaves either the old file or the new
 * one, never half of either, and a save that resolved survives a power cut.
 *
 * Writes are coalesced. Every change takes a generation number; a save resolves once a write
 * that started after its change finished, so callers under load wait for at most two writes
 * instead of "until nothing is dirty", which could wait forever.
 */
export class JsonFile<T> {
  readonly path: string;
  private changed = 0;
  private written = 0;
  private writing: Promise<void> | null = null;
  private waiters: Array<{
    generation: number;
    resolve: () => void;
    reject: (e: unknown) => void;
  }> = [];

  constructor(
    private readonly directory: string,
    private readonly fileName: string,
    private readonly snapshot: () => T,
  ) {
    this.path = join(directory, fileName);
  }

  /** The parsed file; undefined when it does not exist. Throws naming the file otherwise. */
  async read(): Promise<unknown> {
    let text: string;
    try {
      text = await readFile(this.path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw new Error(`Cannot read the local pool's data from ${this.path}: ${String(error)}`);
    }
    try {
      return JSON.parse(text) as unknown;
    } catch (error) {
      throw new Error(
        `The local pool's data file ${this.path} is not valid JSON (${(error as Error).message}). ` +
          'It was left as it is: fix it, or move it away to start with an empty pool.',
      );
    }
  }

  /** Removes temporary files a crash left behind; they never hold the only copy of anything. */
  async removeLeftovers(): Promise<string[]> {
    let names: string[];
    try {
      names = await readdir(this.directory);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
    const leftovers = names.filter(
      (name) => name.startsWith(`${this.fileName}.`) && name.endsWith('.tmp'),
    );
    await Promise.all(leftovers.map((name) => unlink(join(this.directory, name))));
    return leftovers;
  }

  /** Saves the current state; resolves once a write that includes every change so far is durable. */
  save(): Promise<void> {
    const generation = ++this.changed;
    const done = new Promise<void>((resolve, reject) => {
      this.waiters.push({ generation, resolve, reject });
    });
    this.writing ??= this.drain().finally(() => {
      this.writing = null;
    });
    return done;
  }

  private async drain(): Promise<void> {
    while (this.written < this.changed) {
      // Everything changed up to here is in the snapshot taken below.
      const generation = this.changed;
      try {
        await this.write(JSON.stringify(this.snapshot()));
        this.written = generation;
        this.settle(generation, (waiter) => waiter.resolve());
      } catch (error) {
        // Those waiting for this write fail; later changes get a fresh attempt.
        this.written = generation;
        this.settle(generation, (waiter) => waiter.reject(error));
      }
    }
  }

  private settle(generation: number, finish: (waiter: JsonFile<T>['waiters'][number]) => void) {
    const ready = this.waiters.filter((waiter) => waiter.generation <= generation);
    this.waiters = this.waiters.filter((waiter) => waiter.generation > generation);
    for (const waiter of ready) finish(waiter);
  }

  private async write(text: string): Promise<void> {
    await mkdir(this.directory, { recursive: true });
    const temporary = `${this.path}.${process.pid}.tmp`;
    const file = await open(temporary, 'w', 0o600);
    try {
      await file.writeFile(text);
      await file.sync();
    } finally {
      await file.close();
    }
    await rename(temporary, this.path);
    await syncDirectory(this.directory);
  }
}

/** Makes a rename durable. Some platforms (Windows) cannot open a folder; they need not. */
async function syncDirectory(directory: string): Promise<void> {
  let handle: Awaited<ReturnType<typeof open>> | undefined;
  try {
    handle = await open(directory, 'r');
  } catch {
    return;
  }
  try {
    await handle.sync();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'EINVAL' && code !== 'EPERM' && code !== 'EISDIR') throw error;
  } finally {
    await handle.close();
  }
}
