import type { Command } from "commander";
import { UsageError } from "../../errors.js";
import type { ServerSideOption } from "../../engine/actions/applyMethod.js";
import type { ApplyingOptions } from "../../engine/actions/context.js";

export interface ApplyFlags {
  wait?: boolean;
  timeout?: string;
  historyMax?: string;
  dryRun?: boolean | string;
  hooks?: boolean;
  atomic?: boolean;
  description?: string;
  forceConflicts?: boolean;
  serverSide?: string | boolean;
}

/** The flags helm's install, upgrade and rollback share. */
export function addApplyOptions(
  cmd: Command,
  options: { atomic?: boolean; serverSide: "install" | "upgrade" | "rollback" },
): Command {
  cmd
    .option("--wait", "wait until workloads are ready before marking the release deployed")
    .option(
      "--timeout <duration>",
      "how long to wait for hooks and --wait (Go duration, e.g. 90s, 5m)",
      "5m0s",
    )
    .option("--history-max <n>", "keep at most this many revisions (0 = no limit)", "10")
    .option(
      "--dry-run [mode]",
      "change nothing: `server` (the default) validates on the server, `client` only renders",
    )
    .option("--no-hooks", "skip the chart's hooks")
    .option(
      "--description <text>",
      "why: recorded in the new revision's description, after who did it",
    )
    .option(
      "--force-conflicts",
      "under server-side apply, take over fields that other field managers own",
    );
  if (options.serverSide === "install") {
    cmd.option(
      "--server-side [bool]",
      "apply server-side (true, the default) or client-side as helm 3 (false)",
    );
  } else {
    cmd.option(
      "--server-side <mode>",
      `true, false or auto: auto applies as the ${options.serverSide === "upgrade" ? "latest" : "target"} revision was applied (client-side if helm 3 applied it)`,
      "auto",
    );
  }
  if (options.atomic !== false) {
    cmd.option("--atomic", "undo the operation if it fails (implies --wait)");
  }
  return cmd;
}

export function applyingOptions(
  flags: ApplyFlags,
): ApplyingOptions & { historyMax: number; dryRun: false | "client" | "server" } {
  return {
    wait: flags.wait === true || flags.atomic === true,
    timeoutMs: parseDuration(flags.timeout ?? "5m0s"),
    historyMax: parseCount(flags.historyMax ?? "10", "--history-max"),
    dryRun: dryRunMode(flags.dryRun),
    noHooks: flags.hooks === false,
    forceConflicts: flags.forceConflicts === true,
    serverSide: serverSideOption(flags.serverSide),
    ...(flags.description !== undefined ? { description: flags.description } : {}),
  };
}

const UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** Go's time.ParseDuration for the units a timeout uses ("5m0s", "90s", "1h30m", "300"). */
export function parseDuration(text: string): number {
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const parts = [...text.matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h)/g)];
  if (parts.length === 0 || parts.map((p) => p[0]).join("") !== text) {
    throw new UsageError(`invalid duration "${text}": use e.g. 90s, 5m or 1h30m`);
  }
  return parts.reduce((sum, p) => sum + Number(p[1]) * UNITS[p[2]!]!, 0);
}

export function parseCount(text: string, flag: string): number {
  if (!/^\d+$/.test(text)) throw new UsageError(`${flag} must be a whole number, got "${text}"`);
  return Number(text);
}

export function parseRevision(text: string): number {
  if (!/^[1-9]\d*$/.test(text))
    throw new UsageError(`invalid revision "${text}": revisions are numbers from 1`);
  return Number(text);
}

/** `--server-side` as helm 4 takes it: a bare flag means true; install refuses auto. */
export function serverSideOption(value: string | boolean | undefined): ServerSideOption {
  if (value === undefined) return "auto";
  if (value === true || value === "true") return true;
  if (value === false || value === "false") return false;
  if (value === "auto") return "auto";
  throw new UsageError(`invalid --server-side value "${value}": use true, false or auto`);
}

function dryRunMode(value: boolean | string | undefined): false | "client" | "server" {
  if (value === undefined || value === false) return false;
  if (value === true || value === "server" || value === "true") return "server";
  if (value === "client") return "client";
  if (value === "none" || value === "false") return false;
  throw new UsageError(`invalid --dry-run mode "${value}": use client or server`);
}
