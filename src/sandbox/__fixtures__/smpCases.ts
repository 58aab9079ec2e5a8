/**
 * Strategic merge patches with the results a real API server gave for them. The unit tests
 * (strategicMerge.test.ts) apply each patch to `object` with the sandbox's code;
 * scripts/sandbox-smp-verify.ts replays them against a real server and reports differences.
 *
 * `view` picks the part of the result a case is about, leaving out what the server's
 * defaulting adds. `expect` is that part as kube-apiserver v1.19.16 answered, or its error.
 * Where Kubernetes changed the patch code after 1.19 the sandbox follows 1.31 (the version it
 * reports): `expect` is then what 1.31's code gives and `v119` what 1.19 answered.
 */
type Obj = Record<string, unknown>;

export interface SmpError {
  code: number;
  message: string;
}

export interface SmpCase {
  name: string;
  object: Obj;
  patch: Obj;
  view: (result: Obj) => unknown;
  expect: unknown;
  error?: SmpError;
  v119?: unknown;
}

/** The value at a dotted path (`spec.template.spec.containers`). */
export function at(obj: unknown, path: string): unknown {
  let cur = obj;
  for (const part of path.split(".")) {
    cur = cur !== null && typeof cur === "object" ? (cur as Obj)[part] : undefined;
  }
  return cur;
}

/** The given keys of each item of a list (missing keys left out). */
export function pick(list: unknown, ...keys: string[]): unknown {
  if (!Array.isArray(list)) return list;
  return list.map((item) =>
    Object.fromEntries(
      keys.filter((k) => (item as Obj)[k] !== undefined).map((k) => [k, (item as Obj)[k]]),
    ),
  );
}

function deployment(): Obj {
  return {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: {
      name: "smp",
      labels: { app: "smp", tier: "web" },
      annotations: { a: "1", b: "2" },
      finalizers: ["x.io/a", "x.io/b", "x.io/c"],
    },
    spec: {
      replicas: 1,
      selector: { matchLabels: { app: "smp" } },
      strategy: { type: "RollingUpdate", rollingUpdate: { maxSurge: 1, maxUnavailable: 0 } },
      template: {
        metadata: { labels: { app: "smp" } },
        spec: {
          containers: [
            {
              name: "a",
              image: "a:1",
              args: ["x", "y"],
              env: [
                { name: "A", value: "1" },
                { name: "B", value: "2" },
              ],
              ports: [{ containerPort: 80, name: "http" }],
              volumeMounts: [{ name: "v1", mountPath: "/v1" }],
            },
            { name: "b", image: "b:1" },
            { name: "c", image: "c:1" },
          ],
          volumes: [
            { name: "v1", emptyDir: {} },
            { name: "v2", secret: { secretName: "s" } },
          ],
          tolerations: [
            { key: "k1", operator: "Exists" },
            { key: "k2", operator: "Exists" },
          ],
        },
      },
    },
  };
}

const podSpec = (spec: Obj): Obj => ({ spec: { template: { spec } } });
const containers = (o: Obj): unknown =>
  pick(at(o, "spec.template.spec.containers"), "name", "image");
const container = (o: Obj, name: string): Obj =>
  ((at(o, "spec.template.spec.containers") as Obj[]).find((c) => c.name === name) ?? {}) as Obj;

export const SMP_CASES: SmpCase[] = [
  {
    name: "merge-keyed list: a live item merges, a new one lands before the later live items",
    object: deployment(),
    patch: podSpec({
      containers: [
        { name: "b", image: "b:2" },
        { name: "z", image: "z:1" },
      ],
    }),
    view: containers,
    expect: [
      { name: "a", image: "a:1" },
      { name: "b", image: "b:2" },
      { name: "z", image: "z:1" },
      { name: "c", image: "c:1" },
    ],
  },
  {
    name: "a list inside a merged item merges by its own key (env by name)",
    object: deployment(),
    patch: podSpec({
      containers: [
        {
          name: "a",
          env: [
            { name: "B", value: "3" },
            { name: "C", value: "4" },
          ],
        },
      ],
    }),
    view: (o) => container(o, "a").env,
    expect: [
      { name: "A", value: "1" },
      { name: "B", value: "3" },
      { name: "C", value: "4" },
    ],
  },
  {
    name: "a new item before every live item goes first",
    object: deployment(),
    patch: podSpec({ containers: [{ name: "a", env: [{ name: "Z", value: "0" }] }] }),
    view: (o) => container(o, "a").env,
    expect: [
      { name: "Z", value: "0" },
      { name: "A", value: "1" },
      { name: "B", value: "2" },
    ],
  },
  {
    name: "lists without the merge strategy are replaced (args, tolerations)",
    object: deployment(),
    patch: podSpec({
      containers: [{ name: "a", args: ["z"] }],
      tolerations: [{ key: "k3", operator: "Exists" }],
    }),
    view: (o) => ({
      args: container(o, "a").args,
      tolerations: pick(at(o, "spec.template.spec.tolerations"), "key"),
    }),
    expect: { args: ["z"], tolerations: [{ key: "k3" }] },
  },
  {
    name: "$patch: delete removes the item with that key",
    object: deployment(),
    patch: podSpec({ containers: [{ name: "b", $patch: "delete" }] }),
    view: containers,
    expect: [
      { name: "a", image: "a:1" },
      { name: "c", image: "c:1" },
    ],
  },
  {
    name: "$patch: replace in a list replaces the whole list",
    object: deployment(),
    patch: podSpec({ containers: [{ name: "q", image: "q:1" }, { $patch: "replace" }] }),
    view: containers,
    expect: [{ name: "q", image: "q:1" }],
  },
  {
    name: "$patch: delete on a map empties it",
    object: deployment(),
    patch: { metadata: { annotations: { $patch: "delete" } } },
    view: (o) => at(o, "metadata.annotations") ?? {},
    expect: {},
  },
  {
    name: "$patch: replace on a map replaces it",
    object: deployment(),
    patch: { metadata: { labels: { $patch: "replace", only: "1" } } },
    view: (o) => at(o, "metadata.labels"),
    expect: { only: "1" },
  },
  {
    name: "$setElementOrder orders the merged list",
    object: deployment(),
    patch: podSpec({
      "$setElementOrder/containers": [{ name: "c" }, { name: "a" }, { name: "b" }],
      containers: [{ name: "a", image: "a:2" }],
    }),
    view: containers,
    expect: [
      { name: "c", image: "c:1" },
      { name: "a", image: "a:2" },
      { name: "b", image: "b:1" },
    ],
  },
  {
    name: "$setElementOrder with a deletion, as kubectl apply sends it",
    object: deployment(),
    patch: podSpec({
      "$setElementOrder/containers": [{ name: "c" }, { name: "a" }],
      containers: [{ name: "b", $patch: "delete" }],
    }),
    view: containers,
    expect: [
      { name: "c", image: "c:1" },
      { name: "a", image: "a:1" },
    ],
  },
  {
    name: "$setElementOrder places a new item where it says",
    object: deployment(),
    patch: podSpec({
      "$setElementOrder/containers": [{ name: "a" }, { name: "z" }, { name: "b" }, { name: "c" }],
      containers: [{ name: "z", image: "z:1" }],
    }),
    view: containers,
    expect: [
      { name: "a", image: "a:1" },
      { name: "z", image: "z:1" },
      { name: "b", image: "b:1" },
      { name: "c", image: "c:1" },
    ],
  },
  {
    name: "$setElementOrder on a list of scalars (finalizers)",
    object: deployment(),
    patch: { metadata: { "$setElementOrder/finalizers": ["x.io/c", "x.io/a", "x.io/b"] } },
    view: (o) => at(o, "metadata.finalizers"),
    expect: ["x.io/c", "x.io/a", "x.io/b"],
  },
  {
    name: "an empty $setElementOrder over a new list reverses it (Go's sort with a partial order)",
    object: deployment(),
    patch: podSpec({
      "$setElementOrder/imagePullSecrets": [],
      imagePullSecrets: [{ name: "p" }, { name: "q" }, { name: "r" }],
    }),
    view: (o) => at(o, "spec.template.spec.imagePullSecrets"),
    expect: [{ name: "r" }, { name: "q" }, { name: "p" }],
  },
  {
    name: "$retainKeys drops the fields it does not list",
    object: deployment(),
    patch: { spec: { strategy: { $retainKeys: ["type"], type: "Recreate" } } },
    view: (o) => at(o, "spec.strategy"),
    expect: { type: "Recreate" },
  },
  {
    name: "$retainKeys in a merged list item (a volume changes its source)",
    object: deployment(),
    patch: podSpec({
      volumes: [{ name: "v1", $retainKeys: ["configMap", "name"], configMap: { name: "cm" } }],
    }),
    view: (o) => (at(o, "spec.template.spec.volumes") as Obj[]).map((v) => Object.keys(v).sort()),
    expect: [
      ["configMap", "name"],
      ["name", "secret"],
    ],
  },
  {
    name: "$retainKeys refuses a patch that sets a field it does not list",
    object: deployment(),
    patch: { spec: { strategy: { $retainKeys: ["type"], type: "Recreate", rollingUpdate: {} } } },
    view: (o) => at(o, "spec.strategy"),
    expect: undefined,
    error: { code: 400, message: "invalid patch format of retainKeys" },
  },
  {
    name: "$deleteFromPrimitiveList removes scalars from a merged list",
    object: deployment(),
    patch: { metadata: { "$deleteFromPrimitiveList/finalizers": ["x.io/b"] } },
    view: (o) => at(o, "metadata.finalizers"),
    expect: ["x.io/a", "x.io/c"],
  },
  {
    name: "scalars of a merged list merge as a set, new ones before the later live ones",
    object: deployment(),
    patch: { metadata: { finalizers: ["x.io/b", "x.io/d"] } },
    view: (o) => at(o, "metadata.finalizers"),
    expect: ["x.io/a", "x.io/b", "x.io/d", "x.io/c"],
  },
  {
    name: "null deletes a key, in maps and in merged items",
    object: deployment(),
    patch: {
      metadata: { labels: { tier: null } },
      ...podSpec({ containers: [{ name: "a", args: null }] }),
    },
    view: (o) => ({ labels: at(o, "metadata.labels"), args: container(o, "a").args ?? "gone" }),
    expect: { labels: { app: "smp" }, args: "gone" },
  },
  {
    name: "container ports merge by containerPort",
    object: deployment(),
    patch: podSpec({
      containers: [
        { name: "a", ports: [{ containerPort: 80, name: "web" }, { containerPort: 81 }] },
      ],
    }),
    view: (o) => pick(container(o, "a").ports, "containerPort", "name"),
    expect: [{ containerPort: 80, name: "web" }, { containerPort: 81 }],
  },
  {
    name: "a Service's ports merge by port",
    object: {
      apiVersion: "v1",
      kind: "Service",
      metadata: { name: "smp" },
      spec: {
        selector: { app: "smp" },
        ports: [
          { port: 80, name: "http" },
          { port: 443, name: "https" },
        ],
      },
    },
    patch: {
      spec: {
        ports: [
          { port: 443, name: "tls" },
          { port: 8080, name: "alt" },
        ],
      },
    },
    view: (o) => pick(at(o, "spec.ports"), "port", "name"),
    expect: [
      { port: 80, name: "http" },
      { port: 443, name: "tls" },
      { port: 8080, name: "alt" },
    ],
  },
  {
    name: "a merge-keyed item without its key is refused",
    object: deployment(),
    patch: podSpec({ containers: [{ image: "x" }] }),
    view: containers,
    expect: undefined,
    error: { code: 500, message: "map: map[image:x] does not contain declared merge key: name" },
  },
  {
    name: "$patch: merge in a list is refused",
    object: deployment(),
    patch: podSpec({ containers: [{ name: "a", $patch: "merge" }] }),
    view: containers,
    expect: undefined,
    error: { code: 500, message: "merging lists cannot yet be specified in the patch" },
  },
  {
    name: "an unknown $patch in a map is refused",
    object: deployment(),
    patch: { metadata: { labels: { $patch: "merge", x: "1" } } },
    view: (o) => at(o, "metadata.labels"),
    expect: undefined,
    error: { code: 500, message: "unknown patch type: merge in map: map[$patch:merge x:1]" },
  },
  {
    name: "a $setElementOrder the patch list disagrees with is refused",
    object: deployment(),
    patch: podSpec({
      "$setElementOrder/containers": [{ name: "c" }],
      containers: [{ name: "a", image: "q" }],
    }),
    view: containers,
    expect: undefined,
    error: {
      code: 500,
      message:
        "The order in patch list:\n[map[image:q name:a]]\n doesn't match $setElementOrder list:\n[map[name:c]]\n",
    },
  },
  {
    name: "a $deleteFromPrimitiveList key without a list name is refused",
    object: deployment(),
    patch: { metadata: { $deleteFromPrimitiveList: ["x.io/a"] } },
    view: (o) => at(o, "metadata.finalizers"),
    expect: undefined,
    error: { code: 400, message: "invalid patch format of primitive list" },
  },
  {
    name: "a list item of another type than the live ones is refused",
    object: deployment(),
    patch: { metadata: { finalizers: [1] } },
    view: (o) => at(o, "metadata.finalizers"),
    expect: undefined,
    error: {
      code: 500,
      message: "list element types are not identical: [[x.io/a x.io/b x.io/c] [1]]",
    },
  },
  {
    name: "since 1.23: $deleteFromPrimitiveList of a list the object lacks adds nothing",
    object: { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "smp" }, data: { k: "v" } },
    patch: { metadata: { "$deleteFromPrimitiveList/finalizers": ["x.io/a"] } },
    view: (o) => at(o, "metadata.finalizers") ?? "none",
    expect: "none",
    v119: ["x.io/a"],
  },
  {
    name: "since 1.28: a new list loses its $patch items",
    object: deployment(),
    patch: podSpec({ imagePullSecrets: [{ name: "p" }, { name: "q", $patch: "delete" }] }),
    view: (o) => at(o, "spec.template.spec.imagePullSecrets"),
    expect: [{ name: "p" }],
    v119: [{ name: "p" }, { name: "q" }],
  },
  {
    name: "since 1.24: a new map loses its null values",
    object: deployment(),
    patch: { spec: { template: { metadata: { annotations: { x: "1", y: null } } } } },
    view: (o) => at(o, "spec.template.metadata.annotations"),
    expect: { x: "1" },
    v119: { x: "1", y: "" },
  },
  {
    name: "since 1.28: $deleteFromPrimitiveList also removes from a list without merge strategy",
    object: deployment(),
    patch: podSpec({ containers: [{ name: "a", "$deleteFromPrimitiveList/args": ["x"] }] }),
    view: (o) => container(o, "a").args,
    expect: ["y"],
    v119: ["x"],
  },
];
