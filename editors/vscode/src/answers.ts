// Answers (explain, ask, status) as read-only markdown documents that can be
// updated while the answer streams in: no "save changes?" prompt on close.

import * as vscode from 'vscode';

export const ANSWER_SCHEME = 'smallcode-answer';
const KEEP = 50;

export interface Answer {
    readonly uri: vscode.Uri;
    update(markdown: string): void;
}

export class Answers implements vscode.TextDocumentContentProvider, vscode.Disposable {
    private readonly texts = new Map<string, string>();
    private readonly changed = new vscode.EventEmitter<vscode.Uri>();
    private counter = 0;
    readonly onDidChange = this.changed.event;

    provideTextDocumentContent(uri: vscode.Uri): string {
        return this.texts.get(uri.toString()) ?? '';
    }

    /** Open a new answer document (markdown preview or editor, per `smallcode.answers.view`). */
    async show(title: string, markdown: string): Promise<Answer> {
        this.counter += 1;
        const name = title.replace(/[^\w.-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 60) || 'answer';
        const uri = vscode.Uri.from({ scheme: ANSWER_SCHEME, path: `/${this.counter}/${name}.md` });
        this.set(uri, markdown);
        const answer: Answer = { uri, update: (text) => this.set(uri, text) };
        const view = vscode.workspace.getConfiguration('smallcode').get<string>('answers.view', 'preview');
        if (view === 'preview') {
            try {
                await vscode.commands.executeCommand('markdown.showPreviewToSide', uri);
                return answer;
            } catch {
                // The built-in markdown extension is disabled: fall back to an editor.
            }
        }
        const document = await vscode.workspace.openTextDocument(uri);
        await vscode.languages.setTextDocumentLanguage(document, 'markdown');
        await vscode.window.showTextDocument(document, { viewColumn: vscode.ViewColumn.Beside, preview: false });
        return answer;
    }

    private set(uri: vscode.Uri, markdown: string): void {
        const key = uri.toString();
        const known = this.texts.has(key);
        this.texts.delete(key);
        this.texts.set(key, markdown);
        while (this.texts.size > KEEP) {
            const oldest = this.texts.keys().next().value as string;
            this.texts.delete(oldest);
        }
        if (known) {
            this.changed.fire(uri);
        }
    }

    dispose(): void {
        this.changed.dispose();
        this.texts.clear();
    }
}
