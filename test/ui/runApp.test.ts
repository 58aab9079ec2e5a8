import { describe, expect, it, vi } from "vitest";
import { runApp } from "../../src/ui/runApp.js";
import { FakeTerminalInput, FakeTerminalOutput } from "../support/fakeTerminal.js";
import { standardBackend } from "./standardBackend.js";

async function until(check: () => boolean, what: string) {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > 3000) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe("runApp", () => {
  it("draws in the alternate screen and leaves it when the user quits", async () => {
    const stdout = new FakeTerminalOutput();
    const stdin = new FakeTerminalInput();
    const done = runApp({
      backend: standardBackend(),
      options: { readonly: false },
      stdin: stdin.asStream(),
      stdout: stdout.asStream(),
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

  it("leaves the alternate screen and rejects when rendering crashes", async () => {
    const backend = standardBackend();
    // A row the UI cannot render: a bug must not leave the terminal in the alternate screen.
    backend.releases = async () => [{ name: undefined } as never];
    const stdout = new FakeTerminalOutput();
    const stdin = new FakeTerminalInput();
    const run = runApp({
      backend,
      options: { readonly: false },
      stdin: stdin.asStream(),
      stdout: stdout.asStream(),
      patchConsole: false,
    });
    await expect(run).rejects.toThrow();
    expect(stdout.output.startsWith("\u001b[?1049h")).toBe(true);
    expect(stdout.output.endsWith("\u001b[?1049l\u001b[?25h")).toBe(true);
  });

  it("stops on a render error without drawing a crash screen into the alternate screen", async () => {
    const backend = standardBackend();
    backend.releases = async () => [{ name: undefined } as never];
    const logged: string[] = [];
    const spy = vi.spyOn(console, "error").mockImplementation((...args: unknown[]) => {
      logged.push(args.map(String).join(" "));
    });
    const stdout = new FakeTerminalOutput();
    try {
      const run = runApp({
        backend,
        options: { readonly: false },
        stdin: new FakeTerminalInput().asStream(),
        stdout: stdout.asStream(),
        patchConsole: false,
      });
      await expect(run).rejects.toThrow();
    } finally {
      spy.mockRestore();
    }
    // Ink's overview lists the stack (its lines keyed by their text, which React warned about).
    expect(stdout.output).not.toMatch(/ERROR|at Array\.map/);
    expect(logged).toEqual([]);
  });

  it("hands the terminal to $EDITOR for values and plans with what it saved", async () => {
    const previous = { VISUAL: process.env.VISUAL, EDITOR: process.env.EDITOR };
    delete process.env.VISUAL;
    process.env.EDITOR = `sh -c 'echo "replicas: 9" > "$0"'`;
    const backend = standardBackend();
    const stdout = new FakeTerminalOutput();
    const stdin = new FakeTerminalInput();
    try {
      const done = runApp({
        backend,
        options: { readonly: false },
        stdin: stdin.asStream(),
        stdout: stdout.asStream(),
        patchConsole: false,
      });
      await until(() => stdout.output.includes("web-1.2.0"), "the first frame");
      for (const key of ["\u001b[B", "u", ".", "/", "w", "\r"]) {
        stdin.send(key);
        await new Promise((r) => setTimeout(r, 10));
      }
      await until(() => stdout.output.includes("e edit the current values"), "the values step");
      const before = stdout.output.length;
      stdin.send("e");
      await until(() => backend.count("planUpgrade") === 1, "the plan");
      expect(backend.lastCall("planUpgrade")?.[0]).toMatchObject({
        values: { mode: "edited", yaml: "replicas: 9\n" },
      });
      const during = stdout.output.slice(before);
      expect(during.indexOf("\u001b[?1049l")).toBeLessThan(during.indexOf("\u001b[?1049h"));
      stdin.send("\u001b");
      await new Promise((r) => setTimeout(r, 50));
      stdin.send("q");
      await done;
    } finally {
      if (previous.VISUAL !== undefined) process.env.VISUAL = previous.VISUAL;
      if (previous.EDITOR === undefined) delete process.env.EDITOR;
      else process.env.EDITOR = previous.EDITOR;
    }
  });
});
