/**
 * sprig's urlParse and urlJoin over Go's net/url: Parse splits a URL into scheme, opaque part,
 * userinfo, host, path (unescaped), raw query and fragment; URL.String puts one together again,
 * escaping each part by its own rules. A parse failure panics (`unable to parse url: parse
 * "…": …`), and urlJoin panics when a dict value is not a string.
 */
import { isGoMap, kindOf, type GoMap, type GoValue } from "../../value.js";
import { quote } from "../../strconv.js";
import { FuncError, type FuncMap } from "../types.js";
import { hasOwn, mapArg, strArg } from "./common.js";
import { fromUtf8, utf8 } from "./unicode.js";

type Mode =
  "path" | "pathSegment" | "host" | "zone" | "userPassword" | "queryComponent" | "fragment";

/** net/url's shouldEscape for one byte. */
function shouldEscape(c: number, mode: Mode): boolean {
  if ((c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39))
    return false;
  const ch = String.fromCharCode(c);
  if ((mode === "host" || mode === "zone") && `!$&'()*+,;=:[]<>"`.includes(ch)) return false;
  if ("-_.~".includes(ch)) return false;
  if ("$&+,/:;=?@".includes(ch)) {
    switch (mode) {
      case "path":
        return ch === "?";
      case "pathSegment":
        return "/;,?".includes(ch);
      case "userPassword":
        return "@/?:".includes(ch);
      case "queryComponent":
        return true;
      case "fragment":
        return false;
    }
  }
  if (mode === "fragment" && "!()*".includes(ch)) return false;
  return true;
}

function escape(s: string, mode: Mode): string {
  let out = "";
  for (const b of utf8(s)) {
    if (b === 0x20 && mode === "queryComponent") out += "+";
    else if (shouldEscape(b, mode)) out += "%" + b.toString(16).toUpperCase().padStart(2, "0");
    else out += String.fromCharCode(b);
  }
  return out;
}

class UrlError extends Error {}

const isHex = (c: string | undefined): boolean => c !== undefined && /^[0-9a-fA-F]$/.test(c);

/** net/url's unescape: %XX sequences (validated per mode), + as space in query components. */
function unescape(s: string, mode: Mode): string {
  for (let i = 0; i < s.length;) {
    const c = s[i]!;
    if (c === "%") {
      if (!isHex(s[i + 1]) || !isHex(s[i + 2])) {
        throw new UrlError("invalid URL escape " + quote(s.slice(i, i + 3)));
      }
      const v = parseInt(s.slice(i + 1, i + 3), 16);
      if (mode === "host" && v >> 4 < 8 && s.slice(i, i + 3) !== "%25") {
        throw new UrlError("invalid URL escape " + quote(s.slice(i, i + 3)));
      }
      if (mode === "zone" && s.slice(i, i + 3) !== "%25" && v !== 0x20 && shouldEscape(v, "host")) {
        throw new UrlError("invalid URL escape " + quote(s.slice(i, i + 3)));
      }
      i += 3;
    } else {
      const code = s.charCodeAt(i);
      if ((mode === "host" || mode === "zone") && code < 0x80 && shouldEscape(code, mode)) {
        throw new UrlError("invalid character " + quote(c) + " in host name");
      }
      i++;
    }
  }
  if (!s.includes("%") && !(mode === "queryComponent" && s.includes("+"))) return s;
  const bytes: number[] = [];
  const src = utf8(s);
  for (let i = 0; i < src.length; i++) {
    const b = src[i]!;
    if (b === 0x25) {
      bytes.push(parseInt(String.fromCharCode(src[i + 1]!, src[i + 2]!), 16));
      i += 2;
    } else if (b === 0x2b && mode === "queryComponent") bytes.push(0x20);
    else bytes.push(b);
  }
  return fromUtf8(Uint8Array.from(bytes));
}

interface Userinfo {
  username: string;
  password?: string;
}
function userString(u: Userinfo): string {
  let s = escape(u.username, "userPassword");
  if (u.password !== undefined) s += ":" + escape(u.password, "userPassword");
  return s;
}

interface URL {
  scheme: string;
  opaque: string;
  user?: Userinfo;
  host: string;
  path: string;
  rawPath: string;
  omitHost: boolean;
  forceQuery: boolean;
  rawQuery: string;
  fragment: string;
}

function validOptionalPort(port: string): boolean {
  return port === "" || /^:[0-9]*$/.test(port);
}

function parseHost(host: string): string {
  if (host.startsWith("[")) {
    const i = host.lastIndexOf("]");
    if (i < 0) throw new UrlError("missing ']' in host");
    const colonPort = host.slice(i + 1);
    if (!validOptionalPort(colonPort))
      throw new UrlError(`invalid port ${quote(colonPort)} after host`);
    const zone = host.slice(0, i).indexOf("%25");
    if (zone >= 0) {
      return (
        unescape(host.slice(0, zone), "host") +
        unescape(host.slice(zone, i), "zone") +
        unescape(host.slice(i), "host")
      );
    }
  } else {
    const i = host.lastIndexOf(":");
    if (i !== -1 && !validOptionalPort(host.slice(i))) {
      throw new UrlError(`invalid port ${quote(host.slice(i))} after host`);
    }
  }
  return unescape(host, "host");
}

function parseAuthority(authority: string): { user?: Userinfo; host: string } {
  const i = authority.lastIndexOf("@");
  const host = parseHost(i < 0 ? authority : authority.slice(i + 1));
  if (i < 0) return { host };
  const userinfo = authority.slice(0, i);
  if (!/^[A-Za-z0-9\-._:~!$&'()*+,;=%@]*$/.test(userinfo))
    throw new UrlError("net/url: invalid userinfo");
  const colon = userinfo.indexOf(":");
  if (colon < 0) return { user: { username: unescape(userinfo, "userPassword") }, host };
  return {
    user: {
      username: unescape(userinfo.slice(0, colon), "userPassword"),
      password: unescape(userinfo.slice(colon + 1), "userPassword"),
    },
    host,
  };
}

/** url.Parse (without the fragment, which Parse handles). */
function parseNoFragment(raw: string): URL {
  // eslint-disable-next-line no-control-regex
  if (/[\x00-\x1f\x7f]/.test(raw)) throw new UrlError("net/url: invalid control character in URL");
  const url: URL = {
    scheme: "",
    opaque: "",
    host: "",
    path: "",
    rawPath: "",
    omitHost: false,
    forceQuery: false,
    rawQuery: "",
    fragment: "",
  };
  if (raw === "*") {
    url.path = "*";
    return url;
  }
  let rest = raw;
  const m = /^[A-Za-z][A-Za-z0-9+\-.]*:/.exec(raw);
  if (raw.startsWith(":")) throw new UrlError("missing protocol scheme");
  if (m) {
    url.scheme = m[0].slice(0, -1).toLowerCase();
    rest = raw.slice(m[0].length);
  }
  if (rest.endsWith("?") && rest.indexOf("?") === rest.length - 1) {
    url.forceQuery = true;
    rest = rest.slice(0, -1);
  } else {
    const q = rest.indexOf("?");
    if (q >= 0) {
      url.rawQuery = rest.slice(q + 1);
      rest = rest.slice(0, q);
    }
  }
  if (!rest.startsWith("/")) {
    if (url.scheme !== "") {
      url.opaque = rest;
      return url;
    }
    const slash = rest.indexOf("/");
    if ((slash < 0 ? rest : rest.slice(0, slash)).includes(":")) {
      throw new UrlError("first path segment in URL cannot contain colon");
    }
  }
  if ((url.scheme !== "" || !rest.startsWith("///")) && rest.startsWith("//")) {
    let authority = rest.slice(2);
    rest = "";
    const i = authority.indexOf("/");
    if (i >= 0) {
      rest = authority.slice(i);
      authority = authority.slice(0, i);
    }
    const a = parseAuthority(authority);
    if (a.user) url.user = a.user;
    url.host = a.host;
  } else if (url.scheme !== "" && rest.startsWith("/")) {
    url.omitHost = true;
  }
  url.path = unescape(rest, "path");
  url.rawPath = escape(url.path, "path") === rest ? "" : rest;
  return url;
}

/** url.Parse; errors are *url.Error: `parse "RAW": MESSAGE`. */
function parse(raw: string): URL {
  const hash = raw.indexOf("#");
  const u = hash < 0 ? raw : raw.slice(0, hash);
  let url: URL;
  try {
    url = parseNoFragment(u);
  } catch (e) {
    if (e instanceof UrlError) throw new UrlError(`parse ${quote(u)}: ${e.message}`);
    throw e;
  }
  if (hash >= 0 && hash < raw.length - 1) {
    try {
      url.fragment = unescape(raw.slice(hash + 1), "fragment");
    } catch (e) {
      if (e instanceof UrlError) throw new UrlError(`parse ${quote(raw)}: ${e.message}`);
      throw e;
    }
  }
  return url;
}

/** URL.Hostname: the host without its port and IPv6 brackets. */
function hostname(host: string): string {
  const colon = host.lastIndexOf(":");
  if (colon !== -1 && validOptionalPort(host.slice(colon))) host = host.slice(0, colon);
  if (host.startsWith("[") && host.endsWith("]")) host = host.slice(1, -1);
  return host;
}

function urlParse(v: string): GoMap {
  let u: URL;
  try {
    u = parse(v);
  } catch (e) {
    if (e instanceof UrlError) throw new FuncError(`unable to parse url: ${e.message}`);
    throw e;
  }
  return {
    scheme: u.scheme,
    host: u.host,
    hostname: hostname(u.host),
    path: u.path,
    query: u.rawQuery,
    opaque: u.opaque,
    fragment: u.fragment,
    userinfo: u.user ? userString(u.user) : "",
  };
}

/** URL.String for a URL built from parts (no RawPath/RawFragment, so paths are escaped afresh). */
function urlString(u: URL): string {
  let buf = "";
  if (u.scheme !== "") buf += u.scheme + ":";
  if (u.opaque !== "") buf += u.opaque;
  else {
    if (u.scheme !== "" || u.host !== "" || u.user) {
      if (u.host !== "" || u.path !== "" || u.user) buf += "//";
      if (u.user) buf += userString(u.user) + "@";
      if (u.host !== "") buf += escape(u.host, "host");
    }
    const path = u.path === "*" ? "*" : escape(u.path, "path");
    if (path !== "" && path[0] !== "/" && u.host !== "") buf += "/";
    if (buf === "") {
      const slash = path.indexOf("/");
      if ((slash < 0 ? path : path.slice(0, slash)).includes(":")) buf += "./";
    }
    buf += path;
  }
  if (u.forceQuery || u.rawQuery !== "") buf += "?" + u.rawQuery;
  if (u.fragment !== "") buf += "#" + escape(u.fragment, "fragment");
  return buf;
}

/** sprig's dictGetOrEmpty: a missing key is "", a non-string value panics. */
function dictString(d: GoMap, key: string): string {
  if (!hasOwn(d, key)) return "";
  const v = d[key];
  if (v === null || v === undefined)
    throw new FuncError("runtime error: invalid memory address or nil pointer dereference");
  if (typeof v !== "string") {
    throw new FuncError(
      `unable to parse ${key} key, must be of type string, but ${kindOf(v)} found`,
    );
  }
  return v;
}

function urlJoin(dv: GoValue): string {
  const d = isGoMap(dv) ? dv : mapArg(dv);
  const url: URL = {
    scheme: dictString(d, "scheme"),
    host: dictString(d, "host"),
    path: dictString(d, "path"),
    rawQuery: dictString(d, "query"),
    opaque: dictString(d, "opaque"),
    fragment: dictString(d, "fragment"),
    rawPath: "",
    omitHost: false,
    forceQuery: false,
  };
  const userinfo = dictString(d, "userinfo");
  if (userinfo !== "") {
    try {
      const user = parse(`proto://${userinfo}@host`).user;
      if (user) url.user = user;
    } catch (e) {
      if (e instanceof UrlError)
        throw new FuncError(`unable to parse userinfo in dict: ${e.message}`);
      throw e;
    }
  }
  return urlString(url);
}

export const urlFuncs: FuncMap = {
  urlParse: { fn: (v) => urlParse(strArg(v)), params: ["string"] },
  urlJoin: { fn: urlJoin, params: ["map"] },
};
