/**
 * YAML request bodies under the API server's limits. The expected answers are what a real
 * kube-apiserver (v1.19) gave for the same requests: a billion-laughs apply patch is a 400 in
 * go-yaml's words, and a Deployment whose 151 containers share two anchors (300 aliases) applies.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withSandbox, type SandboxFixture } from "../support/sandbox.js";

let fx: SandboxFixture;
beforeAll(async () => {
  fx = await withSandbox();
});
afterAll(() => fx.close());

const APPLY = "application/apply-patch+yaml";
const DEPLOYMENTS = "/apis/apps/v1/namespaces/default/deployments";

/** A request with the kubeconfig's token, as a client sends it (sandbox.fetch sends it). */
async function call(method: string, path: string, body?: string, type = APPLY) {
  const res = await fx.sandbox.fetch(path, {
    method,
    headers: { "Content-Type": type },
    ...(body === undefined ? {} : { body }),
  });
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  return { status: res.status, body: (await res.json()) as Record<string, any> };
}

function deployment(name: string, extra: string, containers: string[]): string {
  return [
    "apiVersion: apps/v1",
    "kind: Deployment",
    `metadata: {name: ${name}}`,
    "spec:",
    "  replicas: 0",
    `  selector: {matchLabels: {app: ${name}}}`,
    "  template:",
    `    metadata: {labels: {app: ${name}}}`,
    "    spec:",
    extra,
    "      containers:",
    ...containers.map((c) => `      - ${c}`),
    "",
  ]
    .filter((line) => line !== "")
    .join("\n");
}

describe("an apply patch in YAML", () => {
  it("that is a billion laughs is refused at once, in the API server's words, and stores nothing", async () => {
    const laughs = ['      a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (let i = 1; i < 10; i++)
      laughs.push(`      a${i}: &a${i} [${Array(9).fill(`*a${i - 1}`)}]`);
    const body = deployment("bomb", `      x-laughs:\n${laughs.join("\n")}`, [
      "{name: c, image: nginx}",
    ]);
    const r = await call("PATCH", `${DEPLOYMENTS}/bomb?fieldManager=t`, body);
    expect(r.status).toBe(400);
    expect(r.body.message).toBe(
      "error decoding YAML: error converting YAML to JSON: yaml: document contains excessive aliasing",
    );
    expect((await call("GET", `${DEPLOYMENTS}/bomb`)).status).toBe(404);
  });

  it("whose containers share two anchors 300 times applies, every alias a copy", async () => {
    const containers = [
      '{name: base, image: nginx, resources: &r {limits: {cpu: 100m}}, env: &e [{name: A, value: "1"}]}',
      ...Array.from(
        { length: 150 },
        (_, i) => `{name: c${i}, image: nginx, resources: *r, env: *e}`,
      ),
    ];
    const r = await call(
      "PATCH",
      `${DEPLOYMENTS}/aliased?fieldManager=t`,
      deployment("aliased", "", containers),
    );
    expect(r.status).toBe(201);
    const live = (await call("GET", `${DEPLOYMENTS}/aliased`)).body;
    const spec = live.spec.template.spec;
    expect(spec.containers).toHaveLength(151);
    expect(spec.containers[150].env).toEqual([{ name: "A", value: "1" }]);
    expect(spec.containers[150].resources).toEqual({ limits: { cpu: "100m" } });
  });
});
