import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Command } from "commander";
import type { CliIO } from "../io.js";
import { parseCount } from "../options/applyOptions.js";
import { openSession } from "../session/releaseSession.js";

interface DemoFlags {
  keep?: boolean;
  port: string;
  ui: boolean;
}

/**
 * `wheelhouse demo` (`npm run demo`): a seeded sandbox and the UI on it.
 * The sandbox lives in this process, so it stops when the demo does —
 * however it ends — unless --keep asks for it to stay up.
 */
export function demoCommand(io: CliIO, signals: NodeJS.EventEmitter = process): Command {
  return new Command("demo")
    .description("start a seeded sandbox cluster and open wheelhouse on it")
    .option("--keep", "leave the sandbox running after the UI exits (Ctrl-C stops it)")
    .option("-p, --port <port>", "sandbox port (0 = any free port)", "0")
    .option("--no-ui", "seed and print the KUBECONFIG line, then keep serving (for scripts)")
    .action(async (flags: DemoFlags) => {
      const [{ startSandbox }, { serveDemoRepository }, { seedDemo }] = await Promise.all([
        import("../../sandbox/index.js"),
        import("../demo/demoRepository.js"),
        import("../demo/seedDemo.js"),
      ]);
      const dir = mkdtempSync(join(tmpdir(), "wheelhouse-demo-"));
      const kubeconfig = join(dir, "kubeconfig");
      const sandbox = await startSandbox({
        port: parseCount(flags.port, "--port"),
        stateFile: join(dir, "state.json"),
        readyDelayMs: 20,
      });
      const exportLine = `export KUBECONFIG=${kubeconfig}`;
      const closers: Array<() => Promise<void>> = [];
      try {
        sandbox.writeKubeconfig(kubeconfig);
        const session = await openSession(
          { kubeconfig },
          { ...io, env: { ...io.env, HELM_DRIVER: "secret" } },
        );
        const started = Date.now();
        io.stdout.write(`Seeding the sandbox at ${sandbox.url}...\n`);
        const seeded = await seedDemo(
          sandbox,
          session.ctx,
          {
            PATH: io.env.PATH,
            HOME: dir,
            KUBECONFIG: kubeconfig,
            HELM_CACHE_HOME: join(dir, "helm", "cache"),
            HELM_CONFIG_HOME: join(dir, "helm", "config"),
            HELM_DATA_HOME: join(dir, "helm", "data"),
          },
          dir,
        );
        io.stdout.write(
          `Seeded ${seeded.releases} releases, ${seeded.revisions} revisions in ${((Date.now() - started) / 1000).toFixed(1)} s` +
            (seeded.helmSkipped ? ` (no helm-installed release: ${seeded.helmSkipped})` : "") +
            `\nUse kubectl and helm on the same cluster meanwhile (:kubeconfig in the UI shows this again):\n\n  ${exportLine}\n\n`,
        );
        const repository = await serveDemoRepository(dir);
        closers.push(repository.close);
        const repoEnv = {
          ...io.env,
          WHEELHOUSE_REPOSITORY_CONFIG: repository.paths.config,
          WHEELHOUSE_REPOSITORY_CACHE: repository.paths.cache,
        };
        io.stdout.write(
          `Chart repository "demo" at ${repository.url}: upgrade to e.g. demo/webapp or demo/webapp@1.3.x (u in the UI).\n` +
            `For the CLI: export WHEELHOUSE_REPOSITORY_CONFIG=${repository.paths.config} WHEELHOUSE_REPOSITORY_CACHE=${repository.paths.cache}\n\n`,
        );
        if (flags.ui) {
          const { launchTui } = await import("../session/launchTui.js");
          await launchTui({
            session,
            io,
            env: repoEnv,
            options: { readonly: false, allNamespaces: true },
          });
        } else session.close();
        if (flags.keep || !flags.ui) {
          io.stdout.write(
            `The sandbox keeps running at ${sandbox.url} (its files are in ${dir}, removed when it stops).\n  ${exportLine}\nPress Ctrl-C to stop it.\n`,
          );
          await new Promise<void>((done) => {
            const stop = () => {
              signals.off("SIGINT", stop);
              signals.off("SIGTERM", stop);
              signals.off("SIGHUP", stop);
              done();
            };
            signals.on("SIGINT", stop);
            signals.on("SIGTERM", stop);
            signals.on("SIGHUP", stop);
          });
        }
      } finally {
        for (const close of closers) await close();
        await sandbox.close();
        // The kubeconfig, the sandbox's state, helm's homes and the chart repository: all the demo's own.
        rmSync(dir, { recursive: true, force: true });
        io.stdout.write(`Sandbox stopped and ${dir} removed. (${exportLine} no longer answers.)\n`);
      }
    });
}
