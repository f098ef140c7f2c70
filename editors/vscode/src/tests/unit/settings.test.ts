import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import {
    CLIENT_SETTINGS,
    readUserValues,
    SERVER_SETTINGS,
    settingsAt,
    toInitializationOptions,
    toServerSettings,
    userValue,
} from '../../settings';
import { manifest } from './packageJson';

describe('toServerSettings', () => {
    it('maps every setting to its section, camelCase kept', () => {
        const table = toServerSettings({
            'model.endpoint': 'ollama',
            'model.model': 'qwen2.5-coder:1.5b',
            'model.contextWindow': 8192,
            'model.apiKeyEnv': 'LOCAL_KEY',
            'escalation.endpoint': 'openai',
            'escalation.model': 'gpt-4o-mini',
            'escalation.apiKeyEnv': 'OPENAI_API_KEY',
            'escalation.maxPerSession': 2,
            'agent.maxRounds': 4,
            'agent.testCmd': 'pytest -q',
            'agent.publishDiagnostics': false,
            logLevel: 'debug',
        });
        assert.deepEqual(table, {
            model: { endpoint: 'ollama', model: 'qwen2.5-coder:1.5b', contextWindow: 8192, apiKeyEnv: 'LOCAL_KEY' },
            escalation: { endpoint: 'openai', model: 'gpt-4o-mini', apiKeyEnv: 'OPENAI_API_KEY', maxPerSession: 2 },
            agent: { maxRounds: 4, testCmd: 'pytest -q', publishDiagnostics: false },
            logLevel: 'debug',
        });
    });

    it('omits unset values and the sections they leave empty', () => {
        assert.deepEqual(toServerSettings({}), {});
        assert.deepEqual(
            toServerSettings({
                'model.endpoint': undefined,
                'model.model': null,
                'model.contextWindow': Number.NaN,
                'model.apiKeyEnv': '   ',
                'agent.testCmd': '',
                'agent.maxRounds': 2,
            }),
            { agent: { maxRounds: 2 } },
        );
    });

    it('keeps false and 0, which are values', () => {
        assert.deepEqual(toServerSettings({ 'agent.publishDiagnostics': false, 'escalation.maxPerSession': 0 }), {
            escalation: { maxPerSession: 0 },
            agent: { publishDiagnostics: false },
        });
    });

    it('keeps an empty escalation endpoint: it means "escalation off"', () => {
        assert.deepEqual(toServerSettings({ 'escalation.endpoint': '' }), { escalation: { endpoint: '' } });
    });

    it('trims strings and passes other types through for the server to validate', () => {
        assert.deepEqual(toServerSettings({ 'model.endpoint': '  http://localhost:11434/v1 ', 'model.contextWindow': '4096' }), {
            model: { endpoint: 'http://localhost:11434/v1', contextWindow: '4096' },
        });
    });

    it('ignores keys it does not know (client-only settings)', () => {
        assert.deepEqual(toServerSettings({ serverPath: '/usr/bin/smallcode-ls', 'answers.view': 'editor', 'model.model': 'm' }), {
            model: { model: 'm' },
        });
    });
});

describe('toInitializationOptions', () => {
    it('nests the table under "smallcode"', () => {
        assert.deepEqual(toInitializationOptions({ 'model.endpoint': 'embedded' }), { smallcode: { model: { endpoint: 'embedded' } } });
        assert.deepEqual(toInitializationOptions({}), { smallcode: {} });
    });
});

describe('userValue', () => {
    it('takes the most specific scope the user set, never the default', () => {
        assert.equal(userValue(undefined), undefined);
        assert.equal(userValue({}), undefined);
        assert.equal(userValue({ globalValue: 'g' }), 'g');
        assert.equal(userValue({ globalValue: 'g', workspaceValue: 'w' }), 'w');
        assert.equal(userValue({ globalValue: 'g', workspaceValue: 'w', workspaceFolderValue: 'f' }), 'f');
        assert.equal(userValue({ defaultValue: 'embedded' } as never), undefined);
        assert.equal(userValue({ workspaceValue: false, globalValue: true }), false);
    });

    it('readUserValues reads every server setting through inspect', () => {
        const asked: string[] = [];
        const values = readUserValues((key) => {
            asked.push(key);
            return key === 'model.endpoint' ? { globalValue: 'ollama' } : undefined;
        });
        assert.deepEqual(asked, SERVER_SETTINGS.map((s) => s.key));
        assert.deepEqual(toServerSettings(values), { model: { endpoint: 'ollama' } });
    });
});

describe('settingsAt', () => {
    const table = { model: { endpoint: 'ollama' }, agent: { maxRounds: 2 } };
    it('walks dotted paths', () => {
        assert.deepEqual(settingsAt(table, ''), table);
        assert.deepEqual(settingsAt(table, 'model'), { endpoint: 'ollama' });
        assert.equal(settingsAt(table, 'agent.maxRounds'), 2);
        assert.equal(settingsAt(table, 'escalation'), null);
        assert.equal(settingsAt(table, 'model.endpoint.x'), null);
    });
});

describe('package.json settings', () => {
    const properties = manifest().contributes.configuration.properties;

    it('contributes the settings the brief and PROTOCOL.md name', () => {
        for (const key of [
            'serverPath',
            'pythonPath',
            'model.endpoint',
            'model.model',
            'model.contextWindow',
            'model.apiKeyEnv',
            'escalation.endpoint',
            'escalation.model',
            'escalation.apiKeyEnv',
            'escalation.maxPerSession',
            'agent.maxRounds',
            'agent.testCmd',
            'agent.publishDiagnostics',
        ]) {
            assert.ok(properties[`smallcode.${key}`], `smallcode.${key} is contributed`);
        }
    });

    it('maps every contributed setting, and contributes every mapped one', () => {
        const known = new Set([...SERVER_SETTINGS.map((s) => s.key), ...CLIENT_SETTINGS]);
        for (const name of Object.keys(properties)) {
            assert.ok(name.startsWith('smallcode.'), name);
            assert.ok(known.has(name.slice('smallcode.'.length)), `${name} is handled by the extension`);
        }
        for (const key of known) {
            assert.ok(properties[`smallcode.${key}`], `smallcode.${key} is contributed`);
        }
    });

    it('the contributed defaults, sent as values, would be valid (the server has the same ones)', () => {
        const defaults: Record<string, unknown> = {};
        for (const setting of SERVER_SETTINGS) {
            defaults[setting.key] = properties[`smallcode.${setting.key}`].default;
        }
        assert.deepEqual(toServerSettings(defaults), {
            model: { endpoint: 'embedded' },
            escalation: { endpoint: '', maxPerSession: 5 },
            agent: { maxRounds: 3, publishDiagnostics: true },
            logLevel: 'info',
        });
    });
});
