// The interpreter selected in the Python extension (ms-python.python), through
// its public API, typed here by hand so the extension needs no extra package.

import * as vscode from 'vscode';

const PYTHON_EXTENSION = 'ms-python.python';

interface EnvironmentPath {
    id: string;
    path: string;
}

interface PythonApi {
    environments?: {
        getActiveEnvironmentPath(resource?: vscode.Uri): EnvironmentPath;
        resolveEnvironment(env: EnvironmentPath | string): Promise<{ executable?: { uri?: vscode.Uri } } | undefined>;
        onDidChangeActiveEnvironmentPath?: vscode.Event<unknown>;
    };
    settings?: {
        getExecutionDetails?(resource?: vscode.Uri): { execCommand?: string[] };
    };
}

async function pythonApi(): Promise<PythonApi | undefined> {
    const extension = vscode.extensions.getExtension<PythonApi>(PYTHON_EXTENSION);
    if (extension === undefined) {
        return undefined;
    }
    try {
        return extension.isActive ? extension.exports : await extension.activate();
    } catch {
        return undefined;
    }
}

/** The selected interpreter's executable, or undefined without the Python extension. */
export async function selectedInterpreter(resource: vscode.Uri | undefined): Promise<string | undefined> {
    const api = await pythonApi();
    if (api === undefined) {
        return undefined;
    }
    try {
        const environments = api.environments;
        if (environments !== undefined) {
            const active = environments.getActiveEnvironmentPath(resource);
            const resolved = await environments.resolveEnvironment(active);
            return resolved?.executable?.uri?.fsPath ?? active.path;
        }
        const command = api.settings?.getExecutionDetails?.(resource).execCommand;
        return command?.[0];
    } catch {
        return undefined;
    }
}

/** Fires when the user picks another interpreter (no-op without the Python extension). */
export async function onInterpreterChange(listener: () => void): Promise<vscode.Disposable | undefined> {
    const event = (await pythonApi())?.environments?.onDidChangeActiveEnvironmentPath;
    return event?.(() => listener());
}
