/** Requests for one object (and its status or finalize subresource): get, update, patch, delete. */
import { GZIP_THRESHOLD, acceptsGzip, charge, prefersProtobuf } from "./cost.js";
import { sendJson, sendText } from "./http.js";
import { apiVersionOf } from "./identity.js";
import { objectJson } from "./store.js";
import {
  deleteOptions,
  formOf,
  readObject,
  readText,
  renderer,
  sendWarnings,
  writeOptions,
  type ResourceCall,
} from "./resourceCall.js";

/** The router calls these only for a target with a name. */
function named(call: ResourceCall): string {
  return call.target.name ?? "";
}

/** With a cost model on, charged as a list of one (cost.ts): from etcd unless a resourceVersion is given. */
export async function get(call: ResourceCall): Promise<void> {
  const { cluster, target, req } = call;
  const t = target.type;
  const obj = cluster.api.get(t, target.namespace, named(call));
  const body =
    formOf(call).form === "Object"
      ? objectJson(obj, apiVersionOf(t.group, target.version), t.kind)
      : (() => {
          const shown = cluster.api.present(t, obj, target.version);
          return JSON.stringify(
            renderer(call)(shown, { resourceVersion: shown.metadata.resourceVersion }),
          );
        })();
  if (cluster.cost !== undefined) {
    const size = objectJson(obj).length;
    const responseBytes = Buffer.byteLength(body);
    const consistent = (call.query.get("resourceVersion") ?? "") === "";
    await charge(call.res, cluster.cost, {
      consistent,
      scopeObjects: 1,
      scopeBytes: consistent ? size : 0,
      keptBytes: size,
      cacheObjects: 0,
      items: 1,
      responseBytes,
      gzip: acceptsGzip(req.headers["accept-encoding"]) && responseBytes > GZIP_THRESHOLD,
      protobuf: !t.custom && prefersProtobuf(req.headers.accept),
    });
  }
  sendText(call.res, 200, body);
}

export async function update(call: ResourceCall): Promise<void> {
  const { cluster, target } = call;
  const opts = writeOptions(call);
  const body = await readObject(call);
  const updated = cluster.api.update(
    target.type,
    target.version,
    target.namespace,
    named(call),
    body,
    opts,
  );
  sendWarnings(call.res, opts);
  sendJson(call.res, 200, updated);
}

/** A patch of any kind; an apply patch may create the object (201). */
export async function patch(call: ResourceCall): Promise<void> {
  const { cluster, target } = call;
  const t = target.type;
  const opts = writeOptions(call);
  const raw = await readText(call);
  const existed =
    cluster.store.get(
      cluster.api.key(t),
      t.namespaced ? target.namespace : undefined,
      named(call),
    ) !== undefined;
  const out = cluster.api.patch(
    t,
    target.version,
    target.namespace,
    named(call),
    call.req.headers["content-type"] ?? "",
    raw,
    opts,
  );
  sendWarnings(call.res, opts);
  sendJson(call.res, existed ? 200 : 201, out);
}

export async function remove(call: ResourceCall): Promise<void> {
  const { cluster, target } = call;
  const opts = await deleteOptions(call);
  sendJson(call.res, 200, cluster.api.delete(target.type, target.namespace, named(call), opts));
}
