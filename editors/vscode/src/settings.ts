// VS Code settings -> smallcode-ls settings (editors/PROTOCOL.md, "Settings").
// Pure: no `vscode` import, so the unit tests run under plain Node.

/** The configuration section, also the key the server looks for. */
export const SECTION = 'smallcode';

/**
 * The settings passed to the server, by their key under `smallcode.`.
 * The key path is also the server's path (camelCase is accepted there).
 * `keepEmpty`: an empty string is a value, not "unset" (escalation off).
 */
export interface ServerSetting {
    readonly key: string;
    readonly keepEmpty?: boolean;
}

export const SERVER_SETTINGS: readonly ServerSetting[] = [
    { key: 'model.endpoint' },
    { key: 'model.model' },
    { key: 'model.contextWindow' },
    { key: 'model.apiKeyEnv' },
    { key: 'escalation.endpoint', keepEmpty: true },
    { key: 'escalation.model' },
    { key: 'escalation.apiKeyEnv' },
    { key: 'escalation.maxPerSession' },
    { key: 'agent.maxRounds' },
    { key: 'agent.testCmd' },
    { key: 'agent.publishDiagnostics' },
    { key: 'logLevel' },
];

/** Settings that only the extension reads (how to start the server, where to show answers). */
export const CLIENT_SETTINGS: readonly string[] = ['serverPath', 'pythonPath', 'answers.view', 'trace.server'];

/** Settings that need a server restart when they change. */
export const RESTART_SETTINGS: readonly string[] = ['serverPath', 'pythonPath'];

export type SettingsTable = { [key: string]: unknown };

/** What `WorkspaceConfiguration.inspect` returns, as far as we need it. */
export interface Inspected {
    globalValue?: unknown;
    workspaceValue?: unknown;
    workspaceFolderValue?: unknown;
}

/**
 * The value the user set, most specific scope first, or `undefined` when they
 * set none. Contributed defaults are left out on purpose: the server has the
 * same defaults, and a value sent by the editor would override the project's
 * `.smallcode.toml` / `[tool.smallcode]`.
 */
export function userValue(inspected: Inspected | undefined): unknown {
    if (inspected === undefined) {
        return undefined;
    }
    for (const value of [inspected.workspaceFolderValue, inspected.workspaceValue, inspected.globalValue]) {
        if (value !== undefined) {
            return value;
        }
    }
    return undefined;
}

function isUnset(value: unknown, keepEmpty: boolean): boolean {
    if (value === undefined || value === null) {
        return true;
    }
    if (typeof value === 'number' && !Number.isFinite(value)) {
        return true;
    }
    return typeof value === 'string' && value.trim() === '' && !keepEmpty;
}

/**
 * Build the server's settings table from the user's values, keyed like
 * `model.endpoint` (relative to `smallcode.`). Unset values (undefined, null,
 * empty strings) are omitted, and so are sections left empty. Strings are
 * trimmed; other values pass through, so the server's validation names any
 * wrong type in its own words.
 */
export function toServerSettings(values: Readonly<Record<string, unknown>>): SettingsTable {
    const table: SettingsTable = {};
    for (const setting of SERVER_SETTINGS) {
        let value = values[setting.key];
        if (isUnset(value, setting.keepEmpty === true)) {
            continue;
        }
        if (typeof value === 'string') {
            value = value.trim();
        }
        const path = setting.key.split('.');
        let node = table;
        for (const part of path.slice(0, -1)) {
            const child = node[part];
            if (typeof child === 'object' && child !== null) {
                node = child as SettingsTable;
            } else {
                const created: SettingsTable = {};
                node[part] = created;
                node = created;
            }
        }
        node[path[path.length - 1]] = value;
    }
    return table;
}

/** `initializationOptions` and the `didChangeConfiguration` payload: `{smallcode: {...}}`. */
export function toInitializationOptions(values: Readonly<Record<string, unknown>>): { smallcode: SettingsTable } {
    return { [SECTION]: toServerSettings(values) } as { smallcode: SettingsTable };
}

/** The value at a dotted path of a settings table (`''` is the table itself), or null. */
export function settingsAt(table: SettingsTable, dotted: string): unknown {
    let node: unknown = table;
    for (const part of dotted.split('.').filter((p) => p !== '')) {
        if (typeof node !== 'object' || node === null || !(part in node)) {
            return null;
        }
        node = (node as SettingsTable)[part];
    }
    return node;
}

/** Read every server setting through `inspect` (VS Code's or a fake). */
export function readUserValues(inspect: (key: string) => Inspected | undefined): Record<string, unknown> {
    const values: Record<string, unknown> = {};
    for (const setting of SERVER_SETTINGS) {
        values[setting.key] = userValue(inspect(setting.key));
    }
    return values;
}
