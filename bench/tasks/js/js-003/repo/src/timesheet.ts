/**
 * A week of time entries for one person, with daily and weekly totals and
 * overtime above the contract hours.
 */

import { decimalHours, parseDuration, type Minutes } from "./duration.js";

export const WEEKDAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const;
export type Weekday = (typeof WEEKDAYS)[number];

export interface Entry {
  day: Weekday;
  project: string;
  minutes: Minutes;
  note?: string;
}

export interface Summary {
  total: string;
  overtime: string;
  byDay: Record<Weekday, string>;
  byProject: Record<string, number>;
}

export class Timesheet {
  readonly entries: Entry[] = [];

  constructor(
    readonly person: string,
    readonly contractMinutes: Minutes = 40 * 60,
  ) {}

  /** Log time: `add("mon", "website", "2:30")`. */
  add(day: Weekday, project: string, duration: string, note?: string): Entry {
    if (!WEEKDAYS.includes(day)) throw new Error(`unknown day: ${day}`);
    const minutes = parseDuration(duration);
    if (minutes <= 0) throw new Error("an entry needs some time");
    const entry: Entry = { day, project: project.trim(), minutes, note };
    this.entries.push(entry);
    return entry;
  }

  minutesOn(day: Weekday): Minutes {
    return this.entries.filter((e) => e.day === day).reduce((sum, e) => sum + e.minutes, 0);
  }

  totalMinutes(): Minutes {
    return this.entries.reduce((sum, e) => sum + e.minutes, 0);
  }

  overtimeMinutes(): Minutes {
    return Math.max(0, this.totalMinutes() - this.contractMinutes);
  }

  /** Totals as 'H:MM' strings, and decimal hours per project. */
  summary(): Summary {
    const byDay = {} as Record<Weekday, string>;
    for (const day of WEEKDAYS) byDay[day] = formatHours(this.minutesOn(day));
    const byProject: Record<string, number> = {};
    for (const entry of this.entries) {
      byProject[entry.project] = (byProject[entry.project] ?? 0) + entry.minutes;
    }
    for (const project of Object.keys(byProject)) byProject[project] = decimalHours(byProject[project]);
    return {
      total: formatHours(this.totalMinutes()),
      overtime: formatHours(this.overtimeMinutes()),
      byDay,
      byProject,
    };
  }

  /** One CSV line per entry: person,day,project,hours,note. */
  toCsv(): string {
    const quote = (text: string) => (/[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text);
    const lines = ["person,day,project,hours,note"];
    for (const e of this.entries) {
      lines.push([quote(this.person), e.day, quote(e.project), decimalHours(e.minutes), quote(e.note ?? "")].join(","));
    }
    return lines.join("\n");
  }
}
