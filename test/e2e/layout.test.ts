import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { TmuxSession } from "../support/tmux.js";

/** What a frame must hold at any size: one row per line, columns apart, nothing cut twice. */
function expectLaidOut(screen: string, rows: number) {
  const lines = screen.replace(/\n$/, "").split("\n");
  expect(lines).toHaveLength(rows);
  // Nothing wrapped: the header is still the first row and the key hints the last.
  expect(lines[0]).toMatch(/^wheelhouse /);
  expect(lines.at(-1)).toMatch(/q quit\s*$/);
  for (const line of lines) expect(line).not.toMatch(/…[^\s│║]/);
  expect(screen).not.toContain("……");
}

describe.skipIf(!TmuxSession.available())("layout in a real 80×24 terminal", () => {
  it(
    "keeps the demo's tables apart and whole, and shows why a revision failed",
    { timeout: 120_000 },
    async () => {
      const demo = TmuxSession.start("node dist/cli/main.js demo", {
        cwd: resolve("."),
        width: 80,
        height: 24,
        env: {
          PATH: process.env.PATH ?? "",
          HOME: process.env.HOME ?? "/tmp",
          TERM: "xterm-256color",
        },
      });
      try {
        expectLaidOut(await demo.waitFor(/api\s+prod/, 60_000), 24);
        await demo.press("G", "k", "Enter"); // production/shop, second to last
        const history = await demo.waitFor(/●\s+5 deployed/);
        expectLaidOut(history, 24);
        expect(history).toMatch(/1 superseded webapp-1\.2\.0 +\S+ +│/);

        await demo.press("k"); // revision 4, the failed upgrade
        const failed = await demo.waitFor(/4: Upgrade "shop" failed/);
        expectLaidOut(failed, 24);
        expect(failed).toMatch(/│to apply Deployment +│/);
      } finally {
        await demo.press("q");
        demo.kill();
      }
    },
  );
});
