/** Discovery and OpenAPI: what the server serves, for clients that look before they ask. */
import type { IncomingMessage, ServerResponse } from "node:http";
import {
  AGGREGATED_CONTENT_TYPE,
  SERVER_VERSION,
  aggregated,
  apiGroupDoc,
  apiGroupList,
  apiVersions,
  openApiV2Doc,
  openApiV3Doc,
  openApiV3Root,
  resourceList,
  wantsAggregated,
} from "./discovery.js";
import { notAcceptable, pathNotFound } from "./errors.js";
import { sendJson } from "./http.js";
import type { Registry } from "./resources.js";

export function version(res: ServerResponse): void {
  sendJson(res, 200, SERVER_VERSION);
}

/** `/api` (legacy) or `/apis`: aggregated discovery when the client asks for it. */
export function roots(
  req: IncomingMessage,
  res: ServerResponse,
  registry: Registry,
  legacy: boolean,
  host: string,
): void {
  const agg = wantsAggregated(req.headers.accept);
  if (agg !== undefined) {
    sendJson(
      res,
      200,
      aggregated(registry, legacy, agg),
      AGGREGATED_CONTENT_TYPE.replace("v=v2", `v=${agg}`),
    );
  } else {
    sendJson(res, 200, legacy ? apiVersions(host) : apiGroupList(registry));
  }
}

/** `/apis/<group>`. */
export function group(res: ServerResponse, registry: Registry, name: string): void {
  const doc = apiGroupDoc(registry, name);
  if (doc === undefined) throw pathNotFound();
  sendJson(res, 200, doc);
}

/** `/api/v1` or `/apis/<group>/<version>`: the resources served there. */
export function resources(
  res: ServerResponse,
  registry: Registry,
  groupName: string,
  versionName: string,
): void {
  const doc = resourceList(registry, groupName, versionName);
  if (doc === undefined) throw pathNotFound();
  sendJson(res, 200, doc);
}

/** JSON only: a client that asks for the protobuf form alone is told so. */
export function openApiV2(req: IncomingMessage, res: ServerResponse, registry: Registry): void {
  const accept = req.headers.accept ?? "";
  if (accept !== "" && !/json|\*\/\*/.test(accept)) throw notAcceptable();
  sendJson(res, 200, openApiV2Doc(registry));
}

export function openApiV3Paths(res: ServerResponse, registry: Registry): void {
  sendJson(res, 200, openApiV3Root(registry));
}

/** `/openapi/v3/api/v1` or `/openapi/v3/apis/<group>/<version>`. */
export function openApiV3(res: ServerResponse, registry: Registry, gv: string[]): void {
  const doc =
    gv[0] === "api"
      ? openApiV3Doc(registry, "", gv[1] ?? "")
      : openApiV3Doc(registry, gv[1] ?? "", gv[2] ?? "");
  if (doc === undefined || (gv[0] !== "api" && gv[0] !== "apis")) throw pathNotFound();
  sendJson(res, 200, doc);
}

/** `/healthz`, `/readyz`, `/livez` (and their `/…` checks): always ok. */
export function healthy(res: ServerResponse): void {
  res.writeHead(200, { "Content-Type": "text/plain; charset=utf-8" });
  res.end("ok");
}
