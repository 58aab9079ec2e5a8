/** Requests for one object (and its status or finalize subresource): get, update, patch, delete. */
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

export function get(call: ResourceCall): void {
  const { cluster, target } = call;
  const t = target.type;
  const obj = cluster.api.get(t, target.namespace, named(call));
  if (formOf(call).form === "Object")
    sendText(call.res, 200, objectJson(obj, apiVersionOf(t.group, target.version), t.kind));
  else {
    const shown = cluster.api.present(t, obj, target.version);
    sendJson(
      call.res,
      200,
      renderer(call)(shown, { resourceVersion: shown.metadata.resourceVersion }),
    );
  }
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
