// The pure modules must load without VS Code: that is what lets these tests run under plain Node.

import * as assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { describe, it } from 'node:test';

const OUT = path.resolve(__dirname, '..', '..');

describe('pure modules', () => {
    for (const name of ['settings', 'serverCommand', 'commands', 'progress']) {
        it(`${name} does not import vscode or the language client`, () => {
            const code = fs.readFileSync(path.join(OUT, `${name}.js`), 'utf8');
            assert.doesNotMatch(code, /require\("vscode"\)/);
            assert.doesNotMatch(code, /require\("vscode-languageclient/);
        });
    }
});
