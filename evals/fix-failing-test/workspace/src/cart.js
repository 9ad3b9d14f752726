export function total(items) {
  let sum = 0;
  for (const item of items) {
    sum += item.price;
  }
  return sum;
}

export function totalWithTax(items, rate) {
  return Math.round(total(items) * (1 + rate) * 100) / 100;
}
