/**
 * X.509 certificates as sprig's genCA / genSelfSignedCert / genSignedCert get them from Go's
 * x509.CreateCertificate: the same fields and extensions in the same order (key usage, extended
 * key usage server+client auth, basic constraints, a subject key id for CAs — the first 160 bits of
 * SHA-256 of the public key, as Go 1.25 computes it — an authority key id from the parent, and
 * subject alternative names: DNS names, then IPs), signed with node:crypto.
 */
import { X509Certificate, createHash, randomBytes, sign, type KeyObject } from "node:crypto";
import {
  bitString,
  bool,
  children,
  explicit,
  goString,
  int,
  nul,
  octets,
  oid,
  pem,
  read,
  readOid,
  seq,
  set,
  time,
  tlv,
} from "./asn1.js";
import { publicKeyInfo } from "./keys.js";

export class CertError extends Error {}

/** What a signed certificate takes from its issuer's certificate. */
export interface Issuer {
  subject: Uint8Array;
  subjectKeyId: Uint8Array | undefined;
  publicKeyInfo: Uint8Array;
}

export interface CertTemplate {
  commonName: string;
  /** Parsed IP addresses (4 or 16 bytes). */
  ips: Uint8Array[];
  dnsNames: string[];
  daysValid: number;
  isCA: boolean;
}

const OID = {
  commonName: "2.5.4.3",
  keyUsage: "2.5.29.15",
  extKeyUsage: "2.5.29.37",
  basicConstraints: "2.5.29.19",
  subjectKeyId: "2.5.29.14",
  authorityKeyId: "2.5.29.35",
  subjectAltName: "2.5.29.17",
  serverAuth: "1.3.6.1.5.5.7.3.1",
  clientAuth: "1.3.6.1.5.5.7.3.2",
};

const equalBytes = (a: Uint8Array, b: Uint8Array): boolean =>
  a.length === b.length && a.every((x, i) => x === b[i]);

/** Go's signature algorithm for a signing key (x509.signingParamsForKey). */
function signatureAlgorithm(key: KeyObject): { algorithm: Uint8Array; hash: string | null } {
  switch (key.asymmetricKeyType) {
    case "rsa":
      return { algorithm: seq(oid("1.2.840.113549.1.1.11"), nul()), hash: "sha256" };
    case "ec": {
      const curve = key.asymmetricKeyDetails?.namedCurve;
      if (curve === "secp384r1")
        return { algorithm: seq(oid("1.2.840.10045.4.3.3")), hash: "sha384" };
      if (curve === "secp521r1")
        return { algorithm: seq(oid("1.2.840.10045.4.3.4")), hash: "sha512" };
      return { algorithm: seq(oid("1.2.840.10045.4.3.2")), hash: "sha256" };
    }
    case "ed25519":
      return { algorithm: seq(oid("1.3.101.112")), hash: null };
    default:
      // A DSA key cannot sign in Go's x509 (it is no crypto.Signer).
      throw new CertError("x509: certificate private key does not implement crypto.Signer");
  }
}

function name(commonName: string): Uint8Array {
  // pkix.Name leaves an empty CommonName out: the name is then an empty sequence.
  if (commonName === "") return seq();
  return seq(set(seq(oid(OID.commonName), goString(commonName))));
}

function extension(id: string, critical: boolean, value: Uint8Array): Uint8Array {
  return critical ? seq(oid(id), bool(true), octets(value)) : seq(oid(id), octets(value));
}

/** KeyUsage bits as Go marshals them: bit 0 first, trailing zero bits trimmed. */
function keyUsage(isCA: boolean): Uint8Array {
  // DigitalSignature (0) | KeyEncipherment (2) [| CertSign (5)]
  return isCA ? bitString(Uint8Array.of(0xa4), 2) : bitString(Uint8Array.of(0xa0), 5);
}

function subjectAltNames(dnsNames: string[], ips: Uint8Array[]): Uint8Array {
  const names: Uint8Array[] = [];
  for (const dns of dnsNames) {
    // eslint-disable-next-line no-control-regex
    if (!/^[\x00-\x7f]*$/.test(dns))
      throw new CertError(`x509: ${JSON.stringify(dns)} cannot be encoded as an IA5String`);
    names.push(
      tlv(
        0x82,
        Uint8Array.from(dns, (c) => c.charCodeAt(0)),
      ),
    );
  }
  for (const ip of ips) names.push(tlv(0x87, ip));
  return seq(...names);
}

/** Go's rand.Int(2^128): a serial below 2^128. */
function serialNumber(): bigint {
  return BigInt(`0x${randomBytes(16).toString("hex")}`);
}

/** Builds and signs a certificate; issuer undefined = self-signed. Returns its PEM. */
export function createCertificate(
  template: CertTemplate,
  subjectKey: KeyObject,
  signerKey: KeyObject,
  issuer?: Issuer,
): string {
  const { algorithm, hash } = signatureAlgorithm(signerKey);
  const spki = publicKeyInfo(subjectKey);
  if (issuer !== undefined && !equalBytes(publicKeyInfo(signerKey), issuer.publicKeyInfo))
    throw new CertError("x509: provided PrivateKey doesn't match parent's PublicKey");
  const subject = name(template.commonName);
  const issuerName = issuer?.subject ?? subject;

  const now = Date.now();
  const notBefore = new Date(now);
  const notAfter = new Date(now + template.daysValid * 24 * 3600 * 1000);

  const extensions: Uint8Array[] = [
    extension(OID.keyUsage, true, keyUsage(template.isCA)),
    extension(OID.extKeyUsage, false, seq(oid(OID.serverAuth), oid(OID.clientAuth))),
    extension(OID.basicConstraints, true, template.isCA ? seq(bool(true)) : seq()),
  ];
  if (template.isCA) {
    const keyBits = children(read(spki))[1]!.content.subarray(1);
    const skid = createHash("sha256").update(keyBits).digest().subarray(0, 20);
    extensions.push(extension(OID.subjectKeyId, false, octets(skid)));
  }
  // Go names the parent's key id unless the certificate's issuer and subject are the same name.
  if (issuer?.subjectKeyId !== undefined && !equalBytes(issuerName, subject))
    extensions.push(extension(OID.authorityKeyId, false, seq(tlv(0x80, issuer.subjectKeyId))));
  if (template.dnsNames.length > 0 || template.ips.length > 0)
    extensions.push(
      extension(
        OID.subjectAltName,
        template.commonName === "",
        subjectAltNames(template.dnsNames, template.ips),
      ),
    );

  const tbs = seq(
    explicit(0, int(2)),
    int(serialNumber()),
    algorithm,
    issuerName,
    seq(time(notBefore), time(notAfter)),
    subject,
    spki,
    explicit(3, seq(...extensions)),
  );
  const signature = sign(hash, tbs, signerKey);
  return pem("CERTIFICATE", seq(tbs, algorithm, bitString(new Uint8Array(signature))));
}

/** The issuer details of a CA certificate in DER (Go reads them with x509.ParseCertificate). */
export function issuerOf(der: Uint8Array): Issuer {
  try {
    // Node validates the whole structure; its failure text is OpenSSL's, so only the fact is kept.
    new X509Certificate(Buffer.from(der));
  } catch {
    throw new CertError("x509: malformed certificate");
  }
  const tbs = children(children(read(der))[0]!);
  const fields = tbs[0]!.tag === 0xa0 ? tbs.slice(1) : tbs;
  const subject = fields[4]!.raw;
  const spki = fields[5]!.raw;
  let subjectKeyId: Uint8Array | undefined;
  const exts = fields.find((f) => f.tag === 0xa3);
  if (exts !== undefined) {
    for (const ext of children(children(exts)[0]!)) {
      const parts = children(ext);
      if (readOid(parts[0]!) === OID.subjectKeyId) {
        const value = parts[parts.length - 1]!.content;
        subjectKeyId = read(value).content;
      }
    }
  }
  return { subject, subjectKeyId, publicKeyInfo: spki };
}
