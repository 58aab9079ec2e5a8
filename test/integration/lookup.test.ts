/**
 * Go-template charts against a cluster (the sandbox, over HTTP): `lookup` reads it in install,
 * upgrade, `diff upgrade` and the TUI's upgrade review, `.Capabilities` comes from its discovery,
 * and crds/ folders are installed first — each checked, where helm can say, against helm 4.1.4
 * run on the same sandbox.
 */
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ActionContext } from "../../src/engine/actions/context.js";
import { diffReleaseManifests } from "../../src/engine/actions/diff.js";
import { install } from "../../src/engine/actions/install.js";
import { renderRelease } from "../../src/engine/actions/template.js";
import { planUpgrade, upgrade } from "../../src/engine/actions/upgrade.js";
import { loadChart } from "../../src/engine/chart/loadChart.js";
import type { ManifestDiff } from "../../src/engine/diff/types.js";
import { findHelm } from "../../src/cli/demo/helmBinary.js";
import type { KubeClient } from "../../src/kube/client.js";
import { EngineBackend } from "../../src/state/engineBackend.js";
import { writeChart } from "../support/charts.js";
import { runCli } from "../support/cli.js";
import { withSandbox, type SandboxFixture } from "../support/sandbox.js";
import { engineOver } from "../support/sandboxEngine.js";

/** bitnami's pattern: keep the generated password of an existing Secret. */
const KEEPER = {
  "Chart.yaml": "apiVersion: v2\nname: keeper\nversion: 0.1.0\n",
  "values.yaml": "greeting: hello\n",
  "templates/secret.yaml": `apiVersion: v1
kind: Secret
metadata:
  name: {{ .Release.Name }}-auth
type: Opaque
data:
  {{- $secret := lookup "v1" "Secret" .Release.Namespace (printf "%s-auth" .Release.Name) }}
  password: {{ if $secret }}{{ index $secret.data "password" }}{{ else }}{{ randAlphaNum 16 | b64enc }}{{ end }}
`,
  "templates/configmap.yaml": `apiVersion: v1
kind: ConfigMap
metadata:
  name: {{ .Release.Name }}-settings
data:
  greeting: {{ .Values.greeting | quote }}
`,
  "templates/NOTES.txt": `existing={{ empty (lookup "v1" "Secret" .Release.Namespace (printf "%s-auth" .Release.Name)) | not }}
`,
};

/** What a chart sees of the cluster: only deterministic answers, so helm's NOTES compare. */
const PROBE = {
  "Chart.yaml": "apiVersion: v2\nname: probe\nversion: 0.1.0\n",
  "templates/configmap.yaml":
    "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}-probe\n",
  "templates/NOTES.txt": `missing={{ lookup "v1" "ConfigMap" .Release.Namespace "absent" }}
missingList={{ (lookup "v1" "ConfigMap" "absent-namespace" "").items | default list | len }}
namespace={{ with lookup "v1" "Namespace" "" .Release.Namespace }}{{ .metadata.name }} {{ printf "%T" .metadata.name }}{{ end }}
kube={{ .Capabilities.KubeVersion.Version }} {{ .Capabilities.KubeVersion.Major }} {{ .Capabilities.KubeVersion.Minor }}
pdb={{ .Capabilities.APIVersions.Has "policy/v1/PodDisruptionBudget" }}
scale={{ .Capabilities.APIVersions.Has "apps/v1/Scale" }}
policy={{ .Capabilities.APIVersions.Has "policy/v1" }}
cronV1beta1={{ .Capabilities.APIVersions.Has "batch/v1beta1" }}
flowcontrol={{ .Capabilities.APIVersions.Has "flowcontrol.apiserver.k8s.io/v1" }}
all={{ .Capabilities.APIVersions | sortAlpha | join " " }}
`,
};

const CRD = `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: widgets.example.com
spec:
  group: example.com
  scope: Namespaced
  names: {kind: Widget, plural: widgets, singular: widget, listKind: WidgetList}
  versions:
    - name: v1
      served: true
      storage: true
      schema:
        openAPIV3Schema:
          type: object
          x-kubernetes-preserve-unknown-fields: true
`;

/** A chart whose templates use the kind its crds/ folder defines. */
const WIDGETS = {
  "Chart.yaml": "apiVersion: v2\nname: widgets\nversion: 0.1.0\n",
  "crds/widget.yaml": CRD,
  "templates/widget.yaml": `apiVersion: example.com/v1
kind: Widget
metadata:
  name: {{ .Release.Name }}-widget
spec:
  size: 3
`,
  "templates/NOTES.txt": `served={{ .Capabilities.APIVersions.Has "example.com/v1/Widget" }}
`,
};

let fx: SandboxFixture;
let client: KubeClient;
let ctx: ActionContext;
const namespace = "default";

beforeAll(async () => {
  fx = await withSandbox();
  ({ client, ctx } = engineOver(fx.kubeconfigPath));
});
afterAll(async () => {
  client?.close();
  await fx?.close();
});

async function livePassword(release: string): Promise<string | undefined> {
  const secret = await ctx.cluster.get({
    apiVersion: "v1",
    kind: "Secret",
    namespace,
    name: `${release}-auth`,
  });
  return (secret?.data as Record<string, string> | undefined)?.password;
}

function changeOf(diff: ManifestDiff, kind: string): string | undefined {
  return diff.resources.find((r) => r.kind === kind)?.change;
}

describe("lookup keeps a generated password", () => {
  let dir: string;
  let password: string | undefined;

  beforeAll(async () => {
    dir = await writeChart(KEEPER, "keeper");
    const { release } = await install(ctx, {
      name: "keep",
      namespace,
      chart: await loadChart(dir),
      userValues: {},
    });
    expect(release.info.notes).toBe("existing=false\n");
    password = await livePassword("keep");
  });

  it("installs a fresh random password", () => {
    expect(Buffer.from(password ?? "", "base64").toString()).toMatch(/^[A-Za-z0-9]{16}$/);
  });

  it("diff upgrade shows the Secret unchanged, and only what the values change", async () => {
    const plan = await planUpgrade(ctx, {
      name: "keep",
      namespace,
      chart: await loadChart(dir),
      userValues: { greeting: "bonjour" },
    });
    expect(plan.rendered.notes).toBe("existing=true\n");
    expect(plan.lookups.map((l) => l.query.name)).toEqual(["keep-auth"]);
    const diff = await diffReleaseManifests(
      ctx,
      namespace,
      plan.current.manifest,
      plan.pending.manifest,
      { showSecrets: true },
    );
    expect(changeOf(diff, "Secret")).toBe("unchanged");
    expect(changeOf(diff, "ConfigMap")).toBe("changed");
  });

  it("`wheelhouse diff upgrade` with the same values finds nothing to change", async () => {
    const result = await runCli([
      "diff",
      "upgrade",
      "keep",
      dir,
      "--detailed-exitcode",
      "--kubeconfig",
      fx.kubeconfigPath,
      "-n",
      namespace,
    ]);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
  });

  it("the TUI's upgrade review shows the Secret unchanged, masked or revealed", async () => {
    const backend = new EngineBackend(ctx, client, process.cwd());
    const plan = await backend.planUpgrade({
      release: { name: "keep", namespace },
      chart: dir,
      values: { mode: "edited", yaml: "greeting: hola\n" },
    });
    expect(changeOf(plan.diff.masked, "Secret")).toBe("unchanged");
    expect(changeOf(plan.diff.revealed, "Secret")).toBe("unchanged");
    expect(changeOf(plan.diff.revealed, "ConfigMap")).toBe("changed");
  });

  it("the upgrade keeps the password", async () => {
    await upgrade(ctx, {
      name: "keep",
      namespace,
      chart: await loadChart(dir),
      userValues: { greeting: "bonjour" },
    });
    expect(await livePassword("keep")).toBe(password);
  });

  it("a reviewed upgrade is refused when what it looked up changed since", async () => {
    const backend = new EngineBackend(ctx, client, process.cwd());
    const plan = await backend.planUpgrade({
      release: { name: "keep", namespace },
      chart: dir,
      values: { mode: "edited", yaml: "greeting: ciao\n" },
    });
    await ctx.cluster.apply(
      {
        apiVersion: "v1",
        kind: "Secret",
        metadata: { name: "keep-auth", namespace, labels: { touched: "yes" } },
      },
      { fieldManager: "someone-else", force: true },
    );
    await expect(backend.executeUpgrade(plan, () => {})).rejects.toThrow(
      /looked up changed since it was planned: Secret default\/keep-auth \(v1\)/,
    );
  });

  it("`template` and client dry-runs answer lookup with an empty map, as helm", async () => {
    const chart = await loadChart(dir);
    const rendered = renderRelease({
      chart,
      userValues: {},
      release: { name: "keep", namespace, revision: 1, isInstall: true, isUpgrade: false },
    });
    expect(rendered.notes).toBe("existing=false\n");
    const dry = await install(ctx, {
      name: "other",
      namespace,
      chart,
      userValues: {},
      dryRun: "client",
    });
    expect(dry.release.info.notes).toBe("existing=false\n");
  });
});

describe("what a chart sees of the cluster", () => {
  let dir: string;
  beforeAll(async () => {
    dir = await writeChart(PROBE, "probe");
  });

  it("Capabilities and lookup answers match helm 4 on the same cluster", async () => {
    const { release } = await install(ctx, {
      name: "probe",
      namespace,
      chart: await loadChart(dir),
      userValues: {},
      dryRun: "server",
    });
    const notes = release.info.notes ?? "";
    expect(notes).toContain("missing=map[]\nmissingList=0\nnamespace=default string\n");
    expect(notes).toContain("kube=v1.31.0 1 31\npdb=true\nscale=true\npolicy=true\n");
    // Served by helm's offline defaults, not by this cluster.
    expect(notes).toContain("cronV1beta1=false\nflowcontrol=false\n");
    expect(notes).toMatch(/^all=.* apps\/v1\/Scale .* v1\/Secret .*$/m);
    const helm = findHelm(4);
    if (!helm) return;
    // Asynchronously: the sandbox answering helm runs in this process.
    const { stdout: out } = await promisify(execFile)(
      helm,
      [
        "install",
        "probe",
        dir,
        "--dry-run=server",
        "-n",
        namespace,
        "--kubeconfig",
        fx.kubeconfigPath,
      ],
      { encoding: "utf8", env: { PATH: process.env.PATH, HOME: fx.dir } },
    );
    // helm prints the notes trimmed.
    expect(notes.trim()).toBe(out.slice(out.indexOf("NOTES:\n") + 7).trim());
  });

  it("a client dry-run sees helm's offline defaults", async () => {
    const { release } = await install(ctx, {
      name: "probe",
      namespace,
      chart: await loadChart(dir),
      userValues: {},
      dryRun: "client",
    });
    expect(release.info.notes).toContain("namespace=\n");
    expect(release.info.notes).toContain("kube=v1.35.0 1 35\n");
    expect(release.info.notes).toContain("cronV1beta1=true\n");
  });
});

describe("crds/ folders", () => {
  it("are installed before the chart's objects, which can then use their kinds", async () => {
    const dir = await writeChart(WIDGETS, "widgets");
    const { release } = await install(ctx, {
      name: "w",
      namespace,
      chart: await loadChart(dir),
      userValues: {},
    });
    expect(release.info.status).toBe("deployed");
    expect(release.info.notes).toBe("served=true\n");
    expect(release.manifest).not.toContain("CustomResourceDefinition");
    const widget = await ctx.cluster.get({
      apiVersion: "example.com/v1",
      kind: "Widget",
      namespace,
      name: "w-widget",
    });
    expect(widget?.spec).toEqual({ size: 3 });
  });

  it("are left alone with --skip-crds", async () => {
    const dir = await writeChart(
      {
        "Chart.yaml": "apiVersion: v2\nname: gadgets\nversion: 0.1.0\n",
        "crds/gadget.yaml": CRD.replaceAll("widget", "gadget").replaceAll("Widget", "Gadget"),
        "templates/cm.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: g\n",
      },
      "gadgets",
    );
    const result = await runCli([
      "install",
      "g",
      dir,
      "--skip-crds",
      "--kubeconfig",
      fx.kubeconfigPath,
      "-n",
      namespace,
    ]);
    expect(result.code).toBe(0);
    const crd = await ctx.cluster.get({
      apiVersion: "apiextensions.k8s.io/v1",
      kind: "CustomResourceDefinition",
      name: "gadgets.example.com",
    });
    expect(crd).toBeUndefined();
  });
});
