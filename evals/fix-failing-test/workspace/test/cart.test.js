import { test } from 'node:test';
import assert from 'node:assert/strict';
import { total, totalWithTax } from '../src/cart.js';

test('total multiplies price by quantity', () => {
  assert.equal(total([{ price: 2, quantity: 3 }, { price: 1.5, quantity: 2 }]), 9);
});

test('totalWithTax adds the rate', () => {
  assert.equal(totalWithTax([{ price: 10, quantity: 2 }], 0.2), 24);
});
