/**
 * The project's YAML module: reading YAML as helm does (values files, Chart.yaml, Chart.lock,
 * fromYaml) and writing it as helm's toYaml/toYamlPretty do; JSON and TOML as helm's functions
 * see them. Template functions: `yamlFuncs` in ./templateFuncs.js.
 */
export {
  mergeMaps,
  readHelmValues,
  readHelmYaml,
  readHelmYamlArray,
  readHelmYamlMap,
  type YamlMap,
} from "./read.js";
export { DEFAULT_MAX_YAML_BYTES, HelmYamlError, type ReadOptions } from "./errors.js";
export { splitYamlDocuments } from "./documents.js";
export { decodeJsonInto, JsonTypeError, type GoField, type GoType } from "./goStruct.js";
export { toHelmYaml } from "./marshal.js";
export { toHelmYamlPretty } from "./pretty.js";
export { JsonMarshalError, marshalJson } from "./json.js";
export { parseGoJson, parseGoJsonArray, parseGoJsonMap, JsonSyntaxError } from "./jsonDecode.js";
export { toToml, TomlError } from "./toml.js";
export { fromToml } from "./tomlDecode.js";
