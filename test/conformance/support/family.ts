/**
 * A conformance family: one chart with one template per case, rendered once by
 * helm 4.1.4 (the oracle, at test time) and by wheelhouse; one test for the
 * whole output byte for byte, then one test per template so a failure names
 * the case and shows its diff. When wheelhouse cannot render the whole chart
 * (one bad case fails them all), each case is rendered alone — the chart with
 * only that template and the helpers — to say which cases are at fault.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { writeChart, type ChartSpec } from "./chart.js";
import { comparable, errorMessage, splitBySource } from "./compare.js";
import {
  helm4,
  runHelm,
  runWheelhouse,
  SKIP_REASON,
  templateArgs,
  type RunResult,
} from "./runners.js";

export interface Family {
  chart: ChartSpec;
  /** Flags after `template rel DIR -n ns`, given to both tools; `{chart}` stands for the chart's directory. */
  flags?: string[];
  /**
   * Applied to both outputs before comparing: for clock and random functions,
   * whose bytes differ run to run, compare the shape only.
   */
  normalize?: (text: string) => string;
}

/** Source paths of the chart's rendered templates (helpers `_*` and NOTES.txt render nothing). */
export function templateSources(spec: ChartSpec, prefix = spec.name): string[] {
  const own = Object.keys(spec.templates ?? {})
    .filter((path) => !basename(path).startsWith("_") && path !== "NOTES.txt")
    .sort()
    .map((path) => `${prefix}/templates/${path}`);
  const subs = (spec.subcharts ?? []).flatMap((sub) =>
    templateSources(sub, `${prefix}/charts/${sub.name}`),
  );
  return [...own, ...subs];
}

/** The chart tree with every rendered template but the one at `source` removed. */
export function reducedTo(spec: ChartSpec, source: string, prefix = spec.name): ChartSpec {
  const templates = Object.fromEntries(
    Object.entries(spec.templates ?? {}).filter(
      ([path]) =>
        basename(path).startsWith("_") ||
        path === "NOTES.txt" ||
        `${prefix}/templates/${path}` === source,
    ),
  );
  const subcharts = spec.subcharts?.map((sub) =>
    reducedTo(sub, source, `${prefix}/charts/${sub.name}`),
  );
  return { ...spec, templates, ...(subcharts ? { subcharts } : {}) };
}

/**
 * Temp charts are removed after the run unless CONFORMANCE_KEEP is set, so a
 * failing case can be rendered by hand (`helm template rel DIR -n ns`).
 */
function cleanUp(root: string): void {
  if (!root) return;
  if (process.env.CONFORMANCE_KEEP) console.log(`conformance charts kept in ${root}`);
  else rmSync(root, { recursive: true, force: true });
}

function withChart(flags: string[] | undefined, chartDir: string): string[] {
  return (flags ?? []).map((flag) => flag.replaceAll("{chart}", chartDir));
}

function basename(path: string): string {
  return path.slice(path.lastIndexOf("/") + 1);
}

/** What a run printed, or why it printed nothing, as one comparable text. */
function outcome(result: RunResult): string {
  return result.code === 0
    ? result.stdout
    : `exit ${result.code}: ${errorMessage(result.stderr)}\n`;
}

export function conformanceFamily(title: string, family: Family): void {
  const normalize = family.normalize ?? ((text: string) => text);
  describe.skipIf(helm4 === undefined)(helm4 ? title : `${title} (${SKIP_REASON})`, () => {
    let root = "";
    let chartDir = "";
    let helm: RunResult;
    let helmDocs: Map<string, string>;
    let whole: RunResult;
    let wholeDocs: Map<string, string> | undefined;

    beforeAll(async () => {
      root = mkdtempSync(join(tmpdir(), "wheelhouse-conformance-"));
      chartDir = writeChart(root, family.chart);
      const args = templateArgs(chartDir, withChart(family.flags, chartDir));
      [helm, whole] = await Promise.all([runHelm(args, root), runWheelhouse(args, root)]);
      if (helm.code !== 0) {
        throw new Error(
          `helm itself cannot render family "${title}" — fix the case:\n${helm.stderr}`,
        );
      }
      helmDocs = splitBySource(helm.stdout);
      wholeDocs = whole.code === 0 ? splitBySource(whole.stdout) : undefined;
    });
    afterAll(() => cleanUp(root));

    it("renders the whole chart as helm 4.1.4 does, byte for byte", () => {
      // A failed run would only show helm's whole output as missing; say why instead.
      if (whole.code !== 0) expect.fail(`wheelhouse failed on the whole chart: ${outcome(whole)}`);
      expect(normalize(whole.stdout)).toBe(normalize(helm.stdout));
    });

    for (const source of templateSources(family.chart)) {
      it(source.slice(family.chart.name.length + 1), async () => {
        const expected = normalize(helmDocs.get(source) ?? "");
        let actual: string;
        if (wholeDocs) {
          actual = wholeDocs.get(source) ?? "";
        } else {
          const dir = mkdtempSync(join(root, "alone-"));
          const alone = writeChart(dir, reducedTo(family.chart, source));
          const result = await runWheelhouse(
            templateArgs(alone, withChart(family.flags, alone)),
            dir,
          );
          actual =
            result.code === 0 ? (splitBySource(result.stdout).get(source) ?? "") : outcome(result);
        }
        expect(normalize(actual), `wheelhouse's output for ${source}`).toBe(expected);
      });
    }
  });
}

export interface ErrorCase {
  name: string;
  chart: ChartSpec;
  flags?: string[];
}

/**
 * Charts that helm refuses to render: wheelhouse must fail too, with helm's
 * error message (the `Error: ` line and its indented continuation lines).
 */
export function errorCases(title: string, cases: ErrorCase[]): void {
  describe.skipIf(helm4 === undefined)(helm4 ? title : `${title} (${SKIP_REASON})`, () => {
    let root = "";
    const helm = new Map<string, RunResult>();
    const dirs = new Map<string, string>();

    beforeAll(async () => {
      root = mkdtempSync(join(tmpdir(), "wheelhouse-conformance-errors-"));
      await Promise.all(
        cases.map(async (c, i) => {
          const parent = join(root, String(i));
          const dir = writeChart(parent, c.chart);
          dirs.set(c.name, dir);
          helm.set(c.name, await runHelm(templateArgs(dir, withChart(c.flags, dir)), parent));
        }),
      );
    });
    afterAll(() => cleanUp(root));

    for (const c of cases) {
      it(c.name, async () => {
        const expected = helm.get(c.name)!;
        if (expected.code === 0) {
          throw new Error(`helm renders case "${c.name}" without error — fix the case`);
        }
        const dir = dirs.get(c.name)!;
        const actual = await runWheelhouse(
          templateArgs(dir, withChart(c.flags, dir)),
          join(dir, ".."),
        );
        expect(
          comparable(
            actual.code === 0 ? `exit 0, printed:\n${actual.stdout}` : errorMessage(actual.stderr),
          ),
          `error of case "${c.name}"`,
        ).toBe(comparable(errorMessage(expected.stderr)));
      });
    }
  });
}
