import type { ActionContext } from "../../engine/actions/context.js";
import type { KubeClient } from "../../kube/client.js";
import type { CliIO } from "../io.js";
import type { GlobalOptions } from "../options/globalOptions.js";
import { visibleText } from "../../visibleText.js";

/** What a release command works with: the engine wired to the chosen cluster and namespace. */
export interface ReleaseSession {
  ctx: ActionContext;
  client: KubeClient;
  /** `-n`, else the kube context's namespace. */
  namespace: string;
  close(): void;
}

export interface SessionOptions {
  /** Ask the server for its version first (install/upgrade render Capabilities with it). */
  serverVersion?: boolean;
}

/** Opens the kubeconfig the way kubectl does and wires storage and cluster access to it. */
export async function openSession(
  flags: GlobalOptions,
  io: CliIO,
  options: SessionOptions = {},
): Promise<ReleaseSession> {
  // Loaded on demand so that offline commands (template, lint, package) start
  // without @kubernetes/client-node, which alone takes most of a second.
  const [
    { KubeClusterAccess },
    { ReleaseStorage },
    { selectDriver },
    { KubeClient },
    { loadKubeConfig },
    { loadReadFloor, saveReadFloor },
    { whoAmI },
  ] = await Promise.all([
    import("../../engine/cluster/kubeClusterAccess.js"),
    import("../../engine/storage/releaseStorage.js"),
    import("../../engine/storage/selectDriver.js"),
    import("../../kube/client.js"),
    import("../../kube/config.js"),
    import("./readFloorFile.js"),
    import("../../kube/whoAmI.js"),
  ]);
  const config = loadKubeConfig({
    ...(flags.kubeconfig ? { kubeconfig: flags.kubeconfig } : {}),
    ...(flags.kubeContext ? { context: flags.kubeContext } : {}),
    env: io.env,
  });
  const client = new KubeClient(config);
  // Browsing reads come from the watch cache; this process must not read older than the
  // previous command's writes (docs/release-storage.md#reads-by-purpose).
  loadReadFloor(client.readFloor, client.server, io.env);
  let me: Promise<string> | undefined;
  const ctx: ActionContext = {
    // Records that cannot be used as they are are reported, never skipped in silence
    // (docs/release-storage.md#records-that-cannot-be-read).
    storage: new ReleaseStorage(selectDriver(flags.driver, client, io.env), {
      warn: (message) => io.stderr.write(`warning: ${visibleText(message)}\n`),
    }),
    cluster: new KubeClusterAccess(client),
    now: () => new Date(),
    fieldManager: "helm",
    // Asked once per session, on the first write (docs/release-storage.md#who-and-why).
    identify: () => (me ??= whoAmI(client)),
  };
  if (options.serverVersion) ctx.kubeVersion = (await client.serverVersion()).gitVersion;
  return {
    ctx,
    client,
    namespace: flags.namespace ?? config.namespace,
    close: () => {
      saveReadFloor(client.readFloor, client.server, io.env);
      client.close();
    },
  };
}

/** Runs a command body with a session, closing connections afterwards. */
export async function withSession<T>(
  flags: GlobalOptions,
  io: CliIO,
  body: (session: ReleaseSession) => Promise<T>,
  options: SessionOptions = {},
): Promise<T> {
  const session = await openSession(flags, io, options);
  try {
    return await body(session);
  } finally {
    session.close();
  }
}
