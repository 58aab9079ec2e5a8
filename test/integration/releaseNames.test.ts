import { resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../support/cli.js";
import { withSandbox, type SandboxFixture } from "../support/sandbox.js";

const webapp = resolve("demo/charts/webapp");
let fx: SandboxFixture;
let env: NodeJS.ProcessEnv;
const wh = (...args: string[]) => runCli(args, { env });

beforeAll(async () => {
  fx = await withSandbox();
  env = { PATH: process.env.PATH, HOME: fx.dir, KUBECONFIG: fx.kubeconfigPath };
  expect((await wh("install", "good", webapp)).code).toBe(0);
});
afterAll(() => fx.close());

/**
 * A release name becomes a label selector (`name=<name>`) and part of a Secret's name, so a name
 * helm refuses must be refused before it gets there: `good,name!=zzz` would otherwise select the
 * records of the release "good".
 */
const INJECTED = "good,name!=zzz";
const COMMANDS: string[][] = [
  ["history", INJECTED],
  ["status", INJECTED],
  ["get", "values", INJECTED],
  ["get", "manifest", INJECTED],
  ["get", "notes", INJECTED],
  ["get", "hooks", INJECTED],
  ["get", "all", INJECTED],
  ["rollback", INJECTED, "1"],
  ["uninstall", INJECTED],
  ["test", INJECTED],
  ["recover", INJECTED],
  ["upgrade", INJECTED, webapp],
  ["install", INJECTED, webapp],
  ["template", INJECTED, webapp],
  ["diff", "upgrade", INJECTED, webapp],
  ["diff", "revision", INJECTED, "1"],
  ["diff", "rollback", INJECTED, "1"],
  ["diff", "live", INJECTED],
];

describe("release names", () => {
  it.each(COMMANDS.map((args) => [args.join(" "), args] as const))(
    "%s is refused as an invalid release name",
    async (_label, args) => {
      const result = await wh(...args);
      expect(result.code).toBe(1);
      expect(result.stderr).toContain(`invalid release name "${INJECTED}"`);
      expect(result.stdout).toBe("");
    },
  );

  it("refuses a name longer than 53 characters, and upper case, as helm does", async () => {
    const long = await wh("history", "a".repeat(54));
    expect(long.stderr).toContain("is 54 characters long (at most 53)");
    const upper = await wh("status", "Good");
    expect(upper.stderr).toContain('invalid release name "Good"');
    // The release that the injected selector would have found is untouched.
    const history = await wh("history", "good", "-o", "json");
    expect(JSON.parse(history.stdout)).toHaveLength(1);
  });
});
