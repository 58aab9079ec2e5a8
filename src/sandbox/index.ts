/** The sandbox's public API. */
export { startSandbox } from "./server.js";
export type { Sandbox, SandboxOptions, RequestEvent, LoggedRequest } from "./server.js";
export { parseFailRule } from "./faults.js";
export { StateFileError } from "./statefile.js";
export type { SandboxFaults, FailRequestRule } from "./types.js";
export { NEVER_READY_ANNOTATION, FAIL_ANNOTATION } from "./workloads.js";
export { SERVER_VERSION } from "./discovery.js";
export { REAL_SERVER_COST, ZERO_COST, listCostMs } from "./cost.js";
export type { CostModel, ListFacts } from "./cost.js";
