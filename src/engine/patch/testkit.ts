/**
 * Fixtures for the patch tests, taken from a real kube-apiserver v1.19.16 and kubectl v1.32:
 * an OpenAPI v2 subset (test/fixtures/openapi-v2/extract.ts says how it was cut) and client-side
 * apply cases with the patch kubectl sent (test/fixtures/smp-oracle/record.ts).
 */
import { readFileSync } from "node:fs";
import type { JsonObject } from "./jsonValues.js";
import { patchSchemasFromOpenApiV2, type PatchSchema, type PatchSchemas } from "./patchSchema.js";

const fixture = (path: string): unknown =>
  JSON.parse(readFileSync(new URL(`../../../test/fixtures/${path}`, import.meta.url), "utf8"));

let schemas: PatchSchemas | undefined;

export function k8s119Schemas(): PatchSchemas {
  schemas ??= patchSchemasFromOpenApiV2(fixture("openapi-v2/k8s-1.19.json"));
  return schemas;
}

export function schemaFor(apiVersion: string, kind: string): PatchSchema {
  const schema = k8s119Schemas().forKind(apiVersion, kind);
  if (!schema) throw new Error(`the fixture has no strategic schema for ${apiVersion} ${kind}`);
  return schema;
}

export interface OracleCase {
  name: string;
  about: string;
  original: JsonObject;
  modified: JsonObject;
  current: JsonObject;
  /** The body of kubectl's PATCH, or {} when it sent none. */
  patch: JsonObject;
}

export function oracleCases(): OracleCase[] {
  return (fixture("smp-oracle/cases.json") as { cases: OracleCase[] }).cases;
}
