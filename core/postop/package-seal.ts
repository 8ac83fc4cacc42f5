/**
 * Sealing and signing of scenario packages (package.ts says what is sealed and why): AES-256-GCM
 * with a key from a passphrase by scrypt (parameters stored beside the salt, with a ceiling when
 * reading so hostile parameters cannot exhaust memory), bound to the package by associated data;
 * Ed25519 signatures over the manifest's canonical JSON.
 */
import { createCipheriv, createDecipheriv, createHash, createPrivateKey, createPublicKey, randomBytes, scryptSync, verify, type KeyObject } from 'node:crypto';
import stringify from 'safe-stable-stringify';
import * as z from 'zod';
import { PostopError } from './errors';

/** scrypt cost for new packages: N = 2^17, r = 8, p = 1 (128 MiB, OWASP's recommended minimum). */
export const SCRYPT = { N: 2 ** 17, r: 8, p: 1 } as const;
/** Ceiling on a package's scrypt cost when reading it. */
export const MAX_SCRYPT_N = 2 ** 20;

export const Sealed = z.object({
  alg: z.literal('aes-256-gcm'),
  kdf: z.object({ name: z.literal('scrypt'), N: z.number().int().min(2).max(MAX_SCRYPT_N), r: z.number().int().min(1).max(32), p: z.number().int().min(1).max(16), salt: z.string() }),
  iv: z.string(), tag: z.string(), data: z.string(),
});
export type Sealed = z.infer<typeof Sealed>;

export const Signature = z.object({ alg: z.literal('ed25519'), publicKey: z.string(), value: z.string() });

/** What binds sealed outcomes and a signature to one package: its manifest's canonical JSON. */
export const manifestBytes = (m: object) => Buffer.from(stringify(m)!, 'utf8');
const manifestDigest = (m: object) => createHash('sha256').update(manifestBytes(m)).digest();

const scryptKey = (passphrase: string, salt: Buffer, k: { N: number; r: number; p: number }) =>
  scryptSync(passphrase, salt, 32, { N: k.N, r: k.r, p: k.p, maxmem: 256 * k.N * k.r + 1024 * 1024 });

/** Associated data of the reveal blob (the manifest digest) and of phase k's blob (digest then "phase:k"). */
export const sealAad = (manifest: object, phase?: number) => (phase === undefined ? manifestDigest(manifest) : Buffer.concat([manifestDigest(manifest), Buffer.from(`phase:${phase}`, 'utf8')]));

export function seal(contents: object, passphrase: string, aad: Buffer): Sealed {
  const salt = randomBytes(16); const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', scryptKey(passphrase, salt, SCRYPT), iv);
  cipher.setAAD(aad);
  const data = Buffer.concat([cipher.update(JSON.stringify(contents), 'utf8'), cipher.final()]);
  return { alg: 'aes-256-gcm', kdf: { name: 'scrypt', ...SCRYPT, salt: salt.toString('base64') }, iv: iv.toString('base64'), tag: cipher.getAuthTag().toString('base64'), data: data.toString('base64') };
}

export function unseal<T>(s: Sealed, passphrase: string, aad: Buffer, refusal: string): T {
  try {
    const decipher = createDecipheriv('aes-256-gcm', scryptKey(passphrase, Buffer.from(s.kdf.salt, 'base64'), s.kdf), Buffer.from(s.iv, 'base64'));
    decipher.setAAD(aad);
    decipher.setAuthTag(Buffer.from(s.tag, 'base64'));
    return JSON.parse(Buffer.concat([decipher.update(Buffer.from(s.data, 'base64')), decipher.final()]).toString('utf8')) as T;
  } catch {
    throw new PostopError(refusal);
  }
}

/** Who signed: the SHA-256 of the signer's public key (DER), as "SHA256:" and 64 hex digits. */
export interface Signer { fingerprint: string; publicKeyPem: string }

export function keyFingerprint(key: KeyObject): string {
  return `SHA256:${createHash('sha256').update((key.type === 'public' ? key : createPublicKey(key)).export({ type: 'spki', format: 'der' })).digest('hex')}`;
}

export function signerOf(pem: string): KeyObject {
  let key: KeyObject;
  try { key = createPrivateKey(pem); } catch (e) { throw new PostopError(`the signing key is not a readable private key: ${(e as Error).message}`); }
  if (key.asymmetricKeyType !== 'ed25519') throw new PostopError(`the signing key must be Ed25519, not ${key.asymmetricKeyType}`);
  return key;
}

export function checkSignature(raw: unknown, manifest: object, required: string | undefined): Signer | null {
  if (raw === undefined) {
    if (required) throw new PostopError({ key: 'package.unsigned', params: { signer: required } });
    return null;
  }
  const sig = Signature.safeParse(raw);
  if (!sig.success) throw new PostopError('package refused: its signature block is malformed');
  let key: KeyObject;
  try { key = createPublicKey(sig.data.publicKey); } catch { throw new PostopError('package refused: its signer key is not readable'); }
  if (key.asymmetricKeyType !== 'ed25519') throw new PostopError('package refused: its signature is not Ed25519');
  if (!verify(null, manifestBytes(manifest), key, Buffer.from(sig.data.value, 'base64'))) throw new PostopError({ key: 'package.badSignature' });
  const fingerprint = keyFingerprint(key);
  if (required && required !== fingerprint) throw new PostopError({ key: 'package.wrongSigner', params: { signer: fingerprint, required } });
  return { fingerprint, publicKeyPem: sig.data.publicKey };
}

