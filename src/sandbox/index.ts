/** The sandbox's public API. */
export { startSandbox } from "./server.js";
export type { Sandbox, SandboxOptions } from "./server.js";
export type { SandboxFaults, FailRequestRule } from "./types.js";
export { NEVER_READY_ANNOTATION, FAIL_ANNOTATION } from "./workloads.js";
export { SERVER_VERSION } from "./discovery.js";
