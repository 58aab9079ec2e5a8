/**
 * The sandbox's TLS certificate: a fresh key pair per start and a self-signed certificate for
 * 127.0.0.1 and localhost, which the kubeconfig carries as the cluster's certificate authority.
 * TLS is not optional here: client-go (kubectl, helm) sends a kubeconfig's token only over https,
 * and with the certificate pinned a client knows it reached this sandbox and not whatever else
 * listens on the port now. node:crypto makes the keys and the signature but writes no
 * certificates, so the few DER structures of one (RFC 5280) are laid out below.
 */
import { generateKeyPairSync, randomBytes, sign } from "node:crypto";

/** DER: a tag, the definite length of the contents, the contents. */
function der(tag: number, ...contents: Buffer[]): Buffer {
  const body = Buffer.concat(contents);
  const n = body.length;
  let length: Buffer;
  if (n < 0x80) length = Buffer.from([n]);
  else {
    const bytes: number[] = [];
    for (let v = n; v > 0; v = Math.floor(v / 256)) bytes.unshift(v % 256);
    length = Buffer.from([0x80 | bytes.length, ...bytes]);
  }
  return Buffer.concat([Buffer.from([tag]), length, body]);
}

const sequence = (...items: Buffer[]): Buffer => der(0x30, ...items);
const set = (...items: Buffer[]): Buffer => der(0x31, ...items);

/** An OBJECT IDENTIFIER from its dotted form. */
function oid(dotted: string): Buffer {
  const [first = 0, second = 0, ...rest] = dotted.split(".").map(Number);
  const bytes = [first * 40 + second];
  for (const arc of rest) {
    const groups: number[] = [];
    for (let v = arc; ; v = Math.floor(v / 128)) {
      groups.unshift(v % 128);
      if (v < 128) break;
    }
    groups.forEach((g, i) => bytes.push(i < groups.length - 1 ? g | 0x80 : g));
  }
  return der(0x06, Buffer.from(bytes));
}

/** UTCTime, YYMMDDHHMMSSZ (dates before 2050). */
function utcTime(d: Date): Buffer {
  const iso = d.toISOString();
  const text = `${iso.slice(2, 4)}${iso.slice(5, 7)}${iso.slice(8, 10)}${iso.slice(11, 13)}${iso.slice(14, 16)}${iso.slice(17, 19)}Z`;
  return der(0x17, Buffer.from(text, "ascii"));
}

const ECDSA_WITH_SHA256 = sequence(oid("1.2.840.10045.4.3.2"));
const NAME = sequence(
  set(sequence(oid("2.5.4.3"), der(0x0c, Buffer.from("wheelhouse sandbox", "utf8")))),
);

/** subjectAltName: IP 127.0.0.1 and DNS localhost, the names the sandbox answers to. */
const SUBJECT_ALT_NAME = sequence(
  oid("2.5.29.17"),
  der(0x04, sequence(der(0x87, Buffer.from([127, 0, 0, 1])), der(0x82, Buffer.from("localhost")))),
);
/** basicConstraints CA:TRUE (critical): the certificate is its own authority. */
const BASIC_CONSTRAINTS = sequence(
  oid("2.5.29.19"),
  der(0x01, Buffer.from([0xff])),
  der(0x04, sequence(der(0x01, Buffer.from([0xff])))),
);

export interface Certificate {
  /** The certificate, PEM: the kubeconfig's certificate-authority-data. */
  cert: string;
  /** Its private key, PEM (kept in memory only). */
  key: string;
}

const pem = (label: string, body: Buffer): string =>
  `-----BEGIN ${label}-----\n${(body.toString("base64").match(/.{1,64}/g) ?? []).join("\n")}\n-----END ${label}-----\n`;

/** A new P-256 key and a self-signed certificate for it, valid from an hour ago for a year. */
export function selfSignedCertificate(now = new Date()): Certificate {
  const { publicKey, privateKey } = generateKeyPairSync("ec", { namedCurve: "prime256v1" });
  const serial = randomBytes(16);
  serial[0] = ((serial[0] ?? 0) & 0x7f) | 0x40; // positive, and no leading zero byte to drop
  const tbs = sequence(
    der(0xa0, der(0x02, Buffer.from([2]))), // version 3
    der(0x02, serial),
    ECDSA_WITH_SHA256,
    NAME,
    sequence(
      utcTime(new Date(now.getTime() - 3600_000)),
      utcTime(new Date(now.getTime() + 365 * 86400_000)),
    ),
    NAME,
    publicKey.export({ type: "spki", format: "der" }),
    der(0xa3, sequence(SUBJECT_ALT_NAME, BASIC_CONSTRAINTS)),
  );
  const signature = sign("sha256", tbs, { key: privateKey, dsaEncoding: "der" });
  const certificate = sequence(tbs, ECDSA_WITH_SHA256, der(0x03, Buffer.from([0]), signature));
  return {
    cert: pem("CERTIFICATE", certificate),
    key: privateKey.export({ type: "pkcs8", format: "pem" }).toString(),
  };
}
