import { execFile, execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { runCli } from "../support/cli.js";
import { helmBinary, helmEnv } from "../support/helm.js";
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

      // The KUBECONFIG line printed before the UI took the screen, shown again on demand.
      await demo.press(":");
      demo.type("kubeconfig");
      await demo.press("Enter");
      const shown = await demo.waitFor(/export KUBECONFIG=\S+kubeconfig/);
      const kubeconfig = /export KUBECONFIG=(\S+kubeconfig)/.exec(shown)![1]!;
      expect(existsSync(kubeconfig)).toBe(true);

      await demo.press("q");
      const after = await demo.waitFor(/\[exited 0\]/, 20_000);
      expect(after).toContain(`export KUBECONFIG=${kubeconfig}`);
      expect(after).toMatch(/Sandbox stopped/);
      // Its temporary folder (kubeconfig, sandbox state, helm's homes) went with it.
      expect(existsSync(dirname(kubeconfig))).toBe(false);
      // The alternate screen was left: none of the UI's frame remains.
      expect(after).not.toContain("Namespaces");
      expect(demoProcesses()).toBe("");
    } finally {
      demo.kill();
    }
  });
});

// In this file, after the test above: the two demos must not overlap, since that one counts the
// demo processes on the machine.
/**
 * The README's "Five minutes: from zero to a rollback", key for key, against `npm run demo`.
 * The steps it replays are quoted from the README first, so an edit there that this test does
 * not follow fails here instead of leaving the walkthrough untested.
 */
const README = readFileSync(resolve("README.md"), "utf8");
const walkthrough = README.slice(
  README.indexOf("## Five minutes: from zero to a rollback"),
  README.indexOf("## Using it on a real cluster"),
).replace(/\s+/g, " ");

const scratch = mkdtempSync(join(tmpdir(), "wh-walkthrough-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** The demo makes its folder (and kubeconfig) under TMPDIR, which the test sets to `scratch`. */
function demoKubeconfig(): string {
  const dir = readdirSync(scratch).find((d) => d.startsWith("wheelhouse-demo-"));
  if (!dir) throw new Error(`no demo folder in ${scratch}`);
  return join(scratch, dir, "kubeconfig");
}

/** The releases table's rows as "name namespace", in screen order. */
function releaseRows(screen: string): string[] {
  const rows: string[] = [];
  for (const line of screen.split("\n")) {
    const m =
      /[│║]([a-z][\w-]*)\s+([a-z][\w-]*)\s+\d+\s+(deployed|failed|pending-\w+|uninstalled)/.exec(
        line,
      );
    if (m) rows.push(`${m[1]} ${m[2]}`);
  }
  return rows;
}

describe.skipIf(!TmuxSession.available())("the README's five-minute walkthrough", () => {
  it(
    "rolls shop in production back to revision 1 as the README says",
    { timeout: 180_000 },
    async () => {
      // The steps, as the README words them.
      expect(walkthrough).toContain("1. `npm ci && npm run demo`.");
      expect(walkthrough).toContain(
        "Move to `shop` in `production` with `j`/`k` and press `Enter`",
      );
      expect(walkthrough).toContain(
        "Press `g` to go to revision 1, `Space` to mark it, `j` to move to revision 2, `d` to diff the two",
      );
      expect(walkthrough).toContain("`n`/`N` jump between resources, `x` reveals Secret values");
      expect(walkthrough).toContain("`Esc` (back to the history), then `g` and `r`");
      expect(walkthrough).toContain(
        "`Enter`, then `y` to confirm (the dialog also shows the `wheelhouse …` and `helm …` command lines that do the same). Revision 6 is written, `Rollback to 1 · by sandbox-admin` (who acted, as the API server says), the others superseded",
      );
      expect(walkthrough).toContain("refused at the first key until you `:recover` it");

      // 1. npm run demo (built already: `npm ci` runs `prepare`).
      const demo = TmuxSession.start("npm run -s demo", {
        cwd: resolve("."),
        width: 120,
        height: 40,
        env: {
          PATH: process.env.PATH ?? "",
          HOME: process.env.HOME ?? "/tmp",
          TMPDIR: scratch,
          TERM: "xterm-256color",
        },
      });
      try {
        // 2. Move to shop in production with j and press Enter.
        const list = await demo.waitFor(/13 releases[\s\S]*shop\s+production/, 90_000);
        const index = releaseRows(list).indexOf("shop production");
        expect(index).toBeGreaterThan(0);
        await demo.press(...Array<string>(index).fill("j"));
        await demo.waitFor(`${index + 1}/13`);
        await demo.press("Enter");
        const history = await demo.waitFor(/History production\/shop[\s\S]*●\s+5 deployed/);
        expect(history).toMatch(/4 failed/);

        // 3. g to revision 1, Space to mark it, j to revision 2, d to diff the two.
        await demo.press("g", "Space", "j", "d");
        const diff = await demo.waitFor(/Diff production\/shop revision 1 → 2[\s\S]*resource 1\/2/);
        // The diff has the keyboard: its keys are the first hints, and n/N and x act on it.
        expect(diff.trimEnd().split("\n").at(-1)).toMatch(/^n next res {2}N prev res {2}x secrets/);
        await demo.press("x");
        await demo.waitFor("SECRETS SHOWN");
        await demo.press("n");
        await demo.waitFor(/resource 2\/2: /);
        await demo.press("N");
        const first = await demo.waitFor(/resource 1\/2: /);
        expect(first).toMatch(/-\s+image: "ghcr\.io\/example\/webapp:2\.3\.0"/);
        expect(first).not.toContain("Notes production/shop");

        // 4. Esc, then g and r: the rollback to revision 1 is reviewed first.
        await demo.press("Escape");
        // Back on the history: its own keys (Space mark) are the hints again.
        await demo.waitFor(/History production\/shop[\s\S]*Enter open {2}Space mark/);
        await demo.press("g", "r");
        const review = await demo.waitFor("Roll back production/shop to revision 1");
        expect(review).toContain("Deployed → revision 1; this writes revision 6.");
        await demo.press("Enter");
        await demo.waitFor("Roll back production/shop to revision 1 with");
        await demo.press("y");
        await demo.waitFor(/Rolled back: revision 6 is deployed/, 30_000);
        await demo.press("Enter");
        const after = await demo.waitFor(/●\s+6 deployed/);
        expect(after).toMatch(/5 superseded/);

        // 5. What helm history shows in another terminal (and wheelhouse's own history).
        const kubeconfig = demoKubeconfig();
        const mine = await runCli(["history", "shop", "-n", "production", "-o", "json"], {
          env: { PATH: process.env.PATH, HOME: scratch, KUBECONFIG: kubeconfig },
        });
        const revisions = (out: string) =>
          (JSON.parse(out) as Array<{ revision: number; status: string; description: string }>).map(
            (r) => `${r.revision} ${r.status} ${r.description}`,
          );
        expect(revisions(mine.stdout).slice(-2)).toEqual([
          "5 superseded Upgrade complete · by sandbox-admin",
          "6 deployed Rollback to 1 · by sandbox-admin",
        ]);
        const helm = helmBinary(4) ?? helmBinary(3);
        if (helm) {
          const { stdout } = await promisify(execFile)(
            helm,
            ["history", "shop", "-n", "production", "-o", "json"],
            { env: helmEnv(scratch, kubeconfig) },
          );
          expect(revisions(stdout)).toEqual(revisions(mine.stdout));
          expect(revisions(stdout).filter((r) => / deployed /.test(r))).toEqual([
            "6 deployed Rollback to 1 · by sandbox-admin",
          ]);
        }

        // 6. jobs in staging is stuck pending-upgrade: refused at the first key, naming :recover.
        const stuck = releaseRows(list).indexOf("jobs staging");
        await demo.press("h", ...Array<string>(index - stuck).fill("k"), "u");
        await demo.waitFor(
          "staging/jobs is locked (revision 3 pending-upgrade): :recover it if no operation is still running",
        );
        // q quits, and the sandbox stops with it.
        await demo.press("q");
        await demo.waitFor(/\[exited 0\]/, 20_000);
      } finally {
        demo.kill();
      }
    },
  );
});
