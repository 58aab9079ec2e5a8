/** Starts a sandbox API server for a test, with a kubeconfig for it in a temp dir. */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startSandbox } from "../../src/sandbox/index.js";
import type { Sandbox, SandboxOptions } from "../../src/sandbox/index.js";

export interface SandboxFixture {
  sandbox: Sandbox;
  /** A kubeconfig (context `sandbox`) pointing at the sandbox. */
  kubeconfigPath: string;
  /** A temp dir removed on close (kubectl's --cache-dir lives here too). */
  dir: string;
  close(): Promise<void>;
}

export async function withSandbox(
  options: SandboxOptions & { namespace?: string } = {},
): Promise<SandboxFixture> {
  const { namespace, ...rest } = options;
  const sandbox = await startSandbox({ readyDelayMs: 20, ...rest, port: rest.port ?? 0 });
  const dir = mkdtempSync(join(tmpdir(), "wheelhouse-sandbox-"));
  const kubeconfigPath = join(dir, "kubeconfig");
  sandbox.writeKubeconfig(kubeconfigPath, namespace);
  return {
    sandbox,
    kubeconfigPath,
    dir,
    async close() {
      await sandbox.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
