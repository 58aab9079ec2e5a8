/**
 * The crds/ folders, as helm's install treats them (pkg/action/install.go installCRDs): created
 * before anything is rendered, so that the chart's own objects, its lookups and
 * `.Capabilities.APIVersions` already see the new kinds; never templated, never part of the
 * release, never touched by upgrade or uninstall.
 */
import { errorMessage } from "../../errors.js";
import { createObject } from "../apply/clientSideApply.js";
import { manifestObjects } from "../apply/manifestObjects.js";
import { applyDependencyConditions } from "../chart/dependencyConditions.js";
import type { Chart } from "../chart/types.js";
import { refOf } from "../cluster/clusterAccess.js";
import type { KubeObject } from "../cluster/kubeObject.js";
import type { ApplyMethod } from "../release/types.js";
import { coalesceValues } from "../values/coalesce.js";
import type { Values } from "../values/types.js";
import type { ActionContext } from "./context.js";
import { ActionError } from "./errors.js";

/** One file of a crds/ folder: `name` as helm names it in messages ("crds/x.yaml"). */
export interface ChartCrd {
  name: string;
  content: string;
}

/** How long helm gives new CRDs to be established. */
const ESTABLISH_TIMEOUT_MS = 60_000;
const POLL_MS = 250;

/**
 * helm's CRDObjects: crds/*.yaml|yml|json of the chart, then of each enabled subchart, depth
 * first (subcharts switched off by condition or tags bring none).
 */
export function chartCrds(chart: Chart, userValues: Values): ChartCrd[] {
  const enabled = applyDependencyConditions(chart, coalesceValues(chart, userValues));
  const walk = (c: Chart): ChartCrd[] => [
    ...c.files
      .filter((f) => f.name.startsWith("crds/") && /\.(ya?ml|json)$/i.test(f.name))
      .map((f) => ({ name: f.name, content: f.data.toString("utf8") })),
    ...c.dependencies.flatMap(walk),
  ];
  return walk(enabled);
}

/**
 * Creates each file's objects in order (as the release is applied, like helm 4), then waits until
 * every CustomResourceDefinition among them is Established. A file that holds nothing fails the
 * install, as in helm.
 */
export async function installCrds(
  ctx: ActionContext,
  crds: readonly ChartCrd[],
  options: { namespace: string; method: ApplyMethod; forceConflicts: boolean },
): Promise<void> {
  const created: KubeObject[] = [];
  for (const crd of crds) {
    let objects: KubeObject[];
    try {
      objects = await manifestObjects(crd.content, options.namespace, ctx.cluster);
    } catch (err) {
      throw new ActionError(`failed to install CRD ${crd.name}: ${errorMessage(err)}`);
    }
    if (objects.length === 0) {
      throw new ActionError(`failed to install CRD ${crd.name}: resources are empty`);
    }
    for (const object of objects) {
      try {
        created.push(
          await createObject(ctx.cluster, object, options.method, {
            fieldManager: ctx.fieldManager,
            force: options.forceConflicts,
          }),
        );
      } catch (err) {
        throw new ActionError(`failed to install CRD ${crd.name}: ${errorMessage(err)}`);
      }
    }
  }
  await waitEstablished(
    ctx,
    created.filter((o) => o.kind === "CustomResourceDefinition"),
  );
}

async function waitEstablished(ctx: ActionContext, crds: KubeObject[]): Promise<void> {
  const sleep = ctx.sleep ?? ((ms: number) => new Promise((r) => setTimeout(r, ms)));
  for (const crd of crds) {
    for (let waited = 0; ; waited += POLL_MS) {
      const live = await ctx.cluster.get(refOf(crd));
      if (live && isEstablished(live)) break;
      if (waited >= ESTABLISH_TIMEOUT_MS) {
        throw new ActionError(
          `CustomResourceDefinition ${crd.metadata.name} was not established within ${ESTABLISH_TIMEOUT_MS / 1000}s`,
        );
      }
      await sleep(POLL_MS);
    }
  }
}

function isEstablished(crd: KubeObject): boolean {
  const status = crd.status as
    { conditions?: Array<{ type?: string; status?: string }> } | undefined;
  return (status?.conditions ?? []).some((c) => c.type === "Established" && c.status === "True");
}
