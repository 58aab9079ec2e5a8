/**
 * An append-only log of changes, made durable in groups: each change is one line, appended in
 * memory at once; a write-out takes every line appended so far, writes them and fdatasyncs, and
 * the next write-out starts when it ends — so concurrent writers share one sync, and a writer
 * waits (durable()) for the write-out that holds its line. Writing the whole state per change
 * cost O(state) each; this costs O(change).
 */
import { fchmodSync, fdatasync, fstatSync, ftruncate, openSync, closeSync, write } from "node:fs";
import { promisify } from "node:util";

const writeAsync = promisify(write);
const datasyncAsync = promisify(fdatasync);
const truncateAsync = promisify(ftruncate);

export class Journal {
  private readonly fd: number;
  private pending: Buffer[] = [];
  /** The latest write-out or compaction, queued or running (rejects if it fails). */
  private last: Promise<void> = Promise.resolve();
  /** The same, settled either way: the next step starts after it. */
  private chain: Promise<void> = Promise.resolve();
  /** A write-out not yet started (it will take every line pending when it starts). */
  private queued: Promise<void> | undefined;
  /** Write-outs and compactions queued or running. */
  private busy = 0;
  private failure: Error | undefined;
  /** Bytes in the file. */
  size: number;

  /** Opens (or creates) the journal for appending, readable by its owner only. */
  constructor(
    readonly path: string,
    private readonly onFailure: (e: Error) => void = () => {},
  ) {
    this.fd = openSync(path, "a", 0o600);
    fchmodSync(this.fd, 0o600);
    this.size = fstatSync(this.fd).size;
  }

  /** Adds a line, newline included (written by the next write-out, which is queued now). */
  append(line: Buffer): void {
    this.pending.push(line);
    this.writeOut().catch(() => {});
  }

  /**
   * Resolves when every line appended so far is on disk; undefined when nothing is waiting to be.
   * After a failed write nothing is durable any more: it rejects.
   */
  durable(): Promise<void> | undefined {
    if (this.failure !== undefined) return Promise.reject(this.failure);
    if (this.pending.length > 0) return this.writeOut();
    return this.busy > 0 ? this.last : undefined;
  }

  /** The next write-out: every line pending when it starts, written and synced. */
  private writeOut(): Promise<void> {
    this.queued ??= this.then(async () => {
      this.queued = undefined;
      const lines = this.pending;
      this.pending = [];
      if (lines.length === 0) return;
      const data = lines.length === 1 ? (lines[0] as Buffer) : Buffer.concat(lines);
      for (let off = 0; off < data.length;) {
        off += (await writeAsync(this.fd, data, off, data.length - off)).bytesWritten;
      }
      await datasyncAsync(this.fd);
      this.size += data.length;
    });
    return this.queued;
  }

  /**
   * Runs `step` after every write-out queued so far, before any later one: `compact` writes a
   * snapshot holding everything appended until it starts, then empties the journal.
   */
  compact(snapshot: () => Promise<void>): Promise<void> {
    return this.then(async () => {
      // Lines still pending are in the snapshot too; written after it, they are replayed over
      // it harmlessly (the loader skips lines the snapshot already holds).
      await snapshot();
      await truncateAsync(this.fd, 0);
      this.size = 0;
    });
  }

  private then(step: () => Promise<void>): Promise<void> {
    this.busy += 1;
    const run = this.chain.then(async () => {
      if (this.failure !== undefined) throw this.failure;
      try {
        await step();
      } catch (e) {
        this.failure = e as Error;
        this.onFailure(this.failure);
        throw e;
      }
    });
    const settled = run.finally(() => {
      this.busy -= 1;
    });
    this.last = settled;
    this.chain = settled.catch(() => {});
    return settled;
  }

  /** Closes the file (after what is queued). */
  async close(): Promise<void> {
    await this.chain;
    closeSync(this.fd);
  }
}
