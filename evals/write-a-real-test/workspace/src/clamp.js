/** `value` limited to the range [min, max]. */
export function clamp(value, min, max) {
  if (min > max) throw new RangeError('min is greater than max');
  return Math.min(Math.max(value, min), max);
}
