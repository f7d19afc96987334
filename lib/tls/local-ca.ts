// A local certificate authority and a server certificate made on first start and kept on disk, so HTTPS just works.
import { webcrypto } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { isIP } from 'node:net';
import { join } from 'node:path';
import 'reflect-metadata';
import * as x509 from '@peculiar/x509';
import { ensureDataDir } from '../data-dir.js';

x509.cryptoProvider.set(webcrypto as unknown as Crypto);

const KEY_ALGORITHM = { name: 'ECDSA', namedCurve: 'P-256' } as const;
const SIGNING_ALGORITHM = { name: 'ECDSA', hash: 'SHA-256' } as const;
const DAY_MS = 86_400_000;
/** Apple refuses TLS server certificates valid for more than 825 days; 397 keeps every platform happy. */
const SERVER_VALIDITY_DAYS = 397;
const CA_VALIDITY_DAYS = 3650;
/** A server certificate this close to expiry is issued anew at start. */
const RENEW_BEFORE_DAYS = 30;

export interface LocalTlsFiles {
  /** The CA certificate clients trust (NODE_EXTRA_CA_CERTS, curl --cacert, the OS store). */
  caPath: string;
  certPath: string;
  keyPath: string;
}

export interface TlsMaterial {
  cert: string;
  key: string;
  /** The CA certificate PEM, when mdmsim made it (absent for a certificate of your own). */
  ca?: string;
  files: Partial<LocalTlsFiles>;
  /** What happened at start: made anew, reused from disk, or given by the operator. */
  origin: 'created' | 'reused' | 'renewed' | 'provided';
}

export function localTlsFiles(dataDir: string): LocalTlsFiles & { caKeyPath: string } {
  const dir = join(dataDir, 'tls');
  return {
    caPath: join(dir, 'ca.pem'),
    caKeyPath: join(dir, 'ca-key.pem'),
    certPath: join(dir, 'server.pem'),
    keyPath: join(dir, 'server-key.pem'),
  };
}

/**
 * The local CA and a server certificate naming every host: reused when the files on disk still name them all and
 * are not about to expire, otherwise a new server certificate from the same CA (so a trusted CA stays trusted).
 */
export async function ensureLocalTls(dataDir: string, hosts: readonly string[]): Promise<TlsMaterial> {
  const files = localTlsFiles(dataDir);
  // The CA's private key goes here: the folder keeps itself out of git before it is written.
  await ensureDataDir(dataDir);
  await mkdir(join(dataDir, 'tls'), { recursive: true, mode: 0o700 });
  const names = [...new Set(hosts.map((host) => host.trim().toLowerCase()).filter(Boolean))];

  let ca = await readCa(files.caPath, files.caKeyPath);
  const createdCa = ca === null;
  if (!ca) {
    ca = await createCa();
    await writePrivate(files.caKeyPath, await privateKeyPem(ca.keys.privateKey));
    await writePublic(files.caPath, ca.cert.toString('pem'));
  }
  const caPem = ca.cert.toString('pem');

  const existing = createdCa ? null : await readIfPresent(files.certPath);
  const existingKey = createdCa ? null : await readIfPresent(files.keyPath);
  if (existing && existingKey && (await stillGood(existing, ca.cert, names))) {
    return { cert: existing, key: existingKey, ca: caPem, files, origin: 'reused' };
  }
  const server = await issueServerCertificate(ca, names);
  const key = await privateKeyPem(server.keys.privateKey);
  await writePrivate(files.keyPath, key);
  await writePublic(files.certPath, server.cert.toString('pem'));
  return {
    cert: server.cert.toString('pem'),
    key,
    ca: caPem,
    files,
    origin: createdCa || !existing ? 'created' : 'renewed',
  };
}

interface Issued {
  cert: x509.X509Certificate;
  keys: CryptoKeyPair;
}

async function createCa(): Promise<Issued> {
  const keys = await webcrypto.subtle.generateKey(KEY_ALGORITHM, true, ['sign', 'verify']);
  const now = Date.now();
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: randomSerial(),
    name: `CN=mdmsim local CA ${new Date(now).toISOString().slice(0, 10)}, O=mdmsim`,
    notBefore: new Date(now - DAY_MS),
    notAfter: new Date(now + CA_VALIDITY_DAYS * DAY_MS),
    keys,
    signingAlgorithm: SIGNING_ALGORITHM,
    extensions: [
      new x509.BasicConstraintsExtension(true, 0, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
    ],
  });
  return { cert, keys };
}

async function issueServerCertificate(ca: Issued, names: readonly string[]): Promise<Issued> {
  const keys = await webcrypto.subtle.generateKey(KEY_ALGORITHM, true, ['sign', 'verify']);
  const now = Date.now();
  const dnsNames = names.filter((name) => isIP(name) === 0);
  const cert = await x509.X509CertificateGenerator.create({
    serialNumber: randomSerial(),
    subject: `CN=${dnsNames[0] ?? 'localhost'}, O=mdmsim`,
    issuer: ca.cert.subject,
    notBefore: new Date(now - DAY_MS),
    notAfter: new Date(now + SERVER_VALIDITY_DAYS * DAY_MS),
    signingKey: ca.keys.privateKey,
    publicKey: keys.publicKey,
    signingAlgorithm: SIGNING_ALGORITHM,
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
      new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth]),
      new x509.SubjectAlternativeNameExtension(
        names.map(
          (name): x509.JsonGeneralName =>
            isIP(name) === 0 ? { type: 'dns', value: name } : { type: 'ip', value: name },
        ),
      ),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
      await x509.AuthorityKeyIdentifierExtension.create(ca.keys.publicKey),
    ],
  });
  return { cert, keys };
}

/** The server certificate on disk is issued by this CA, names every host and is not about to expire. */
async function stillGood(pem: string, caCert: x509.X509Certificate, names: readonly string[]) {
  try {
    const cert = new x509.X509Certificate(pem);
    if (cert.notAfter.getTime() - Date.now() < RENEW_BEFORE_DAYS * DAY_MS) return false;
    if (!(await cert.verify({ publicKey: caCert.publicKey, signatureOnly: true }))) return false;
    const san = cert.getExtension(x509.SubjectAlternativeNameExtension);
    const covered = new Set((san?.names.items ?? []).map((item) => canonicalName(item.value)));
    return names.every((name) => covered.has(canonicalName(name)));
  } catch {
    return false;
  }
}

/** One spelling per address, so "::1" and "0:0::1" compare equal. */
function canonicalName(name: string): string {
  return isIP(name) === 6 ? new URL(`http://[${name}]`).hostname.slice(1, -1) : name.toLowerCase();
}

async function readCa(certPath: string, keyPath: string): Promise<Issued | null> {
  const [certPem, keyPem] = await Promise.all([readIfPresent(certPath), readIfPresent(keyPath)]);
  if (!certPem || !keyPem) return null;
  const cert = new x509.X509Certificate(certPem);
  const privateKey = await webcrypto.subtle.importKey(
    'pkcs8',
    x509.PemConverter.decodeFirst(keyPem),
    KEY_ALGORITHM,
    true,
    ['sign'],
  );
  const publicKey = await cert.publicKey.export(KEY_ALGORITHM, ['verify'], webcrypto as unknown as Crypto);
  return { cert, keys: { privateKey, publicKey } };
}

async function privateKeyPem(key: CryptoKey): Promise<string> {
  const der = await webcrypto.subtle.exportKey('pkcs8', key);
  return x509.PemConverter.encode(der, 'PRIVATE KEY');
}

function randomSerial(): string {
  const bytes = webcrypto.getRandomValues(new Uint8Array(16));
  bytes[0] = (bytes[0] ?? 0) & 0x7f;
  return Buffer.from(bytes).toString('hex');
}

async function readIfPresent(path: string): Promise<string | null> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

/** Written to a temporary name, then renamed, so a crash never leaves half a key. */
async function writePrivate(path: string, content: string) {
  await writeFile(`${path}.tmp`, content, { mode: 0o600 });
  await rename(`${path}.tmp`, path);
}

async function writePublic(path: string, content: string) {
  await writeFile(`${path}.tmp`, content, { mode: 0o644 });
  await rename(`${path}.tmp`, path);
}
