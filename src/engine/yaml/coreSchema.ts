import { CORE_SCHEMA, Type } from "js-yaml";

/**
 * js-yaml's YAML 1.2 core schema (null, booleans true/false, numbers; timestamps stay strings)
 * plus `<<` merge keys, which helm's reader applies and YAML 1.2 dropped.
 */
export const CORE_WITH_MERGE = CORE_SCHEMA.extend({
  // js-yaml's own merge type, declared here because its typings do not export `types`.
  implicit: [
    new Type("tag:yaml.org,2002:merge", {
      kind: "scalar",
      resolve: (data: unknown) => data === "<<" || data === null,
    }),
  ],
});
