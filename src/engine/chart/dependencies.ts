import { isCompatibleRange } from "../semver/index.js";
import { ChartError } from "./errors.js";
import type { Chart } from "./types.js";

/** A declared dependency that charts/ does not satisfy. */
export interface DependencyProblem {
  chart: string;
  dependency: string;
  problem: "missing" | "version";
  detail: string;
}

/**
 * Compares Chart.yaml `dependencies` with the subcharts present in charts/,
 * through the whole tree. Helm reports missing ones by name before installing;
 * a version outside the declared range is reported too.
 */
export function dependencyProblems(chart: Chart): DependencyProblem[] {
  const problems: DependencyProblem[] = [];
  for (const dep of chart.metadata.dependencies ?? []) {
    const present = chart.dependencies.find((sub) => sub.metadata.name === dep.name);
    if (!present) {
      problems.push({
        chart: chart.metadata.name,
        dependency: dep.name,
        problem: "missing",
        detail: `${dep.name}: wants ${dep.version ? dep.version : "any version"}, found nothing in charts/`,
      });
    } else if (dep.version && !isCompatibleRange(dep.version, present.metadata.version)) {
      problems.push({
        chart: chart.metadata.name,
        dependency: dep.name,
        problem: "version",
        detail: `${dep.name}: wants ${dep.version}, found ${present.metadata.version} in charts/`,
      });
    }
  }
  for (const sub of chart.dependencies) problems.push(...dependencyProblems(sub));
  return problems;
}

/**
 * Refuses a chart whose charts/ lacks a dependency Chart.yaml declares, listing every one with the
 * range wanted. A subchart outside its declared range is rendered, as helm renders it (its
 * CheckDependencies compares names only); `lint` and `dependency list` report the version.
 */
export function assertDependenciesPresent(chart: Chart): void {
  const problems = dependencyProblems(chart).filter((p) => p.problem === "missing");
  if (problems.length === 0) return;
  const missing = problems.map((p) => p.dependency);
  throw new ChartError(
    `missing dependencies: ${missing.join(", ")}`,
    { chart: chart.metadata.name },
    {
      details: problems.map((p) => `  - ${p.chart}: ${p.detail}`).join("\n"),
      hint: "run `wheelhouse dependency build` (or `dependency update`) to fetch them into charts/",
    },
  );
}
