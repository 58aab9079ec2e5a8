import type { Command } from "commander";
import type { Chart } from "../../engine/chart/types.js";
import type { PostRenderer } from "../../engine/render/postRender.js";
import type { Values } from "../../engine/values/types.js";
import type { CliIO } from "../io.js";
import {
  addChartVersionOptions,
  chartFromArgument,
  chartSourceOptions,
  type ChartSourceFlags,
} from "./chartSource.js";
import {
  addPostRendererOptions,
  postRendererFrom,
  type PostRendererFlags,
} from "./postRendererOptions.js";
import { addValuesOptions, userValuesFrom, type ValuesFlags } from "./valuesOptions.js";

/** The flags of every command that renders a chart for a release. */
export interface RenderFlags extends ChartSourceFlags, ValuesFlags, PostRendererFlags {}

/** Chart version and repositories, values, and the post-renderer (install, upgrade, template, diff upgrade). */
export function addRenderOptions(cmd: Command): Command {
  addChartVersionOptions(cmd);
  addValuesOptions(cmd);
  return addPostRendererOptions(cmd);
}

export interface RenderInputs {
  chart: Chart;
  userValues: Values;
  postRender?: PostRenderer;
}

/** The chart a CHART argument names, with the values and post-renderer the flags give. */
export async function renderInputsFrom(
  reference: string,
  flags: RenderFlags,
  io: CliIO,
): Promise<RenderInputs> {
  const chart = await chartFromArgument(reference, io.cwd, {
    ...chartSourceOptions(io.env, flags, io.cwd),
    onPulled: (text) => io.stderr.write(text),
  });
  const userValues = await userValuesFrom(flags, io.cwd);
  return { chart, userValues, ...(await postRendererFrom(flags, io.cwd)) };
}
