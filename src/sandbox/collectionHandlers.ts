/** Requests for a whole collection: list, create, delete a collection. */
import { GZIP_THRESHOLD, acceptsGzip, charge, isConsistentList, prefersProtobuf } from "./cost.js";
import type { ListFacts } from "./cost.js";
import { sendJson, sendList, sendText } from "./http.js";
import { apiVersionOf } from "./identity.js";
import { continueAfter, idOf } from "./paging.js";
import type { ListResult } from "./paging.js";
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
 * carry no apiVersion/kind in a list. With a cost model on, it is answered after the time a real
 * server would take (cost.ts).
 */
export async function list(call: CollectionCall): Promise<void> {
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
  let send: () => void;
  let bytes: number;
  if (form === "Table") {
    const text = JSON.stringify(
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
    bytes = Buffer.byteLength(text);
    send = () => sendText(res, 200, text);
  } else {
    const partial = form === "PartialObjectMetadataList" || form === "PartialObjectMetadata";
    const av = apiVersionOf(t.group, version);
    const head = JSON.stringify(
      partial
        ? { kind: "PartialObjectMetadataList", apiVersion: `meta.k8s.io/${mv}`, metadata: meta }
        : { kind: t.listKind, apiVersion: av, metadata: meta },
    );
    const open = `${head.slice(0, -1)},"items":[`;
    const items = result.items.map((o) =>
      partial ? partialJson(o, mv) : t.custom ? objectJson(o, av, t.kind) : objectJson(o),
    );
    bytes =
      Buffer.byteLength(open) +
      2 +
      Math.max(0, items.length - 1) +
      items.reduce((n, b) => n + b.length, 0);
    send = () => sendList(res, open, items);
  }
  if (cluster.cost !== undefined) await charge(res, cluster.cost, listFacts(call, result, bytes));
  send();
}

/** What this list would cost a real server (cost.ts): what etcd or the watch cache goes through. */
function listFacts(call: CollectionCall, result: ListResult, responseBytes: number): ListFacts {
  const { cluster, target, query, req } = call;
  const key = cluster.api.key(target.type);
  const consistent = isConsistentList(query);
  const last = result.items[result.items.length - 1];
  const namespace = target.type.namespaced ? target.namespace : undefined;
  // A consistent page reads from where the last one stopped to its own last item; the watch cache
  // ignores the limit of a resourceVersion=0 list and matches the whole scope.
  const scope = consistent
    ? cluster.store.scan(
        key,
        namespace,
        continueAfter(query.get("continue") ?? undefined),
        result.continueToken !== undefined && last !== undefined ? idOf(last) : undefined,
      )
    : cluster.store.scan(key, namespace);
  return {
    consistent,
    scopeObjects: scope.objects,
    scopeBytes: scope.bytes,
    keptBytes: result.items.reduce((n, o) => n + objectJson(o).length, 0),
    cacheObjects: cluster.store.count(key),
    items: result.items.length,
    responseBytes,
    gzip: acceptsGzip(req.headers["accept-encoding"]) && responseBytes > GZIP_THRESHOLD,
    protobuf: !target.type.custom && prefersProtobuf(req.headers.accept),
  };
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
