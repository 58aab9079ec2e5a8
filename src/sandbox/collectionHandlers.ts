/** Requests for a whole collection: list, create, delete a collection. */
import { sendJson, sendList } from "./http.js";
import { apiVersionOf } from "./identity.js";
import { objectJson, partialJson } from "./store.js";
import { table } from "./table.js";
import {
  deleteOptions,
  formOf,
  readObject,
  sendWarnings,
  writeOptions,
  type CollectionCall,
  type ResourceCall,
} from "./resourceCall.js";

/**
 * A list, written from each object's cached JSON. Like the real server, items of built-in kinds
 * carry no apiVersion/kind in a list.
 */
export function list(call: CollectionCall): void {
  const { cluster, target, query, res } = call;
  const { type: t, version } = target;
  const { form, version: mv } = formOf(call);
  const limit = query.get("limit");
  const result = cluster.api.list(t, target.namespace, {
    labels: call.labels,
    fields: call.fields,
    limit: limit === null ? undefined : Number(limit),
    continueToken: query.get("continue") ?? undefined,
  });
  const meta: Record<string, unknown> = { resourceVersion: result.resourceVersion };
  if (result.continueToken !== undefined) meta.continue = result.continueToken;
  if (result.remaining !== undefined) meta.remainingItemCount = result.remaining;
  if (form === "Table") {
    sendJson(
      res,
      200,
      table(
        t,
        result.items.map((o) => cluster.api.present(t, o, version)),
        {
          resourceVersion: result.resourceVersion,
          continueToken: result.continueToken,
          includeObject: query.get("includeObject") ?? undefined,
          version: mv,
        },
      ),
    );
    return;
  }
  if (form === "PartialObjectMetadataList" || form === "PartialObjectMetadata") {
    const head = JSON.stringify({
      kind: "PartialObjectMetadataList",
      apiVersion: `meta.k8s.io/${mv}`,
      metadata: meta,
    });
    sendList(
      res,
      `${head.slice(0, -1)},"items":[`,
      result.items.map((o) => partialJson(o, mv)),
    );
    return;
  }
  const av = apiVersionOf(t.group, version);
  const head = JSON.stringify({ kind: t.listKind, apiVersion: av, metadata: meta });
  sendList(
    res,
    `${head.slice(0, -1)},"items":[`,
    result.items.map((o) => (t.custom ? objectJson(o, av, t.kind) : objectJson(o))),
  );
}

export async function create(call: ResourceCall): Promise<void> {
  const { cluster, target } = call;
  const opts = writeOptions(call);
  const body = await readObject(call);
  const created = cluster.api.create(target.type, target.version, target.namespace, body, opts);
  sendWarnings(call.res, opts);
  sendJson(call.res, 201, created);
}

/** Deletes every object the selectors match; answers with the list of what was deleted. */
export async function deleteCollection(call: CollectionCall): Promise<void> {
  const { cluster, target } = call;
  const t = target.type;
  const opts = await deleteOptions(call);
  const matched = cluster.api.list(t, target.namespace, {
    labels: call.labels,
    fields: call.fields,
  }).items;
  const deleted = matched.map((o) =>
    cluster.api.delete(t, o.metadata.namespace, o.metadata.name ?? "", {
      dryRun: opts.dryRun,
      propagationPolicy: opts.propagationPolicy,
    }),
  );
  sendJson(call.res, 200, {
    kind: t.listKind,
    apiVersion: apiVersionOf(t.group, target.version),
    metadata: { resourceVersion: String(cluster.store.rv) },
    items: deleted,
  });
}
