import { Command } from "commander";
import { history } from "../../engine/actions/history.js";
import { parseDescription } from "../../engine/release/attribution.js";
import { isUnreadable } from "../../engine/storage/driver.js";
import { ReleaseNotFoundError } from "../../engine/storage/errors.js";
import { withSession } from "../session/releaseSession.js";
import { useColor, type CliIO } from "../io.js";
import { parseCount } from "../options/applyOptions.js";
import { formatData, parseOutputFormat } from "../output/format.js";
import { historyElement, historyUpdated } from "../output/releaseViews.js";
import { statusStyle } from "../output/style.js";
import { formatTable } from "../output/table.js";
import { unreadableWarnings } from "../output/unreadableWarnings.js";
import type { GlobalOptions } from "../options/globalOptions.js";

/** `wheelhouse history NAME`: every revision, oldest first; unreadable ones say why. */
export function historyCommand(io: CliIO): Command {
  return new Command("history")
    .alias("hist")
    .description("show a release's revisions")
    .argument("<name>", "release name")
    .option("-o, --output <format>", "table, json or yaml", "table")
    .option("--max <n>", "at most this many revisions, newest kept", "256")
    .action(async (name: string, _opts, command: Command) => {
      const flags = command.optsWithGlobals<GlobalOptions & { output?: string; max: string }>();
      const format = parseOutputFormat(flags.output);
      await withSession(flags, io, async (session) => {
        const revisions = await history(
          session.ctx,
          name,
          session.namespace,
          parseCount(flags.max, "--max"),
        );
        if (revisions.length === 0) throw new ReleaseNotFoundError(name, session.namespace);
        io.stderr.write(unreadableWarnings(session.ctx.storage, revisions));
        if (format !== "table") {
          io.stdout.write(await formatData(revisions.map(historyElement), format));
          return;
        }
        // BY and REASON only when some revision has them: a history only helm wrote reads as
        // helm prints it (docs/release-storage.md#who-and-why).
        const rows = revisions.map((r) => ({ r, e: historyElement(r) }));
        const attributed = rows.some(({ e }) => e.by !== undefined || e.reason !== undefined);
        io.stdout.write(
          formatTable(
            [
              "REVISION",
              "UPDATED",
              "STATUS",
              "CHART",
              "APP VERSION",
              ...(attributed ? ["BY", "REASON"] : []),
              "DESCRIPTION",
            ],
            rows.map(({ r, e }) => [
              String(e.revision),
              historyUpdated(r),
              { text: e.status, style: statusStyle(e.status) },
              e.chart,
              e.app_version,
              ...(attributed ? [e.by ?? "", e.reason ?? ""] : []),
              attributed && !isUnreadable(r) ? parseDescription(e.description).text : e.description,
            ]),
            { color: useColor(io) },
          ),
        );
      });
    });
}
