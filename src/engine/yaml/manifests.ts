import { CORE_WITH_MERGE } from "./coreSchema.js";
import { loadYaml, YAMLException } from "./load.js";

/** A manifest document that does not parse: `reason`, and `mark.line` counted from 0. */
export { YAMLException as ManifestYamlError };

/**
 * Reading one rendered or stored manifest document (the objects sent to the API server): the
 * YAML 1.2 core schema, so timestamps stay the strings the API server is sent, plus `<<` merge
 * keys; a repeated key is an error; aliases are expanded under go-yaml's budget, so a
 * billion-laughs document is refused here, before anything is stored or sent (./load.js).
 * Splitting a manifest into documents is helm's SplitManifests (engine/manifest/splitManifest.ts),
 * not YAML's `---` rules. Throws ManifestYamlError.
 */
export function readManifestYaml(text: string): unknown {
  return loadYaml(text, { schema: CORE_WITH_MERGE });
}
