import { spawn } from "node:child_process";
import { readFile } from "node:fs/promises";
import { homedir } from "node:os";
import { join, resolve } from "node:path";
import { writeFileAtomic } from "../repo/files.js";
import { RegistryError } from "./errors.js";

/** What a registry is logged in with: a user and password, or an identity (refresh) token. */
export interface Credential {
  username: string;
  password: string;
}

/**
 * helm's registry config: --registry-config, then $HELM_REGISTRY_CONFIG, then
 * $HELM_CONFIG_HOME/registry/config.json ($XDG_CONFIG_HOME/helm, ~/.config/helm) — helm's
 * helmpath.ConfigPath("registry/config.json") (docs/oci.md#credentials).
 */
export function registryConfigPath(env: NodeJS.ProcessEnv, override?: string): string {
  if (override) return resolve(override);
  if (env.HELM_REGISTRY_CONFIG) return resolve(env.HELM_REGISTRY_CONFIG);
  const home = env.HOME || homedir();
  const helmConfig =
    env.HELM_CONFIG_HOME || join(env.XDG_CONFIG_HOME || join(home, ".config"), "helm");
  return join(helmConfig, "registry", "config.json");
}

/** Docker's config.json, which helm (oras-go's NewStoreWithFallbacks) reads when its own has nothing. */
export function dockerConfigPath(env: NodeJS.ProcessEnv): string {
  return join(env.DOCKER_CONFIG || join(env.HOME || homedir(), ".docker"), "config.json");
}

interface DockerConfig {
  auths?: Record<
    string,
    { auth?: string; username?: string; password?: string; identitytoken?: string }
  >;
  credsStore?: string;
  credHelpers?: Record<string, string>;
  [key: string]: unknown;
}

async function readConfig(path: string): Promise<DockerConfig | undefined> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw new RegistryError(`cannot read ${path}: ${(err as Error).message}`);
  }
  if (text.trim() === "") return {};
  try {
    const parsed = JSON.parse(text) as unknown;
    if (parsed && typeof parsed === "object" && !Array.isArray(parsed))
      return parsed as DockerConfig;
  } catch {
    // fall through
  }
  throw new RegistryError(`${path} is not a registry config (Docker config.json format)`);
}

/** The key a host is stored under: oras-go keeps Docker Hub's legacy address. */
function serverAddress(host: string): string {
  return host === "docker.io" ? "https://index.docker.io/v1/" : host;
}

/** `https://host/v1/` and `host` both name the host, as Docker's config readers allow. */
function keyHost(key: string): string {
  return key.replace(/^https?:\/\//, "").replace(/\/.*$/, "");
}

function fromAuths(config: DockerConfig, host: string): Credential | undefined {
  const auths = config.auths ?? {};
  const key =
    serverAddress(host) in auths
      ? serverAddress(host)
      : Object.keys(auths).find((k) => keyHost(k) === keyHost(serverAddress(host)));
  const entry = key === undefined ? undefined : auths[key];
  if (!entry) return undefined;
  if (entry.identitytoken) return { username: "<token>", password: entry.identitytoken };
  if (entry.auth) {
    const decoded = Buffer.from(entry.auth, "base64").toString("utf8");
    const colon = decoded.indexOf(":");
    if (colon < 0)
      throw new RegistryError(`the stored credentials for ${host} are not user:password`);
    return { username: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
  }
  if (entry.username !== undefined)
    return { username: entry.username, password: entry.password ?? "" };
  return undefined;
}

function helperFor(config: DockerConfig, host: string): string | undefined {
  return (
    config.credHelpers?.[serverAddress(host)] ?? config.credHelpers?.[host] ?? config.credsStore
  );
}

/** Runs `docker-credential-NAME ACTION` with `input` on stdin (the credential-helper protocol). */
function runHelper(
  name: string,
  action: string,
  input: string,
  env: NodeJS.ProcessEnv,
): Promise<string> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(`docker-credential-${name}`, [action], {
      stdio: ["pipe", "pipe", "pipe"],
      env,
    });
    let out = "";
    child.stdout.on("data", (c: Buffer) => (out += c.toString()));
    child.stderr.on("data", (c: Buffer) => (out += c.toString()));
    child.on("error", (err) =>
      reject(new RegistryError(`credential helper docker-credential-${name}: ${err.message}`)),
    );
    child.on("close", (code) =>
      code === 0
        ? resolvePromise(out)
        : reject(
            new RegistryError(
              `docker-credential-${name} ${action}: ${out.trim() || `exit ${code}`}`,
            ),
          ),
    );
    child.stdin.end(input);
  });
}

async function fromHelper(
  name: string,
  host: string,
  env: NodeJS.ProcessEnv,
): Promise<Credential | undefined> {
  let out: string;
  try {
    out = await runHelper(name, "get", serverAddress(host), env);
  } catch (err) {
    if (/credentials not found/i.test((err as Error).message)) return undefined;
    throw err;
  }
  const parsed = JSON.parse(out) as { Username?: string; Secret?: string };
  return parsed.Secret ? { username: parsed.Username ?? "", password: parsed.Secret } : undefined;
}

async function lookIn(
  path: string,
  host: string,
  env: NodeJS.ProcessEnv,
): Promise<Credential | undefined> {
  const config = await readConfig(path);
  if (!config) return undefined;
  const helper = helperFor(config, host);
  if (helper) return fromHelper(helper, host, env);
  return fromAuths(config, host);
}

/** The stored credentials for a host: helm's registry config first, then Docker's config.json. */
export async function findCredential(
  host: string,
  env: NodeJS.ProcessEnv,
  configPath = registryConfigPath(env),
): Promise<Credential | undefined> {
  return (await lookIn(configPath, host, env)) ?? (await lookIn(dockerConfigPath(env), host, env));
}

/**
 * Stores credentials as `helm registry login` does: through the config's credential helper when it
 * names one, else base64 user:password under auths.HOST.auth (oras-go's AllowPlaintextPut). The
 * rest of the file is kept.
 */
export async function storeCredential(
  host: string,
  credential: Credential,
  configPath: string,
  env: NodeJS.ProcessEnv = process.env,
): Promise<void> {
  const config = (await readConfig(configPath)) ?? {};
  const helper = helperFor(config, host);
  if (helper) {
    await runHelper(
      helper,
      "store",
      JSON.stringify({
        ServerURL: serverAddress(host),
        Username: credential.username,
        Secret: credential.password,
      }),
      env,
    );
    return;
  }
  const auth = Buffer.from(`${credential.username}:${credential.password}`).toString("base64");
  config.auths = { ...config.auths, [serverAddress(host)]: { auth } };
  await writeFileAtomic(configPath, JSON.stringify(config, null, "\t"), 0o600);
}

/** Forgets a host's credentials; false when none were stored. */
export async function removeCredential(
  host: string,
  configPath: string,
  env: NodeJS.ProcessEnv = process.env,
): Promise<boolean> {
  const config = await readConfig(configPath);
  if (!config) return false;
  const helper = helperFor(config, host);
  if (helper) {
    await runHelper(helper, "erase", serverAddress(host), env);
    return true;
  }
  const key = serverAddress(host);
  if (!config.auths || !(key in config.auths)) return false;
  const { [key]: _gone, ...rest } = config.auths;
  config.auths = rest;
  await writeFileAtomic(configPath, JSON.stringify(config, null, "\t"), 0o600);
  return true;
}
