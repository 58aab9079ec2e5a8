/** The worker side of deepStack.ts: rebuilds the render's inputs and renders on its large stack. */
import { workerData } from "node:worker_threads";
import { isWheelhouseError } from "../../../errors.js";
import type { Chart } from "../../chart/types.js";
import type { DeepRenderReply, DeepRenderRequest } from "./deepStack.js";
import { CapabilitiesObject, KubeVersionObject } from "./helmObjects.js";
import type { GoChartNode } from "./goRenderInput.js";
import { lookupKey, renderOnThisStack } from "./renderGoCharts.js";

const request = workerData as DeepRenderRequest;

/** Structured cloning turns Buffers into Uint8Arrays; the chart code reads them as Buffers. */
function revive(node: GoChartNode): GoChartNode {
  const chart = reviveChart(node.chart);
  return { ...node, chart, children: node.children.map(revive) };
}

function reviveChart(chart: Chart): Chart {
  const buf = (f: { name: string; data: Uint8Array }) => ({
    name: f.name,
    data: Buffer.from(f.data),
  });
  return {
    ...chart,
    templates: chart.templates.map(buf),
    files: chart.files.map(buf),
    dependencies: chart.dependencies.map(reviveChart),
  };
}

let reply: DeepRenderReply;
try {
  const c = request.capabilities;
  const lookups = new Map(request.lookups);
  const files = renderOnThisStack(request.roots.map(revive), {
    release: request.release,
    capabilities: new CapabilitiesObject(
      new KubeVersionObject(c.version, c.normalized, c.major, c.minor),
      c.apiVersions,
    ),
    lintMode: request.lintMode,
    lookup: (apiVersion, kind, namespace, name) =>
      lookups.get(lookupKey(apiVersion, kind, namespace, name)) ?? {},
  });
  reply = { ok: true, files: [...files] };
} catch (err) {
  reply = isWheelhouseError(err)
    ? { ok: false, message: err.message, ...(err.hint ? { hint: err.hint } : {}) }
    : {
        ok: false,
        message: "",
        bug: err instanceof Error ? (err.stack ?? err.message) : String(err),
      };
}
request.port.postMessage(reply);
const flag = new Int32Array(request.signal);
Atomics.store(flag, 0, 1);
Atomics.notify(flag, 0);
