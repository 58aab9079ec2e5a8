import { execFileSync } from "node:child_process";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { TmuxSession } from "../support/tmux.js";

function demoProcesses(): string {
  try {
    return execFileSync("pgrep", ["-af", "dist/cli/main.js demo"], { encoding: "utf8" });
  } catch {
    return "";
  }
}

describe.skipIf(!TmuxSession.available())("npm run demo", () => {
  it("seeds a sandbox, opens the UI on it and cleans up on q", { timeout: 120_000 }, async () => {
    const demo = TmuxSession.start("npm run -s demo", {
      cwd: resolve("."),
      env: {
        PATH: process.env.PATH ?? "",
        HOME: process.env.HOME ?? "/tmp",
        TERM: "xterm-256color",
      },
    });
    try {
      const frame = await demo.waitFor(/shop\s+production/, 60_000);
      expect(frame).toMatch(/13 releases/);
      expect(frame).toMatch(/jobs\s+staging\s+3\s+pending-upgrade/);
      expect(frame).toMatch(/legacy\s+team-a\s+2\s+uninstalled/);
      expect(demoProcesses()).toContain("demo");

      await demo.press("q");
      const after = await demo.waitFor(/\[exited 0\]/, 20_000);
      expect(after).toMatch(/export KUBECONFIG=\S+kubeconfig/);
      expect(after).toMatch(/Sandbox stopped/);
      // The alternate screen was left: none of the UI's frame remains.
      expect(after).not.toContain("Namespaces");
      expect(demoProcesses()).toBe("");
    } finally {
      demo.kill();
    }
  });
});
