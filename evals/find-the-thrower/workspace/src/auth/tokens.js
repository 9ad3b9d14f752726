export function decodeToken(token) {
  const [, payload] = token.split('.');
  return JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
}

export function verifySignature(token) {
  if (token.split('.').length !== 3) {
    throw new Error('invalid token');
  }
  return decodeToken(token);
}
