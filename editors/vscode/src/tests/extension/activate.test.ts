// The extension itself (out/extension.js with the real vscode-languageclient),
// activated against a stand-in for the `vscode` module (fakeVscode.ts), the
// real smallcode-ls and a scripted model: the commands, the middleware, the
// settings and the answers, as far as they can be checked without VS Code.

import * as assert from 'node:assert/strict';
import type * as ChildProcessModule from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { after, before, describe, it } from 'node:test';

import type * as Extension from '../../extension';
import { ASK_ANSWER, FakeModel, startFakeModel } from '../fakeModel';
import { SERVER, SERVER_HINT } from '../serverPath';
import { editorOn, fake, FakeDocument, installFakeVscode, Position, Uri } from './fakeVscode';

const SOURCE = ['def greet(name):', '    return "hello " + nme', '', '', 'class Greeter:', '    def run(self):', '        return greet("x")', ''].join('\n');
const PROTOCOL_COMMANDS = [
    'smallcode.fix',
    'smallcode.fixFile',
    'smallcode.implement',
    'smallcode.edit',
    'smallcode.writeTests',
    'smallcode.explain',
    'smallcode.askSymbol',
    'smallcode.status',
];

async function until<T>(what: string, probe: () => T | undefined | false, ms = 15_000): Promise<T> {
    const deadline = Date.now() + ms;
    for (;;) {
        const value = probe();
        if (value !== undefined && value !== false) {
            return value;
        }
        if (Date.now() > deadline) {
            throw new Error(`timed out waiting for ${what}`);
        }
        await new Promise((resolve) => setTimeout(resolve, 100));
    }
}

/** Every process the language client spawns, to wait for its exit at the end. */
const spawned: ChildProcessModule.ChildProcess[] = [];
function recordSpawns(): void {
    // The module object itself (what the client's `cp.spawn(...)` looks up), not an import wrapper.
    const childProcess = require('child_process') as typeof ChildProcessModule;
    const spawn = childProcess.spawn;
    (childProcess as { spawn: unknown }).spawn = (...args: Parameters<typeof spawn>) => {
        const child = spawn(...args);
        spawned.push(child);
        return child;
    };
}

async function exited(child: ChildProcessModule.ChildProcess, ms: number): Promise<void> {
    if (child.exitCode !== null || child.signalCode !== null) {
        return;
    }
    const done = new Promise((resolve) => child.once('exit', resolve));
    const timer = setTimeout(() => child.kill('SIGKILL'), ms);
    await done;
    clearTimeout(timer);
}

/** What VS Code does around an extension's life: activate(context), later deactivate() and dispose the subscriptions. */
const context = { subscriptions: [] as Array<{ dispose(): unknown }> };
async function shutDown(extension: typeof Extension): Promise<void> {
    await extension.deactivate();
    context.subscriptions.splice(0).forEach((d) => d.dispose());
    await Promise.all(spawned.map((child) => exited(child, 10_000)));
}

function run(command: string, ...args: unknown[]): Promise<unknown> {
    const callback = fake.commands.get(command);
    assert.ok(callback, `${command} is registered`);
    return Promise.resolve(callback(...args));
}

function errors(): string[] {
    return fake.shown.filter((m) => m.kind === 'error').map((m) => m.message);
}

describe('the extension, activated with a stand-in for VS Code', { timeout: 180_000 }, () => {
    let extension: typeof Extension;
    let model: FakeModel;
    let workspace: string;
    let document: FakeDocument;
    let port: string;

    before(async () => {
        assert.ok(fs.existsSync(SERVER), SERVER_HINT);
        installFakeVscode();
        recordSpawns();
        extension = require('../../extension') as typeof Extension;
        model = await startFakeModel();
        port = new URL(model.url).port;
        workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'smallcode-vscode-ext-'));
        const file = path.join(workspace, 'app.py');
        fs.writeFileSync(file, SOURCE);
        // The server inherits the extension host's environment: keep its cache private.
        process.env.XDG_CACHE_HOME = path.join(workspace, '.cache');

        fake.workspaceFolders = [{ uri: Uri.file(workspace), name: 'ws', index: 0 }];
        document = new FakeDocument(Uri.file(file), 'python', SOURCE);
        fake.documents.push(document);
        fake.activeTextEditor = editorOn(document, new Position(0, 5)); // on `greet`
        fake.config.set('smallcode.serverPath', SERVER);
        fake.config.set('smallcode.model.endpoint', model.url);
        fake.config.set('smallcode.model.model', 'fake');
        fake.config.set('smallcode.model.contextWindow', 4096);
        fake.config.set('smallcode.agent.maxRounds', 1);
        fake.config.set('smallcode.escalation.maxPerSession', 0);

        await extension.activate(context as never);
    });

    after(async () => {
        // The client does not wait for the server to exit (it writes its cache then): shutDown does.
        if (extension !== undefined) {
            await shutDown(extension);
        }
        await model?.close();
        if (workspace !== undefined) {
            fs.rmSync(workspace, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
        }
        if (fake.missing.size > 0) {
            console.log(`vscode API stubbed, not implemented by the fake: ${[...fake.missing].sort().join(', ')}`);
        }
    });

    it('starts smallcode.serverPath and registers the commands once each', () => {
        assert.deepEqual(errors(), []);
        assert.equal(spawned.length, 1, 'one server process');
        assert.deepEqual(spawned[0].spawnargs, [SERVER], 'no extra arguments (such as --stdio)');
        assert.ok(fake.output.some((line) => line.includes(`starting ${SERVER} (serverPath)`)), fake.output.join('\n'));
        assert.equal(new Set(fake.outputChannels).size, 1, `one output channel: ${fake.outputChannels.join(', ')}`);
        for (const command of [...PROTOCOL_COMMANDS, 'smallcode.editSelection', 'smallcode.restartServer']) {
            assert.ok(fake.commands.has(command), `${command} registered (have: ${[...fake.commands.keys()].join(', ')})`);
        }
    });

    it('shows the endpoint from smallcode.status in the status bar', async () => {
        const item = fake.statusItems.find((i) => i.id === 'smallcode.status');
        assert.ok(item && item.visible, 'the status bar item is shown');
        // Once the first index (a progress: the icon spins meanwhile) is done.
        await until('the endpoint in the status bar', () => String(item.text) === `$(sparkle) smallcode: 127.0.0.1:${port}`);
        assert.equal(item.command, 'smallcode.status');
    });

    it('askSymbol: asks for a question, then streams the answer into a markdown preview', async () => {
        fake.inputAnswers.push('What does it return?');
        const before = fake.executed.length;
        const result = (await run('smallcode.askSymbol')) as { markdown?: string } | undefined;
        assert.ok(result?.markdown?.includes(ASK_ANSWER), JSON.stringify(result));
        assert.match(String(fake.inputBoxes.at(-1)?.title), /greet/);
        const preview = fake.executed.slice(before).find((e) => e.command === 'markdown.showPreviewToSide');
        assert.ok(preview, `a markdown preview was opened: ${JSON.stringify(fake.executed.slice(before).map((e) => e.command))}`);
        const uri = preview.args[0] as Uri;
        assert.equal(uri.scheme, 'smallcode-answer');
        const content = fake.contentProviders.get('smallcode-answer')?.provideTextDocumentContent(uri);
        assert.ok(content?.includes(ASK_ANSWER), content);
        const question = model.chats.at(-1)?.messages?.map((m) => m.content).join('\n') ?? '';
        assert.ok(question.includes('What does it return?'), 'the question reached the model');
        assert.deepEqual(errors(), []);
    });

    it('smallcode.edit from a code action: asks for the instruction and sends it', async () => {
        fake.inputAnswers.push('rename the parameter to who');
        const chats = model.chats.length;
        const fromCodeAction = {
            uri: document.uri.toString(),
            range: { start: { line: 0, character: 0 }, end: { line: 1, character: 25 } },
        };
        const result = (await run('smallcode.edit', fromCodeAction)) as { status?: string } | undefined;
        assert.equal(fake.inputBoxes.at(-1)?.title, 'smallcode: edit');
        assert.equal(typeof result?.status, 'string', `the server ran the edit: ${JSON.stringify(result)}`);
        const prompts = model.chats.slice(chats).flatMap((c) => c.messages ?? []).map((m) => m.content);
        assert.ok(prompts.some((p) => p.includes('rename the parameter to who')), 'the instruction reached the model');
        assert.ok(!errors().some((e) => /instruction/.test(e)), errors().join('\n'));
    });

    it('smallcode.edit: Escape at the input box sends nothing', async () => {
        fake.inputAnswers.push(undefined);
        const chats = model.chats.length;
        const result = await run('smallcode.edit', { uri: document.uri.toString(), range: { start: { line: 0, character: 0 }, end: { line: 0, character: 3 } } });
        assert.equal(result, undefined);
        assert.equal(model.chats.length, chats);
    });

    it('explain from a code action: the markdown opens in a preview', async () => {
        const before = fake.executed.length;
        const result = (await run('smallcode.explain', { uri: document.uri.toString(), position: { line: 0, character: 5 } })) as
            | { markdown?: string }
            | undefined;
        assert.equal(typeof result?.markdown, 'string', JSON.stringify(result));
        const preview = fake.executed.slice(before).find((e) => e.command === 'markdown.showPreviewToSide');
        assert.ok(preview, 'a markdown preview was opened');
        const content = fake.contentProviders.get('smallcode-answer')?.provideTextDocumentContent(preview.args[0] as Uri);
        assert.equal(content, result?.markdown);
    });

    it('a settings change reaches the server (didChangeConfiguration with the user values)', async () => {
        fake.setConfig('smallcode.model.model', 'other-model');
        let result: { model?: string } | undefined;
        const deadline = Date.now() + 10_000;
        while (Date.now() < deadline) {
            result = (await run('smallcode.status')) as { model?: string } | undefined;
            if (result?.model === 'other-model') {
                break;
            }
            await new Promise((resolve) => setTimeout(resolve, 200));
        }
        assert.equal(result?.model, 'other-model');
        assert.ok(fake.shown.some((m) => m.kind === 'info' && m.message.startsWith('smallcode: endpoint')), 'the status summary was shown');
    });

    it('fixFile from the palette works on the active document, the status bar spinning meanwhile', async () => {
        const item = fake.statusItems.find((i) => i.id === 'smallcode.status')!;
        const shown = item.history.length;
        const result = (await run('smallcode.fixFile')) as { status?: string; message?: string } | undefined;
        assert.equal(typeof result?.status, 'string', JSON.stringify(result));
        const during = (item.history as string[][]).slice(shown);
        assert.ok(
            during.some(([text, tooltip]) => text.startsWith('$(sync~spin)') && /fix/i.test(tooltip)),
            `the fix's progress in the status bar: ${JSON.stringify(during)}`,
        );
        assert.ok(String(item.text).startsWith('$(sparkle)'), `idle again: ${item.text}`);
        assert.ok(!errors().some((e) => /fixFile failed/.test(e)), errors().join('\n'));
    });

    it('restarts without registering a command twice', async () => {
        const before = errors().length;
        await run('smallcode.restartServer');
        await until('the commands after the restart', () => PROTOCOL_COMMANDS.every((c) => fake.commands.has(c)));
        assert.deepEqual(errors().slice(before), []);
        const result = (await run('smallcode.status')) as { endpoint?: string } | undefined;
        assert.ok(result?.endpoint?.includes(`127.0.0.1:${port}`), JSON.stringify(result));
    });

    it('a server that cannot start: one explanation naming the command, a warning in the status bar', async () => {
        await shutDown(extension);
        const missing = path.join(workspace, 'no-such-dir', 'smallcode-ls');
        fake.config.set('smallcode.serverPath', missing);
        const before = fake.shown.length;
        await extension.activate(context as never);
        const explained = await until('the explanation', () =>
            fake.shown.slice(before).find((m) => m.kind === 'error' && m.message.startsWith('smallcode: could not start')),
        );
        assert.ok(explained.message.includes(`${missing} (serverPath)`), explained.message);
        assert.deepEqual(explained.items, ['Open Settings', 'Show Log']);
        // No restart loop: the other messages are at most the client's own "couldn't create connection".
        await new Promise((resolve) => setTimeout(resolve, 1_000));
        const others = fake.shown.slice(before).filter((m) => m !== explained);
        assert.ok(others.length <= 1, JSON.stringify(others));
        const item = fake.statusItems.filter((i) => i.id === 'smallcode.status').at(-1)!;
        assert.equal(item.text, '$(warning) smallcode');
        assert.equal(item.command, 'smallcode.restartServer');
    });
});
