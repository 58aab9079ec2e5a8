export * from "./errors.js";
export * from "./config.js";
export * from "./client.js";
export * from "./discovery.js";
export * from "./types.js";
export type { WatchOptions } from "./watch.js";
export * from "./lookup.js";
