// How to start smallcode-ls. Pure: no `vscode` import.

import * as path from 'path';

export const SERVER_MODULE = 'smallcode_ls.server';

export type ServerSource = 'serverPath' | 'pythonPath' | 'pythonExtension' | 'default';

export interface ServerInputs {
    /** `smallcode.serverPath`: the `smallcode-ls` executable. Wins over everything else. */
    serverPath?: string;
    /** `smallcode.pythonPath`: an interpreter that has smallcode-ls installed. */
    pythonPath?: string;
    /** The interpreter selected in the Python extension, if it is installed. */
    extensionInterpreter?: string;
    /** Used to resolve relative paths and `${workspaceFolder}`. */
    workspaceFolder?: string;
    /** Used to expand `~` and `${userHome}`. */
    home?: string;
    /** `process.platform`: picks `python` or `python3` as the last resort. */
    platform: string;
}

export interface ServerCommand {
    command: string;
    args: string[];
    source: ServerSource;
}

function nonEmpty(value: string | undefined): string | undefined {
    const trimmed = value?.trim();
    return trimmed ? trimmed : undefined;
}

/**
 * Expand `~`, `${userHome}`, `${workspaceFolder}` and `${env:NAME}`, then make
 * a relative path that names a directory (`.venv/bin/python`) absolute against
 * the workspace folder. A bare name (`smallcode-ls`, `python3`) is left for the
 * PATH lookup.
 */
export function resolveExecutable(
    value: string,
    inputs: Pick<ServerInputs, 'workspaceFolder' | 'home' | 'platform'>,
    env: Readonly<Record<string, string | undefined>> = {},
): string {
    let result = value.trim();
    if (inputs.home !== undefined) {
        result = result.replace(/\$\{userHome\}/g, inputs.home);
        if (result === '~' || result.startsWith('~/') || result.startsWith('~\\')) {
            result = inputs.home + result.slice(1);
        }
    }
    if (inputs.workspaceFolder !== undefined) {
        result = result.replace(/\$\{workspaceFolder\}/g, inputs.workspaceFolder);
    }
    result = result.replace(/\$\{env:([^}]+)\}/g, (_match, name: string) => env[name] ?? '');
    const paths = inputs.platform === 'win32' ? path.win32 : path.posix;
    const hasSeparator = result.includes('/') || (inputs.platform === 'win32' && result.includes('\\'));
    if (hasSeparator && !paths.isAbsolute(result) && inputs.workspaceFolder !== undefined) {
        result = paths.resolve(inputs.workspaceFolder, result);
    }
    return result;
}

/**
 * The command line that starts the server over stdio:
 * `smallcode.serverPath` as is, else `<python> -m smallcode_ls.server` with
 * `smallcode.pythonPath`, the Python extension's interpreter, or `python3`
 * (`python` on Windows).
 */
export function buildServerCommand(
    inputs: ServerInputs,
    env: Readonly<Record<string, string | undefined>> = {},
): ServerCommand {
    const serverPath = nonEmpty(inputs.serverPath);
    if (serverPath !== undefined) {
        return { command: resolveExecutable(serverPath, inputs, env), args: [], source: 'serverPath' };
    }
    const candidates: Array<[string | undefined, ServerSource]> = [
        [nonEmpty(inputs.pythonPath), 'pythonPath'],
        [nonEmpty(inputs.extensionInterpreter), 'pythonExtension'],
    ];
    for (const [python, source] of candidates) {
        if (python !== undefined) {
            return { command: resolveExecutable(python, inputs, env), args: ['-m', SERVER_MODULE], source };
        }
    }
    const fallback = inputs.platform === 'win32' ? 'python' : 'python3';
    return { command: fallback, args: ['-m', SERVER_MODULE], source: 'default' };
}

/** One line for logs and error messages: `python3 -m smallcode_ls.server (default)`. */
export function describeServerCommand(cmd: ServerCommand): string {
    const quote = (part: string) => (/\s/.test(part) ? JSON.stringify(part) : part);
    return [cmd.command, ...cmd.args].map(quote).join(' ') + ` (${cmd.source})`;
}
