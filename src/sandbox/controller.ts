/** What the controller stand-ins share: the field manager they write as, ownership, Events. */
import { randomBytes } from "node:crypto";
import type { Api } from "./api.js";
import { timestamp } from "./util.js";
import type { KObject } from "./types.js";

/** The field manager of the controllers' writes, as on a real cluster. */
export const CONTROLLER = "kube-controller-manager";

/** The ownerReference a controller puts on what it makes for `owner`. */
export function controllerRef(owner: KObject): Record<string, unknown> {
  return {
    apiVersion: owner.apiVersion,
    kind: owner.kind,
    name: owner.metadata.name,
    uid: owner.metadata.uid,
    controller: true,
    blockOwnerDeletion: true,
  };
}

/** The objects among `objects` that `owner` controls. */
export function controlledBy(objects: KObject[], owner: KObject): KObject[] {
  return objects.filter((o) =>
    (o.metadata.ownerReferences ?? []).some(
      (r) => r.uid === owner.metadata.uid && r.controller === true,
    ),
  );
}

/** Records a core/v1 Event about an object, as a controller would. */
export function recordEvent(
  api: Api,
  about: KObject,
  reason: string,
  message: string,
  component: string,
  type = "Normal",
): void {
  const evType = api.registry.get("", "events");
  if (evType === undefined) return;
  const now = timestamp();
  const name = `${about.metadata.name ?? ""}.${randomBytes(8).toString("hex")}`;
  api.create(
    evType,
    "v1",
    about.metadata.namespace,
    {
      metadata: { name, namespace: about.metadata.namespace },
      involvedObject: {
        apiVersion: about.apiVersion,
        kind: about.kind,
        name: about.metadata.name,
        namespace: about.metadata.namespace,
        uid: about.metadata.uid,
        resourceVersion: about.metadata.resourceVersion,
      },
      reason,
      message,
      source: { component },
      firstTimestamp: now,
      lastTimestamp: now,
      count: 1,
      type,
      eventTime: null,
      reportingComponent: component,
      reportingInstance: "",
    },
    { fieldManager: CONTROLLER },
  );
}
