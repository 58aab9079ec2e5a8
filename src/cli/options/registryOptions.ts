import { resolve } from "node:path";
import type { Command } from "commander";
import type { RegistryOptions } from "../../engine/oci/client.js";

/** The flags helm gives every command that talks to an OCI registry. */
export interface RegistryFlags {
  plainHttp?: boolean;
  caFile?: string;
  certFile?: string;
  keyFile?: string;
  insecureSkipTlsVerify?: boolean;
  username?: string;
  password?: string;
  registryConfig?: string;
}

/** --plain-http and the TLS flags (helm's names); `what` says what they are for in the help. */
export function addRegistryConnectionOptions(cmd: Command, what = "oci:// charts"): Command {
  return cmd
    .option("--plain-http", `use plain HTTP for ${what}, not HTTPS`)
    .option("--ca-file <file>", `verify the registry's certificate with this CA bundle (${what})`)
    .option("--cert-file <file>", `client certificate for the registry (${what})`)
    .option("--key-file <file>", `client key for the registry (${what})`)
    .option("--insecure-skip-tls-verify", `skip the registry's certificate check (${what})`)
    .option(
      "--registry-config <file>",
      "registry credentials (default: $HELM_REGISTRY_CONFIG or helm's ~/.config/helm/registry/config.json)",
    );
}

/** The connection flags plus --username/--password, for commands that fetch or push charts. */
export function addRegistryOptions(cmd: Command, what = "oci:// charts"): Command {
  addRegistryConnectionOptions(cmd, what);
  return cmd
    .option("--username <name>", `registry username (${what}; default: the stored login)`)
    .option("--password <password>", `registry password (${what})`);
}

/** The RegistryOptions the flags ask for; file paths are taken relative to `cwd`. */
export function registryOptionsFrom(flags: RegistryFlags, cwd: string): RegistryOptions {
  const file = (path: string | undefined) => (path ? resolve(cwd, path) : undefined);
  const entries: [keyof RegistryOptions, unknown][] = [
    ["plainHttp", flags.plainHttp || undefined],
    ["caFile", file(flags.caFile)],
    ["certFile", file(flags.certFile)],
    ["keyFile", file(flags.keyFile)],
    ["insecureSkipTlsVerify", flags.insecureSkipTlsVerify || undefined],
    ["username", flags.username],
    ["password", flags.password],
    ["registryConfig", file(flags.registryConfig)],
  ];
  return Object.fromEntries(entries.filter(([, v]) => v !== undefined)) as RegistryOptions;
}
