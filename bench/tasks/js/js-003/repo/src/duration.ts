/** Hours and minutes: parsing '7:30' / '7.5h' / '450m', and formatting back. */

export type Minutes = number;

/** '7:30', '7h30', '7.5h', '7.5', '450m' -> minutes. */
export function parseDuration(text: string): Minutes {
  const value = text.trim().toLowerCase();
  let match = /^(\d+):(\d{2})$/.exec(value) ?? /^(\d+)h(\d{2})$/.exec(value);
  if (match) {
    const minutes = Number(match[2]);
    if (minutes > 59) throw new Error(`bad duration: ${text}`);
    return Number(match[1]) * 60 + minutes;
  }
  match = /^(\d+(?:\.\d+)?)m$/.exec(value);
  if (match) return Math.round(Number(match[1]));
  match = /^(\d+(?:\.\d+)?)h?$/.exec(value);
  if (match) return Math.round(Number(match[1]) * 60);
  throw new Error(`bad duration: ${text}`);
}

/** 450 -> '7:30'; negative values get a leading '-'. */
export function formatHours(minutes: Minutes): string {
  const sign = minutes < 0 ? "-" : "";
  const abs = Math.abs(Math.round(minutes));
  return `${sign}${Math.floor(abs / 60)}:${String(abs % 60).padStart(2, "0")}`;
}

/** Minutes as decimal hours rounded to 2 places, for payroll exports. */
export function decimalHours(minutes: Minutes): number {
  return Math.round((minutes / 60) * 100) / 100;
}
