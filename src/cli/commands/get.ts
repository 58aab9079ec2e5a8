import { Command } from "commander";
import { releaseValues } from "../../engine/actions/getValues.js";
import { getRevision } from "../../engine/actions/status.js";
import type { Release } from "../../engine/release/types.js";
import { withSession } from "../session/releaseSession.js";
import type { CliIO } from "../io.js";
import { parseRevision } from "../options/applyOptions.js";
import { formatJson, parseOutputFormat } from "../output/format.js";
import type { GlobalOptions } from "../options/globalOptions.js";
import { visible, visibleText } from "../../visibleText.js";

interface GetFlags extends GlobalOptions {
  revision?: string;
  output?: string;
  all?: boolean;
}

type Part = (release: Release, flags: GetFlags) => string | Promise<string>;

const PARTS: Record<string, { description: string; print: Part; extra?: (cmd: Command) => void }> =
  {
    values: {
      description: "the values the user supplied (--all: computed values)",
      extra: (cmd) =>
        cmd
          .option("-a, --all", "all computed values")
          .option("-o, --output <format>", "yaml or json", "yaml"),
      print: async (release, flags) => {
        const values = releaseValues(release, { all: flags.all === true });
        const format = parseOutputFormat(flags.output);
        if (format === "json") return formatJson(values);
        const { writeDataYaml } = await import("../../engine/yaml/index.js");
        return `${flags.all ? "COMPUTED VALUES:" : "USER-SUPPLIED VALUES:"}\n${Object.keys(values).length === 0 ? "null\n" : writeDataYaml(values)}`;
      },
    },
    // helm prints the stored manifest with Println: one extra newline
    // (docs/release-storage.md#reading-a-revision-back). Values, manifest and hooks are data
    // that tools read, so their bytes stay as stored; notes and `all` are for a person to read.
    manifest: { description: "the rendered manifest", print: (r) => `${r.manifest}\n` },
    notes: {
      description: "the rendered NOTES.txt",
      print: (r) => `NOTES:\n${visibleText(r.info.notes ?? "")}\n`,
    },
    hooks: {
      description: "the hooks' manifests",
      print: (r) =>
        (r.hooks ?? []).map((h) => `---\n# Source: ${h.path}\n${h.manifest}\n`).join(""),
    },
  };

/** `wheelhouse get values|manifest|notes|hooks|all NAME`. */
export function getCommand(io: CliIO): Command {
  const get = new Command("get").description("read a revision's values, manifest, notes or hooks");
  const run =
    (part: string, print: Part) => async (name: string, _opts: unknown, command: Command) => {
      const flags = command.optsWithGlobals<GetFlags>();
      await withSession(flags, io, async (session) => {
        const release = await getRevision(
          session.ctx,
          name,
          session.namespace,
          flags.revision === undefined ? undefined : parseRevision(flags.revision),
        );
        void part;
        io.stdout.write(await print(release, flags));
      });
    };
  for (const [part, { description, print, extra }] of Object.entries(PARTS)) {
    const sub = new Command(part)
      .description(description)
      .argument("<name>", "release name")
      .option("--revision <n>", "a specific revision (default: the latest)");
    extra?.(sub);
    get.addCommand(sub.action(run(part, print)));
  }
  get.addCommand(
    new Command("all")
      .description("everything about a revision")
      .argument("<name>", "release name")
      .option("--revision <n>", "a specific revision (default: the latest)")
      .action(
        run("all", async (release, flags) =>
          visibleText(
            [
              visible`NAME: ${release.name}\nREVISION: ${release.version}\nSTATUS: ${release.info.status}\nDESCRIPTION: ${release.info.description}`,
              (await PARTS.values!.print(release, { ...flags, output: "yaml" })).trimEnd(),
              `HOOKS:\n${await PARTS.hooks!.print(release, flags)}MANIFEST:\n${release.manifest}`,
              await PARTS.notes!.print(release, flags),
            ].join("\n"),
          ),
        ),
      ),
  );
  return get;
}
