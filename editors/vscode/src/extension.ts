// The smallcode VS Code extension: starts smallcode-ls over stdio, passes the
// settings, and adds what an editor has to add (editors/PROTOCOL.md): an input
// box for `smallcode.edit`, a place to show answers, palette commands, a status
// bar item. Everything else is standard LSP handled by vscode-languageclient.

import * as os from 'os';
import * as vscode from 'vscode';
import {
    CloseAction,
    CloseHandlerResult,
    ConfigurationParams,
    DidChangeConfigurationNotification,
    ErrorAction,
    ExecuteCommandRequest,
    LanguageClient,
    LanguageClientOptions,
    ServerOptions,
    State,
} from 'vscode-languageclient/node';

import { Answer, ANSWER_SCHEME, Answers } from './answers';
import {
    ASK_PARTIAL_NOTIFICATION,
    ASK_REQUEST,
    askAnswerMarkdown,
    askParams,
    CLIENT_COMMANDS,
    COMMANDS,
    defaultQuestion,
    fixFileArgument,
    LANGUAGE_IDS,
    markdownOf,
    needsInstruction,
    PALETTE_SERVER_COMMANDS,
    ProtocolArgument,
    protocolArgument,
    resultMessage,
    statusBarText,
    statusMarkdown,
    statusSummary,
    withInstruction,
} from './commands';
import { ProgressTracker } from './progress';
import { onInterpreterChange, selectedInterpreter } from './python';
import { buildServerCommand, describeServerCommand, ServerCommand } from './serverCommand';
import { readUserValues, RESTART_SETTINGS, SECTION, settingsAt, toInitializationOptions, toServerSettings } from './settings';

let extension: SmallcodeExtension | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
    extension = new SmallcodeExtension();
    context.subscriptions.push(extension);
    await extension.start();
}

export async function deactivate(): Promise<void> {
    await extension?.stop();
    extension = undefined;
}

function errorText(error: unknown): string {
    return error instanceof Error ? error.message : String(error);
}

function firstFolder(): vscode.WorkspaceFolder | undefined {
    return vscode.workspace.workspaceFolders?.[0];
}

/** The user's values of the server settings (only what they set: see `userValue`). */
function currentValues(): Record<string, unknown> {
    const config = vscode.workspace.getConfiguration(SECTION, firstFolder()?.uri);
    return readUserValues((key) => config.inspect(key));
}

class SmallcodeExtension implements vscode.Disposable {
    private client: LanguageClient | undefined;
    private serverCommand: ServerCommand | undefined;
    private readonly disposables: vscode.Disposable[] = [];
    private clientDisposables: vscode.Disposable[] = [];
    private fallbacks: vscode.Disposable[] = [];
    private readonly answers = new Answers();
    private readonly progress = new ProgressTracker();
    private readonly statusItem = vscode.window.createStatusBarItem('smallcode.status', vscode.StatusBarAlignment.Right, 100);
    private readonly partials = new Map<string, (text: string) => void>();
    private lastStatus: unknown;
    private statusTimer: NodeJS.Timeout | undefined;
    private askCounter = 0;
    private lifecycle: Promise<void> = Promise.resolve();
    private interpreterWatch = false;
    private readonly output = vscode.window.createOutputChannel('smallcode');
    /** Whether the current client ever ran: a server that never started is not restarted. */
    private ran = false;
    private crashes: number[] = [];

    constructor() {
        this.statusItem.name = 'smallcode';
        this.statusItem.command = COMMANDS.status;
        this.renderStatus();
        this.statusItem.show();
        this.disposables.push(
            this.output,
            this.statusItem,
            this.answers,
            vscode.workspace.registerTextDocumentContentProvider(ANSWER_SCHEME, this.answers),
            vscode.commands.registerCommand(CLIENT_COMMANDS.editSelection, () => this.edit([])),
            vscode.commands.registerCommand(CLIENT_COMMANDS.restartServer, () => this.restart()),
            vscode.workspace.onDidChangeConfiguration((event) => {
                if (RESTART_SETTINGS.some((key) => event.affectsConfiguration(`${SECTION}.${key}`))) {
                    void this.restart();
                }
            }),
        );
    }

    // -- lifecycle ---------------------------------------------------------------

    start(): Promise<void> {
        this.lifecycle = this.lifecycle.then(() => this.doStart());
        return this.lifecycle;
    }

    stop(): Promise<void> {
        this.lifecycle = this.lifecycle.then(() => this.doStop());
        return this.lifecycle;
    }

    restart(): Promise<void> {
        this.lifecycle = this.lifecycle.then(async () => {
            await this.doStop();
            await this.doStart();
        });
        return this.lifecycle;
    }

    private async doStart(): Promise<void> {
        const folder = firstFolder();
        const config = vscode.workspace.getConfiguration(SECTION, folder?.uri);
        const serverPath = config.get<string>('serverPath');
        const pythonPath = config.get<string>('pythonPath');
        // Only ask the Python extension (and so activate it) when it decides.
        const interpreter = serverPath?.trim() || pythonPath?.trim() ? undefined : await selectedInterpreter(folder?.uri);
        const command = buildServerCommand(
            {
                serverPath,
                pythonPath,
                extensionInterpreter: interpreter,
                workspaceFolder: folder?.uri.fsPath,
                home: os.homedir(),
                platform: process.platform,
            },
            process.env,
        );
        this.serverCommand = command;
        if (command.source === 'pythonExtension') {
            await this.watchInterpreter();
        }
        // No `transport`: with TransportKind.stdio the client would append
        // `--stdio`, which smallcode-ls does not take. Without one it is stdio.
        const serverOptions: ServerOptions = {
            command: command.command,
            args: command.args,
            options: { cwd: folder?.uri.fsPath, env: process.env },
        };
        const client = new LanguageClient(SECTION, 'smallcode', serverOptions, this.clientOptions());
        this.client = client;
        this.ran = false;
        this.clientDisposables.push(
            client.onDidChangeState((event) => {
                if (event.newState === State.Running) {
                    this.ran = true;
                    this.registerFallbacks(client);
                    this.scheduleStatusRefresh(0);
                } else {
                    this.disposeFallbacks();
                    this.progress.clear();
                }
                this.renderStatus();
            }),
            client.onNotification(ASK_PARTIAL_NOTIFICATION, (params: { token?: unknown; text?: unknown }) => {
                if (typeof params?.token === 'string' && typeof params.text === 'string') {
                    this.partials.get(params.token)?.(params.text);
                }
            }),
        );
        this.output.appendLine(`starting ${describeServerCommand(command)}`);
        try {
            await client.start();
        } catch (error) {
            this.renderStatus();
            // Not awaited: activation must not wait for the user to dismiss a message.
            void this.explainStartFailure(client, command, error);
        }
    }

    private async explainStartFailure(client: LanguageClient, command: ServerCommand, error: unknown): Promise<void> {
        const choice = await vscode.window.showErrorMessage(
            `smallcode: could not start the server with ${describeServerCommand(command)}: ${errorText(error)}. ` +
                'Install smallcode-ls into that Python (pip install smallcode-ls), or set smallcode.serverPath or smallcode.pythonPath.',
            'Open Settings',
            'Show Log',
        );
        if (choice === 'Open Settings') {
            await vscode.commands.executeCommand('workbench.action.openSettings', '@ext:smallcode.smallcode');
        } else if (choice === 'Show Log') {
            client.outputChannel.show();
        }
    }

    /**
     * The connection closed. A server that never started is not restarted
     * (`explainStartFailure` says why); one that crashes is restarted, up to 3
     * times in 3 minutes.
     */
    private serverClosed(): CloseHandlerResult {
        if (!this.ran) {
            return { action: CloseAction.DoNotRestart, handled: true };
        }
        const now = Date.now();
        this.crashes = [...this.crashes.filter((t) => now - t < 180_000), now];
        if (this.crashes.length <= 3) {
            this.output.appendLine('smallcode-ls stopped unexpectedly; restarting it');
            return { action: CloseAction.Restart, handled: true };
        }
        return {
            action: CloseAction.DoNotRestart,
            message: 'smallcode-ls stopped 4 times in 3 minutes and stays off: see the smallcode output, then run "smallcode: Restart Server".',
        };
    }

    private async doStop(): Promise<void> {
        const client = this.client;
        this.client = undefined;
        this.disposeFallbacks();
        this.clientDisposables.forEach((d) => d.dispose());
        this.clientDisposables = [];
        this.progress.clear();
        this.lastStatus = undefined;
        if (client !== undefined) {
            try {
                // A client whose start failed cannot be stopped (it throws): only dispose.
                await (client.needsStop() ? client.dispose(5000) : Promise.resolve());
            } catch (error) {
                console.error('smallcode: stopping the server failed', error);
            }
        }
        this.renderStatus();
    }

    private async watchInterpreter(): Promise<void> {
        if (this.interpreterWatch) {
            return;
        }
        this.interpreterWatch = true;
        const watch = await onInterpreterChange(() => {
            if (this.serverCommand?.source === 'pythonExtension') {
                void this.restart();
            }
        });
        if (watch !== undefined) {
            this.disposables.push(watch);
        }
    }

    private clientOptions(): LanguageClientOptions {
        return {
            documentSelector: LANGUAGE_IDS.map((language) => ({ scheme: 'file', language })),
            outputChannel: this.output,
            // Failures to start are explained once, by `explainStartFailure`.
            initializationFailedHandler: () => false,
            errorHandler: {
                error: (_error, _message, count) => ({ action: (count ?? 0) <= 3 ? ErrorAction.Continue : ErrorAction.Shutdown }),
                closed: () => this.serverClosed(),
            },
            initializationOptions: () => toInitializationOptions(currentValues()),
            // The client listens to changes of the section; the middleware below
            // sends the user's values only (see `userValue`), not the defaults.
            synchronize: { configurationSection: SECTION },
            middleware: {
                executeCommand: (command, args) => this.executeCommand(command, args),
                handleWorkDoneProgress: (token, params, next) => {
                    this.progress.update(token, params);
                    this.renderStatus();
                    next(token, params);
                },
                workspace: {
                    didChangeConfiguration: async () => {
                        await this.client?.sendNotification(DidChangeConfigurationNotification.type, {
                            settings: toInitializationOptions(currentValues()),
                        });
                        this.scheduleStatusRefresh();
                    },
                    configuration: async (params: ConfigurationParams, token, next) => {
                        const ours = (section: string | undefined) => section === SECTION || section?.startsWith(`${SECTION}.`);
                        if (!params.items.some((item) => ours(item.section))) {
                            return next(params, token);
                        }
                        const others = await next(params, token);
                        const table = toServerSettings(currentValues());
                        return params.items.map((item, i) =>
                            ours(item.section)
                                ? settingsAt(table, (item.section as string).slice(SECTION.length + 1))
                                : Array.isArray(others)
                                  ? others[i]
                                  : null,
                        );
                    },
                },
            },
        };
    }

    // -- server commands ---------------------------------------------------------

    private registerFallbacks(client: LanguageClient): void {
        this.disposeFallbacks();
        const advertised = new Set(client.initializeResult?.capabilities.executeCommandProvider?.commands ?? []);
        for (const command of PALETTE_SERVER_COMMANDS) {
            if (!advertised.has(command)) {
                this.fallbacks.push(
                    vscode.commands.registerCommand(command, (...args: unknown[]) => this.executeCommand(command, args)),
                );
            }
        }
    }

    private disposeFallbacks(): void {
        this.fallbacks.forEach((d) => d.dispose());
        this.fallbacks = [];
    }

    private advertises(command: string): boolean {
        return this.client?.initializeResult?.capabilities.executeCommandProvider?.commands?.includes(command) ?? false;
    }

    /** Every smallcode command, from a code action, the palette or a menu, comes through here. */
    private async executeCommand(command: string, args: unknown[]): Promise<unknown> {
        switch (command) {
            case COMMANDS.edit:
                return this.edit(args);
            case COMMANDS.explain:
                return this.explain(args);
            case COMMANDS.askSymbol:
                return this.askSymbol(args);
            case COMMANDS.fixFile:
                return this.fixFile(args);
            case COMMANDS.status:
                return this.showStatus(args);
            default:
                return this.report(await this.send(command, args));
        }
    }

    /** `workspace/executeCommand`, with the server's error message shown to the user. */
    private async send(command: string, args: unknown[], quiet = false): Promise<unknown> {
        const client = this.runningClient(quiet);
        if (client === undefined) {
            return undefined;
        }
        try {
            return await client.sendRequest(ExecuteCommandRequest.type, { command, arguments: args });
        } catch (error) {
            if (!quiet) {
                void vscode.window.showErrorMessage(`smallcode: ${command} failed: ${errorText(error)}`);
            }
            return undefined;
        }
    }

    private runningClient(quiet = false): LanguageClient | undefined {
        const client = this.client;
        if (client === undefined || !client.isRunning()) {
            if (!quiet) {
                void vscode.window.showErrorMessage('smallcode: the server is not running (see the smallcode output).');
            }
            return undefined;
        }
        return client;
    }

    /** The active editor on a file the server serves, or a warning. */
    private activeEditor(): vscode.TextEditor | undefined {
        const editor = vscode.window.activeTextEditor;
        if (editor === undefined || editor.document.uri.scheme !== 'file' || !LANGUAGE_IDS.includes(editor.document.languageId)) {
            void vscode.window.showWarningMessage('smallcode: open a Python, JavaScript, TypeScript or Go file first.');
            return undefined;
        }
        return editor;
    }

    private protocolUri(uri: vscode.Uri): string {
        return this.client?.code2ProtocolConverter.asUri(uri) ?? uri.toString();
    }

    private wordAt(document: vscode.TextDocument, position: vscode.Position): string | undefined {
        const range = document.getWordRangeAtPosition(position);
        return range ? document.getText(range) : undefined;
    }

    /** `smallcode.edit`: from a code action (no instruction yet) or `smallcode.editSelection`. */
    private async edit(args: unknown[]): Promise<unknown> {
        let arg: ProtocolArgument | undefined = protocolArgument(args);
        if (arg === undefined) {
            const editor = this.activeEditor();
            if (editor === undefined || this.client === undefined) {
                return undefined;
            }
            arg = { uri: this.protocolUri(editor.document.uri), range: this.client.code2ProtocolConverter.asRange(editor.selection) };
        }
        if (needsInstruction(arg)) {
            const instruction = await vscode.window.showInputBox({
                title: 'smallcode: edit',
                prompt: 'What should change in the selected code?',
                placeHolder: 'e.g. add a timeout parameter and pass it to the request',
                ignoreFocusOut: true,
                validateInput: (value) => (value.trim() ? undefined : 'Type an instruction, or press Escape to cancel.'),
            });
            if (!instruction?.trim()) {
                return undefined;
            }
            arg = withInstruction(arg, instruction);
        }
        return this.report(await this.send(COMMANDS.edit, [arg, ...args.slice(1)]));
    }

    private async fixFile(args: unknown[]): Promise<unknown> {
        let arg = protocolArgument(args);
        if (arg === undefined) {
            const editor = this.activeEditor();
            if (editor === undefined) {
                return undefined;
            }
            arg = fixFileArgument(this.protocolUri(editor.document.uri));
        }
        return this.report(await this.send(COMMANDS.fixFile, [arg]));
    }

    private async explain(args: unknown[]): Promise<unknown> {
        let arg = protocolArgument(args);
        let title = 'explain';
        if (arg === undefined) {
            const editor = this.activeEditor();
            if (editor === undefined || this.client === undefined) {
                return undefined;
            }
            const position = editor.selection.active;
            arg = { uri: this.protocolUri(editor.document.uri), position: this.client.code2ProtocolConverter.asPosition(position) };
            title = `explain ${this.wordAt(editor.document, position) ?? ''}`;
        }
        const result = await vscode.window.withProgress(
            { location: vscode.ProgressLocation.Window, title: 'smallcode: explaining' },
            () => this.send(COMMANDS.explain, [arg]),
        );
        await this.showMarkdown(title, markdownOf(result));
        return result;
    }

    /** Palette: the symbol under the cursor, an optional question, then `smallcode/ask`. */
    private async askSymbol(args: unknown[]): Promise<unknown> {
        const arg = protocolArgument(args);
        let uri: string;
        let position: unknown;
        let word: string | undefined;
        if (arg !== undefined && typeof arg.position === 'object' && arg.position !== null) {
            uri = arg.uri;
            position = arg.position;
        } else {
            const editor = this.activeEditor();
            if (editor === undefined || this.client === undefined) {
                return undefined;
            }
            const active = editor.selection.active;
            uri = this.protocolUri(editor.document.uri);
            position = this.client.code2ProtocolConverter.asPosition(active);
            word = this.wordAt(editor.document, active);
        }
        let question = typeof arg?.question === 'string' ? arg.question : undefined;
        if (question === undefined) {
            question = await vscode.window.showInputBox({
                title: `smallcode: ask about ${word ?? 'this symbol'}`,
                prompt: 'Your question (optional: leave empty to get an explanation)',
                placeHolder: defaultQuestion(word),
                ignoreFocusOut: true,
            });
            if (question === undefined) {
                return undefined; // Escape
            }
        }
        return this.ask(uri, position as { line: number; character: number }, question, word);
    }

    private async ask(uri: string, position: { line: number; character: number }, question: string, word: string | undefined): Promise<unknown> {
        const client = this.runningClient();
        if (client === undefined) {
            return undefined;
        }
        this.askCounter += 1;
        const token = `smallcode-ask-${process.pid}-${this.askCounter}`;
        const title = `ask ${word ?? ''}`.trim();
        let shown: Promise<Answer> | undefined;
        this.partials.set(token, (text) => {
            if (shown === undefined) {
                shown = this.answers.show(title, text);
            } else {
                void shown.then((answer) => answer.update(text));
            }
        });
        let result: unknown;
        try {
            result = await vscode.window.withProgress(
                { location: vscode.ProgressLocation.Notification, title: 'smallcode: thinking…', cancellable: true },
                (_progress, cancel) => client.sendRequest(ASK_REQUEST, askParams(uri, position, question, word, token), cancel),
            );
        } catch (error) {
            if (!(error instanceof vscode.CancellationError)) {
                void vscode.window.showErrorMessage(`smallcode: ${ASK_REQUEST} failed: ${errorText(error)}`);
            }
            return undefined;
        } finally {
            this.partials.delete(token);
        }
        const markdown = askAnswerMarkdown(result);
        if (shown !== undefined) {
            (await shown).update(markdown);
        } else {
            await this.showMarkdown(title, markdown);
        }
        return result;
    }

    private async showMarkdown(title: string, markdown: string | undefined): Promise<void> {
        if (markdown === undefined || markdown.trim() === '') {
            void vscode.window.showInformationMessage('smallcode: no answer.');
            return;
        }
        await this.answers.show(title, markdown);
    }

    private async showStatus(args: unknown[]): Promise<unknown> {
        const result = await this.send(COMMANDS.status, args.length ? args : [{}]);
        if (result === undefined) {
            return undefined;
        }
        this.lastStatus = result;
        this.renderStatus();
        const choice = await vscode.window.showInformationMessage(`smallcode: ${statusSummary(result)}`, 'Details');
        if (choice === 'Details') {
            await this.answers.show('status', statusMarkdown(result));
        }
        return result;
    }

    /** The `{status, message}` of a long command, briefly in the status bar (failures come as messages from the server). */
    private report(result: unknown): unknown {
        const message = resultMessage(result);
        if (message !== undefined) {
            vscode.window.setStatusBarMessage(`smallcode: ${message}`, 8000);
        }
        return result;
    }

    // -- status bar ----------------------------------------------------------------

    private scheduleStatusRefresh(delay = 500): void {
        if (this.statusTimer !== undefined) {
            clearTimeout(this.statusTimer);
        }
        this.statusTimer = setTimeout(() => {
            this.statusTimer = undefined;
            void this.refreshStatus();
        }, delay);
    }

    private async refreshStatus(): Promise<void> {
        if (!this.advertises(COMMANDS.status)) {
            return;
        }
        const result = await this.send(COMMANDS.status, [{}], true);
        if (result !== undefined) {
            this.lastStatus = result;
            this.renderStatus();
        }
    }

    private renderStatus(): void {
        const item = this.statusItem;
        const client = this.client;
        if (client === undefined || client.state === State.Stopped) {
            item.text = '$(warning) smallcode';
            item.tooltip = 'smallcode-ls is not running: click to restart';
            item.command = CLIENT_COMMANDS.restartServer;
            return;
        }
        item.command = COMMANDS.status;
        const base = statusBarText(this.lastStatus);
        const busy = this.progress.label();
        if (busy !== undefined || client.state === State.Starting) {
            item.text = `$(sync~spin) ${base}`;
            item.tooltip = busy ?? 'starting smallcode-ls';
        } else {
            item.text = `$(sparkle) ${base}`;
            item.tooltip = this.lastStatus === undefined ? 'smallcode: click for status' : `smallcode: ${statusSummary(this.lastStatus)}`;
        }
    }

    dispose(): void {
        if (this.statusTimer !== undefined) {
            clearTimeout(this.statusTimer);
        }
        this.disposeFallbacks();
        this.clientDisposables.forEach((d) => d.dispose());
        this.disposables.forEach((d) => d.dispose());
    }
}
