// A small stand-in for the `vscode` module, enough for vscode-languageclient and
// our extension to activate, talk to the real server, and run their commands
// under plain Node. It records what the extension shows the user. It is not
// VS Code: it checks our wiring (middleware, commands, settings, answers), not
// the editor's UI.
//
// Anything not implemented here is a permissive stub (callable, constructible,
// every property another stub), and its name is recorded in `fake.missing`.

import * as path from 'path';
import { pathToFileURL } from 'url';

// -- basic types ------------------------------------------------------------------

export class Disposable {
    constructor(private readonly callOnDispose?: () => void) {}
    static from(...items: Array<{ dispose(): unknown } | undefined>): Disposable {
        return new Disposable(() => items.forEach((item) => item?.dispose()));
    }
    dispose(): void {
        this.callOnDispose?.();
    }
}

type Listener<T> = (event: T) => unknown;

export class EventEmitter<T> {
    private readonly listeners = new Set<Listener<T>>();
    readonly event = (listener: Listener<T>, thisArg?: unknown, disposables?: Disposable[]): Disposable => {
        const bound: Listener<T> = (e) => listener.call(thisArg, e);
        this.listeners.add(bound);
        const disposable = new Disposable(() => this.listeners.delete(bound));
        disposables?.push(disposable);
        return disposable;
    };
    fire(event: T): void {
        for (const listener of [...this.listeners]) {
            listener(event);
        }
    }
    dispose(): void {
        this.listeners.clear();
    }
}

export class Position {
    constructor(
        readonly line: number,
        readonly character: number,
    ) {}
    isBefore(other: Position): boolean {
        return this.line < other.line || (this.line === other.line && this.character < other.character);
    }
    isEqual(other: Position): boolean {
        return this.line === other.line && this.character === other.character;
    }
    isAfter(other: Position): boolean {
        return !this.isEqual(other) && !this.isBefore(other);
    }
    compareTo(other: Position): number {
        return this.isBefore(other) ? -1 : this.isEqual(other) ? 0 : 1;
    }
    translate(lineDelta = 0, characterDelta = 0): Position {
        return new Position(this.line + lineDelta, this.character + characterDelta);
    }
    with(line = this.line, character = this.character): Position {
        return new Position(line, character);
    }
}

export class Range {
    readonly start: Position;
    readonly end: Position;
    constructor(a: Position | number, b: Position | number, c?: number, d?: number) {
        if (typeof a === 'number') {
            this.start = new Position(a, b as number);
            this.end = new Position(c as number, d as number);
        } else {
            this.start = a;
            this.end = b as Position;
        }
    }
    get isEmpty(): boolean {
        return this.start.isEqual(this.end);
    }
    get isSingleLine(): boolean {
        return this.start.line === this.end.line;
    }
    contains(value: Position | Range): boolean {
        if (value instanceof Range) {
            return this.contains(value.start) && this.contains(value.end);
        }
        return !value.isBefore(this.start) && !this.end.isBefore(value);
    }
    isEqual(other: Range): boolean {
        return this.start.isEqual(other.start) && this.end.isEqual(other.end);
    }
    with(start = this.start, end = this.end): Range {
        return new Range(start, end);
    }
}

export class Selection extends Range {
    constructor(
        readonly anchor: Position,
        readonly active: Position,
    ) {
        super(anchor.isBefore(active) ? anchor : active, anchor.isBefore(active) ? active : anchor);
    }
}

export class Uri {
    private constructor(
        readonly scheme: string,
        readonly authority: string,
        readonly path: string,
        readonly query: string,
        readonly fragment: string,
    ) {}
    static parse(value: string): Uri {
        const m = /^(([^:/?#]+?):)?(\/\/([^/?#]*))?([^?#]*)(\?([^#]*))?(#(.*))?/.exec(value)!;
        return new Uri(m[2] ?? 'file', m[4] ?? '', decodeURIComponent(m[5] ?? ''), m[7] ?? '', m[9] ?? '');
    }
    static file(fsPath: string): Uri {
        return new Uri('file', '', path.resolve(fsPath), '', '');
    }
    static from(parts: { scheme: string; authority?: string; path?: string; query?: string; fragment?: string }): Uri {
        return new Uri(parts.scheme, parts.authority ?? '', parts.path ?? '', parts.query ?? '', parts.fragment ?? '');
    }
    static joinPath(base: Uri, ...segments: string[]): Uri {
        return base.with({ path: path.posix.join(base.path, ...segments) });
    }
    get fsPath(): string {
        return this.path;
    }
    with(change: { scheme?: string; authority?: string; path?: string; query?: string; fragment?: string }): Uri {
        return new Uri(
            change.scheme ?? this.scheme,
            change.authority ?? this.authority,
            change.path ?? this.path,
            change.query ?? this.query,
            change.fragment ?? this.fragment,
        );
    }
    toString(): string {
        if (this.scheme === 'file') {
            return pathToFileURL(this.path).href;
        }
        const authority = this.authority ? `//${this.authority}` : '';
        return `${this.scheme}:${authority}${encodeURI(this.path)}${this.query ? `?${this.query}` : ''}${this.fragment ? `#${this.fragment}` : ''}`;
    }
    toJSON(): unknown {
        return { scheme: this.scheme, path: this.path };
    }
}

export class CancellationError extends Error {
    constructor() {
        super('Canceled');
        this.name = 'Canceled';
    }
}

export class CancellationTokenSource {
    private readonly emitter = new EventEmitter<void>();
    private cancelled = false;
    readonly token = {
        isCancellationRequested: false,
        onCancellationRequested: this.emitter.event,
    };
    cancel(): void {
        if (!this.cancelled) {
            this.cancelled = true;
            this.token.isCancellationRequested = true;
            this.emitter.fire();
        }
    }
    dispose(): void {
        this.emitter.dispose();
    }
}

export class MarkdownString {
    constructor(public value = '') {}
}

export const ProgressLocation = { SourceControl: 1, Window: 10, Notification: 15 };
export const StatusBarAlignment = { Left: 1, Right: 2 };
export const ViewColumn = { Active: -1, Beside: -2, One: 1, Two: 2 };
export const EndOfLine = { LF: 1, CRLF: 2 };
export const DiagnosticSeverity = { Error: 0, Warning: 1, Information: 2, Hint: 3 };
export const ConfigurationTarget = { Global: 1, Workspace: 2, WorkspaceFolder: 3 };

// -- documents and editors -----------------------------------------------------------

export class FakeDocument {
    version = 1;
    isDirty = false;
    isClosed = false;
    isUntitled = false;
    readonly eol = EndOfLine.LF;
    constructor(
        readonly uri: Uri,
        public languageId: string,
        private text: string,
    ) {}
    get fileName(): string {
        return this.uri.fsPath;
    }
    get lineCount(): number {
        return this.lines().length;
    }
    private lines(): string[] {
        return this.text.split('\n');
    }
    getText(range?: Range): string {
        if (range === undefined) {
            return this.text;
        }
        return this.text.slice(this.offsetAt(range.start), this.offsetAt(range.end));
    }
    lineAt(lineOrPosition: number | Position): unknown {
        const line = typeof lineOrPosition === 'number' ? lineOrPosition : lineOrPosition.line;
        const text = this.lines()[line] ?? '';
        return { lineNumber: line, text, range: new Range(line, 0, line, text.length), isEmptyOrWhitespace: text.trim() === '' };
    }
    offsetAt(position: Position): number {
        const lines = this.lines();
        let offset = 0;
        for (let i = 0; i < position.line && i < lines.length; i++) {
            offset += lines[i].length + 1;
        }
        return offset + position.character;
    }
    positionAt(offset: number): Position {
        const lines = this.lines();
        let line = 0;
        while (line < lines.length - 1 && offset > lines[line].length) {
            offset -= lines[line].length + 1;
            line += 1;
        }
        return new Position(line, offset);
    }
    getWordRangeAtPosition(position: Position): Range | undefined {
        const text = this.lines()[position.line] ?? '';
        const re = /\w+/g;
        for (let m = re.exec(text); m !== null; m = re.exec(text)) {
            if (m.index <= position.character && position.character <= m.index + m[0].length) {
                return new Range(position.line, m.index, position.line, m.index + m[0].length);
            }
        }
        return undefined;
    }
    validateRange(range: Range): Range {
        return range;
    }
    validatePosition(position: Position): Position {
        return position;
    }
    save(): Promise<boolean> {
        return Promise.resolve(true);
    }
}

export interface FakeEditor {
    document: FakeDocument;
    selection: Selection;
    selections: Selection[];
    visibleRanges: Range[];
    options: Record<string, unknown>;
    viewColumn: number;
}

export function editorOn(document: FakeDocument, anchor: Position, active = anchor): FakeEditor {
    const selection = new Selection(anchor, active);
    return { document, selection, selections: [selection], visibleRanges: [], options: {}, viewColumn: 1 };
}

// -- the recorded state ----------------------------------------------------------------

export interface Shown {
    kind: 'info' | 'warning' | 'error';
    message: string;
    items: unknown[];
}

export const fake = {
    config: new Map<string, unknown>(),
    commands: new Map<string, (...args: any[]) => unknown>(),
    executed: [] as Array<{ command: string; args: unknown[] }>,
    shown: [] as Shown[],
    inputBoxes: [] as Array<Record<string, unknown>>,
    inputAnswers: [] as Array<string | undefined>,
    statusMessages: [] as string[],
    statusItems: [] as Array<Record<string, any>>,
    output: [] as string[],
    outputChannels: [] as string[],
    contentProviders: new Map<string, { provideTextDocumentContent(uri: Uri): string; onDidChange?: unknown }>(),
    documents: [] as FakeDocument[],
    activeTextEditor: undefined as FakeEditor | undefined,
    appliedEdits: [] as unknown[],
    diagnostics: new Map<string, unknown[]>(),
    missing: new Set<string>(),
    workspaceFolders: [] as Array<{ uri: Uri; name: string; index: number }>,
    emitters: {
        didChangeConfiguration: new EventEmitter<{ affectsConfiguration(section: string): boolean }>(),
        didOpen: new EventEmitter<FakeDocument>(),
        didClose: new EventEmitter<FakeDocument>(),
        didChange: new EventEmitter<unknown>(),
        didSave: new EventEmitter<FakeDocument>(),
        willSave: new EventEmitter<unknown>(),
        activeEditor: new EventEmitter<FakeEditor | undefined>(),
        workspaceFolders: new EventEmitter<unknown>(),
    },
    /** Set a setting (full key, e.g. `smallcode.model.model`) the way the Settings UI would. */
    setConfig(key: string, value: unknown): void {
        if (value === undefined) {
            fake.config.delete(key);
        } else {
            fake.config.set(key, value);
        }
        fake.emitters.didChangeConfiguration.fire({
            affectsConfiguration: (section: string) => key === section || key.startsWith(`${section}.`),
        });
    },
};

// -- permissive stubs for the rest ---------------------------------------------------------

function stub(name: string): any {
    const target = function () {
        /* stub */
    };
    return new Proxy(target, {
        get(_t, prop) {
            if (prop === 'then') {
                return undefined; // not a thenable
            }
            if (prop === Symbol.toPrimitive) {
                return () => name;
            }
            if (prop === 'dispose') {
                return () => undefined;
            }
            return stub(`${name}.${String(prop)}`);
        },
        apply() {
            fake.missing.add(`${name}()`);
            return new Disposable();
        },
        construct() {
            fake.missing.add(`new ${name}`);
            return stub(`${name}()`);
        },
    });
}

function withStubs<T extends object>(name: string, impl: T): T {
    return new Proxy(impl, {
        get(target, prop, receiver) {
            if (prop in target || typeof prop === 'symbol') {
                return Reflect.get(target, prop, receiver);
            }
            fake.missing.add(`${name}.${prop}`);
            return stub(`${name}.${prop}`);
        },
    });
}

// -- namespaces ---------------------------------------------------------------------

function configuration(section?: string): unknown {
    const full = (key: string) => (section ? `${section}.${key}` : key);
    return {
        get(key: string, defaultValue?: unknown) {
            return fake.config.has(full(key)) ? fake.config.get(full(key)) : defaultValue;
        },
        has(key: string) {
            return fake.config.has(full(key));
        },
        inspect(key: string) {
            return fake.config.has(full(key)) ? { key: full(key), globalValue: fake.config.get(full(key)) } : { key: full(key) };
        },
        update() {
            return Promise.resolve();
        },
    };
}

function selectorMatches(selector: unknown, document: FakeDocument): boolean {
    const filters = Array.isArray(selector) ? selector : [selector];
    return filters.some((filter) => {
        if (typeof filter === 'string') {
            return filter === document.languageId;
        }
        const f = filter as { language?: string; scheme?: string; pattern?: unknown };
        return (f.language === undefined || f.language === document.languageId) && (f.scheme === undefined || f.scheme === document.uri.scheme);
    });
}

const statusItem = (id?: string) => {
    // `history` keeps every [text, tooltip] the item showed.
    const item: Record<string, any> = { id, tooltip: undefined, command: undefined, visible: false, history: [] as string[][] };
    let text = '';
    Object.defineProperty(item, 'text', {
        get: () => text,
        set: (value: string) => {
            text = value;
            item.history.push([value, String(item.tooltip ?? '')]);
        },
    });
    Object.defineProperty(item, 'tooltip', {
        get: () => item._tooltip,
        set: (value: unknown) => {
            item._tooltip = value;
            if (item.history.length > 0) {
                item.history[item.history.length - 1][1] = String(value ?? '');
            }
        },
    });
    item.show = () => (item.visible = true);
    item.hide = () => (item.visible = false);
    item.dispose = () => (item.visible = false);
    fake.statusItems.push(item);
    return item;
};

const outputChannel = (name: string) => {
    fake.outputChannels.push(name);
    const write = (text: string) => fake.output.push(`[${name}] ${text}`);
    return {
        name,
        append: write,
        appendLine: write,
        replace: write,
        clear: () => undefined,
        show: () => undefined,
        hide: () => undefined,
        dispose: () => undefined,
        trace: write,
        debug: write,
        info: write,
        warn: write,
        error: write,
        logLevel: 2,
        onDidChangeLogLevel: new EventEmitter<number>().event,
    };
};

const message =
    (kind: Shown['kind']) =>
    (text: string, ...items: unknown[]) => {
        fake.shown.push({ kind, message: text, items });
        return Promise.resolve(undefined);
    };

export const window = withStubs('window', {
    get activeTextEditor() {
        return fake.activeTextEditor;
    },
    get visibleTextEditors() {
        return fake.activeTextEditor ? [fake.activeTextEditor] : [];
    },
    onDidChangeActiveTextEditor: fake.emitters.activeEditor.event,
    onDidChangeVisibleTextEditors: new EventEmitter<unknown>().event,
    tabGroups: { all: [], onDidChangeTabs: new EventEmitter<unknown>().event, onDidChangeTabGroups: new EventEmitter<unknown>().event },
    createOutputChannel: outputChannel,
    createStatusBarItem: (id?: string) => statusItem(typeof id === 'string' ? id : undefined),
    showInformationMessage: message('info'),
    showWarningMessage: message('warning'),
    showErrorMessage: message('error'),
    showInputBox: (options: Record<string, unknown>) => {
        fake.inputBoxes.push(options);
        return Promise.resolve(fake.inputAnswers.shift());
    },
    setStatusBarMessage: (text: string) => {
        fake.statusMessages.push(text);
        return new Disposable();
    },
    withProgress: (_options: unknown, task: (progress: unknown, token: unknown) => unknown) =>
        Promise.resolve(task({ report: () => undefined }, new CancellationTokenSource().token)),
    showTextDocument: (document: unknown) => {
        fake.executed.push({ command: 'window.showTextDocument', args: [document] });
        return Promise.resolve(undefined);
    },
});

export const workspace = withStubs('workspace', {
    getConfiguration: configuration,
    get workspaceFolders() {
        return fake.workspaceFolders;
    },
    get textDocuments() {
        return fake.documents;
    },
    getWorkspaceFolder: () => fake.workspaceFolders[0],
    onDidChangeConfiguration: fake.emitters.didChangeConfiguration.event,
    onDidOpenTextDocument: fake.emitters.didOpen.event,
    onDidCloseTextDocument: fake.emitters.didClose.event,
    onDidChangeTextDocument: fake.emitters.didChange.event,
    onDidSaveTextDocument: fake.emitters.didSave.event,
    onWillSaveTextDocument: fake.emitters.willSave.event,
    onDidChangeWorkspaceFolders: fake.emitters.workspaceFolders.event,
    onDidCreateFiles: new EventEmitter<unknown>().event,
    onDidRenameFiles: new EventEmitter<unknown>().event,
    onDidDeleteFiles: new EventEmitter<unknown>().event,
    onWillCreateFiles: new EventEmitter<unknown>().event,
    onWillRenameFiles: new EventEmitter<unknown>().event,
    onWillDeleteFiles: new EventEmitter<unknown>().event,
    createFileSystemWatcher: () => ({
        onDidCreate: new EventEmitter<unknown>().event,
        onDidChange: new EventEmitter<unknown>().event,
        onDidDelete: new EventEmitter<unknown>().event,
        dispose: () => undefined,
    }),
    registerTextDocumentContentProvider: (scheme: string, provider: { provideTextDocumentContent(uri: Uri): string }) => {
        fake.contentProviders.set(scheme, provider);
        return new Disposable(() => fake.contentProviders.delete(scheme));
    },
    openTextDocument: (uri: Uri) => {
        const provider = fake.contentProviders.get(uri.scheme);
        return Promise.resolve(new FakeDocument(uri, 'plaintext', provider?.provideTextDocumentContent(uri) ?? ''));
    },
    applyEdit: (edit: unknown) => {
        fake.appliedEdits.push(edit);
        return Promise.resolve(true);
    },
    isTrusted: true,
    name: 'fake-workspace',
});

export const commands = withStubs('commands', {
    registerCommand: (command: string, callback: (...args: any[]) => unknown) => {
        if (fake.commands.has(command)) {
            // What VS Code does, and what a palette fallback must never trigger.
            throw new Error(`command '${command}' already exists`);
        }
        fake.commands.set(command, callback);
        return new Disposable(() => fake.commands.delete(command));
    },
    executeCommand: async (command: string, ...args: unknown[]) => {
        fake.executed.push({ command, args });
        const callback = fake.commands.get(command);
        return callback === undefined ? undefined : await callback(...args);
    },
    getCommands: () => Promise.resolve([...fake.commands.keys()]),
});

export const languages = withStubs('languages', {
    match: (selector: unknown, document: FakeDocument) => (selectorMatches(selector, document) ? 10 : 0),
    createDiagnosticCollection: (name?: string) => ({
        name,
        set: (uri: Uri, diagnostics: unknown[]) => fake.diagnostics.set(uri.toString(), diagnostics ?? []),
        delete: (uri: Uri) => fake.diagnostics.delete(uri.toString()),
        clear: () => fake.diagnostics.clear(),
        get: (uri: Uri) => fake.diagnostics.get(uri.toString()),
        has: (uri: Uri) => fake.diagnostics.has(uri.toString()),
        forEach: () => undefined,
        dispose: () => undefined,
    }),
    setTextDocumentLanguage: (document: FakeDocument, languageId: string) => {
        document.languageId = languageId;
        return Promise.resolve(document);
    },
    onDidChangeDiagnostics: new EventEmitter<unknown>().event,
});
for (const name of [
    'registerCallHierarchyProvider',
    'registerCodeActionsProvider',
    'registerDocumentSymbolProvider',
    'registerWorkspaceSymbolProvider',
    'registerHoverProvider',
    'registerDefinitionProvider',
    'registerReferenceProvider',
]) {
    (languages as Record<string, unknown>)[name] = () => new Disposable();
}

export const extensions = withStubs('extensions', {
    getExtension: () => undefined,
    all: [],
    onDidChange: new EventEmitter<void>().event,
});

export const env = withStubs('env', {
    appName: 'fake-vscode',
    appRoot: '/',
    language: 'en',
    machineId: 'test',
    sessionId: 'test',
    uriScheme: 'vscode',
    openExternal: () => Promise.resolve(true),
});

export const version = '1.85.0';

/** The module object `require('vscode')` returns. */
export function vscodeModule(): unknown {
    const exported: Record<string, unknown> = {
        __esModule: true,
        Disposable,
        EventEmitter,
        Position,
        Range,
        Selection,
        Uri,
        CancellationError,
        CancellationTokenSource,
        MarkdownString,
        ProgressLocation,
        StatusBarAlignment,
        ViewColumn,
        EndOfLine,
        DiagnosticSeverity,
        ConfigurationTarget,
        window,
        workspace,
        commands,
        languages,
        extensions,
        env,
        version,
    };
    return withStubs('vscode', exported);
}

/** Make `require('vscode')` return the fake, for modules loaded from now on. */
export function installFakeVscode(): void {
    const Module = require('module') as { _load: (request: string, ...rest: unknown[]) => unknown };
    const original = Module._load;
    const module = vscodeModule();
    Module._load = function (request: string, ...rest: unknown[]) {
        return request === 'vscode' ? module : original.call(this, request, ...rest);
    };
}
