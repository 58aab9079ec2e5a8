import { rmSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SecretDriver } from "../../src/engine/storage/secrets.js";
import { KubeClient } from "../../src/kube/client.js";
import { kubeConfigFromString } from "../../src/kube/config.js";
import { coreResources } from "../../src/kube/coreResources.js";
import type { RequestEvent } from "../../src/sandbox/index.js";
import { runCli } from "../support/cli.js";
import { writeChart } from "../support/charts.js";
import { helmEnv } from "../support/helm.js";
import { withSandbox, type SandboxFixture } from "../support/sandbox.js";

/**
 * The sandbox's request log, command by command: browsing commands read release records from the
 * watch cache (resourceVersion=0, or NotOlderThan this user's last write), reads that decide a
 * write ask etcd (no resourceVersion), and so does `lookup` (docs/release-storage.md#reads-by-purpose).
 */

/** A Go-template chart whose template looks up a Secret while rendering. */
const lookupChart = {
  "Chart.yaml": 'apiVersion: v2\nname: looker\nversion: 0.1.0\nappVersion: "1"\n',
  "values.yaml": "message: hello\n",
  "templates/cm.yaml": [
    '{{- $seed := lookup "v1" "Secret" .Release.Namespace "seed" }}',
    "apiVersion: v1",
    "kind: ConfigMap",
    "metadata:",
    "  name: {{ .Release.Name }}-cm",
    "data:",
    "  message: {{ .Values.message | quote }}",
    '  seeded: {{ if $seed }}"yes"{{ else }}"no"{{ end }}',
    "",
  ].join("\n"),
};

let fx: SandboxFixture;
let env: NodeJS.ProcessEnv;
let chart: string;
const log: RequestEvent[] = [];

beforeAll(async () => {
  fx = await withSandbox({ onRequest: (e) => log.push(e) });
  env = helmEnv(fx.dir, fx.kubeconfigPath);
  chart = await writeChart(lookupChart, "looker");
});
afterAll(() => fx.close());

interface Read {
  what: string;
  resourceVersion: string | null;
  match: string | null;
}

/** Runs a command; returns its reads of release records and of the looked-up Secret. */
async function reads(...args: string[]): Promise<Read[]> {
  const from = log.length;
  const result = await runCli(args, { env });
  expect(result.stderr).toBe("");
  expect(result.code).toBe(0);
  // the log is written when a response finishes; the command has read every answer by now
  return log.slice(from).flatMap((e) => {
    const url = new URL(e.path, "http://x");
    if (e.method !== "GET" || !url.pathname.includes("/secrets")) return [];
    const record = url.pathname.includes("/sh.helm.release.v1.");
    const list = url.searchParams.get("labelSelector")?.includes("owner=helm") ?? false;
    const lookup = url.pathname.endsWith("/secrets/seed");
    if (!record && !list && !lookup) return [];
    return [
      {
        what: lookup ? "lookup" : list ? "list" : "get",
        resourceVersion: url.searchParams.get("resourceVersion"),
        match: url.searchParams.get("resourceVersionMatch"),
      },
    ];
  });
}

const consistent = (rs: Read[]) => {
  expect(rs.length).toBeGreaterThan(0);
  for (const r of rs) expect(r, JSON.stringify(r)).toMatchObject({ resourceVersion: null });
};
const cached = (rs: Read[], rv = "0") => {
  expect(rs.length).toBeGreaterThan(0);
  for (const r of rs) {
    expect(r.resourceVersion, JSON.stringify(r)).toBe(rv);
    expect(r.match, JSON.stringify(r)).toBe(
      r.what === "list" && rv !== "0" ? "NotOlderThan" : null,
    );
  }
};
/** What a process after the ten-second window sees: no floor left by an earlier command. */
const later = () => rmSync(join(fx.dir, ".local", "state"), { recursive: true, force: true });
/** The newest resourceVersion among a release's records: its last write. */
const lastWrite = async (name: string) => {
  const res = await fx.sandbox.fetch(
    `/api/v1/namespaces/default/secrets?labelSelector=owner%3Dhelm,name%3D${name}`,
  );
  const list = (await res.json()) as { items: { metadata: { resourceVersion: string } }[] };
  return String(Math.max(...list.items.map((i) => Number(i.metadata.resourceVersion))));
};

describe("reads by purpose, in the sandbox's request log", () => {
  it("install, upgrade, rollback and uninstall read consistently, lookup included", async () => {
    const install = await reads("install", "web", chart);
    consistent(install);
    expect(install.some((r) => r.what === "lookup")).toBe(true);
    const upgrade = await reads("upgrade", "web", chart, "--set", "message=bye");
    consistent(upgrade);
    expect(upgrade.some((r) => r.what === "lookup")).toBe(true);
    consistent(await reads("rollback", "web", "1"));
    consistent(await reads("diff", "upgrade", "web", chart)); // the upgrade's own plan
    consistent(await reads("install", "gone", chart));
    consistent(await reads("uninstall", "gone"));
  });

  it("browsing commands read the watch cache", async () => {
    later();
    cached(await reads("list"));
    cached(await reads("list", "-A", "-o", "json"));
    cached(await reads("history", "web"));
    cached(await reads("status", "web"));
    cached(await reads("get", "values", "web"));
    cached(await reads("get", "manifest", "web", "--revision", "2"));
    cached(await reads("diff", "revision", "web", "1", "2"));
    cached(await reads("diff", "rollback", "web", "2"));
  });

  it("a command right after another's write reads not older than that write", async () => {
    later();
    consistent(await reads("upgrade", "web", chart, "--set", "message=again"));
    const written = await lastWrite("web");
    const list = await reads("list", "-o", "json");
    cached(list, written);
    cached(await reads("history", "web"), written);
  });

  it("after an uninstall the next command reads etcd: a delete gives no version to wait for", async () => {
    await runCli(["install", "brief", chart], { env });
    later();
    await runCli(["uninstall", "brief"], { env });
    consistent(await reads("list"));
  });

  it("recover decides from etcd", async () => {
    later();
    const client = new KubeClient(kubeConfigFromString(fx.sandbox.kubeconfigYaml()));
    try {
      const driver = new SecretDriver(coreResources(client, "secrets"));
      const latest = await driver.get("default", "web", 4);
      latest.info.status = "pending-upgrade";
      latest.info.last_deployed = "2020-01-01T00:00:00Z";
      await driver.update(latest);
    } finally {
      client.close();
    }
    later();
    consistent(await reads("recover", "web", "--yes"));
  });
});
