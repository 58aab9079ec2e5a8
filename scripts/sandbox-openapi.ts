/**
 * Regenerates src/sandbox/openapiDefinitions.json, the strategic-merge-patch metadata the
 * sandbox serves in /openapi/v2 and applies to PATCH requests. Run by hand, not by the build
 * or the tests, against a real API server's document:
 *
 *   kubectl get --raw /openapi/v2 > /tmp/openapi-v2.json
 *   npx tsx scripts/sandbox-openapi.ts /tmp/openapi-v2.json
 *
 * The checked-in data came from kube-apiserver v1.19.16. Of the whole document it keeps the
 * root definition of each built-in kind the sandbox serves (with its
 * x-kubernetes-group-version-kind) and, below it, the definitions on a path to patch metadata
 * (x-kubernetes-patch-merge-key, x-kubernetes-patch-strategy) with what a client needs to walk
 * there (`type`, `$ref`, `items`, `additionalProperties`); their other properties are named
 * with an empty schema.
 *
 * The sandbox serves three kinds at versions v1.19 did not have yet; their metadata comes from
 * the version v1.19 served, renamed to the served one (definition names and GVK), because a
 * client looks a kind up by the version it talks to.
 */
import { writeFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { format, resolveConfig } from "prettier";
import { Registry } from "../src/sandbox/resources.js";

type Json = Record<string, unknown>;

const OUT = "src/sandbox/openapiDefinitions.json";
const PATCH_KEYS = ["x-kubernetes-patch-merge-key", "x-kubernetes-patch-strategy"];
const WALK_KEYS = ["type", "$ref"];
const GVK = "x-kubernetes-group-version-kind";
/** `group/version` served by the sandbox → the version v1.19 served the same kind at. */
const OLDER_VERSION: Record<string, string> = {
  "batch/v1/CronJob": "v1beta1",
  "policy/v1/PodDisruptionBudget": "v1beta1",
  "autoscaling/v2/HorizontalPodAutoscaler": "v2beta2",
};

interface Gvk {
  group: string;
  version: string;
  kind: string;
}

const isObj = (v: unknown): v is Json => v !== null && typeof v === "object" && !Array.isArray(v);
const refName = (ref: unknown): string | undefined =>
  typeof ref === "string" ? ref.replace(/^#\/definitions\//, "") : undefined;

class Extractor {
  private readonly leads = new Map<string, boolean>();
  readonly out: Record<string, Json> = {};

  constructor(
    private readonly defs: Record<string, Json>,
    private readonly rename: (name: string) => string,
  ) {}

  /** The definitions a schema node refers to: itself, its list items or its map values. */
  private targets(node: Json): string[] {
    return [node, node.items, node.additionalProperties]
      .filter(isObj)
      .map((n) => refName(n.$ref))
      .filter((n): n is string => n !== undefined);
  }

  private keeps(prop: Json): boolean {
    return PATCH_KEYS.some((k) => k in prop) || this.targets(prop).some((t) => this.leadsToMeta(t));
  }

  /** True when some property at or below this definition carries patch metadata. */
  leadsToMeta(name: string): boolean {
    const known = this.leads.get(name);
    if (known !== undefined) return known;
    // A recursive definition (JSONSchemaProps) leads nowhere through itself.
    this.leads.set(name, false);
    const props = this.defs[name]?.properties;
    const found = isObj(props) && Object.values(props).some((p) => isObj(p) && this.keeps(p));
    this.leads.set(name, found);
    return found;
  }

  private compactNode(node: Json): Json {
    const out: Json = {};
    for (const k of [...WALK_KEYS, ...PATCH_KEYS]) {
      if (node[k] === undefined) continue;
      out[k] = k === "$ref" ? `#/definitions/${this.rename(refName(node[k]) ?? "")}` : node[k];
    }
    for (const k of ["items", "additionalProperties"]) {
      if (isObj(node[k])) out[k] = this.compactNode(node[k]);
    }
    return out;
  }

  /** Copies a definition, and those its kept properties refer to, in compact form. */
  add(name: string): void {
    const target = this.rename(name);
    if (target in this.out) return;
    const def = this.defs[name];
    if (def === undefined) throw new Error(`no definition ${name}`);
    const props: Json = {};
    this.out[target] = { ...(def.type !== undefined ? { type: def.type } : {}), properties: props };
    for (const [key, prop] of Object.entries(isObj(def.properties) ? def.properties : {})) {
      if (!isObj(prop)) continue;
      // Every field is named, as on a real server, so that a client that refuses fields the
      // schema does not declare (kubectl and helm do) accepts every valid object; only fields
      // on a path to patch metadata say more.
      if (!this.keeps(prop)) {
        props[key] = {};
        continue;
      }
      props[key] = this.compactNode(prop);
      for (const t of this.targets(prop)) this.add(t);
    }
  }
}

function rootOf(defs: Record<string, Json>, want: Gvk): string {
  const found = Object.entries(defs).filter(([, d]) => {
    const gvks = d[GVK];
    return (
      Array.isArray(gvks) &&
      gvks.length === 1 &&
      gvks.some(
        (g) =>
          isObj(g) && g.group === want.group && g.version === want.version && g.kind === want.kind,
      )
    );
  });
  const name = found[0]?.[0];
  if (name === undefined || found.length > 1) {
    throw new Error(`expected one definition for ${JSON.stringify(want)}, found ${found.length}`);
  }
  return name;
}

async function main(): Promise<void> {
  const input = process.argv[2];
  if (input === undefined) throw new Error("usage: sandbox-openapi.ts <openapi-v2.json>");
  const doc = JSON.parse(await readFile(input, "utf8")) as { definitions: Record<string, Json> };
  const out: Record<string, Json> = {};
  const roots = new Map<string, Gvk>();
  const kinds = new Registry().all().filter((t) => !t.custom);
  for (const t of kinds) {
    const served: Gvk = { group: t.group, version: t.versions[0] ?? "v1", kind: t.kind };
    const older = OLDER_VERSION[`${served.group}/${served.version}/${served.kind}`];
    const root = rootOf(
      doc.definitions,
      older === undefined ? served : { ...served, version: older },
    );
    // Only definitions of the older group-version are renamed: shared ones (ObjectMeta,
    // PodTemplateSpec, JobSpec) keep their names.
    const prefix = root.slice(0, root.lastIndexOf(".") + 1);
    const servedPrefix =
      older === undefined
        ? prefix
        : prefix.replace(new RegExp(`\\.${older}\\.$`), `.${served.version}.`);
    const rename = (name: string): string =>
      name.startsWith(prefix) ? servedPrefix + name.slice(prefix.length) : name;
    const extractor = new Extractor(doc.definitions, rename);
    extractor.add(root);
    for (const [name, def] of Object.entries(extractor.out)) {
      if (name in out && JSON.stringify(out[name]) !== JSON.stringify(def)) {
        throw new Error(`two different definitions named ${name}`);
      }
      out[name] = def;
    }
    roots.set(rename(root), served);
  }
  // Set last: a root may also be reached from another kind (StatefulSet's claim templates).
  for (const [name, gvk] of roots) out[name] = { ...out[name], [GVK]: [gvk] };
  const sorted = Object.fromEntries(Object.entries(out).sort(([a], [b]) => a.localeCompare(b)));
  const options = (await resolveConfig(OUT)) ?? {};
  const text = await format(JSON.stringify(sorted), { ...options, filepath: OUT });
  writeFileSync(OUT, text);
  console.log(`${OUT}: ${Object.keys(sorted).length} definitions, ${text.length} bytes`);
}

await main();
