import { verifySignature } from './tokens.js';

export function logIn(token) {
  const claims = verifySignature(token);
  return { user: claims.sub, expires: claims.exp };
}
