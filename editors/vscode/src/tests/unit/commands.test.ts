import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import {
    askAnswerMarkdown,
    askParams,
    CLIENT_COMMANDS,
    COMMANDS,
    defaultQuestion,
    editArgument,
    fixFileArgument,
    isProtocolArgument,
    LANGUAGE_IDS,
    markdownOf,
    needsInstruction,
    PALETTE_SERVER_COMMANDS,
    protocolArgument,
    resultMessage,
    shortEndpoint,
    statusBarText,
    statusMarkdown,
    statusSummary,
    withInstruction,
} from '../../commands';
import { manifest } from './packageJson';

const uri = 'file:///work/proj/app.py';
const range = { start: { line: 1, character: 4 }, end: { line: 3, character: 0 } };

describe('command arguments', () => {
    it('tells a code action argument from palette and menu arguments', () => {
        assert.ok(isProtocolArgument({ uri, range }));
        assert.ok(!isProtocolArgument(undefined));
        assert.ok(!isProtocolArgument('file:///x'));
        // What a menu passes: a vscode.Uri, whose fields are scheme/path/..., not `uri`.
        assert.ok(!isProtocolArgument({ scheme: 'file', path: '/work/proj/app.py' }));
        assert.deepEqual(protocolArgument([{ uri }]), { uri });
        assert.equal(protocolArgument([]), undefined);
        assert.equal(protocolArgument(undefined), undefined);
    });

    it('smallcode.edit from a code action needs an instruction; the client adds it', () => {
        const fromAction = { uri, range };
        assert.ok(needsInstruction(fromAction));
        assert.ok(needsInstruction({ ...fromAction, instruction: '  ' }));
        const sent = withInstruction(fromAction, '  add a docstring ');
        assert.deepEqual(sent, { uri, range, instruction: 'add a docstring' });
        assert.ok(!needsInstruction(sent));
        assert.deepEqual(fromAction, { uri, range }, 'the original argument is not modified');
    });

    it('builds the arguments PROTOCOL.md gives', () => {
        assert.deepEqual(editArgument(uri, range, 'rename x to count'), { uri, range, instruction: 'rename x to count' });
        assert.deepEqual(fixFileArgument(uri), { uri });
    });
});

describe('smallcode/ask params', () => {
    const position = { line: 2, character: 8 };

    it('sends the question with the document and position', () => {
        assert.deepEqual(askParams(uri, position, ' why async? ', 'fetch', 'tok-1'), {
            question: 'why async?',
            textDocument: { uri },
            position,
            partialResultToken: 'tok-1',
        });
    });

    it('asks for an explanation when the question is left empty', () => {
        assert.equal(askParams(uri, position, '', 'fetch').question, defaultQuestion('fetch'));
        assert.match(defaultQuestion('fetch'), /`fetch`/);
        assert.equal(askParams(uri, position, undefined, undefined).question, defaultQuestion(undefined));
        assert.ok(!('partialResultToken' in askParams(uri, position, 'q', undefined)));
    });
});

describe('results', () => {
    it('extracts markdown', () => {
        assert.equal(markdownOf({ markdown: '# hi' }), '# hi');
        assert.equal(markdownOf('plain'), 'plain');
        assert.equal(markdownOf({ status: 'ok' }), undefined);
        assert.equal(markdownOf(null), undefined);
    });

    it('lists the locations of an ask answer', () => {
        const md = askAnswerMarkdown({ markdown: 'It adds.', locations: [{ uri: 'file:///p/my%20mod.py', range: { start: { line: 9, character: 0 }, end: { line: 9, character: 3 } } }] });
        assert.match(md, /^It adds\./);
        assert.match(md, /\[my mod\.py:10\]\(file:\/\/\/p\/my%20mod\.py#L10\)/);
        assert.equal(askAnswerMarkdown({ markdown: 'x', locations: [] }), 'x');
        assert.equal(askAnswerMarkdown(undefined), '');
    });

    it('reports the message of a long command', () => {
        assert.equal(resultMessage({ status: 'applied', message: 'fixed greet' }), 'fixed greet');
        assert.equal(resultMessage({ status: 'no-fix' }), 'no-fix');
        assert.equal(resultMessage(undefined), undefined);
    });
});

describe('status', () => {
    const status = {
        endpoint: 'http://user:secret@127.0.0.1:8080/v1',
        model: 'qwen',
        contextWindow: 8192,
        graph: { files: 3, symbols: 20, edges: 7 },
        lastEscalation: null,
    };

    it('summarises the status in one line', () => {
        assert.equal(
            statusSummary(status),
            'endpoint http://user:secret@127.0.0.1:8080/v1; model qwen; context 8192 tokens; graph 3 files, 20 symbols, 7 edges; last escalation: none',
        );
        assert.equal(statusSummary({}), 'endpoint unknown; last escalation: none');
    });

    it('shows the endpoint host in the status bar, never credentials', () => {
        assert.equal(statusBarText(status), 'smallcode: 127.0.0.1:8080');
        assert.equal(statusBarText({ endpoint: 'embedded' }), 'smallcode: embedded');
        assert.equal(statusBarText(undefined), 'smallcode');
        assert.equal(shortEndpoint('ollama@gpu-box:11434'), 'ollama@gpu-box:11434');
    });

    it('shortens the labels the server reports', () => {
        assert.equal(shortEndpoint('the endpoint at http://127.0.0.1:40433'), '127.0.0.1:40433');
        assert.equal(shortEndpoint('Ollama at http://127.0.0.1:11434'), 'Ollama at 127.0.0.1:11434');
        assert.equal(shortEndpoint('the embedded model qwen2.5-coder-1.5b'), 'embedded model qwen2.5-coder-1.5b');
        assert.equal(shortEndpoint('OpenAI at https://key:x@api.openai.com/v1'), 'OpenAI at api.openai.com');
        assert.equal(shortEndpoint("invalid: 'ollama@' is not a preset"), 'invalid endpoint');
        assert.equal(shortEndpoint(''), '');
        assert.equal(shortEndpoint(undefined), '');
    });

    it('renders a markdown report', () => {
        const md = statusMarkdown(status);
        assert.match(md, /\| model \| `qwen` \|/);
        assert.match(md, /3 files, 20 symbols, 7 edges/);
        assert.match(md, /```json/);
    });
});

describe('package.json commands and activation', () => {
    const pkg = manifest();

    it('has the identity the brief asks for', () => {
        assert.equal(pkg.name, 'smallcode');
        assert.equal(pkg.publisher, 'smallcode');
        assert.equal(pkg.engines.vscode, '^1.85.0');
        assert.equal(pkg.main, './out/extension.js');
        assert.ok(pkg.dependencies['vscode-languageclient']);
    });

    it('contributes the palette commands, each handled by the extension', () => {
        const contributed = pkg.contributes.commands.map((c) => c.command).sort();
        const handled = [...PALETTE_SERVER_COMMANDS, ...Object.values(CLIENT_COMMANDS)].sort();
        assert.deepEqual(contributed, handled);
        for (const command of [COMMANDS.askSymbol, CLIENT_COMMANDS.editSelection, COMMANDS.fixFile, COMMANDS.status]) {
            assert.ok(contributed.includes(command), command);
        }
        for (const entries of Object.values(pkg.contributes.menus)) {
            for (const entry of entries) {
                assert.ok(contributed.includes(entry.command), `menu entry ${entry.command} is a contributed command`);
            }
        }
    });

    it('activates on the languages it serves', () => {
        for (const language of ['python', 'javascript', 'typescript', 'go']) {
            assert.ok(pkg.activationEvents.includes(`onLanguage:${language}`), language);
        }
        assert.deepEqual(
            pkg.activationEvents.map((e) => e.replace(/^onLanguage:/, '')).sort(),
            [...LANGUAGE_IDS].sort(),
        );
    });
});
