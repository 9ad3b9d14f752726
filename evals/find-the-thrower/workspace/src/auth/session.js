import { verifySignature } from './tokens.js';

export function openSession(token) {
  const claims = verifySignature(token);
  return { user: claims.sub, expires: claims.exp };
}
