/**
 * Test helper: asks the real helm 4 binary what template expressions print. Each expression is
 * rendered into NOTES.txt between markers and `helm install --dry-run=client` prints NOTES
 * verbatim, so the result is helm's raw text (no YAML re-parsing of manifests).
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { findHelm } from "../../src/cli/demo/helmBinary.js";

export const helmBinary = findHelm(4);

const START = "<<<<CASE ";
const END = ">>>>END";

/**
 * Renders `{name: expression}` (each a template body, e.g. `{{ toYaml .Values.a }}`) with
 * values.yaml = `valuesYaml`. Returns each case's output, or throws helm's stderr.
 */
export function helmRender(cases: Record<string, string>, valuesYaml = ""): Record<string, string> {
  if (!helmBinary) throw new Error("helm 4 not found");
  const dir = mkdtempSync(join(tmpdir(), "wh-yaml-oracle-"));
  try {
    mkdirSync(join(dir, "templates"));
    writeFileSync(join(dir, "Chart.yaml"), "apiVersion: v2\nname: oracle\nversion: 0.1.0\n");
    writeFileSync(join(dir, "values.yaml"), valuesYaml);
    const body = Object.entries(cases)
      .map(([name, expr]) => `${START}${name}\n${expr}\n${END}\n`)
      .join("");
    writeFileSync(join(dir, "templates", "NOTES.txt"), body);
    const out = execFileSync(helmBinary, ["install", "r", dir, "--dry-run=client"], {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "pipe"],
    });
    const notes = out.slice(out.indexOf("NOTES:\n") + "NOTES:\n".length);
    const result: Record<string, string> = {};
    for (const part of notes.split(START).slice(1)) {
      const nl = part.indexOf("\n");
      const end = part.lastIndexOf(`\n${END}`);
      result[part.slice(0, nl)] = part.slice(nl + 1, end);
    }
    return result;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** helm's error output (stderr) for a chart with this values.yaml and NOTES body. */
export function helmError(valuesYaml: string, notes = "x"): string {
  if (!helmBinary) throw new Error("helm 4 not found");
  const dir = mkdtempSync(join(tmpdir(), "wh-yaml-oracle-"));
  try {
    mkdirSync(join(dir, "templates"));
    writeFileSync(join(dir, "Chart.yaml"), "apiVersion: v2\nname: oracle\nversion: 0.1.0\n");
    writeFileSync(join(dir, "values.yaml"), valuesYaml);
    writeFileSync(join(dir, "templates", "NOTES.txt"), notes);
    try {
      execFileSync(helmBinary, ["install", "r", dir, "--dry-run=client"], {
        stdio: ["ignore", "pipe", "pipe"],
      });
      return "";
    } catch (err) {
      return String((err as { stderr: Buffer }).stderr).trim();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
