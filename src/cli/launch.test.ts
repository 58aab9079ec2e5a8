import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { commandLabel, opensTerminalUi, VALUE_OPTIONS } from "./launch.js";
import { processIO } from "./io.js";
import { buildProgram } from "./program.js";

describe("before loading the program, the launcher", () => {
  it("finds the command after global options and their values", () => {
    expect(commandLabel(["list"])).toBe("list");
    expect(commandLabel(["-n", "web", "history", "api"])).toBe("history");
    expect(commandLabel(["--kubeconfig", "k", "--kube-context", "c", "ls"])).toBe("ls");
    expect(commandLabel(["--kubeconfig=k", "--debug", "status", "x"])).toBe("status");
    expect(commandLabel(["-An", "web"])).toBe("");
    expect(commandLabel(["--driver", "memory", "-A"])).toBe("");
    expect(commandLabel([])).toBe("");
  });

  it("sends no command and demo to the UI program, and help and the version to the CLI", () => {
    expect(opensTerminalUi("", [])).toBe(true);
    expect(opensTerminalUi("", ["-n", "web", "--readonly"])).toBe(true);
    expect(opensTerminalUi("demo", ["demo"])).toBe(true);
    expect(opensTerminalUi("", ["--help"])).toBe(false);
    expect(opensTerminalUi("", ["--version"])).toBe(false);
    expect(opensTerminalUi("list", ["list"])).toBe(false);
  });

  it("knows every global option that takes a value, or it would take the value for the command", () => {
    const discard = new Writable({ write: (_c, _e, done) => done() });
    const program = buildProgram({ ...processIO(), stdout: discard, stderr: discard });
    const taking = program.options
      .filter((o) => o.required || o.optional)
      .flatMap((o) => [o.long, o.short].filter((f): f is string => f !== undefined));
    expect(new Set(taking)).toEqual(VALUE_OPTIONS);
  });
});
