import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * One JSON file, replaced atomically (write a temporary file, then rename) so a crash never
 * leaves half a file. Writes are coalesced: a change made while a write is in flight is
 * saved by one more write after it.
 */
export class JsonFile<T> {
  private readonly path: string;
  private writing: Promise<void> | null = null;
  private dirty = false;

  constructor(
    private readonly directory: string,
    fileName: string,
    private readonly snapshot: () => T,
  ) {
    this.path = join(directory, fileName);
  }

  async read(): Promise<T | undefined> {
    try {
      return JSON.parse(await readFile(this.path, 'utf8')) as T;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw new Error(`Cannot read the local pool's data from ${this.path}: ${String(error)}`);
    }
  }

  /** Schedules a save of the current state; resolves once it is on disk. */
  save(): Promise<void> {
    this.dirty = true;
    this.writing ??= this.drain().finally(() => {
      this.writing = null;
    });
    return this.writing;
  }

  private async drain(): Promise<void> {
    await mkdir(this.directory, { recursive: true });
    while (this.dirty) {
      this.dirty = false;
      const temporary = `${this.path}.${process.pid}.tmp`;
      await writeFile(temporary, JSON.stringify(this.snapshot()), { mode: 0o600 });
      await rename(temporary, this.path);
    }
  }
}
