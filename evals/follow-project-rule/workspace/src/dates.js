/**
 * Days in a month of a year (month 1 to 12).
 * @example daysInMonth(2024, 2) // 29
 */
export function daysInMonth(year, month) {
  return new Date(year, month, 0).getDate();
}
