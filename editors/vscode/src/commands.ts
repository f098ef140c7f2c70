// Arguments and results of the server's commands (editors/PROTOCOL.md).
// Pure: no `vscode` import; positions and ranges are LSP's (0-based, UTF-16).

import type { Position, Range } from 'vscode-languageserver-protocol';

/** VS Code language ids of the files the server serves (its languages: Python, JS, TS, TSX, Go). */
export const LANGUAGE_IDS: readonly string[] = ['python', 'javascript', 'javascriptreact', 'typescript', 'typescriptreact', 'go'];

export const COMMANDS = {
    fix: 'smallcode.fix',
    fixFile: 'smallcode.fixFile',
    implement: 'smallcode.implement',
    edit: 'smallcode.edit',
    writeTests: 'smallcode.writeTests',
    explain: 'smallcode.explain',
    askSymbol: 'smallcode.askSymbol',
    status: 'smallcode.status',
} as const;

/** Client-only commands (not sent to the server under these names). */
export const CLIENT_COMMANDS = {
    editSelection: 'smallcode.editSelection',
    restartServer: 'smallcode.restartServer',
} as const;

/**
 * Server commands that are also palette commands. The language client
 * registers every command the server advertises; the extension registers a
 * palette fallback only for those the server does not advertise.
 */
export const PALETTE_SERVER_COMMANDS: readonly string[] = [COMMANDS.askSymbol, COMMANDS.fixFile, COMMANDS.status];

/** The custom request and its streamed partial answer. */
export const ASK_REQUEST = 'smallcode/ask';
export const ASK_PARTIAL_NOTIFICATION = 'smallcode/askPartial';

export interface ProtocolArgument {
    uri: string;
    [key: string]: unknown;
}

/**
 * True for the argument object a code action carries (`{uri, ...}`); false for
 * what VS Code passes from the palette (nothing) or a menu (a `Uri`).
 */
export function isProtocolArgument(value: unknown): value is ProtocolArgument {
    return typeof value === 'object' && value !== null && typeof (value as { uri?: unknown }).uri === 'string';
}

/** The protocol argument among a command's arguments, if any (it is the first). */
export function protocolArgument(args: readonly unknown[] | undefined): ProtocolArgument | undefined {
    const first = args?.[0];
    return isProtocolArgument(first) ? first : undefined;
}

/** `smallcode.edit` from a code action comes without an instruction: the client asks for one. */
export function needsInstruction(arg: ProtocolArgument): boolean {
    const instruction = arg.instruction;
    return typeof instruction !== 'string' || instruction.trim() === '';
}

export function withInstruction(arg: ProtocolArgument, instruction: string): ProtocolArgument {
    return { ...arg, instruction: instruction.trim() };
}

export function editArgument(uri: string, range: Range, instruction: string): ProtocolArgument {
    return { uri, range, instruction: instruction.trim() };
}

export function fixFileArgument(uri: string): ProtocolArgument {
    return { uri };
}

export function positionArgument(uri: string, position: Position): ProtocolArgument {
    return { uri, position };
}

export interface AskParams {
    question: string;
    textDocument?: { uri: string };
    position?: Position;
    symbol?: string;
    partialResultToken?: string | number;
}

/** The question sent when the user leaves the input box empty. */
export function defaultQuestion(word: string | undefined): string {
    const name = word?.trim();
    return name ? `Explain \`${name}\`: what it does and how it is used.` : 'Explain this code: what it does and how it is used.';
}

/**
 * Params of `smallcode/ask` about the symbol at a position. The position
 * localizes the symbol; the word under the cursor only fills the default
 * question (it may be a local name, so it is not sent as `symbol`).
 */
export function askParams(
    uri: string,
    position: Position,
    question: string | undefined,
    word: string | undefined,
    partialResultToken?: string,
): AskParams {
    const asked = question?.trim();
    const params: AskParams = {
        question: asked ? asked : defaultQuestion(word),
        textDocument: { uri },
        position,
    };
    if (partialResultToken !== undefined) {
        params.partialResultToken = partialResultToken;
    }
    return params;
}

/** The markdown of an `explain` / `askSymbol` / `smallcode/ask` result. */
export function markdownOf(result: unknown): string | undefined {
    if (typeof result === 'string') {
        return result;
    }
    if (typeof result === 'object' && result !== null) {
        const markdown = (result as { markdown?: unknown }).markdown;
        if (typeof markdown === 'string') {
            return markdown;
        }
    }
    return undefined;
}

export interface LocationLike {
    uri: string;
    range: Range;
}

/** The markdown of a `smallcode/ask` result with its locations listed as links. */
export function askAnswerMarkdown(result: unknown): string {
    const markdown = markdownOf(result) ?? '';
    const locations = (result as { locations?: unknown } | null)?.locations;
    if (!Array.isArray(locations) || locations.length === 0) {
        return markdown;
    }
    const links = (locations as LocationLike[])
        .filter((loc) => typeof loc?.uri === 'string' && loc.range?.start !== undefined)
        .map((loc) => {
            const line = loc.range.start.line + 1;
            const name = decodeURIComponent(loc.uri.replace(/^.*\//, ''));
            return `- [${name}:${line}](${loc.uri}#L${line})`;
        });
    return links.length ? `${markdown}\n\n**Locations**\n\n${links.join('\n')}\n` : markdown;
}

/** The `{status, message}` of a long command, as one line, if it has a message. */
export function resultMessage(result: unknown): string | undefined {
    if (typeof result !== 'object' || result === null) {
        return undefined;
    }
    const { status, message } = result as { status?: unknown; message?: unknown };
    if (typeof message === 'string' && message.trim()) {
        return message.trim();
    }
    return typeof status === 'string' ? status : undefined;
}

export interface ServerStatus {
    endpoint?: string;
    model?: string | null;
    contextWindow?: number | null;
    graph?: { files?: number; symbols?: number; edges?: number };
    lastEscalation?: unknown;
}

function asStatus(result: unknown): ServerStatus {
    return typeof result === 'object' && result !== null ? (result as ServerStatus) : {};
}

function describeEscalation(value: unknown): string {
    if (value === undefined || value === null || value === '') {
        return 'none';
    }
    return typeof value === 'string' ? value : JSON.stringify(value);
}

/** A one-line summary of `smallcode.status`. */
export function statusSummary(result: unknown): string {
    const status = asStatus(result);
    const parts = [`endpoint ${status.endpoint ?? 'unknown'}`];
    if (status.model) {
        parts.push(`model ${status.model}`);
    }
    if (status.contextWindow) {
        parts.push(`context ${status.contextWindow} tokens`);
    }
    const graph = status.graph;
    if (graph) {
        parts.push(`graph ${graph.files ?? 0} files, ${graph.symbols ?? 0} symbols, ${graph.edges ?? 0} edges`);
    }
    parts.push(`last escalation: ${describeEscalation(status.lastEscalation)}`);
    return parts.join('; ');
}

/** `smallcode.status` as a markdown document. */
export function statusMarkdown(result: unknown): string {
    const status = asStatus(result);
    const graph = status.graph ?? {};
    return [
        '# smallcode status',
        '',
        '| | |',
        '|---|---|',
        `| endpoint | \`${status.endpoint ?? 'unknown'}\` |`,
        `| model | ${status.model ? `\`${status.model}\`` : '(endpoint default)'} |`,
        `| context window | ${status.contextWindow ?? 'unknown'} |`,
        `| graph | ${graph.files ?? 0} files, ${graph.symbols ?? 0} symbols, ${graph.edges ?? 0} edges |`,
        `| last escalation | ${describeEscalation(status.lastEscalation)} |`,
        '',
        '```json',
        JSON.stringify(result ?? null, null, 2),
        '```',
        '',
    ].join('\n');
}

/**
 * The endpoint as the status bar shows it. The server reports a label
 * (`Ollama at http://127.0.0.1:11434`, `the endpoint at http://h:1/v1`,
 * `the embedded model qwen2.5-coder-1.5b`, `invalid: ...`) or a URL: URLs are
 * cut to host:port (never credentials), "the endpoint at" is dropped.
 */
export function shortEndpoint(endpoint: string | undefined): string {
    const text = endpoint?.trim();
    if (!text) {
        return '';
    }
    if (/^invalid\b/i.test(text)) {
        return 'invalid endpoint';
    }
    return text
        .replace(/\b[a-z][a-z0-9+.-]*:\/\/([^/?#\s]+)[^\s]*/gi, (_url, authority: string) => authority.replace(/^[^@]*@/, ''))
        .replace(/^the endpoint at /i, '')
        .replace(/^the /i, '');
}

export function statusBarText(result: unknown): string {
    const status = asStatus(result);
    const endpoint = shortEndpoint(status.endpoint);
    return endpoint ? `smallcode: ${endpoint}` : 'smallcode';
}
