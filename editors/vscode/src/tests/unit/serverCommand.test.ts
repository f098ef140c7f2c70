import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { buildServerCommand, describeServerCommand, resolveExecutable, SERVER_MODULE } from '../../serverCommand';

const linux = { platform: 'linux', home: '/home/ada', workspaceFolder: '/work/proj' };

describe('buildServerCommand', () => {
    it('runs smallcode.serverPath as is, ahead of any interpreter', () => {
        assert.deepEqual(
            buildServerCommand({ ...linux, serverPath: '/opt/sc/bin/smallcode-ls', pythonPath: '/usr/bin/python3.12', extensionInterpreter: '/x/python' }),
            { command: '/opt/sc/bin/smallcode-ls', args: [], source: 'serverPath' },
        );
    });

    it('runs smallcode.pythonPath -m smallcode_ls.server', () => {
        assert.equal(SERVER_MODULE, 'smallcode_ls.server');
        assert.deepEqual(buildServerCommand({ ...linux, pythonPath: '/usr/bin/python3.12', extensionInterpreter: '/x/python' }), {
            command: '/usr/bin/python3.12',
            args: ['-m', 'smallcode_ls.server'],
            source: 'pythonPath',
        });
    });

    it("falls back to the Python extension's interpreter, then python3 (python on Windows)", () => {
        assert.deepEqual(buildServerCommand({ ...linux, extensionInterpreter: '/work/proj/.venv/bin/python' }), {
            command: '/work/proj/.venv/bin/python',
            args: ['-m', 'smallcode_ls.server'],
            source: 'pythonExtension',
        });
        assert.deepEqual(buildServerCommand({ ...linux }), { command: 'python3', args: ['-m', 'smallcode_ls.server'], source: 'default' });
        assert.deepEqual(buildServerCommand({ platform: 'win32' }), { command: 'python', args: ['-m', 'smallcode_ls.server'], source: 'default' });
    });

    it('treats blank settings as unset', () => {
        assert.equal(buildServerCommand({ ...linux, serverPath: '  ', pythonPath: '', extensionInterpreter: ' ' }).source, 'default');
    });

    it('expands ~, ${userHome}, ${workspaceFolder}, ${env:X} and resolves relative paths against the workspace', () => {
        assert.equal(buildServerCommand({ ...linux, serverPath: '~/.local/bin/smallcode-ls' }).command, '/home/ada/.local/bin/smallcode-ls');
        assert.equal(buildServerCommand({ ...linux, serverPath: '${userHome}/bin/smallcode-ls' }).command, '/home/ada/bin/smallcode-ls');
        assert.equal(buildServerCommand({ ...linux, pythonPath: '${workspaceFolder}/.venv/bin/python' }).command, '/work/proj/.venv/bin/python');
        assert.equal(buildServerCommand({ ...linux, pythonPath: '.venv/bin/python' }).command, '/work/proj/.venv/bin/python');
        assert.equal(buildServerCommand({ ...linux, serverPath: '${env:SC_HOME}/smallcode-ls' }, { SC_HOME: '/opt/sc' }).command, '/opt/sc/smallcode-ls');
    });

    it('leaves bare names for the PATH lookup', () => {
        assert.equal(buildServerCommand({ ...linux, serverPath: 'smallcode-ls' }).command, 'smallcode-ls');
        assert.equal(buildServerCommand({ ...linux, pythonPath: 'python3.12' }).command, 'python3.12');
    });

    it('resolves Windows paths with Windows rules', () => {
        assert.equal(
            resolveExecutable('.venv\\Scripts\\python.exe', { platform: 'win32', workspaceFolder: 'C:\\proj' }),
            'C:\\proj\\.venv\\Scripts\\python.exe',
        );
        assert.equal(resolveExecutable('C:\\Python312\\python.exe', { platform: 'win32', workspaceFolder: 'C:\\proj' }), 'C:\\Python312\\python.exe');
    });
});

describe('describeServerCommand', () => {
    it('shows the command line and where it came from', () => {
        assert.equal(describeServerCommand({ command: 'python3', args: ['-m', 'smallcode_ls.server'], source: 'default' }), 'python3 -m smallcode_ls.server (default)');
        assert.equal(describeServerCommand({ command: '/my tools/smallcode-ls', args: [], source: 'serverPath' }), '"/my tools/smallcode-ls" (serverPath)');
    });
});
