/**
 * Test-only: renders template text with the real helm 4.1.4 binary, so expectations are what helm
 * prints, never hand-written. Each call is one `helm install --dry-run=client` (~50 ms) of a
 * throw-away chart whose NOTES.txt is the template.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { FuncError } from "../../../src/engine/gotemplate/funcs/types.js";
import type { GoValue } from "../../../src/engine/gotemplate/value.js";
import { helmBinary as findHelm } from "../../support/helm.js";

export const helmBinary: string | undefined = findHelm(4);

let chartDir: string | undefined;

function chart(): string {
  if (chartDir === undefined) {
    chartDir = mkdtempSync(join(tmpdir(), "sprigb-oracle-"));
    mkdirSync(join(chartDir, "templates"));
    writeFileSync(join(chartDir, "Chart.yaml"), "apiVersion: v2\nname: c\nversion: 0.1.0\n");
  }
  return chartDir;
}

export interface HelmResult {
  /** NOTES.txt as helm rendered it, when rendering succeeded. */
  out?: string;
  /** helm's error message after "error calling NAME: " (or the whole stderr line). */
  err?: string;
}

/** Renders `template` with helm; requires helmBinary. */
export function helmRender(template: string): HelmResult {
  if (helmBinary === undefined) throw new Error("helm 4 is not available");
  const dir = chart();
  writeFileSync(join(dir, "templates", "NOTES.txt"), template);
  const r = spawnSync(helmBinary, ["install", "r", dir, "--dry-run=client"], {
    encoding: "utf8",
    env: {
      ...process.env,
      HELM_CACHE_HOME: join(dir, ".cache"),
      HELM_CONFIG_HOME: join(dir, ".config"),
    },
  });
  const notes = r.stdout.indexOf("\nNOTES:\n");
  if (r.status === 0 && notes >= 0) return { out: r.stdout.slice(notes + 8).replace(/\n$/, "") };
  const line = r.stderr.split("\n")[0] ?? "";
  const m = /error calling \w+: (.*)$/.exec(line);
  return { err: m ? m[1] : r.stderr.trim() };
}

/**
 * Renders each action (e.g. `b64dec "YQ=="`) in one helm run and returns their outputs in order.
 * Framing each with markers keeps empty results and newlines (helm trims the NOTES text).
 */
export function helmEach(actions: string[]): string[] {
  const tpl = actions.map((a) => `<<{{ ${a} }}>>`).join("\n");
  const r = helmRender(tpl);
  if (r.out === undefined) throw new Error(`helm failed: ${r.err}`);
  return r.out.slice(2, -2).split(">>\n<<");
}

/** The message of the FuncError a call raises (a Go error return or panic), or "(no error)". */
export function errorOf(f: () => GoValue): string {
  try {
    f();
  } catch (e) {
    if (e instanceof FuncError) return e.message;
    throw e;
  }
  return "(no error)";
}
