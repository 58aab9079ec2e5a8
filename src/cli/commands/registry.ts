import { Command } from "commander";
import { UsageError } from "../../errors.js";
import type { CliIO } from "../io.js";
import {
  addRegistryConnectionOptions,
  registryOptionsFrom,
  type RegistryFlags,
} from "../options/registryOptions.js";
import { readStdin } from "./repo.js";

interface LoginFlags extends RegistryFlags {
  passwordStdin?: boolean;
  insecure?: boolean;
}

/** A registry host as helm takes it: `oci://` and a trailing path are dropped. */
function hostOf(argument: string): string {
  const host = argument.replace(/^oci:\/\//i, "").replace(/\/.*$/, "");
  if (!/^[A-Za-z0-9.-]+(?::\d+)?$/.test(host) && !/^\[[0-9a-fA-F:]+\](?::\d+)?$/.test(host))
    throw new UsageError(`"${argument}" is not a registry host (HOST or HOST:PORT)`);
  return host;
}

/** `wheelhouse registry login|logout HOST`: credentials kept where helm keeps them. */
export function registryCommand(io: CliIO): Command {
  const registry = new Command("registry").description(
    "log in to and out of OCI registries (credentials shared with helm)",
  );
  const login = new Command("login")
    .description("check credentials against a registry and store them where helm does")
    .argument("<host>", "the registry, HOST[:PORT]")
    .option("-u, --username <name>", "registry username")
    .option("-p, --password <password>", "registry password or identity token")
    .option("--password-stdin", "read the password or identity token from stdin")
    .option("--insecure", "allow connections to a TLS registry without a verified certificate");
  addRegistryConnectionOptions(login, "the login");
  login.action(async (argument: string, flags: LoginFlags) => {
    const host = hostOf(argument);
    if (flags.password !== undefined && flags.passwordStdin)
      throw new UsageError("--password and --password-stdin are mutually exclusive");
    if (flags.username === undefined)
      throw new UsageError("registry login needs --username", {
        hint: `echo "$TOKEN" | wheelhouse registry login ${host} -u USER --password-stdin`,
      });
    const password = flags.passwordStdin ? await readStdin(io) : flags.password;
    if (password === undefined)
      throw new UsageError("registry login needs --password or --password-stdin");
    if (flags.password !== undefined)
      io.stderr.write("WARNING: Using --password via the CLI is insecure. Use --password-stdin.\n");
    const { RegistryClient, registryConfigPath, storeCredential } =
      await import("../../engine/oci/index.js");
    const options = {
      ...registryOptionsFrom(flags, io.cwd),
      ...(flags.insecure ? { insecureSkipTlsVerify: true } : {}),
      env: io.env,
      username: flags.username,
      password,
    };
    const client = await RegistryClient.create(host, options);
    await client.ping();
    await storeCredential(
      host,
      { username: flags.username, password },
      registryConfigPath(io.env, options.registryConfig),
      io.env,
    );
    io.stderr.write("Login Succeeded\n");
  });
  const logout = new Command("logout")
    .description("forget the stored credentials of a registry")
    .argument("<host>", "the registry, HOST[:PORT]")
    .option(
      "--registry-config <file>",
      "registry credentials (default: $HELM_REGISTRY_CONFIG or helm's ~/.config/helm/registry/config.json)",
    );
  logout.action(async (argument: string, flags: { registryConfig?: string }) => {
    const host = hostOf(argument);
    const { registryConfigPath, removeCredential } = await import("../../engine/oci/index.js");
    const { resolve } = await import("node:path");
    const path = registryConfigPath(
      io.env,
      flags.registryConfig ? resolve(io.cwd, flags.registryConfig) : undefined,
    );
    if (!(await removeCredential(host, path, io.env)))
      throw new UsageError(`not logged in to ${host}`, {
        hint: `no credentials for it in ${path}`,
      });
    io.stderr.write(`Removing login credentials for ${host}\n`);
  });
  registry.addCommand(login);
  registry.addCommand(logout);
  return registry;
}
