/**
 * The mutating operations the race suite pits against each other, the CLI command line of each,
 * and the release each pair starts from.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { install } from "../../../src/engine/actions/install.js";
import { upgrade } from "../../../src/engine/actions/upgrade.js";
import type { ActionContext } from "../../../src/engine/actions/context.js";
import type { Chart } from "../../../src/engine/chart/types.js";
import { formatGoTime } from "../../../src/engine/release/goTime.js";

export const OPERATIONS = [
  "install",
  "upgrade",
  "upgrade-hmax",
  "rollback",
  "uninstall",
  "uninstall-keep",
  "recover",
] as const;
export type Operation = (typeof OPERATIONS)[number];

/** `--history-max` of `upgrade-hmax`: with three revisions in place, it prunes two. */
export const HISTORY_MAX = 2;

/** The two sides of a pair; each side's upgrades set `marker` to its letter. */
export type Side = "a" | "b";

/** The command line (after `wheelhouse`) of one side's operation. */
export function commandLine(
  op: Operation,
  side: Side,
  release: string,
  namespace: string,
  chartDir: string,
): string[] {
  const ns = ["-n", namespace];
  switch (op) {
    case "install":
      return ["install", release, chartDir, "--set", `marker=${side}`, ...ns];
    case "upgrade":
      return ["upgrade", release, chartDir, "--set", `marker=${side}`, ...ns];
    case "upgrade-hmax":
      return [
        "upgrade",
        release,
        chartDir,
        "--set",
        `marker=${side}`,
        "--history-max",
        String(HISTORY_MAX),
        ...ns,
      ];
    case "rollback":
      return ["rollback", release, ...ns];
    case "uninstall":
      return ["uninstall", release, ...ns];
    case "uninstall-keep":
      return ["uninstall", release, "--keep-history", ...ns];
    case "recover":
      return ["recover", release, "--yes", ...ns];
  }
}

/**
 * Where a pair starts:
 * - none: no release (install needs a free name; the other side then finds nothing, or the
 *   install);
 * - history: revisions 1 and 2 superseded, 3 deployed (rollback has a target, --history-max 2
 *   has two to prune);
 * - locked: as history, plus revision 4 left pending-upgrade an hour ago by a client that died
 *   (what recover is for; every other operation is refused until it runs).
 */
export type Start = "none" | "history" | "locked";

export function startFor(a: Operation, b: Operation): Start {
  if (a === "install" || b === "install") return "none";
  if (a === "recover" || b === "recover") return "locked";
  return "history";
}

/** Every unordered pair, an operation against itself included, in OPERATIONS order. */
export function allPairs(ops: readonly Operation[] = OPERATIONS): Array<[Operation, Operation]> {
  const pairs: Array<[Operation, Operation]> = [];
  for (let i = 0; i < ops.length; i++)
    for (let j = i; j < ops.length; j++) pairs.push([ops[i]!, ops[j]!]);
  return pairs;
}

/** Reads `--pairs upgrade,uninstall` or `--pairs upgrade:uninstall,install:install`. */
export function parsePairs(spec: string): Array<[Operation, Operation]> {
  const known = (name: string): Operation => {
    if ((OPERATIONS as readonly string[]).includes(name)) return name as Operation;
    throw new Error(`--pairs: unknown operation "${name}" (one of ${OPERATIONS.join(", ")})`);
  };
  if (!spec.includes(":")) {
    const ops = spec.split(",").map((s) => known(s.trim()));
    if (ops.length !== 2) throw new Error("--pairs: give two operations, or a:b pairs");
    return [[ops[0]!, ops[1]!]];
  }
  return spec.split(",").map((p) => {
    const [a, b, extra] = p.split(":").map((s) => s.trim());
    if (a === undefined || b === undefined || extra !== undefined)
      throw new Error(`--pairs: "${p}" is not of the form a:b`);
    return [known(a), known(b)];
  });
}

/**
 * A chart of two ConfigMaps: `<release>-main`, and one named after the marker, so that every
 * upgrade both changes an object and deletes one (what an upgrade drops must go).
 */
export function writeRaceChart(dir: string): string {
  const chart = join(dir, "race");
  mkdirSync(join(chart, "templates"), { recursive: true });
  writeFileSync(
    join(chart, "Chart.yaml"),
    "apiVersion: v2\nname: race\nversion: 0.1.0\ndescription: two ConfigMaps for the race suite\n",
  );
  writeFileSync(join(chart, "values.yaml"), "marker: none\n");
  writeFileSync(
    join(chart, "templates", "configmaps.yaml"),
    [
      "apiVersion: v1",
      "kind: ConfigMap",
      "metadata:",
      "  name: {{ .Release.Name }}-main",
      "data:",
      "  marker: {{ .Values.marker | quote }}",
      "  revision: {{ .Release.Revision | quote }}",
      "---",
      "apiVersion: v1",
      "kind: ConfigMap",
      "metadata:",
      "  name: {{ .Release.Name }}-{{ .Values.marker }}",
      "data:",
      "  marker: {{ .Values.marker | quote }}",
      "",
    ].join("\n"),
  );
  return chart;
}

/** Puts a release in the start state, through the engine (not timed, not raced). */
export async function prepare(
  ctx: ActionContext,
  chart: Chart,
  release: string,
  namespace: string,
  start: Start,
): Promise<void> {
  if (start === "none") return;
  const base = { name: release, namespace, chart };
  await install(ctx, { ...base, userValues: { marker: "s1" } });
  await upgrade(ctx, { ...base, userValues: { marker: "s2" } });
  const third = await upgrade(ctx, { ...base, userValues: { marker: "s3" } });
  if (start === "history") return;
  const hourAgo = formatGoTime(new Date(ctx.now().getTime() - 3_600_000));
  await ctx.storage.driver.create({
    ...third.release,
    version: 4,
    config: { marker: "stale" },
    info: {
      ...third.release.info,
      status: "pending-upgrade",
      description: "Preparing upgrade",
      last_deployed: hourAgo,
    },
  });
}
