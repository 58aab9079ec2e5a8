import type { ActionContext } from "../engine/actions/context.js";
import { getRevision } from "../engine/actions/status.js";
import { manifestObjects } from "../engine/apply/manifestObjects.js";
import { refOf, type ObjectRef } from "../engine/cluster/clusterAccess.js";
import type { KubeObject } from "../engine/cluster/kubeObject.js";
import { assessReadiness } from "../engine/cluster/readiness.js";
import { objectDrift } from "../engine/diff/objectDrift.js";
import type { KubeClient } from "../kube/client.js";
import type { ListWatch } from "../kube/listThenWatch.js";
import { listWatchObject } from "../kube/objectWatch.js";
import type { ReleaseRef, ResourceListener, ResourceRow, ResourceWatch } from "./backend.js";

/** A burst of changes (a rollout moves a Deployment's status several times) is told once. */
const COALESCE_MS = 50;

/**
 * The status pane's data: the latest revision's objects, each kept current
 * by its own list+watch (kube/objectWatch.ts), told as rows whenever one of
 * them changes — what `status` reads once, followed as the release list
 * follows its records (docs/release-storage.md#the-uis-live-list). A change
 * of the release itself (a new revision with other objects) is the caller's
 * to notice: it starts a new one.
 */
export function watchReleaseResources(
  ctx: ActionContext,
  client: KubeClient,
  release: ReleaseRef,
  listener: ResourceListener,
): ResourceWatch {
  let stopped = false;
  let watches: ListWatch[] = [];
  let timer: NodeJS.Timeout | undefined;

  const start = async (): Promise<void> => {
    const stored = await getRevision(ctx, release.name, release.namespace);
    const objects = await manifestObjects(stored.manifest, release.namespace, ctx.cluster);
    if (stopped) return;
    const refs = objects.map(refOf);
    if (refs.length === 0) {
      listener.rows([]);
      return;
    }
    const live = new Map<number, KubeObject | undefined>();
    const tell = () => {
      timer = undefined;
      // Rows only once every object has been listed: a half-filled pane would read as missing.
      if (stopped || live.size < refs.length) return;
      listener.rows(refs.map((ref, i) => rowOf(ref, objects[i]!, live.get(i), ctx.fieldManager)));
    };
    watches = refs.map((ref, i) =>
      listWatchObject(client, ref, {
        onObject: (object) => {
          live.set(i, object as KubeObject | undefined);
          timer ??= setTimeout(tell, COALESCE_MS);
        },
        onError: (err, during) => {
          // Before the first rows a failed list is the pane's error; later the watch resumes.
          if (during === "list" && live.size < refs.length) listener.failed(err);
        },
      }),
    );
  };

  start().catch((err: unknown) => {
    if (!stopped) listener.failed(err);
  });
  return {
    stop: () => {
      stopped = true;
      if (timer) clearTimeout(timer);
      for (const w of watches) w.stop();
    },
  };
}

/** A row as `status` reports it: readiness, and the fields changed live (docs/release-storage.md#drift). */
function rowOf(
  ref: ObjectRef,
  stored: KubeObject,
  object: KubeObject | undefined,
  fieldManager: string,
): ResourceRow {
  const readiness = assessReadiness(object);
  const drift = object ? objectDrift(stored, object, fieldManager).drift.map((d) => d.field) : [];
  return {
    kind: ref.kind,
    name: ref.name,
    ...(ref.namespace ? { namespace: ref.namespace } : {}),
    state: readiness.state,
    message: readiness.message,
    ...(drift.length > 0 ? { drift } : {}),
  };
}
