/** Destination zones by ISO country code. */

const ZONES = {
  domestic: ["FR"],
  europe: ["BE", "DE", "ES", "IT", "LU", "NL", "PT", "AT", "IE"],
  "europe-plus": ["CH", "GB", "NO", "SE", "DK", "PL", "CZ"],
};

export function zoneFor(country) {
  const code = String(country).trim().toUpperCase();
  for (const [zone, codes] of Object.entries(ZONES)) {
    if (codes.includes(code)) return zone;
  }
  return "world";
}

export function knownZones() {
  return [...Object.keys(ZONES), "world"];
}
