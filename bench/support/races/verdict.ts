/**
 * What the race suite asks of each trial: did the two operations overlap, does the end equal one
 * of the two serial orders (or one operation refused by the lock with the other's result), was
 * any revision lost, and is what is stored what is live.
 */
import type { WireTimes } from "../delayProxy.js";
import type { Snapshot, StoredView } from "./cluster.js";
import { HISTORY_MAX } from "./operations.js";
import type { Operation } from "./operations.js";
import type { SeenRevision } from "./recordWatch.js";

/** One CLI process of a trial. */
export interface SideRun {
  op: Operation;
  args: string[];
  code: number;
  stdout: string;
  stderr: string;
  /** performance.now() at spawn and at exit. */
  started: number;
  ended: number;
  wire: WireTimes;
}

/**
 * What a loser may say: it lost the race guard, found the lock (a pending revision, or one an
 * uninstall marked), or saw the release move on (docs/release-storage.md#who-takes-what).
 */
export const REFUSED =
  /is locked: revision \d+ is (pending|uninstalling)|was created by another client first|changed to \S+ meanwhile|was deleted meanwhile|changed since the diff was computed/;

export const refused = (run: SideRun): boolean => run.code !== 0 && REFUSED.test(run.stderr);

/** An end state, as text: the history (version:status:marker) and the live objects. */
export function stateKey(snap: Snapshot, release: string): string {
  const short = (name: string) =>
    name.startsWith(`${release}-`) ? name.slice(release.length + 1) : name;
  const history = snap.revisions.map((r) => `${r.version}:${r.status}:${r.marker}`).join(" ");
  const live = [...snap.live]
    .map(
      ([name, data]) =>
        `${short(name)}(${Object.entries(data)
          .map(([k, v]) => `${k}=${v}`)
          .join(",")})`,
    )
    .sort()
    .join(" ");
  return `history [${history}] live [${live}]`;
}

/** An outcome the trial may end in, and the exit statuses that go with it. */
export interface Reference {
  label: string;
  state: string;
  codes: [number | "refused", number | "refused"];
}

/** The serial runs of a pair: a then b, and b then a, with a snapshot after each step. */
export interface SerialRuns {
  ab: { first: string; both: string; codes: [number, number] };
  ba: { first: string; both: string; codes: [number, number] };
}

export function references(serial: SerialRuns): Reference[] {
  // A refusal by the lock is named as such even where a serial order ends the same way.
  return [
    { label: "a, b refused", state: serial.ab.first, codes: [serial.ab.codes[0], "refused"] },
    { label: "b, a refused", state: serial.ba.first, codes: ["refused", serial.ba.codes[0]] },
    { label: "a then b", state: serial.ab.both, codes: serial.ab.codes },
    { label: "b then a", state: serial.ba.both, codes: [serial.ba.codes[1], serial.ba.codes[0]] },
  ];
}

export interface Violation {
  kind: string;
  detail: string;
}

export interface Verdict {
  /** Both sides had spoken to the API server before either heard its last answer. */
  overlapped: boolean;
  /** Both processes had started before either exited (the weaker, process-level overlap). */
  processesOverlapped: boolean;
  /** The reference the trial ended as, if any. */
  matched?: string;
  violations: Violation[];
  /** How each side ended: "upgrade exit 0, uninstall exit 1 (Error: …)". */
  exits: string;
}

export interface TrialFacts {
  release: string;
  runs: [SideRun, SideRun];
  before: Snapshot;
  after: Snapshot;
  /** Every record state the watch saw during the trial (and the preparation). */
  seen: Map<number, SeenRevision>;
  refs: Reference[];
}

export function judge(t: TrialFacts): Verdict {
  const [a, b] = t.runs;
  const processesOverlapped = Math.max(a.started, b.started) < Math.min(a.ended, b.ended);
  const first = Math.max(a.wire.firstSent ?? Infinity, b.wire.firstSent ?? Infinity);
  const last = Math.min(a.wire.lastReceived ?? -Infinity, b.wire.lastReceived ?? -Infinity);
  const violations: Violation[] = [];
  const state = stateKey(t.after, t.release);
  const codeFits = (run: SideRun, want: number | "refused") =>
    want === "refused" ? refused(run) : run.code === want;
  const matched = t.refs.find(
    (r) => r.state === state && codeFits(a, r.codes[0]) && codeFits(b, r.codes[1]),
  );
  for (const run of t.runs) {
    if (/bug in wheelhouse/.test(run.stderr))
      violations.push({ kind: `${run.op} crashed`, detail: firstLine(run.stderr) });
  }
  if (matched === undefined) violations.push(notSerial(t, state));
  violations.push(...lostRevisions(t), ...storedVersusLive(t.after, t.release));
  const pending = t.after.revisions.filter(
    (r) =>
      r.status.startsWith("pending-") && !t.before.revisions.some((p) => p.version === r.version),
  );
  if (pending.length > 0)
    violations.push({
      kind: "revision left pending",
      detail: pending.map((r) => `revision ${r.version} ${r.status}`).join(", ") + exits(t),
    });
  const deployed = t.after.revisions.filter((r) => r.status === "deployed");
  if (deployed.length > 1 && matched === undefined)
    violations.push({
      kind: "several revisions deployed",
      detail: `${deployed.map((r) => r.version).join(", ")} deployed${exits(t)}`,
    });
  return {
    overlapped: first < last,
    processesOverlapped,
    ...(matched ? { matched: matched.label } : {}),
    violations,
    exits: exits(t).slice(2),
  };
}

function firstLine(text: string): string {
  return text.trim().split("\n")[0]?.slice(0, 200) ?? "";
}

function exits(t: TrialFacts): string {
  const say = (run: SideRun) =>
    `${run.op} exit ${run.code}${run.code === 0 ? "" : ` (${firstLine(run.stderr)})`}`;
  return `; ${say(t.runs[0])}, ${say(t.runs[1])}`;
}

/** Why the end fits no serial order: the exit statuses, or the state itself. */
function notSerial(t: TrialFacts, state: string): Violation {
  const sameState = t.refs.find((r) => r.state === state);
  if (sameState !== undefined) {
    const bothOk = t.runs.every((r) => r.code === 0);
    return {
      kind: bothOk
        ? "both reported success where serially one fails"
        : "exit statuses fit no serial order",
      detail: `state as "${sameState.label}"${exits(t)}`,
    };
  }
  return {
    kind: "end state fits no serial order",
    detail: `${state}${exits(t)}; serial: ${t.refs
      .filter((r) => r.label.includes("then"))
      .map((r) => `${r.label}: ${r.state}`)
      .join("; ")}`,
  };
}

/**
 * Revisions that existed (in the preparation or during the trial) and are gone, except those a
 * successful purge took and those a winning `--history-max` upgrade may prune: its own prune,
 * replayed on what existed before its revision (the oldest first, never the deployed one).
 */
function lostRevisions(t: TrialFacts): Violation[] {
  const purged = t.runs.some((r) => r.op === "uninstall" && r.code === 0);
  if (purged) return [];
  const allowed = new Set<number>();
  for (const run of t.runs) {
    if (run.op !== "upgrade-hmax" || run.code !== 0) continue;
    const created = Number(/REVISION: (\d+)/.exec(run.stdout)?.[1]);
    const earlier = [...t.seen.keys()].filter((v) => v < created).sort((x, y) => x - y);
    const deployed = earlier.filter((v) => t.seen.get(v)?.statuses.includes("deployed")).at(-1);
    const excess = earlier.length - (HISTORY_MAX - 1);
    for (const v of earlier.filter((v) => v !== deployed).slice(0, Math.max(0, excess)))
      allowed.add(v);
  }
  // A revision its own operation withdrew on losing the release to an uninstall
  // (docs/release-storage.md#claiming-the-latest-revision): it never did anything.
  for (const run of t.runs) {
    const withdrawn = run.code !== 0 ? /withdrew revision (\d+)/.exec(run.stderr) : null;
    if (withdrawn) allowed.add(Number(withdrawn[1]));
  }
  const now = new Set(t.after.revisions.map((r) => r.version));
  const found: Violation[] = [];
  for (const [v, seen] of t.seen) {
    const history = `revision ${v} (${seen.statuses.join("→")})`;
    const settled = seen.statuses.some((s) => s === "deployed" || s === "superseded");
    if (!now.has(v) && !allowed.has(v))
      found.push({
        kind: settled ? "revision lost" : "in-flight revision deleted",
        detail: `${history} is gone${exits(t)}`,
      });
    // Deleted and written again: one client's record went while its operation was under way
    // and another took the number (a successful purge, which may precede a reinstall, aside).
    else if (seen.statuses.slice(0, -1).includes("deleted"))
      found.push({
        kind: "revision deleted and its number reused",
        detail: `${history}${exits(t)}`,
      });
  }
  return found;
}

/**
 * The deployed revision's objects are live with its content, and nothing else that says it
 * belongs to the release is; with nothing deployed (uninstalled, purged), nothing is live. A
 * history that ends failed or pending with nothing deployed says the objects are unknown.
 */
function storedVersusLive(after: Snapshot, release: string): Violation[] {
  const deployed = after.revisions.filter((r) => r.status === "deployed").at(-1);
  const latest = after.revisions.at(-1);
  const unknown = [
    "failed",
    "uninstalling",
    "pending-install",
    "pending-upgrade",
    "pending-rollback",
  ];
  if (deployed === undefined && latest !== undefined && unknown.includes(latest.status)) return [];
  const want: StoredView["objects"] = deployed?.objects ?? new Map();
  const problems: string[] = [];
  for (const [name, data] of want) {
    const live = after.live.get(name);
    if (live === undefined) problems.push(`${name} missing`);
    else if (JSON.stringify(sorted(live)) !== JSON.stringify(sorted(data)))
      problems.push(
        `${name} holds ${JSON.stringify(live)}, revision ${deployed?.version} says ${JSON.stringify(data)}`,
      );
  }
  for (const name of after.live.keys())
    if (!want.has(name)) problems.push(`${name} live but not in the stored manifest`);
  if (problems.length === 0) return [];
  const what = deployed
    ? `deployed revision ${deployed.version}`
    : `no deployed revision (history: ${after.revisions.map((r) => `${r.version}:${r.status}`).join(" ") || "none"})`;
  return [
    {
      kind: "stored ≠ live",
      detail: `${what}: ${problems.join("; ").replaceAll(`${release}-`, "")}`,
    },
  ];
}

function sorted(data: Record<string, string>): Array<[string, string]> {
  return Object.entries(data).sort(([x], [y]) => x.localeCompare(y));
}
