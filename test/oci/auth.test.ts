import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../support/cli.js";
import { PULLED, packagedChart, ociTemp } from "../support/ociCharts.js";
import {
  IDENTITY_TOKEN,
  registryAvailable,
  startRegistry,
  type RegistryFixture,
} from "../support/registry.js";

const USER = ["--username", "alice", "--password", "s3cret"];

describe.skipIf(!registryAvailable)("a registry with htpasswd Basic auth behind TLS", () => {
  let reg: RegistryFixture;
  let home: string;
  let env: NodeJS.ProcessEnv;
  let ca: string[];
  const cli = (args: string[], stdin?: string) =>
    runCli(args, { env, cwd: home, ...(stdin !== undefined ? { stdin } : {}) });

  beforeAll(async () => {
    reg = await startRegistry({ tls: true });
    home = await ociTemp("wh-oci-auth-");
    env = { PATH: process.env.PATH, HOME: home, HELM_REGISTRY_CONFIG: join(home, "registry.json") };
    ca = ["--ca-file", reg.caFile!];
    const pushed = await cli([
      "push",
      await packagedChart("demo", "1.2.3"),
      `oci://${reg.host}/charts`,
      ...ca,
      ...USER,
    ]);
    expect(pushed.stderr).toMatch(/^Pushed: /);
  });
  afterAll(() => reg.close());

  it("without credentials: 401 naming the host and how to log in", async () => {
    const res = await cli(["show", "chart", `oci://${reg.host}/charts/demo`, ...ca]);
    expect(res.stderr).toBe(
      `Error: registry ${reg.host} needs credentials for ${reg.host}/charts/demo (401 Unauthorized)\n` +
        `Hint: run \`wheelhouse registry login ${reg.host}\` (or pass --username and --password)\n`,
    );
  });

  it("without the CA: a TLS error saying --ca-file; --insecure-skip-tls-verify gets through", async () => {
    const res = await cli(["show", "chart", `oci://${reg.host}/charts/demo`, ...USER]);
    expect(res.stderr.split("\n")[0]).toMatch(
      new RegExp(`^Error: TLS with registry ${reg.host} failed: `),
    );
    expect(res.stderr).toContain("--ca-file");
    const skip = await cli([
      "show",
      "chart",
      `oci://${reg.host}/charts/demo`,
      "--insecure-skip-tls-verify",
      ...USER,
    ]);
    expect(skip.stdout).toMatch(/^version: 1\.2\.3$/m);
  });

  it("registry login --insecure skips the certificate check, as helm's", async () => {
    const login = await runCli(
      ["registry", "login", reg.host, "-u", "alice", "--password-stdin", "--insecure"],
      {
        env: { ...env, HELM_REGISTRY_CONFIG: join(home, "insecure.json") },
        stdin: "s3cret",
      },
    );
    expect(login.stderr).toBe("Login Succeeded\n");
    expect(existsSync(join(home, "insecure.json"))).toBe(true);
  });

  it("registry login refuses wrong credentials and stores nothing", async () => {
    const res = await cli(
      ["registry", "login", reg.host, "-u", "alice", "--password-stdin", ...ca],
      "wrong\n",
    );
    expect(res.stderr).toMatch(
      new RegExp(
        `^Error: registry ${reg.host} refused the credentials for ${reg.host} \\(401 Unauthorized\\)`,
      ),
    );
    expect(existsSync(join(home, "registry.json"))).toBe(false);
  });

  it("registry login stores the credentials as helm does; later commands use them; logout forgets them", async () => {
    const login = await cli(
      ["registry", "login", reg.host, "-u", "alice", "--password-stdin", ...ca],
      "s3cret\n",
    );
    expect(login.stderr).toBe("Login Succeeded\n");
    expect(readFileSync(join(home, "registry.json"), "utf8")).toBe(
      `{\n\t"auths": {\n\t\t"${reg.host}": {\n\t\t\t"auth": "YWxpY2U6czNjcmV0"\n\t\t}\n\t}\n}`,
    );
    const show = await cli(["show", "chart", `oci://${reg.host}/charts/demo`, ...ca]);
    expect(show.stdout).toMatch(/^version: 1\.2\.3$/m);
    const logout = await cli(["registry", "logout", reg.host]);
    expect(logout.stderr).toBe(`Removing login credentials for ${reg.host}\n`);
    expect((await cli(["show", "chart", `oci://${reg.host}/charts/demo`, ...ca])).stderr).toMatch(
      /needs credentials/,
    );
  });

  it("falls back to Docker's config.json", async () => {
    const dockerEnv = { ...env, DOCKER_CONFIG: join(home, "docker") };
    mkdirSync(join(home, "docker"), { recursive: true });
    writeFileSync(
      join(home, "docker", "config.json"),
      JSON.stringify({
        auths: {
          [`https://${reg.host}`]: { auth: Buffer.from("alice:s3cret").toString("base64") },
        },
      }),
    );
    const res = await runCli(["show", "chart", `oci://${reg.host}/charts/demo`, ...ca], {
      env: dockerEnv,
      cwd: home,
    });
    expect(res.stdout).toMatch(/^version: 1\.2\.3$/m);
  });

  it("asks a credential helper (credsStore) for them, and login stores through it", async () => {
    const bin = join(home, "bin");
    mkdirSync(bin, { recursive: true });
    const store = join(home, "helper-store.json");
    // A docker-credential-* helper keeping one secret in a file: get, store and erase.
    writeFileSync(
      join(bin, "docker-credential-testing"),
      [
        "#!/bin/sh",
        `STORE=${store}`,
        'case "$1" in',
        '  get) read server; if [ -f "$STORE" ]; then cat "$STORE"; else echo "credentials not found in native keychain"; exit 1; fi ;;',
        '  store) cat > "$STORE" ;;',
        '  erase) rm -f "$STORE" ;;',
        "esac",
        "",
      ].join("\n"),
    );
    chmodSync(join(bin, "docker-credential-testing"), 0o755);
    const helperEnv = {
      ...env,
      PATH: `${bin}:${process.env.PATH}`,
      HELM_REGISTRY_CONFIG: join(home, "helper.json"),
    };
    writeFileSync(join(home, "helper.json"), JSON.stringify({ credsStore: "testing" }));
    const run = (args: string[], stdin?: string) =>
      runCli(args, { env: helperEnv, cwd: home, ...(stdin ? { stdin } : {}) });
    expect((await run(["show", "chart", `oci://${reg.host}/charts/demo`, ...ca])).stderr).toMatch(
      /needs credentials/,
    );
    const login = await run(
      ["registry", "login", reg.host, "-u", "alice", "--password-stdin", ...ca],
      "s3cret",
    );
    expect(login.stderr).toBe("Login Succeeded\n");
    expect(JSON.parse(readFileSync(store, "utf8"))).toEqual({
      ServerURL: reg.host,
      Username: "alice",
      Secret: "s3cret",
    });
    expect((await run(["show", "chart", `oci://${reg.host}/charts/demo`, ...ca])).stdout).toMatch(
      /^version: 1\.2\.3$/m,
    );
  });
});

describe.skipIf(!registryAvailable)("a registry with Bearer tokens from a token server", () => {
  let reg: RegistryFixture;
  let home: string;
  let env: NodeJS.ProcessEnv;
  const cli = (args: string[], stdin?: string) =>
    runCli([...args, "--plain-http"], { env, cwd: home, ...(stdin ? { stdin } : {}) });

  beforeAll(async () => {
    reg = await startRegistry({ token: true });
    home = await ociTemp("wh-oci-token-");
    env = { PATH: process.env.PATH, HOME: home, HELM_REGISTRY_CONFIG: join(home, "registry.json") };
  });
  afterAll(() => reg.close());

  it("a push without credentials is refused; after login it goes through with a pull,push token", async () => {
    const chart = await packagedChart("tok", "0.1.0");
    const refused = await cli(["push", chart, `oci://${reg.host}/charts`]);
    expect(refused.stderr).toMatch(
      new RegExp(
        `^Error: registry ${reg.host} needs credentials for ${reg.host}/charts/tok \\(401 Unauthorized\\)`,
      ),
    );
    const login = await cli(
      ["registry", "login", reg.host, "-u", "alice", "--password-stdin"],
      "s3cret",
    );
    expect(login.stderr).toBe("Login Succeeded\n");
    reg.tokenRequests.length = 0;
    const pushed = await cli(["push", chart, `oci://${reg.host}/charts`]);
    expect(pushed.stderr).toMatch(/^Pushed: /);
    expect(
      reg.tokenRequests.some(
        (r) => r.authorization && r.scope.includes("repository:charts/tok:pull,push"),
      ),
    ).toBe(true);
  });

  it("an identity token in the config is exchanged as a refresh token", async () => {
    const config = join(home, "identity.json");
    writeFileSync(
      config,
      JSON.stringify({ auths: { [reg.host]: { identitytoken: IDENTITY_TOKEN } } }),
    );
    reg.tokenRequests.length = 0;
    const pushed = await runCli(
      ["push", await packagedChart("ident", "0.1.0"), `oci://${reg.host}/charts`, "--plain-http"],
      {
        env: { ...env, HELM_REGISTRY_CONFIG: config },
      },
    );
    expect(pushed.stderr).toMatch(/^Pushed: /);
    expect(reg.tokenRequests.length).toBeGreaterThan(0);
    expect(
      reg.tokenRequests.every((r) => r.refreshToken === IDENTITY_TOKEN && !r.authorization),
    ).toBe(true);
  });

  it("an anonymous pull gets an anonymous token", async () => {
    const anonymous = { ...env, HELM_REGISTRY_CONFIG: join(home, "none.json") };
    reg.tokenRequests.length = 0;
    const res = await runCli(["template", "a", `oci://${reg.host}/charts/tok`, "--plain-http"], {
      env: anonymous,
      cwd: home,
    });
    expect(res.stderr).toMatch(PULLED);
    expect(res.stdout).toContain("name: a-cm");
    expect(reg.tokenRequests.length).toBeGreaterThan(0);
    expect(reg.tokenRequests.every((r) => r.authorization === undefined)).toBe(true);
  });

  it("wrong credentials are refused by the token service", async () => {
    const res = await cli([
      "show",
      "chart",
      `oci://${reg.host}/charts/tok`,
      "--username",
      "alice",
      "--password",
      "nope",
    ]);
    expect(res.stderr).toMatch(
      /refused the credentials \(401 from its token service 127\.0\.0\.1:\d+\)/,
    );
  });
});

describe.skipIf(!registryAvailable)("a registry that requires a client certificate", () => {
  let reg: RegistryFixture;
  let env: NodeJS.ProcessEnv;

  beforeAll(async () => {
    reg = await startRegistry({ tls: true, clientCertificates: true });
    const home = await ociTemp("wh-oci-mtls-");
    env = { PATH: process.env.PATH, HOME: home, HELM_REGISTRY_CONFIG: join(home, "registry.json") };
  });
  afterAll(() => reg.close());

  it("--cert-file and --key-file present it; without them the TLS failure is one line", async () => {
    const tls = ["--ca-file", reg.caFile!, ...USER];
    const client = ["--cert-file", reg.clientCert!.certFile, "--key-file", reg.clientCert!.keyFile];
    const pushed = await runCli(
      ["push", await packagedChart("mtls", "0.1.0"), `oci://${reg.host}/c`, ...tls, ...client],
      { env },
    );
    expect(pushed.stderr).toMatch(/^Pushed: /);
    const without = await runCli(["show", "chart", `oci://${reg.host}/c/mtls`, ...tls], { env });
    expect(without.stderr).toMatch(
      new RegExp(`^Error: (TLS with registry|registry) ${reg.host} (failed|is unreachable)`),
    );
    expect(without.stderr).not.toMatch(/^\s+at /m);
    expect(without.stderr).toContain("pass --cert-file and --key-file");
    const half = await runCli(
      [
        "show",
        "chart",
        `oci://${reg.host}/c/mtls`,
        ...tls,
        "--cert-file",
        reg.clientCert!.certFile,
      ],
      { env },
    );
    expect(half.stderr).toBe("Error: --cert-file and --key-file must be given together\n");
  });
});
