import { describe, expect, it } from "vitest";
import { runCli } from "../../test/support/cli.js";

describe("wheelhouse command line", () => {
  it("rejects an unknown flag with a usage message and exit code 1", async () => {
    const result = await runCli(["--no-such-flag"]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("unknown option '--no-such-flag'");
  });

  it("prints its version", async () => {
    const result = await runCli(["--version"]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^\d+\.\d+\.\d+/);
  });
});
