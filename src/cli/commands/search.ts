import { Command } from "commander";
import type { RepoIndex } from "../../engine/repo/repoIndex.js";
import { UsageError } from "../../errors.js";
import type { CliIO } from "../io.js";
import { visible } from "../../visibleText.js";
import { addRepositoryOptions, pathsFrom } from "../options/chartSource.js";
import { formatData, parseOutputFormat } from "../output/format.js";
import { formatTable } from "../output/table.js";

interface SearchFlags {
  versions?: boolean;
  version?: string;
  devel?: boolean;
  output?: string;
  repositoryConfig?: string;
  repositoryCache?: string;
}

const MAX_COLUMN = 50;

function clip(text: string): string {
  return text.length > MAX_COLUMN ? `${text.slice(0, MAX_COLUMN - 3)}...` : text;
}

/** `wheelhouse search repo [KEYWORD]`: search the cached indexes of added repositories. */
export function searchCommand(io: CliIO): Command {
  const repo = new Command("repo")
    .description("search added repositories for charts (name, description or keyword)")
    .argument("[keyword]", "text to look for (case-insensitive)")
    .option("-l, --versions", "show every matching version, not only the newest")
    .option("--version <range>", "only versions in this SemVer range")
    .option("--devel", "include pre-release versions")
    .option("-o, --output <format>", "table, json or yaml", "table");
  addRepositoryOptions(repo);
  repo.action(async (keyword: string | undefined, flags: SearchFlags) => {
    const [{ loadCachedIndex, readRepoFile }, { searchIndexes }] = await Promise.all([
      import("../../engine/repo/repositories.js"),
      import("../../engine/repo/search.js"),
    ]);
    const format = parseOutputFormat(flags.output);
    const paths = pathsFrom(io.env, flags);
    const repos = await readRepoFile(paths.config);
    if (repos.length === 0)
      throw new UsageError("no repositories configured", {
        hint: "add one with `wheelhouse repo add NAME URL`",
      });
    const indexes: { repo: string; index: RepoIndex }[] = [];
    for (const r of repos) {
      try {
        indexes.push({ repo: r.name, index: await loadCachedIndex(paths, r.name) });
      } catch {
        io.stderr.write(
          visible`WARNING: Repo "${r.name}" is corrupt or missing. Try 'wheelhouse repo update'.\n`,
        );
      }
    }
    const results = searchIndexes(indexes, {
      ...(keyword ? { keyword } : {}),
      ...(flags.versions ? { versions: true } : {}),
      ...(flags.version ? { range: flags.version } : {}),
      ...(flags.devel ? { devel: true } : {}),
    });
    if (format !== "table") {
      io.stdout.write(
        await formatData(
          results.map((r) => ({
            name: r.name,
            version: r.chart.version,
            app_version: r.chart.appVersion ?? "",
            description: r.chart.description ?? "",
          })),
          format,
        ),
      );
      return;
    }
    if (results.length === 0) {
      io.stdout.write("No results found\n");
      return;
    }
    io.stdout.write(
      formatTable(
        ["NAME", "CHART VERSION", "APP VERSION", "DESCRIPTION"],
        results.map((r) => [
          clip(r.name),
          r.chart.version,
          clip(r.chart.appVersion ?? ""),
          clip(r.chart.description ?? ""),
        ]),
      ),
    );
  });
  return new Command("search").description("search for charts").addCommand(repo);
}
