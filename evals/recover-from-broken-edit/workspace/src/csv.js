/** Splits CSV text into rows of fields (no quoting). */
export function parseCsv(text, options = {}) {
  const rows = text.split('\n').filter((line) => line !== '');
  return rows.map((line) => {
    const fields = line.split(',');
    if (options.trim {
      return fields.map((field) => field.trim());
    }
    return fields;
  });
}
