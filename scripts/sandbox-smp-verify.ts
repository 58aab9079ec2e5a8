/**
 * Replays the strategic-merge-patch cases of src/sandbox/__fixtures__/smpCases.ts against a
 * real API server and reports where its answers differ from the recorded ones. Run by hand,
 * not by the tests:
 *
 *   KUBECONFIG=/path/to/kubeconfig npx tsx scripts/sandbox-smp-verify.ts [namespace] [--print]
 *
 * It talks to the server through `kubectl proxy`, creates each case's object in the namespace
 * (default `smp-verify`, created when missing), patches it, then removes it. `--print` also
 * prints what the server answered, to record new cases.
 */
import { spawn } from "node:child_process";
import { createInterface } from "node:readline";
import { SMP_CASES, type SmpCase } from "../src/sandbox/__fixtures__/smpCases.js";
import { deepEqual } from "../src/sandbox/patch.js";

type Obj = Record<string, unknown>;

const args = process.argv.slice(2);
const print = args.includes("--print");
const namespace = args.find((a) => !a.startsWith("--")) ?? "smp-verify";

async function startProxy(): Promise<{ base: string; stop: () => void }> {
  const proxy = spawn("kubectl", ["proxy", "--port=0"], { stdio: ["ignore", "pipe", "inherit"] });
  const lines = createInterface({ input: proxy.stdout });
  for await (const line of lines) {
    const m = /Starting to serve on (\S+)/.exec(line);
    if (m !== null) return { base: `http://${m[1]}`, stop: () => proxy.kill() };
  }
  throw new Error("kubectl proxy did not start");
}

async function call(
  base: string,
  method: string,
  path: string,
  body?: unknown,
  type = "application/json",
): Promise<{ status: number; body: Obj }> {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: { "Content-Type": type },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as Obj };
}

/** The collection path of a case's object (plurals here are the kind, lowercased, plus s). */
function collection(obj: Obj): string {
  const apiVersion = String(obj.apiVersion);
  const prefix = apiVersion.includes("/") ? `/apis/${apiVersion}` : `/api/${apiVersion}`;
  return `${prefix}/namespaces/${namespace}/${String(obj.kind).toLowerCase()}s`;
}

async function run(base: string, c: SmpCase, i: number, minor: number): Promise<boolean> {
  const name = `smp-${i}-${Math.random().toString(36).slice(2, 7)}`;
  const object = { ...c.object, metadata: { ...(c.object.metadata as Obj), name, namespace } };
  const path = collection(object);
  const created = await call(base, "POST", path, object);
  if (created.status >= 300) throw new Error(`${c.name}: create: ${JSON.stringify(created.body)}`);
  const res = await call(
    base,
    "PATCH",
    `${path}/${name}`,
    c.patch,
    "application/strategic-merge-patch+json",
  );
  const got =
    res.status >= 300
      ? { code: res.body.code, message: res.body.message }
      : c.view(res.body as Obj);
  await call(
    base,
    "PATCH",
    `${path}/${name}`,
    { metadata: { finalizers: null } },
    "application/merge-patch+json",
  );
  await call(base, "DELETE", `${path}/${name}`);
  const recorded = c.error ?? (minor === 19 && "v119" in c ? c.v119 : c.expect);
  const ok = deepEqual(got, recorded);
  console.log(`${ok ? "ok  " : "DIFF"} ${c.name}`);
  if (!ok || print) {
    console.log(`  server:   ${JSON.stringify(got)}`);
    if (!ok) console.log(`  recorded: ${JSON.stringify(recorded)}`);
  }
  return ok;
}

async function main(): Promise<void> {
  const { base, stop } = await startProxy();
  try {
    const version = (await (await fetch(`${base}/version`)).json()) as { minor: string };
    const minor = Number.parseInt(version.minor, 10);
    if (minor !== 19 && minor < 31) {
      console.log(`server 1.${minor}: cases with a v119 answer are compared with 1.31's`);
    }
    const ns = await call(base, "GET", `/api/v1/namespaces/${namespace}`);
    if (ns.status === 404) {
      await call(base, "POST", "/api/v1/namespaces", { metadata: { name: namespace } });
    }
    let failed = 0;
    for (const [i, c] of SMP_CASES.entries()) if (!(await run(base, c, i, minor))) failed++;
    console.log(`${SMP_CASES.length - failed}/${SMP_CASES.length} cases agree`);
    process.exitCode = failed > 0 ? 1 : 0;
  } finally {
    stop();
  }
}

await main();
