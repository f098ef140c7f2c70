/**
 * Shipping quotes.
 *
 * The charged weight is the larger of the real and the volumetric weight,
 * rounded up to the next half kilogram. Each zone has a base price (cents)
 * covering the first kilogram and a price per extra started half kilogram.
 */

import { formatCents, roundUpTo, toKilograms, volumetricWeight } from "./units.js";
import { zoneFor } from "./zones.js";

export const TARIFF = {
  domestic: { base: 690, perHalfKg: 90, maxKg: 30 },
  europe: { base: 1450, perHalfKg: 210, maxKg: 30 },
  "europe-plus": { base: 1890, perHalfKg: 260, maxKg: 30 },
  world: { base: 2990, perHalfKg: 480, maxKg: 20 },
};

/** Surcharges in cents, applied after the weight price. */
export const SURCHARGES = { signature: 250, insurance: 400 };

/** The weight the carrier bills for, in kg, a multiple of 0.5. */
export function chargedWeight(parcel) {
  const real = toKilograms(parcel.weight, parcel.unit ?? "kg");
  const volume = parcel.dimensions ? volumetricWeight(parcel.dimensions) : 0;
  return Math.max(0.5, roundUpTo(Math.max(real, volume), 0.5));
}

/**
 * Quote one parcel: { weight, unit?, dimensions?, country, options? }.
 * Returns { zone, kg, cents, price } or throws when the parcel is too heavy.
 */
export function quote(parcel) {
  const zone = zoneFor(parcel.country);
  const tariff = TARIFF[zone];
  const kg = chargedWeight(parcel);
  if (kg > tariff.maxKg) {
    throw new Error(`parcel of ${kg} kg is over the ${tariff.maxKg} kg limit for ${zone}`);
  }
  const extraHalves = Math.max(0, Math.round((kg - 1) / 0.5));
  let cents = tariff.base + extraHalves * tariff.perHalfKg;
  for (const option of parcel.options ?? []) {
    if (!(option in SURCHARGES)) throw new Error(`unknown option: ${option}`);
    cents += SURCHARGES[option];
  }
  return { zone, kg, cents, price: formatCents(cents) };
}

/** Quote several parcels going to the same place; returns the total and each quote. */
export function quoteAll(parcels) {
  const quotes = parcels.map(quote);
  const cents = quotes.reduce((sum, q) => sum + q.cents, 0);
  return { quotes, cents, price: formatCents(cents) };
}
