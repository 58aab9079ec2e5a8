/**
 * Sprig's crypto functions: hashes, bcrypt/htpasswd, derivePassword, private keys, certificates
 * (genCA, genSelfSignedCert, genSignedCert and their WithKey forms, buildCustomCert) and
 * encryptAES/decryptAES. Errors carry sprig's texts; functions sprig declares without an error
 * return report failures as their result string, as sprig does.
 */
import {
  X509Certificate,
  createCipheriv,
  createDecipheriv,
  createHash,
  randomBytes,
  type KeyObject,
} from "node:crypto";
import bcryptLib from "bcryptjs";
import { formatValue } from "../../fmt.js";
import { GoObject, NO_FIELD, typeName, type GoValue } from "../../value.js";
import { FuncError, type FuncMap } from "../types.js";
import {
  CertError,
  createCertificate,
  issuerOf,
  type CertTemplate,
  type Issuer,
} from "./crypto/certificates.js";
import { decodePem } from "./crypto/asn1.js";
import { derivePassword } from "./crypto/derivePassword.js";
import { parseIP } from "./crypto/ip.js";
import { KeyError, generateKey, keyToPem, parsePrivateKeyPem } from "./crypto/keys.js";
import { base64Decode, base64Encode } from "./encoding.js";
import { bytesToString as fromUtf8, stringToBytes as utf8 } from "../../strconv.js";
import { intArg, strArg } from "./common.js";

/** sprig's `certificate` struct: {Cert, Key} PEM strings. */
export class Certificate extends GoObject {
  readonly goType = "sprig.certificate";
  constructor(
    readonly cert: string,
    readonly key: string,
  ) {
    super();
  }
  override field(name: string): GoValue | typeof NO_FIELD {
    if (name === "Cert") return this.cert;
    if (name === "Key") return this.key;
    return NO_FIELD;
  }
  override format(): string {
    return `{${this.cert} ${this.key}}`;
  }
  override toGo(): GoValue {
    return { Cert: this.cert, Key: this.key };
  }
}

const hex = (algorithm: string) => (s: GoValue) =>
  createHash(algorithm)
    .update(utf8(strArg(s)))
    .digest("hex");

function adler32(bytes: Uint8Array): number {
  let a = 1;
  let b = 0;
  for (const x of bytes) {
    a = (a + x) % 65521;
    b = (b + a) % 65521;
  }
  return ((b << 16) | a) >>> 0;
}

/** golang.org/x/crypto/bcrypt at DefaultCost (10), "$2a$" as Go writes it. */
function bcrypt(password: string): string {
  if (utf8(password).length > 72)
    return "failed to encrypt string with bcrypt: bcrypt: password length exceeds 72 bytes";
  const salt = bcryptLib.genSaltSync(10).replace(/^\$2b\$/, "$2a$");
  return bcryptLib.hashSync(password, salt);
}

/** Runs f, turning key and certificate failures into the error sprig returns (with a prefix). */
function goErr<T>(prefix: string, f: () => T): T {
  try {
    return f();
  } catch (e) {
    if (e instanceof KeyError || e instanceof CertError)
      throw new FuncError(prefix === "" ? e.message : `${prefix}${e.message}`);
    throw e;
  }
}

function certificateArg(v: GoValue): Certificate {
  if (v instanceof Certificate) return v;
  // text/template's check of the parameter type.
  throw new FuncError(`wrong type for value; expected sprig.certificate; got ${typeName(v)}`);
}

function ipsArg(v: GoValue): Uint8Array[] {
  if (!Array.isArray(v)) return [];
  return v.map((ip) => {
    if (typeof ip !== "string")
      throw new FuncError(`error parsing ip: ${formatValue(ip)} is not a string`);
    const parsed = parseIP(ip);
    if (parsed === undefined) throw new FuncError(`error parsing ip: ${ip}`);
    return parsed;
  });
}

function dnsArg(v: GoValue): string[] {
  if (!Array.isArray(v)) return [];
  return v.map((dns) => {
    if (typeof dns !== "string")
      throw new FuncError(
        `error processing alternate dns name: ${formatValue(dns)} is not a string`,
      );
    return dns;
  });
}

function template(
  cn: GoValue,
  ips: GoValue,
  dns: GoValue,
  days: GoValue,
  isCA: boolean,
): CertTemplate {
  return {
    commonName: strArg(cn),
    ips: ipsArg(ips),
    dnsNames: dnsArg(dns),
    daysValid: intArg(days),
    isCA,
  };
}

function issue(tpl: CertTemplate, key: KeyObject, signer?: Certificate): Certificate {
  let signerKey = key;
  let issuer: Issuer | undefined;
  if (signer !== undefined) {
    const block = decodePem(signer.cert);
    if (block === undefined) throw new FuncError("unable to decode certificate");
    issuer = goErr("error parsing certificate: decodedSignerCert.Bytes: ", () =>
      issuerOf(block.der),
    );
    signerKey = goErr("error parsing private key: ", () => parsePrivateKeyPem(signer.key));
  }
  const cert = goErr("error creating certificate: ", () =>
    createCertificate(tpl, key, signerKey, issuer),
  );
  return new Certificate(cert, keyToPem(key));
}

const newCertKey = (): KeyObject => generateKey("rsa", 2048);
const pemKey = (v: GoValue): KeyObject =>
  goErr("parsing private key: ", () => parsePrivateKeyPem(strArg(v)));

const AES_BLOCK = 16;

/** sprig's key: the password's bytes, zero-padded or cut to 32 (AES-256). */
function aesKey(password: string): Buffer {
  const key = Buffer.alloc(32);
  Buffer.from(utf8(password)).copy(key, 0, 0, 32);
  return key;
}

function encryptAES(password: string, plaintext: string): string {
  if (plaintext === "") return "";
  const iv = randomBytes(AES_BLOCK);
  const cipher = createCipheriv("aes-256-cbc", aesKey(password), iv); // PKCS#7 padding, as sprig pads
  const body = Buffer.concat([cipher.update(utf8(plaintext)), cipher.final()]);
  return base64Encode(Buffer.concat([iv, body]));
}

function decryptAES(password: string, crypt64: string): string {
  if (crypt64 === "") return "";
  let crypt: Uint8Array;
  try {
    crypt = base64Decode(crypt64);
  } catch (e) {
    throw new FuncError((e as Error).message);
  }
  // sprig slices and unpads without checks; these are the Go runtime's panics.
  if (crypt.length < AES_BLOCK)
    throw new FuncError(
      `runtime error: slice bounds out of range [:16] with capacity ${crypt.length}`,
    );
  const body = crypt.subarray(AES_BLOCK);
  if (body.length % AES_BLOCK !== 0) throw new FuncError("crypto/cipher: input not full blocks");
  if (body.length === 0) throw new FuncError("runtime error: index out of range [-1]");
  const decipher = createDecipheriv("aes-256-cbc", aesKey(password), crypt.subarray(0, AES_BLOCK));
  decipher.setAutoPadding(false);
  const plain = Buffer.concat([decipher.update(body), decipher.final()]);
  const end = plain.length - plain[plain.length - 1]!;
  if (end < 0) throw new FuncError(`runtime error: slice bounds out of range [:${end}]`);
  return fromUtf8(plain.subarray(0, end));
}

function buildCustomCert(b64cert: string, b64key: string): Certificate {
  let cert: string;
  let key: string;
  try {
    cert = fromUtf8(base64Decode(b64cert));
  } catch {
    throw new FuncError("unable to decode base64 certificate");
  }
  try {
    key = fromUtf8(base64Decode(b64key));
  } catch {
    throw new FuncError("unable to decode base64 private key");
  }
  const block = decodePem(cert);
  if (block === undefined) throw new FuncError("unable to decode certificate");
  try {
    new X509Certificate(Buffer.from(block.der));
  } catch {
    throw new FuncError(
      "error parsing certificate: decodedCert.Bytes: x509: malformed certificate",
    );
  }
  goErr("error parsing private key: ", () => parsePrivateKeyPem(key));
  return new Certificate(cert, key);
}

const KEY_TYPES = {
  "": "rsa",
  rsa: "rsa",
  dsa: "dsa",
  ecdsa: "ecdsa",
  ed25519: "ed25519",
} as const;

export const cryptoFuncs: FuncMap = {
  sha1sum: { params: ["string"], fn: hex("sha1") },
  sha256sum: { params: ["string"], fn: hex("sha256") },
  sha512sum: { params: ["string"], fn: hex("sha512") },
  adler32sum: { params: ["string"], fn: (s) => String(adler32(utf8(strArg(s)))) },
  bcrypt: { params: ["string"], fn: (s) => bcrypt(strArg(s)) },
  htpasswd: {
    params: ["string", "string"],
    fn: (user, password) => {
      const u = strArg(user);
      if (u.includes(":")) return `invalid username: ${u}`;
      return `${u}:${bcrypt(strArg(password))}`;
    },
  },
  derivePassword: {
    // counter is a uint32 in sprig.
    params: ["int", "string", "string", "string", "string"],
    fn: (counter, type, password, user, site) =>
      derivePassword(intArg(counter), strArg(type), strArg(password), strArg(user), strArg(site)),
  },
  genPrivateKey: {
    params: ["string"],
    fn: (type) => {
      const t = strArg(type);
      if (!Object.hasOwn(KEY_TYPES, t)) return `Unknown type ${t}`;
      return keyToPem(generateKey(KEY_TYPES[t as keyof typeof KEY_TYPES]));
    },
  },
  buildCustomCert: {
    params: ["string", "string"],
    fn: (cert, key) => buildCustomCert(strArg(cert), strArg(key)),
  },
  genCA: {
    params: ["string", "int"],
    fn: (cn, days) => issue(template(cn, null, null, days, true), newCertKey()),
  },
  genCAWithKey: {
    params: ["string", "int", "string"],
    fn: (cn, days, key) => issue(template(cn, null, null, days, true), pemKey(key)),
  },
  genSelfSignedCert: {
    params: ["string", "[]any", "[]any", "int"],
    fn: (cn, ips, dns, days) => issue(template(cn, ips, dns, days, false), newCertKey()),
  },
  genSelfSignedCertWithKey: {
    params: ["string", "[]any", "[]any", "int", "string"],
    fn: (cn, ips, dns, days, key) => issue(template(cn, ips, dns, days, false), pemKey(key)),
  },
  genSignedCert: {
    params: ["string", "[]any", "[]any", "int", "any"],
    fn: (cn, ips, dns, days, ca) => {
      const signer = certificateArg(ca);
      return issue(template(cn, ips, dns, days, false), newCertKey(), signer);
    },
  },
  genSignedCertWithKey: {
    params: ["string", "[]any", "[]any", "int", "any", "string"],
    fn: (cn, ips, dns, days, ca, key) => {
      const signer = certificateArg(ca);
      return issue(template(cn, ips, dns, days, false), pemKey(key), signer);
    },
  },
  encryptAES: {
    params: ["string", "string"],
    fn: (password, text) => encryptAES(strArg(password), strArg(text)),
  },
  decryptAES: {
    params: ["string", "string"],
    fn: (password, text) => decryptAES(strArg(password), strArg(text)),
  },
};
