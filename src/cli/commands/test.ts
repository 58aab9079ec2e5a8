import { Command } from "commander";
import type { CliIO } from "../io.js";
import { parseDuration } from "../options/applyOptions.js";
import { releaseSummary } from "../output/releaseSummary.js";
import type { GlobalOptions } from "../options/globalOptions.js";
import { withSession } from "../session/releaseSession.js";
import { collect } from "../options/repeatable.js";

interface TestFlags extends GlobalOptions {
  timeout: string;
  filter?: string[];
}

/** `wheelhouse test NAME`: run the release's test hooks, as `helm test` does. */
export function testCommand(io: CliIO): Command {
  return new Command("test")
    .description("run a release's tests (its helm.sh/hook: test hooks)")
    .argument("<name>", "release name")
    .option("--timeout <duration>", "how long to wait for each test", "5m0s")
    .option(
      "--filter <name=TEST>",
      "run only these tests (name=a,b) or skip some (!name=a); repeatable",
      collect,
    )
    .action(async (name: string, _opts, command: Command) => {
      const flags = command.optsWithGlobals<TestFlags>();
      const timeoutMs = parseDuration(flags.timeout);
      await withSession(flags, io, async (session) => {
        const [{ testRelease }, { HookFailedError }] = await Promise.all([
          import("../../engine/actions/test.js"),
          import("../../engine/apply/runHooks.js"),
        ]);
        try {
          const release = await testRelease(session.ctx, name, session.namespace, {
            timeoutMs,
            ...(flags.filter ? { filter: flags.filter } : {}),
          });
          io.stdout.write(releaseSummary(release, { notes: false }));
        } catch (err) {
          // A failed test has a run to show, recorded in the release, as helm shows it.
          if (err instanceof HookFailedError) {
            const latest = await session.ctx.storage.latest(session.namespace, name, "browse");
            if (latest) io.stdout.write(releaseSummary(latest, { notes: false }));
          }
          throw err;
        }
      });
    });
}
