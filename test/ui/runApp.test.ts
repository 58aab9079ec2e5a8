import { EventEmitter } from "node:events";
import { describe, expect, it } from "vitest";
import { runApp } from "../../src/ui/runApp.js";
import { standardBackend } from "./harness.js";

class FakeStdout extends EventEmitter {
  columns = 100;
  rows = 30;
  isTTY = true;
  output = "";
  write = (chunk: string) => {
    this.output += chunk;
    return true;
  };
}

class FakeStdin extends EventEmitter {
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
}

describe("runApp", () => {
  it("draws in the alternate screen and leaves it when the user quits", async () => {
    const stdout = new FakeStdout();
    const stdin = new FakeStdin();
    const done = runApp({
      backend: standardBackend(),
      options: { readonly: false },
      stdin: stdin as unknown as NodeJS.ReadStream,
      stdout: stdout as unknown as NodeJS.WriteStream,
      patchConsole: false,
    });
    const start = Date.now();
    while (!stdout.output.includes("web-1.2.0")) {
      if (Date.now() - start > 3000) throw new Error(`no first frame:\n${stdout.output}`);
      await new Promise((r) => setTimeout(r, 10));
    }
    expect(stdout.output.startsWith("\u001b[?1049h")).toBe(true);
    expect(stdout.output).not.toContain("\u001b[?1049l");
    stdin.send("q");
    await done;
    expect(stdout.output).toContain("\u001b[?1049l");
    expect(stdout.output.lastIndexOf("\u001b[?1049l")).toBeGreaterThan(
      stdout.output.lastIndexOf("web-1.2.0"),
    );
  });
});
