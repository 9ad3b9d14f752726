export const cache = new Map();
// TODO: evict old entries
