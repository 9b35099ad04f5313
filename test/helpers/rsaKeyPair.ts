import { generateKeyPairSync } from 'node:crypto';

/** A 2048-bit RSA key pair as PEM (SPKI public, PKCS#8 private), made for one test run and never stored. */
export function rsaKeyPair(): { publicKey: string; privateKey: string } {
  return generateKeyPairSync('rsa', { modulusLength: 2048, publicKeyEncoding: { type: 'spki', format: 'pem' }, privateKeyEncoding: { type: 'pkcs8', format: 'pem' } });
}
