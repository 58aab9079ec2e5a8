import { mkdtempSync, mkdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import { kubeconfigYaml } from "../../test/support/fakeApiServer.js";
import { connectKube } from "./client.js";
import { loadKubeConfig } from "./config.js";
import { KubeError } from "./errors.js";

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "wh-kubeconfig-"));
});

function write(name: string, text: string): string {
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
}

function twoContexts(server: string, current: string, ns?: string): string {
  return [
    "apiVersion: v1",
    "kind: Config",
    `current-context: ${current}`,
    "clusters:",
    "- name: c1",
    `  cluster: {server: "${server}"}`,
    "users:",
    "- name: u1",
    "  user: {token: t}",
    "contexts:",
    "- name: one",
    "  context: {cluster: c1, user: u1}",
    "- name: two",
    `  context: {cluster: c1, user: u1${ns ? `, namespace: ${ns}` : ""}}`,
    "",
  ].join("\n");
}

describe("loadKubeConfig", () => {
  it("uses --kubeconfig alone, the current context and its namespace", () => {
    const file = write("a", kubeconfigYaml("https://a.example:6443", "team-a"));
    const cfg = loadKubeConfig({ kubeconfig: file, env: { KUBECONFIG: "/nope" } });
    expect(cfg).toMatchObject({
      context: "test",
      namespace: "team-a",
      server: "https://a.example:6443",
      sources: [file],
    });
  });

  it("defaults the namespace to default and honours --context", () => {
    const file = write("a", twoContexts("https://x:1", "two", "ops"));
    expect(loadKubeConfig({ kubeconfig: file }).namespace).toBe("ops");
    const one = loadKubeConfig({ kubeconfig: file, context: "one" });
    expect(one.context).toBe("one");
    expect(one.namespace).toBe("default");
    expect(one.kubeConfig.getCurrentContext()).toBe("one");
  });

  it("merges $KUBECONFIG files with the first definition winning and missing files skipped", () => {
    const first = write("first", kubeconfigYaml("https://first:1", "ns1", "shared"));
    const second = write("second", kubeconfigYaml("https://second:1", "ns2", "shared"));
    const other = write("other", twoContexts("https://other:1", "two"));
    const cfg = loadKubeConfig({
      env: { KUBECONFIG: [join(dir, "missing"), first, second, other].join(":") },
    });
    expect(cfg.context).toBe("shared");
    expect(cfg.server).toBe("https://first:1");
    expect(cfg.namespace).toBe("ns1");
    expect(cfg.sources).toEqual([first, second, other]);
    expect(
      loadKubeConfig({ env: { KUBECONFIG: `${first}:${other}` }, context: "two" }).server,
    ).toBe("https://other:1");
  });

  it("accepts a plain-http server as kubectl does, without loosening TLS for https ones", () => {
    const plain = write("plain", kubeconfigYaml("http://127.0.0.1:8001"));
    expect(
      loadKubeConfig({ kubeconfig: plain }).kubeConfig.getCurrentCluster()?.skipTLSVerify,
    ).toBe(true);
    const tls = write("tls", kubeconfigYaml("https://a:6443"));
    expect(loadKubeConfig({ kubeconfig: tls }).kubeConfig.getCurrentCluster()?.skipTLSVerify).toBe(
      false,
    );
  });

  it("connects with a --namespace override of the context's namespace", () => {
    const file = write("a", twoContexts("https://x:1", "two", "ops"));
    expect(connectKube({ kubeconfig: file }).namespace).toBe("ops");
    const client = connectKube({ kubeconfig: file, context: "one", namespace: "qa" });
    expect([client.context, client.namespace, client.server]).toEqual(["one", "qa", "https://x:1"]);
  });

  it("falls back to ~/.kube/config", () => {
    mkdirSync(join(dir, ".kube"));
    write(".kube/config", kubeconfigYaml("https://home:1"));
    expect(loadKubeConfig({ env: {}, home: dir }).server).toBe("https://home:1");
  });

  it("uses the in-cluster service account when nothing else is there", () => {
    const saDir = join(dir, "sa/var/run/secrets/kubernetes.io/serviceaccount");
    mkdirSync(saDir, { recursive: true });
    writeFileSync(join(saDir, "namespace"), "apps");
    const cfg = loadKubeConfig({
      env: { KUBERNETES_SERVICE_HOST: "10.0.0.1", KUBERNETES_SERVICE_PORT: "443" },
      home: join(dir, "nohome"),
      inClusterPathPrefix: join(dir, "sa"),
    });
    expect(cfg.server).toBe("https://10.0.0.1:443");
    expect(cfg.sources).toEqual(["in-cluster"]);
    expect(cfg.namespace).toBe("apps");
  });

  it("says which file is missing or invalid, and which context is unknown", () => {
    const missing = join(dir, "absent");
    expect(() => loadKubeConfig({ kubeconfig: missing })).toThrow(
      `kubeconfig file "${missing}" does not exist`,
    );
    const bad = write("bad", "clusters: [\n");
    expect(() => loadKubeConfig({ kubeconfig: bad })).toThrow(
      `kubeconfig file "${bad}" is not valid`,
    );
    const ok = write("ok", twoContexts("https://x:1", "one"));
    const err = (() => {
      try {
        loadKubeConfig({ kubeconfig: ok, context: "three" });
      } catch (e) {
        return e as KubeError;
      }
    })();
    expect(err).toBeInstanceOf(KubeError);
    expect(err?.message).toBe(`context "three" is not in kubeconfig "${ok}"`);
    expect(err?.hint).toBe("known contexts: one, two");
    expect(() => loadKubeConfig({ env: {}, home: join(dir, "nohome") })).toThrow(
      /no kubeconfig found/,
    );
  });
});
