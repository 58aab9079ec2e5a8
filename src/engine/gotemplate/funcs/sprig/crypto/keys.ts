/**
 * Private keys as sprig makes and reads them: generated with node:crypto, written in the PEM
 * formats Go uses (PKCS#1 "RSA PRIVATE KEY", SEC 1 "EC PRIVATE KEY", PKCS#8 "PRIVATE KEY" for
 * ed25519, and sprig's own ASN.1 "DSA PRIVATE KEY" {0, P, Q, G, Y, X}).
 */
import {
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  type KeyObject,
} from "node:crypto";
import { children, decodePem, int, octets, oid, pem, read, readInt, seq } from "./asn1.js";

const DSA_OID = "1.2.840.10040.4.1";

export class KeyError extends Error {}

/** genPrivateKey's key types; "" means rsa. */
export function generateKey(type: "rsa" | "dsa" | "ecdsa" | "ed25519", rsaBits = 4096): KeyObject {
  switch (type) {
    case "rsa":
      return generateKeyPairSync("rsa", { modulusLength: rsaBits }).privateKey;
    case "dsa":
      return generateKeyPairSync("dsa", { modulusLength: 2048, divisorLength: 256 }).privateKey;
    case "ecdsa":
      return generateKeyPairSync("ec", { namedCurve: "P-256" }).privateKey;
    case "ed25519":
      return generateKeyPairSync("ed25519").privateKey;
  }
}

/** Go's pemBlockForKey. */
export function keyToPem(key: KeyObject): string {
  switch (key.asymmetricKeyType) {
    case "rsa":
      return pem("RSA PRIVATE KEY", der(key, "pkcs1"));
    case "ec":
      return pem("EC PRIVATE KEY", der(key, "sec1"));
    case "dsa":
      return pem("DSA PRIVATE KEY", dsaKeyFormat(key));
    default:
      return pem("PRIVATE KEY", der(key, "pkcs8"));
  }
}

function der(key: KeyObject, type: "pkcs1" | "sec1" | "pkcs8"): Uint8Array {
  return new Uint8Array(key.export({ format: "der", type }));
}

/** sprig's DSAKeyFormat {Version, P, Q, G, Y, X}, from Node's PKCS#8 and SPKI encodings. */
function dsaKeyFormat(key: KeyObject): Uint8Array {
  const [, algorithm, privateKey] = children(read(der(key, "pkcs8")));
  const [p, q, g] = children(children(algorithm!)[1]!).map(readInt);
  const x = readInt(read(privateKey!.content));
  const spki = new Uint8Array(createPublicKey(key).export({ format: "der", type: "spki" }));
  const bits = children(read(spki))[1]!;
  const y = readInt(read(bits.content.subarray(1)));
  return seq(int(0), int(p!), int(q!), int(g!), int(y), int(x));
}

/** The PKCS#8 encoding Node reads, for a key in sprig's DSA format. */
function dsaFromKeyFormat(bytes: Uint8Array): KeyObject {
  const [, p, q, g, , x] = children(read(bytes)).map(readInt);
  if (x === undefined) throw new KeyError("asn1: syntax error: sequence truncated");
  const algorithm = seq(oid(DSA_OID), seq(int(p!), int(q!), int(g!)));
  const pkcs8 = seq(int(0), algorithm, octets(int(x)));
  return createPrivateKey({ key: Buffer.from(pkcs8), format: "der", type: "pkcs8" });
}

/** sprig's parsePrivateKeyPEM, with its error texts. */
export function parsePrivateKeyPem(text: string): KeyObject {
  const block = decodePem(text);
  if (block === undefined) throw new KeyError("no PEM data in input");
  const load = (type: "pkcs8" | "pkcs1" | "sec1", what: string): KeyObject => {
    try {
      return createPrivateKey({ key: Buffer.from(block.der), format: "der", type });
    } catch (e) {
      throw new KeyError(`${what}: ${goCryptoMessage(e)}`);
    }
  };
  if (block.type === "PRIVATE KEY") return load("pkcs8", "decoding PEM as PKCS#8");
  if (!block.type.endsWith(" PRIVATE KEY"))
    throw new KeyError(`no private key data in PEM block of type ${block.type}`);
  switch (block.type.slice(0, -" PRIVATE KEY".length)) {
    case "RSA":
      return load("pkcs1", "parsing RSA private key from PEM");
    case "EC":
      return load("sec1", "parsing EC private key from PEM");
    case "DSA":
      try {
        return dsaFromKeyFormat(block.der);
      } catch (e) {
        throw new KeyError(`parsing DSA private key from PEM: ${goCryptoMessage(e)}`);
      }
    default:
      throw new KeyError(`invalid private key type ${block.type}`);
  }
}

// Go's x509 parsers word their errors differently from OpenSSL; the prefix is what charts see.
function goCryptoMessage(e: unknown): string {
  return e instanceof KeyError ? e.message : "x509: malformed private key";
}

/** The SubjectPublicKeyInfo of a private key's public half (Go's MarshalPKIXPublicKey). */
export function publicKeyInfo(key: KeyObject): Uint8Array {
  return new Uint8Array(createPublicKey(key).export({ format: "der", type: "spki" }));
}
