// The extension's package.json, read from the source tree (out/tests/unit -> ../../..).

import * as fs from 'fs';
import * as path from 'path';

export const EXTENSION_ROOT = path.resolve(__dirname, '..', '..', '..');

export interface Manifest {
    name: string;
    publisher: string;
    main: string;
    engines: { vscode: string };
    activationEvents: string[];
    contributes: {
        configuration: { properties: Record<string, { type: unknown; default?: unknown }> };
        commands: Array<{ command: string; title: string }>;
        menus: Record<string, Array<{ command: string; when?: string }>>;
    };
    scripts: Record<string, string>;
    dependencies: Record<string, string>;
}

export function manifest(): Manifest {
    return JSON.parse(fs.readFileSync(path.join(EXTENSION_ROOT, 'package.json'), 'utf8')) as Manifest;
}
