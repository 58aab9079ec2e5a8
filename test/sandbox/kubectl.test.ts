/** The real kubectl binary against the sandbox. */
import { execFile, execFileSync, spawn } from "node:child_process";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withSandbox } from "../support/sandbox.js";
import type { SandboxFixture } from "../support/sandbox.js";

function kubectlAvailable(): boolean {
  try {
    execFileSync("kubectl", ["version", "--client"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}
const available = kubectlAvailable();
if (!available)
  console.warn("\n*** kubectl is not installed: SKIPPING the kubectl interop tests ***\n");

let fx: SandboxFixture;

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function kubectl(args: string[], stdin?: string): Promise<Run> {
  return new Promise((resolve) => {
    const child = execFile(
      "kubectl",
      ["--kubeconfig", fx.kubeconfigPath, "--cache-dir", join(fx.dir, "kube-cache"), ...args],
      { env: { PATH: process.env.PATH, HOME: fx.dir } },
      (err, stdout, stderr) =>
        resolve({
          code: err === null ? 0 : ((err as { code?: number }).code ?? 1),
          stdout,
          stderr,
        }),
    );
    if (stdin !== undefined) child.stdin?.end(stdin);
  });
}

async function ok(args: string[], stdin?: string): Promise<string> {
  const r = await kubectl(args, stdin);
  if (r.code !== 0) throw new Error(`kubectl ${args.join(" ")} failed (${r.code}): ${r.stderr}`);
  return r.stdout;
}

const manifest = `
apiVersion: v1
kind: Namespace
metadata:
  name: kc
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: settings
  namespace: kc
  labels: {app: demo, tier: config}
data:
  color: blue
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: kc
  labels: {app: demo}
spec:
  replicas: 2
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers:
        - name: web
          image: nginx:1.25
          env: [{name: A, value: "1"}]
`;

describe.skipIf(!available)("kubectl against the sandbox", () => {
  beforeAll(async () => {
    fx = await withSandbox();
  });
  afterAll(async () => {
    await fx?.close();
  });

  it("prints the server version", async () => {
    expect(await ok(["version", "-o", "json"])).toContain('"gitVersion": "v1.31.0"');
  });

  it("answers access reviews with yes, since the sandbox authorizes everything", async () => {
    expect(await ok(["auth", "can-i", "delete", "secrets", "-n", "kube-system"])).toBe("yes\n");
  });

  it("applies a manifest, then applies a change to it as a patch", async () => {
    expect(await ok(["apply", "-f", "-"], manifest)).toMatch(
      /namespace\/kc created[\s\S]*configmap\/settings created[\s\S]*deployment.apps\/web created/,
    );
    const changed = manifest
      .replace("color: blue", "color: green")
      .replace("nginx:1.25", "nginx:1.26");
    const out = await ok(["apply", "-f", "-"], changed);
    expect(out).toContain("configmap/settings configured");
    expect(out).toContain("deployment.apps/web configured");
    const cm = JSON.parse(await ok(["get", "cm", "settings", "-n", "kc", "-o", "json"])) as {
      data: Record<string, string>;
    };
    expect(cm.data).toEqual({ color: "green" });
    const dep = JSON.parse(await ok(["get", "deploy", "web", "-n", "kc", "-o", "json"])) as {
      metadata: { generation: number };
      spec: { template: { spec: { containers: Array<{ image: string; env: unknown }> } } };
    };
    expect(dep.spec.template.spec.containers).toEqual([
      expect.objectContaining({ image: "nginx:1.26", env: [{ name: "A", value: "1" }] }),
    ]);
    expect(dep.metadata.generation).toBe(2);
  });

  it("waits for a rollout to finish", async () => {
    expect(await ok(["rollout", "status", "deploy/web", "-n", "kc", "--timeout=10s"])).toContain(
      'deployment "web" successfully rolled out',
    );
  });

  it("scales through the scale subresource and rolls back to the previous ReplicaSet", async () => {
    expect(await ok(["scale", "deploy/web", "-n", "kc", "--replicas=3"])).toContain(
      "deployment.apps/web scaled",
    );
    await ok(["rollout", "status", "deploy/web", "-n", "kc", "--timeout=10s"]);
    expect(
      await ok(["get", "deploy", "web", "-n", "kc", "-o", "jsonpath={.status.readyReplicas}"]),
    ).toBe("3");
    expect(await ok(["rollout", "history", "deploy/web", "-n", "kc"])).toMatch(
      /1\s+<none>\n2\s+<none>/,
    );
    await ok(["rollout", "undo", "deploy/web", "-n", "kc"]);
    await ok(["rollout", "status", "deploy/web", "-n", "kc", "--timeout=10s"]);
    const image = await ok([
      "get",
      "deploy",
      "web",
      "-n",
      "kc",
      "-o",
      "jsonpath={.spec.template.spec.containers[0].image}",
    ]);
    expect(image).toBe("nginx:1.25");
    // The first revision's ReplicaSet is reused as revision 3: still two ReplicaSets.
    expect((await ok(["get", "rs", "-n", "kc", "-o", "name"])).trim().split("\n")).toHaveLength(2);
    expect(await ok(["rollout", "history", "deploy/web", "-n", "kc"])).toMatch(
      /2\s+<none>\n3\s+<none>/,
    );
  });

  it("prints tables from the server, across namespaces and by label or field selector", async () => {
    const table = await ok(["get", "configmaps", "-A", "-l", "app=demo"]);
    expect(table).toMatch(/^NAMESPACE\s+NAME\s+DATA\s+AGE\n/);
    expect(table).toMatch(/kc\s+settings\s+1\s+\d+s/);
    expect(
      await ok(["get", "cm", "-n", "kc", "-l", "tier in (config),app!=other", "-o", "name"]),
    ).toBe("configmap/settings\n");
    expect(
      await ok([
        "get",
        "cm",
        "-n",
        "kc",
        "--field-selector",
        "metadata.name=settings",
        "-o",
        "name",
      ]),
    ).toBe("configmap/settings\n");
    expect(await kubectl(["get", "cm", "-n", "kc", "-l", "app=nothing"])).toMatchObject({
      code: 0,
      stderr: "No resources found in kc namespace.\n",
    });
  });

  it("server-side applies, refuses a conflicting manager and lets it force", async () => {
    const doc = (v: string): string =>
      `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: ssa, namespace: kc}\ndata: {k: ${v}}\n`;
    expect(
      await ok(["apply", "--server-side", "--field-manager=alpha", "-f", "-"], doc("one")),
    ).toContain("configmap/ssa serverside-applied");
    const refused = await kubectl(
      ["apply", "--server-side", "--field-manager=beta", "-f", "-"],
      doc("two"),
    );
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toContain(
      'Apply failed with 1 conflict: conflict with "alpha" using v1: .data.k',
    );
    await ok(
      ["apply", "--server-side", "--field-manager=beta", "--force-conflicts", "-f", "-"],
      doc("two"),
    );
    expect(await ok(["get", "cm", "ssa", "-n", "kc", "-o", "jsonpath={.data.k}"])).toBe("two");
  });

  it("migrates a client-side applied object to server-side apply, as kubectl does", async () => {
    const doc = (image: string): string =>
      manifest
        .split("---")
        .slice(2)
        .join("---")
        .replace("name: web\n  namespace", "name: api\n  namespace")
        .replace("nginx:1.25", image);
    await ok(["apply", "-f", "-"], doc("nginx:1.25"));
    // The first server-side apply leaves values as they are and moves ownership to "kubectl".
    console.log(
      (await kubectl(["apply", "--server-side", "-f", "-", "-v=8"], doc("nginx:1.25"))).stderr
        .split("\n")
        .filter((l) => /PATCH|Response Status|Request Body/.test(l))
        .map((l) => l.slice(0, 250))
        .join("\n"),
    );
    const json = await ok([
      "get",
      "deploy",
      "api",
      "-n",
      "kc",
      "-o",
      "json",
      "--show-managed-fields",
    ]);
    const managers = (
      JSON.parse(json) as { metadata: { managedFields: Array<{ manager: string }> } }
    ).metadata.managedFields.map((m) => m.manager);
    console.log(json);
    expect(managers).toContain("kubectl");
    expect(managers).not.toContain("kubectl-client-side-apply");
    expect(await ok(["apply", "--server-side", "-f", "-"], doc("nginx:1.27"))).toContain(
      "deployment.apps/api serverside-applied",
    );
    expect(
      await ok([
        "get",
        "deploy",
        "api",
        "-n",
        "kc",
        "-o",
        "jsonpath={.spec.template.spec.containers[0].image}",
      ]),
    ).toBe("nginx:1.27");
  });

  it("refuses a manifest with an unknown field, as kubectl's strict validation expects", async () => {
    const r = await kubectl(
      ["apply", "-f", "-"],
      "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: typo, namespace: kc}\ndtaa: {a: b}\n",
    );
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain('strict decoding error: unknown field "dtaa"');
  });

  it("patches, replaces and deletes", async () => {
    await ok(["patch", "cm", "settings", "-n", "kc", "-p", '{"data":{"size":"xl"}}']);
    await ok([
      "patch",
      "cm",
      "settings",
      "-n",
      "kc",
      "--type=merge",
      "-p",
      '{"data":{"color":null}}',
    ]);
    await ok([
      "patch",
      "cm",
      "settings",
      "-n",
      "kc",
      "--type=json",
      "-p",
      '[{"op":"add","path":"/data/shape","value":"round"}]',
    ]);
    const current = await ok(["get", "cm", "settings", "-n", "kc", "-o", "json"]);
    const obj = JSON.parse(current) as { data: Record<string, string> };
    expect(obj.data).toEqual({ size: "xl", shape: "round" });
    obj.data = { replaced: "yes" };
    expect(await ok(["replace", "-f", "-"], JSON.stringify(obj))).toContain(
      "configmap/settings replaced",
    );
    const stale = await kubectl(["replace", "-f", "-"], current);
    expect(stale.stderr).toContain("the object has been modified");
    expect(await ok(["delete", "cm", "settings", "-n", "kc"])).toContain(
      'configmap "settings" deleted',
    );
    const gone = await kubectl(["get", "cm", "settings", "-n", "kc"]);
    expect(gone.stderr).toContain('Error from server (NotFound): configmaps "settings" not found');
  });

  it("watches with -w and prints each change", async () => {
    const child = spawn(
      "kubectl",
      [
        "--kubeconfig",
        fx.kubeconfigPath,
        "--cache-dir",
        join(fx.dir, "kube-cache"),
        "get",
        "cm",
        "-n",
        "kc",
        "-w",
        "-o",
        "name",
      ],
      {
        env: { PATH: process.env.PATH, HOME: fx.dir },
      },
    );
    let out = "";
    child.stdout.on("data", (d: Buffer) => (out += d.toString()));
    const waitFor = async (text: string): Promise<void> => {
      for (let i = 0; i < 400 && !out.includes(text); i++)
        await new Promise((r) => setTimeout(r, 25));
    };
    await waitFor("configmap/ssa");
    await ok(["create", "cm", "watched", "-n", "kc", "--from-literal=a=b"]);
    await waitFor("configmap/watched");
    child.kill();
    expect(out).toContain("configmap/watched");
  });

  it("serves a custom resource once its CRD is applied", async () => {
    const crd = `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata: {name: widgets.example.com}
spec:
  group: example.com
  scope: Namespaced
  names: {plural: widgets, singular: widget, kind: Widget, shortNames: [wd]}
  versions:
    - name: v1
      served: true
      storage: true
      schema: {openAPIV3Schema: {type: object, x-kubernetes-preserve-unknown-fields: true}}
`;
    await ok(["apply", "-f", "-"], crd);
    await ok(["wait", "--for=condition=Established", "crd/widgets.example.com", "--timeout=10s"]);
    await ok(
      ["apply", "-f", "-"],
      "apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w1, namespace: kc}\nspec: {size: 3}\n",
    );
    expect(await ok(["get", "wd", "-n", "kc", "-o", "name"])).toBe("widget.example.com/w1\n");
  });

  it("deletes a namespace and everything in it", async () => {
    await ok(["delete", "namespace", "kc", "--timeout=20s"]);
    expect(
      await ok(["get", "cm", "-A", "-o", "name", "--field-selector", "metadata.namespace=kc"]),
    ).toBe("");
  });
});
