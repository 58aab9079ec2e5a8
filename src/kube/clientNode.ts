/**
 * The one module that imports @kubernetes/client-node. wheelhouse uses its
 * KubeConfig (kubeconfig loading and every auth plugin) and its Watch; the
 * package index also evaluates the whole generated API, which costs most of
 * a second and ~60 MiB on every run. `npm run build` therefore replaces
 * this module's compiled output with a tree-shaken bundle of just these
 * exports (scripts/bundle-client-node.mjs); tests load it unbundled.
 */
export { KubeConfig } from "@kubernetes/client-node/dist/config.js";
export { Watch } from "@kubernetes/client-node/dist/watch.js";
export type { Cluster, Context, User } from "@kubernetes/client-node/dist/config_types.js";
