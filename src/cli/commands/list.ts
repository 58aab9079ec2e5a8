import { Command } from "commander";
import { list } from "../../engine/actions/list.js";
import type { ReleaseStatus } from "../../engine/release/types.js";
import { withSession } from "../session/releaseSession.js";
import { useColor, type CliIO } from "../io.js";
import { parseCount } from "../options/applyOptions.js";
import { formatData, parseOutputFormat } from "../output/format.js";
import { listElement } from "../output/releaseViews.js";
import { statusStyle } from "../output/style.js";
import { formatTable } from "../output/table.js";
import { unreadableWarnings } from "../output/unreadableWarnings.js";
import type { GlobalOptions } from "../options/globalOptions.js";
import { visibleLine } from "../../visibleText.js";

interface ListFlags extends GlobalOptions {
  allNamespaces?: boolean;
  output?: string;
  filter?: string;
  max: string;
  offset: string;
  date?: boolean;
  reverse?: boolean;
  short?: boolean;
  deployed?: boolean;
  failed?: boolean;
  pending?: boolean;
  superseded?: boolean;
  uninstalled?: boolean;
  uninstalling?: boolean;
}

/** `wheelhouse list`: one row per release, read from labels plus one payload each. */
export function listCommand(io: CliIO): Command {
  return new Command("list")
    .alias("ls")
    .description("list releases")
    .option("-A, --all-namespaces", "list releases in every namespace")
    .option("-o, --output <format>", "table, json or yaml", "table")
    .option("-f, --filter <regexp>", "only releases whose name matches")
    .option("-m, --max <n>", "at most this many releases (0 = all)", "256")
    .option("--offset <n>", "skip this many releases", "0")
    .option("-d, --date", "sort by last deployed, newest last")
    .option("-r, --reverse", "reverse the sort order")
    .option("-q, --short", "print names only")
    .option("-a, --all", "releases of every status (the default when no status flag is given)")
    .option("--deployed", "only deployed releases")
    .option("--failed", "only failed releases")
    .option("--pending", "only pending releases")
    .option("--superseded", "only superseded releases")
    .option("--uninstalled", "only uninstalled releases (kept with --keep-history)")
    .option("--uninstalling", "only releases being uninstalled")
    .action(async (_opts, command: Command) => {
      const flags = command.optsWithGlobals<ListFlags>();
      const format = parseOutputFormat(flags.output);
      await withSession(flags, io, async (session) => {
        const result = await list(session.ctx, {
          ...(flags.allNamespaces ? {} : { namespace: session.namespace }),
          ...(flags.filter ? { filter: flags.filter } : {}),
          statuses: statusFilter(flags),
          sortBy: flags.date ? "date" : "name",
          ...(flags.reverse ? { reverse: true } : {}),
          max: parseCount(flags.max, "--max"),
          offset: parseCount(flags.offset, "--offset"),
        });
        if (flags.debug) {
          io.stderr.write(
            `debug: decoded ${session.ctx.storage.decodedPayloads} release payloads\n`,
          );
        }
        const rows = result.releases.map(listElement);
        if (flags.short) {
          io.stdout.write(rows.map((r) => `${visibleLine(r.name)}\n`).join(""));
        } else if (format !== "table") {
          io.stdout.write(await formatData(rows, format));
        } else {
          io.stdout.write(
            formatTable(
              ["NAME", "NAMESPACE", "REVISION", "UPDATED", "STATUS", "CHART", "APP VERSION"],
              rows.map((r) => [
                r.name,
                r.namespace,
                r.revision,
                r.updated,
                { text: r.status, style: statusStyle(r.status) },
                r.chart,
                r.app_version,
              ]),
              { color: useColor(io) },
            ),
          );
        }
        io.stderr.write(unreadableWarnings(session.ctx.storage, result.releases));
      });
    });
}

function statusFilter(flags: ListFlags): ReleaseStatus[] {
  const statuses: ReleaseStatus[] = [];
  if (flags.deployed) statuses.push("deployed");
  if (flags.failed) statuses.push("failed");
  if (flags.pending) statuses.push("pending-install", "pending-upgrade", "pending-rollback");
  if (flags.superseded) statuses.push("superseded");
  if (flags.uninstalled) statuses.push("uninstalled");
  if (flags.uninstalling) statuses.push("uninstalling");
  return statuses;
}
