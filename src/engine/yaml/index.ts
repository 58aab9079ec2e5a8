/**
 * The project's YAML module — the one place YAML is read or written, on the one YAML library
 * (js-yaml) and the go-yaml-compatible emitter here. One entry per purpose; each states its rules
 * in its doc comment:
 *
 * Reading
 * - values files (`-f`, a chart's values.yaml, values edited in the TUI): readHelmValues
 * - Chart.yaml, fromYaml and other single documents helm reads: readHelmYaml, readHelmYamlMap,
 *   readHelmYamlArray (yaml.v2's YAML 1.1 typing and sigs.k8s.io/yaml's JSON round trip)
 * - rendered and stored manifests: readManifestYaml
 * - data files (index.yaml, repositories.yaml, Chart.lock, requirements.lock): readDataYaml
 *
 * Writing
 * - data files helm also writes, and values files handed to helm: writeDataYaml
 * - templates: toHelmYaml (toYaml), toHelmYamlPretty (toYamlPretty) — see ./templateFuncs.js
 * - for people (diffs, the TUI's panes, values the user edits): toDisplayYaml
 *
 * JSON and TOML as helm's functions see them are here too.
 */
export {
  mergeMaps,
  readHelmValues,
  readHelmYaml,
  readHelmYamlArray,
  readHelmYamlMap,
  type YamlMap,
} from "./read.js";
export {
  DEFAULT_MAX_YAML_BYTES,
  HelmYamlError,
  type ReadOptions,
  type YamlPlace,
} from "./errors.js";
export { splitYamlDocuments } from "./documents.js";
export { ManifestYamlError, readManifestYaml } from "./manifests.js";
export { DataYamlError, readDataYaml, writeDataYaml } from "./data.js";
export { toDisplayYaml, type DisplayedAs } from "./display.js";
export { decodeJsonInto, JsonTypeError, type GoField, type GoType } from "./goStruct.js";
export { toHelmYaml } from "./marshal.js";
export { toHelmYamlPretty } from "./pretty.js";
export { JsonMarshalError, marshalJson } from "./json.js";
export { parseGoJson, parseGoJsonArray, parseGoJsonMap, JsonSyntaxError } from "./jsonDecode.js";
export { toToml, TomlError } from "./toml.js";
export { fromToml } from "./tomlDecode.js";
