import { isWheelhouseError } from "../../errors.js";
import { dependencyProblems } from "../chart/dependencies.js";
import { ChartError } from "../chart/errors.js";
import { loadChart } from "../chart/loadChart.js";
import type { Values } from "../values/types.js";
import { renderRelease } from "./template.js";

export type LintSeverity = "INFO" | "WARNING" | "ERROR";

export interface LintMessage {
  severity: LintSeverity;
  /** The file the message is about, relative to the chart ("Chart.yaml", "templates/x.yaml"). */
  path: string;
  message: string;
}

export interface LintResult {
  chart: string;
  messages: LintMessage[];
}

/** Names the API server accepts (RFC 1123 subdomain), which rendered objects must use. */
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/**
 * Checks a chart the way `helm lint` does: it must load, its dependencies
 * must be present, and it must render with the given values into objects the
 * API server would accept. Problems are collected, not thrown.
 */
export async function lintChart(path: string, userValues: Values): Promise<LintResult> {
  const messages: LintMessage[] = [];
  let chart;
  try {
    chart = await loadChart(path);
  } catch (err) {
    if (!isWheelhouseError(err)) throw err;
    messages.push({ severity: "ERROR", path: fileOf(err) ?? "Chart.yaml", message: err.message });
    return { chart: path, messages };
  }
  if (!chart.metadata.icon)
    messages.push({ severity: "INFO", path: "Chart.yaml", message: "icon is recommended" });
  if (!chart.rawValues)
    messages.push({ severity: "INFO", path: "values.yaml", message: "file does not exist" });
  if (chart.metadata.deprecated)
    messages.push({ severity: "WARNING", path: "Chart.yaml", message: "chart is deprecated" });
  for (const problem of dependencyProblems(chart)) {
    messages.push({
      severity: problem.problem === "missing" ? "ERROR" : "WARNING",
      path: "Chart.yaml",
      message: `${problem.chart}: ${problem.detail}`,
    });
  }
  if (messages.some((m) => m.severity === "ERROR")) return { chart: path, messages };

  try {
    const rendered = renderRelease({
      chart,
      userValues,
      release: {
        name: "lint-release",
        namespace: "lint-namespace",
        revision: 1,
        isInstall: true,
        isUpgrade: false,
      },
      lintMode: true,
    });
    for (const doc of rendered.manifests) {
      if (!DNS_SUBDOMAIN.test(doc.name) || doc.name.length > 253) {
        messages.push({
          severity: "ERROR",
          path: doc.path.split("/").slice(1).join("/"),
          message: `${doc.kind} name "${doc.name}" is not a valid Kubernetes name (lower case letters, digits, "-" and ".")`,
        });
      }
    }
  } catch (err) {
    if (!isWheelhouseError(err)) throw err;
    const details = (err.details ? `\n${err.details}` : "") + (err.hint ? `\n${err.hint}` : "");
    messages.push({
      severity: "ERROR",
      path: fileOf(err) ?? "templates/",
      message: err.message + details,
    });
  }
  return { chart: path, messages };
}

function fileOf(err: unknown): string | undefined {
  return err instanceof ChartError ? err.location.file : undefined;
}
