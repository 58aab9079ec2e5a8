/*
 * What a Go-template render of a chart tree takes. Kept apart from the renderer so the deep-stack
 * thread, which reruns the same render, can describe its request without importing the renderer.
 */
import type { Chart } from "../../chart/types.js";
import type { Values } from "../../values/types.js";
import type { LookupFunction } from "./helmFunctions.js";
import type { CapabilitiesObject } from "./helmObjects.js";

/** A chart of the tree, with the values scoped to it, at its helm path ("web/charts/db"). */
export interface GoChartNode {
  chart: Chart;
  path: string;
  values: Values;
  /** Child nodes, for `.Subcharts`. */
  children: GoChartNode[];
  isRoot: boolean;
}

export interface GoRenderOptions {
  release: {
    name: string;
    namespace: string;
    revision: number;
    isInstall: boolean;
    isUpgrade: boolean;
  };
  capabilities: CapabilitiesObject;
  lookup?: LookupFunction;
  /** helm lint's mode: `required` and `fail` do not stop the render. */
  lintMode?: boolean;
}
