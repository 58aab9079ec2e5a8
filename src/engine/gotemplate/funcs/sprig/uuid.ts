/** Sprig's uuidv4: google/uuid's New().String(), a random (version 4, RFC 4122 variant) UUID. */
import { randomUUID } from "node:crypto";
import type { FuncMap } from "../types.js";

export const uuidFuncs: FuncMap = {
  uuidv4: { params: [], fn: () => randomUUID() },
};
