/**
 * Records with broken labels, and `recover` whose write fails, through the CLI against the
 * sandbox with both storage drivers (docs/release-storage.md#records-that-cannot-be-read).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EngineBackend } from "../../src/state/engineBackend.js";
import { runCli } from "../support/cli.js";
import { engineOver } from "../support/sandboxEngine.js";
import {
  helloChart,
  pendingLabels,
  recordStore,
  type RecordDriver,
} from "../support/plantedRecords.js";
import { withSandbox, type SandboxFixture } from "../support/sandbox.js";

let fx: SandboxFixture;
beforeAll(async () => {
  fx = await withSandbox();
});
afterAll(() => fx.close());

describe.each<RecordDriver>(["secret", "configmap"])("with the %s driver", (driver) => {
  let store: ReturnType<typeof recordStore>;
  const wh = (...args: string[]) =>
    runCli(args, {
      env: {
        PATH: process.env.PATH,
        HOME: fx.dir,
        KUBECONFIG: fx.kubeconfigPath,
        HELM_DRIVER: driver,
      },
    });
  const noStack = (text: string) => expect(text).not.toMatch(/bug in wheelhouse|\n\s+at /);
  beforeAll(() => {
    store = recordStore(fx.kubeconfigPath, driver);
  });
  afterAll(() => store.close());

  describe.each([
    {
      id: "nolabel",
      label: "no version label",
      labels: ({ version: _, ...rest }: Record<string, string>) => rest,
      problem: "has no version label",
    },
    {
      id: "abc",
      label: "version=abc",
      labels: (old: Record<string, string>) => ({ ...old, version: "abc" }),
      problem: 'has a version label that is not a number ("abc")',
    },
  ])("a deployed revision with $label", ({ id, labels, problem }) => {
    const name = `${driver}-${id}`;
    const key = `sh.helm.release.v1.${name}.v1`;
    const warns = (stderr: string) => {
      expect(stderr).toContain(`warning: ${store.kind} default/${key} ${problem}`);
      expect(stderr).toContain(`it is read as revision 1 of release "${name}", from its name`);
      expect(stderr).toContain(`label ${store.kind.toLowerCase()} -n default ${key} version=1`);
    };
    beforeAll(async () => {
      expect((await wh("install", name, helloChart)).code).toBe(0);
      await store.setLabels("default", key, labels);
    });

    it("is in history and list, with a warning naming it and the fix", async () => {
      const history = await wh("history", name);
      expect(history.code).toBe(0);
      expect(history.stdout).toMatch(/^1\s+.*deployed\s+hello-go/m);
      warns(history.stderr);
      const list = await wh("list", "-q");
      expect(list.stdout.split("\n")).toContain(name);
      warns(list.stderr);
    });

    it("status shows it", async () => {
      const { code, stdout, stderr } = await wh("status", name);
      expect(code).toBe(0);
      expect(stdout).toMatch(/STATUS: deployed\nREVISION: 1/);
      warns(stderr);
    });

    it("install of its name says the name is in use, not that another client won", async () => {
      const { code, stderr } = await wh("install", name, helloChart);
      expect(code).toBe(1);
      expect(stderr).toContain(`cannot re-use a name that is still in use: release "${name}"`);
      expect(stderr).not.toContain("another client");
    });

    it("recover says it is not locked; upgrade numbers past it", async () => {
      expect((await wh("recover", name)).stderr).toContain("its latest revision 1 is deployed");
      const { code, stdout } = await wh("upgrade", name, helloChart);
      expect(code).toBe(0);
      expect(stdout).toMatch(/REVISION: 2/);
    });
  });

  describe("a record named for one release and labelled for another", () => {
    const [foo, bar] = [`${driver}-foo`, `${driver}-bar`];
    const key = `sh.helm.release.v1.${foo}.v1`;
    beforeAll(async () => {
      expect((await wh("install", foo, helloChart)).code).toBe(0);
      await store.setLabels("default", key, (old) => ({ ...old, name: bar }));
    });

    it("is reported by history and list, and left alone", async () => {
      const history = await wh("history", bar);
      expect(history.code).toBe(1);
      expect(history.stderr).toContain(
        `warning: ${store.kind} default/${key} is labelled for release "${bar}" but named for release "${foo}"`,
      );
      expect(history.stderr).toContain(`release "${bar}" not found`);
      expect((await wh("list")).stderr).toContain(`${store.kind} default/${key} is labelled`);
      expect((await store.raw("default", key)).labels.name).toBe(bar);
    });

    it("an install of the name it is in the way of names it instead of blaming another client", async () => {
      const { code, stderr } = await wh("install", foo, helloChart);
      expect(code).toBe(1);
      expect(stderr).toContain(
        `Error: revision 1 of release "${foo}" cannot be written: ${store.kind} default/${key} is in the way`,
      );
      expect(stderr).toContain(`kubectl get ${store.kind.toLowerCase()} -n default ${key} -o yaml`);
      expect(stderr).not.toContain("another client");
      noStack(stderr);
    });
  });

  describe("recover whose write fails", () => {
    const resource = driver === "secret" ? "secrets" : "configmaps";
    const failNextPut = (key: string) =>
      fx.sandbox.setFaults({
        failRequests: [
          { method: "PUT", pathIncludes: `/${resource}/${key}`, status: 500, times: 1 },
        ],
      });
    afterAll(() => fx.sandbox.setFaults({}));

    it.each([
      ["unreadable", "garbage!"],
      ["readable", undefined],
    ])("leaves a %s pending record as it was and says to run it again", async (kind, payload) => {
      const name = `${driver}-fault-${kind}`;
      const key = `sh.helm.release.v1.${name}.v2`;
      expect((await wh("install", name, helloChart)).code).toBe(0);
      if (payload === undefined) {
        // A real pending revision: an upgrade whose final write never happened.
        const raw = await store.raw("default", `sh.helm.release.v1.${name}.v1`);
        const pending = raw.payload(); // revision 1's payload, replanted as revision 2 below
        const { encodeRelease, decodeRelease } = await import("../../src/engine/release/codec.js");
        const release = decodeRelease(pending);
        release.version = 2;
        release.info.status = "pending-upgrade";
        await store.plant("default", key, pendingLabels(name, 2), encodeRelease(release));
      } else {
        await store.plant("default", key, pendingLabels(name, 2), payload);
      }
      const before = await store.raw("default", key);

      failNextPut(key);
      const failed = await wh("recover", name, "--yes");
      expect(failed.code).toBe(1);
      expect(failed.stderr).toContain(
        `Error: revision 2 of release "${name}" could not be marked failed`,
      );
      expect(failed.stderr).toContain(`wheelhouse recover ${name} -n default --yes\` again`);
      noStack(failed.stderr);
      expect(await store.raw("default", key)).toEqual({ ...before, payload: expect.any(Function) });

      const again = await wh("recover", name, "--yes");
      expect(again.code).toBe(0);
      expect((await store.raw("default", key)).labels.status).toBe("failed");
    });
  });
});

describe("the TUI's :recover, on the engine-backed backend", () => {
  it("recovers a pending revision whose record cannot be read", async () => {
    const env = { PATH: process.env.PATH, HOME: fx.dir, KUBECONFIG: fx.kubeconfigPath };
    expect((await runCli(["install", "tui", helloChart], { env })).code).toBe(0);
    const store = recordStore(fx.kubeconfigPath, "secret");
    const key = "sh.helm.release.v1.tui.v2";
    await store.plant("default", key, pendingLabels("tui", 2), "garbage!");
    const { client, ctx } = engineOver(fx.kubeconfigPath);
    const backend = new EngineBackend(ctx, client, process.cwd());
    try {
      // The row the `:recover` start is checked against comes from the labels.
      expect(await backend.releases({ namespace: "default" })).toContainEqual(
        expect.objectContaining({ name: "tui", revision: 2, status: "pending-upgrade" }),
      );
      await backend.recover({ name: "tui", namespace: "default" });
      const after = await store.raw("default", key);
      expect(after.labels.status).toBe("failed");
      expect(after.payload()).toBe("garbage!");
    } finally {
      backend.close();
      client.close();
      store.close();
    }
  });
});
