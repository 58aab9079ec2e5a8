/**
 * A terminal for running the full-screen UI in-process (runApp's tests and
 * bench/ui): a TTY-like stdout that records every write with its time, and
 * a stdin that delivers keys the way Ink reads them.
 */
import { EventEmitter } from "node:events";
import { performance } from "node:perf_hooks";

export class FakeTerminalOutput extends EventEmitter {
  isTTY = true;
  readonly writes: Array<{ at: number; text: string }> = [];

  constructor(
    public columns = 100,
    public rows = 30,
  ) {
    super();
  }

  write = (chunk: string) => {
    this.writes.push({ at: performance.now(), text: String(chunk) });
    return true;
  };

  /** Everything written so far. */
  get output(): string {
    return this.writes.map((w) => w.text).join("");
  }

  asStream(): NodeJS.WriteStream {
    return this as unknown as NodeJS.WriteStream;
  }
}

export class FakeTerminalInput extends EventEmitter {
  isTTY = true;
  private data: string | null = null;

  send(data: string) {
    this.data = data;
    this.emit("readable");
    this.emit("data", data);
  }

  read = () => {
    const d = this.data;
    this.data = null;
    return d;
  };

  setEncoding() {}
  setRawMode() {}
  resume() {}
  pause() {}
  ref() {}
  unref() {}

  asStream(): NodeJS.ReadStream {
    return this as unknown as NodeJS.ReadStream;
  }
}
