/**
 * Runs a Go-template render on a worker thread with a large stack, synchronously: the caller
 * blocks (Atomics.wait) until the worker answers, then takes its message with
 * receiveMessageOnPort. Only used when a render exhausts the main thread's stack, so the thread's
 * start-up cost is paid on that rare path alone.
 */
import { existsSync } from "node:fs";
import {
  MessageChannel,
  receiveMessageOnPort,
  Worker,
  type MessagePort,
} from "node:worker_threads";
import { WheelhouseError } from "../../../errors.js";
import type { GoMap } from "../../gotemplate/value.js";
import type { GoChartNode, GoRenderOptions } from "./goRenderInput.js";

/** Enough for helm's 100000 nested template calls; reserved lazily by the OS. */
const STACK_MB = 512;

/** What crosses to the worker: plain data only (class instances are rebuilt there). */
export interface DeepRenderRequest {
  roots: GoChartNode[];
  release: GoRenderOptions["release"];
  capabilities: {
    version: string;
    normalized: string;
    major: string;
    minor: string;
    apiVersions: string[];
  };
  lintMode: boolean;
  /** The lookups the first attempt made, answered the same way. */
  lookups: Array<[string, GoMap]>;
  signal: SharedArrayBuffer;
  port: MessagePort;
}

export type DeepRenderReply =
  | { ok: true; files: Array<[string, string]> }
  | { ok: false; message: string; chart?: string; file?: string; hint?: string; bug?: string };

export function renderOnDeepStack(
  roots: GoChartNode[],
  options: GoRenderOptions,
  lookups: Map<string, GoMap>,
): Map<string, string> {
  const signal = new SharedArrayBuffer(4);
  const { port1, port2 } = new MessageChannel();
  const kv = options.capabilities.kubeVersion;
  const request: DeepRenderRequest = {
    roots,
    release: options.release,
    capabilities: {
      version: kv.version,
      normalized: kv.normalized,
      major: kv.major,
      minor: kv.minor,
      apiVersions: options.capabilities.apiVersions as string[],
    },
    lintMode: options.lintMode === true,
    lookups: [...lookups],
    signal,
    port: port2,
  };
  const worker = new Worker(workerModule(), {
    workerData: request,
    transferList: [port2],
    resourceLimits: { stackSizeMb: STACK_MB },
  });
  try {
    Atomics.wait(new Int32Array(signal), 0, 0);
    const reply = receiveMessageOnPort(port1)?.message as DeepRenderReply | undefined;
    if (!reply) throw new Error("the deep-stack render thread ended without an answer");
    if (reply.ok) return new Map(reply.files);
    if (reply.bug !== undefined) throw new Error(reply.bug);
    throw new DeepRenderError(reply.message, reply.hint);
  } finally {
    port1.close();
    void worker.terminate();
  }
}

/**
 * The worker's module. Tests run the TypeScript sources, but a worker cannot load TypeScript
 * while its parent blocks (a loader would need the parent's event loop): they use the build
 * (`npm test` builds first).
 */
function workerModule(): URL {
  const here = new URL("./deepStackWorker.js", import.meta.url);
  if (!import.meta.url.endsWith(".ts")) return here;
  const built = new URL(here.href.replace("/src/engine/", "/dist/engine/"));
  if (!existsSync(built)) {
    throw new Error(`the render needs a deeper stack; build the project first (${built.pathname})`);
  }
  return built;
}

/** An error of the render the worker made, carried back as helm worded it. */
export class DeepRenderError extends WheelhouseError {
  constructor(message: string, hint?: string) {
    super("chart", message, hint === undefined ? {} : { hint });
  }
}
