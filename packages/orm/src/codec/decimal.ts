import { Decimal } from 'decimal.js';

export { Decimal };

/** True for a decimal.js value, also one from another copy of the library. */
export function isDecimal(v: unknown): v is Decimal {
  return v instanceof Decimal || Decimal.isDecimal(v);
}
