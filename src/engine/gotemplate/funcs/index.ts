/**
 * Sprig's function map as helm 4.1.4 registers it: sprig v3.3.0's TxtFuncMap without `env` and
 * `expandenv` (helm deletes them so charts cannot read the user's environment). Helm's own
 * functions are added by the chart renderer, which binds include/tpl/lookup to a render.
 */
import type { FuncMap } from "./types.js";
import { conversionFuncs } from "./sprig/conversion.js";
import { cryptoFuncs } from "./sprig/crypto.js";
import { dateFuncs } from "./sprig/dates.js";
import { defaultFuncs } from "./sprig/defaults.js";
import { dictFuncs } from "./sprig/dicts.js";
import { encodingFuncs } from "./sprig/encoding.js";
import { flowFuncs } from "./sprig/flow.js";
import { jsonFuncs } from "./sprig/json.js";
import { listFuncs } from "./sprig/lists.js";
import { mathFuncs } from "./sprig/math.js";
import { networkFuncs } from "./sprig/network.js";
import { pathFuncs } from "./sprig/paths.js";
import { randomFuncs } from "./sprig/random.js";
import { reflectFuncs } from "./sprig/reflect.js";
import { regexFuncs } from "./sprig/regex.js";
import { semverFuncs } from "./sprig/semver.js";
import { stringFuncs } from "./sprig/strings.js";
import { urlFuncs } from "./sprig/urls.js";
import { uuidFuncs } from "./sprig/uuid.js";

export const sprigFuncs: FuncMap = Object.freeze({
  ...stringFuncs,
  ...listFuncs,
  ...dictFuncs,
  ...defaultFuncs,
  ...reflectFuncs,
  ...regexFuncs,
  ...mathFuncs,
  ...conversionFuncs,
  ...pathFuncs,
  ...urlFuncs,
  ...flowFuncs,
  ...jsonFuncs,
  ...semverFuncs,
  ...dateFuncs,
  ...encodingFuncs,
  ...cryptoFuncs,
  ...randomFuncs,
  ...networkFuncs,
  ...uuidFuncs,
});
