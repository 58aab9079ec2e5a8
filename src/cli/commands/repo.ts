import { resolve } from "node:path";
import { Command } from "commander";
import { UsageError } from "../../errors.js";
import type { RepoEntry } from "../../engine/repo/repositories.js";
import { errorMessage } from "../../errors.js";
import type { CliIO } from "../io.js";
import { visible } from "../../visibleText.js";
import {
  addDownloadTimeoutOption,
  addRepositoryOptions,
  downloadTimeout,
  pathsFrom,
} from "../options/chartSource.js";
import { formatData, parseOutputFormat } from "../output/format.js";
import { formatTable } from "../output/table.js";
import { ExitCode } from "../exitCode.js";

// The repository client (HTTP, semver, tar) loads when a subcommand runs.
const repositories = () => import("../../engine/repo/repositories.js");

interface RepoFlags {
  repositoryConfig?: string;
  repositoryCache?: string;
}

/** helm's own words for repo add's and repo update's --timeout. */
const INDEX_TIMEOUT_HELP = "time to wait for the index file download to complete";

interface AddFlags extends RepoFlags {
  username?: string;
  password?: string;
  passwordStdin?: boolean;
  caFile?: string;
  certFile?: string;
  keyFile?: string;
  insecureSkipTlsVerify?: boolean;
  passCredentials?: boolean;
  forceUpdate?: boolean;
  timeout?: string;
}

export async function readStdin(io: CliIO): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of io.stdin) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks)
    .toString("utf8")
    .replace(/\r?\n$/, "");
}

/** `wheelhouse repo add|update|list|remove|index`: Helm-compatible chart repositories. */
export function repoCommand(io: CliIO): Command {
  const repo = new Command("repo").description(
    "add, list, update, remove and index chart repositories",
  );

  const add = new Command("add")
    .description("add a chart repository")
    .argument("<name>", "a name for the repository")
    .argument("<url>", "the repository URL (the folder holding index.yaml)")
    .option("--username <name>", "repository username")
    .option("--password <password>", "repository password")
    .option("--password-stdin", "read the password from stdin")
    .option("--ca-file <file>", "verify the server's certificate with this CA bundle")
    .option("--cert-file <file>", "client certificate for TLS")
    .option("--key-file <file>", "client key for TLS")
    .option("--insecure-skip-tls-verify", "skip the server certificate check")
    .option("--pass-credentials", "send credentials to every host (redirects included)")
    .option("--force-update", "replace the repository if the name exists");
  addDownloadTimeoutOption(add, INDEX_TIMEOUT_HELP);
  addRepositoryOptions(add);
  add.action(async (name: string, url: string, flags: AddFlags) => {
    const { addRepo } = await repositories();
    if (flags.password !== undefined && flags.passwordStdin)
      throw new UsageError("--password and --password-stdin are mutually exclusive");
    if (flags.password !== undefined)
      io.stderr.write(
        "WARNING: a password on the command line can end up in shell history; prefer --password-stdin\n",
      );
    const password = flags.passwordStdin ? await readStdin(io) : flags.password;
    if (password !== undefined && flags.username === undefined)
      throw new UsageError("a password needs --username");
    if (flags.username !== undefined && password === undefined)
      throw new UsageError("--username needs --password or --password-stdin");
    if ((flags.certFile === undefined) !== (flags.keyFile === undefined))
      throw new UsageError("--cert-file and --key-file must be given together");
    const entry: RepoEntry = { name, url: url.replace(/\/+$/, "") };
    if (flags.username !== undefined) entry.username = flags.username;
    if (password !== undefined) entry.password = password;
    if (flags.caFile) entry.caFile = resolve(io.cwd, flags.caFile);
    if (flags.certFile) entry.certFile = resolve(io.cwd, flags.certFile);
    if (flags.keyFile) entry.keyFile = resolve(io.cwd, flags.keyFile);
    if (flags.insecureSkipTlsVerify) entry.insecureSkipTlsVerify = true;
    if (flags.passCredentials) entry.passCredentialsAll = true;
    const result = await addRepo(pathsFrom(io.env, flags), entry, {
      ...(flags.forceUpdate ? { forceUpdate: true } : {}),
      ...downloadTimeout(flags),
    });
    io.stdout.write(
      result === "unchanged"
        ? visible`"${name}" already exists with the same configuration, skipping\n`
        : visible`"${name}" has been ${result === "updated" ? "updated" : "added to your repositories"}\n`,
    );
  });

  const update = new Command("update")
    .alias("up")
    .description("download the latest index of each repository (or of the named ones)")
    .argument("[names...]", "repositories to update (default: all)");
  addDownloadTimeoutOption(update, INDEX_TIMEOUT_HELP);
  addRepositoryOptions(update);
  update.action(async (names: string[], flags: RepoFlags & { timeout?: string }) => {
    const { readRepoFile, updateRepos } = await repositories();
    const paths = pathsFrom(io.env, flags);
    if ((await readRepoFile(paths.config)).length === 0)
      throw new UsageError("no repositories found. You must add one before updating", {
        hint: "wheelhouse repo add NAME URL",
      });
    io.stdout.write("Hang tight while we grab the latest from your chart repositories...\n");
    const outcomes = await updateRepos(paths, names, downloadTimeout(flags));
    for (const o of outcomes) {
      if (o.error)
        io.stdout.write(
          visible`...Unable to get an update from the "${o.name}" chart repository:\n\t${errorMessage(o.error)}\n`,
        );
      else
        io.stdout.write(
          visible`...Successfully got an update from the "${o.name}" chart repository\n`,
        );
    }
    const failed = outcomes.filter((o) => o.error);
    if (failed.length > 0) {
      io.stderr.write(
        visible`Error: failed to update the following repositories: ${failed.map((o) => o.name).join(", ")} (their previous index is kept)\n`,
      );
      throw new ExitCode(1);
    }
    io.stdout.write("Update Complete.\n");
  });

  const list = new Command("list")
    .alias("ls")
    .description("list chart repositories")
    .option("-o, --output <format>", "table, json or yaml", "table");
  addRepositoryOptions(list);
  list.action(async (flags: RepoFlags & { output?: string }) => {
    const { readRepoFile } = await repositories();
    const format = parseOutputFormat(flags.output);
    const entries = await readRepoFile(pathsFrom(io.env, flags).config);
    if (format !== "table") {
      io.stdout.write(
        await formatData(
          entries.map((e) => ({ name: e.name, url: e.url })),
          format,
        ),
      );
      return;
    }
    if (entries.length === 0) throw new UsageError("no repositories to show");
    io.stdout.write(
      formatTable(
        ["NAME", "URL"],
        entries.map((e) => [e.name, e.url]),
      ),
    );
  });

  const remove = new Command("remove")
    .alias("rm")
    .description("remove chart repositories")
    .argument("<names...>", "repositories to remove");
  addRepositoryOptions(remove);
  remove.action(async (names: string[], flags: RepoFlags) => {
    const { removeRepo } = await repositories();
    const paths = pathsFrom(io.env, flags);
    for (const name of names) {
      await removeRepo(paths, name);
      io.stdout.write(visible`"${name}" has been removed from your repositories\n`);
    }
  });

  const index = new Command("index")
    .description("write index.yaml for a folder of chart archives")
    .argument("<dir>", "folder of .tgz charts")
    .option("--url <url>", "URL of the chart repository (prefixed to each archive's name)")
    .option("--merge <file>", "merge the entries of this existing index");
  index.action(async (dir: string, flags: { url?: string; merge?: string }) => {
    const { indexDirectory } = await import("../../engine/repo/repoIndex.js");
    await indexDirectory(resolve(io.cwd, dir), {
      ...(flags.url ? { url: flags.url } : {}),
      ...(flags.merge ? { merge: resolve(io.cwd, flags.merge) } : {}),
    });
  });

  return repo
    .addCommand(add)
    .addCommand(update)
    .addCommand(list)
    .addCommand(remove)
    .addCommand(index);
}
