import { Command } from "commander";
import { status } from "../../engine/actions/status.js";
import { withSession } from "../session/releaseSession.js";
import { useColor, type CliIO } from "../io.js";
import { parseRevision } from "../options/applyOptions.js";
import { formatData, parseOutputFormat } from "../output/format.js";
import { releaseSummary } from "../output/releaseSummary.js";
import { formatTable } from "../output/table.js";
import type { GlobalOptions } from "../options/globalOptions.js";
import { visibleText } from "../../visibleText.js";

const READINESS_STYLE = {
  ready: "green",
  progressing: "yellow",
  failed: "red",
  missing: "red",
} as const;

/** `wheelhouse status NAME`: the revision's summary and each resource's live readiness. */
export function statusCommand(io: CliIO): Command {
  return new Command("status")
    .description("show a release's status and the readiness of its resources")
    .argument("<name>", "release name")
    .option("--revision <n>", "a specific revision (default: the latest)")
    .option("-o, --output <format>", "table, json or yaml", "table")
    .action(async (name: string, _opts, command: Command) => {
      const flags = command.optsWithGlobals<
        GlobalOptions & { revision?: string; output?: string }
      >();
      const format = parseOutputFormat(flags.output);
      await withSession(flags, io, async (session) => {
        const report = await status(
          session.ctx,
          name,
          session.namespace,
          flags.revision === undefined ? undefined : parseRevision(flags.revision),
        );
        if (format !== "table") {
          const { labels: _labels, ...release } = report.release;
          io.stdout.write(await formatData({ ...release, resources: report.resources }, format));
          return;
        }
        io.stdout.write(releaseSummary(report.release, { notes: false, description: true }));
        if (report.resources.length > 0) {
          io.stdout.write("RESOURCES:\n");
          io.stdout.write(
            formatTable(
              ["KIND", "NAME", "STATE", "DETAIL"],
              report.resources.map((r) => [
                r.ref.kind,
                r.ref.namespace ? `${r.ref.namespace}/${r.ref.name}` : r.ref.name,
                { text: r.readiness.state, style: READINESS_STYLE[r.readiness.state] },
                r.readiness.message,
              ]),
              { color: useColor(io) },
            ),
          );
        }
        if (report.release.info.notes)
          io.stdout.write(`NOTES:\n${visibleText(report.release.info.notes)}\n`);
      });
    });
}
