// Which of the server's work-done progresses are running. Pure: no `vscode` import.

import type { ProgressToken } from 'vscode-languageserver-protocol';

export interface ProgressValue {
    kind: 'begin' | 'report' | 'end';
    title?: string;
    message?: string;
    percentage?: number;
}

interface Running {
    title: string;
    message?: string;
    percentage?: number;
}

/** Tracks begin/report/end per token; the newest running one is shown. */
export class ProgressTracker {
    private readonly running = new Map<ProgressToken, Running>();

    update(token: ProgressToken, value: ProgressValue): void {
        if (value.kind === 'end') {
            this.running.delete(token);
            return;
        }
        const current = this.running.get(token);
        if (value.kind === 'begin' || current === undefined) {
            // A report for an unknown token still means work is running.
            this.running.delete(token);
            this.running.set(token, { title: value.title ?? current?.title ?? 'working', message: value.message, percentage: value.percentage });
            return;
        }
        if (value.message !== undefined) {
            current.message = value.message;
        }
        if (value.percentage !== undefined) {
            current.percentage = value.percentage;
        }
    }

    get active(): boolean {
        return this.running.size > 0;
    }

    get count(): number {
        return this.running.size;
    }

    /** `title: message (42%)` of the newest running progress, or undefined when idle. */
    label(): string | undefined {
        let newest: Running | undefined;
        for (const entry of this.running.values()) {
            newest = entry;
        }
        if (newest === undefined) {
            return undefined;
        }
        let text = newest.message ? `${newest.title}: ${newest.message}` : newest.title;
        if (newest.percentage !== undefined) {
            text += ` (${Math.round(newest.percentage)}%)`;
        }
        return text;
    }

    clear(): void {
        this.running.clear();
    }
}
