/** The scale subresource over HTTP: read a Scale, write one (PUT) or patch it. */
import { sendJson } from "./http.js";
import { APPLY_PATCH, decodePatch, mediaType, mergePatch } from "./patch.js";
import { patcherFor } from "./patchers.js";
import { PatchSchema } from "./patchSchema.js";
import { readObject, readText, writeOptions, type ResourceCall } from "./resourceCall.js";

export function getScale(call: ResourceCall): void {
  const { cluster, target } = call;
  sendJson(call.res, 200, cluster.api.scale(target.type, target.namespace, target.name ?? ""));
}

export async function putScale(call: ResourceCall): Promise<void> {
  writeScale(call, await readObject(call));
}

/** A patch of the Scale; any media type but JSON and strategic merge patches merges. */
export async function patchScale(call: ResourceCall): Promise<void> {
  const { cluster, target } = call;
  const raw = await readText(call);
  const type = mediaType(call.req.headers["content-type"] ?? "");
  const current = cluster.api.scale(target.type, target.namespace, target.name ?? "");
  const body = decodePatch(raw, type === APPLY_PATCH);
  // A Scale has no patch metadata: a strategic merge patch merges it like a merge patch.
  writeScale(call, (patcherFor(type, PatchSchema.NONE) ?? mergePatch)(current, body));
}

function writeScale(call: ResourceCall, scale: unknown): void {
  const { cluster, target } = call;
  const t = target.type;
  const written = cluster.api.updateScale(
    t,
    target.version,
    target.namespace,
    target.name ?? "",
    scale,
    writeOptions(call),
  );
  sendJson(call.res, 200, written);
}
