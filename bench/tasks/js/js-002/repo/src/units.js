/** Unit conversions and rounding used by the rate tables. */

const GRAMS_PER_UNIT = { g: 1, kg: 1000, lb: 453.59237, oz: 28.349523125 };

/** Convert a weight in `unit` (g, kg, lb or oz) to kilograms. */
export function toKilograms(value, unit = "kg") {
  const factor = GRAMS_PER_UNIT[unit];
  if (factor === undefined) throw new Error(`unknown weight unit: ${unit}`);
  if (!(value >= 0)) throw new Error(`weight must be a non-negative number, got ${value}`);
  return (value * factor) / 1000;
}

/** Carriers charge big light boxes by volume: length x width x height (cm) / divisor, in kg. */
export function volumetricWeight({ length, width, height }, divisor = 5000) {
  return (length * width * height) / divisor;
}

/** Round up to the next multiple of `step` (with a little tolerance for float noise). */
export function roundUpTo(value, step) {
  return Math.ceil(value / step - 1e-9) * step;
}

/** Cents to a '12.34' string. */
export function formatCents(cents) {
  const sign = cents < 0 ? "-" : "";
  const abs = Math.abs(cents);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, "0")}`;
}
