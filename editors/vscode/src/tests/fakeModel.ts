// A scripted OpenAI-compatible endpoint on loopback for the tests that need a
// model: streamed requests get ASK_PIECES as server-sent events, others a short
// plain answer. No real model is ever started.

import * as http from 'http';
import { AddressInfo } from 'net';

export const ASK_PIECES = ['`greet` returns ', 'a greeting ', 'for `name`.'];
// The final answer: the model's, with the location the harness adds after the first symbol.
export const ASK_ANSWER = ASK_PIECES.join('').replace('`greet`', '`greet` (app.py:1)');

export interface FakeModel {
    server: http.Server;
    url: string;
    /** The bodies of the chat requests received, in order. */
    chats: Array<{ stream?: boolean; messages?: Array<{ role: string; content: string }> }>;
    close(): Promise<void>;
}

export function startFakeModel(): Promise<FakeModel> {
    const chats: FakeModel['chats'] = [];
    const server = http.createServer((req, res) => {
        let body = '';
        req.on('data', (chunk: Buffer) => (body += chunk.toString()));
        req.on('end', () => {
            if (req.method !== 'POST' || !req.url?.endsWith('/chat/completions')) {
                res.writeHead(404, { 'Content-Type': 'application/json' }).end('{"error": "not found"}');
                return;
            }
            const request = JSON.parse(body || '{}') as FakeModel['chats'][number];
            chats.push(request);
            if (!request.stream) {
                const message = { role: 'assistant', content: ASK_PIECES.join('') };
                res.writeHead(200, { 'Content-Type': 'application/json' }).end(
                    JSON.stringify({
                        id: 'c1',
                        object: 'chat.completion',
                        model: 'fake',
                        choices: [{ index: 0, message, finish_reason: 'stop' }],
                        usage: { prompt_tokens: 10, completion_tokens: 5, total_tokens: 15 },
                    }),
                );
                return;
            }
            res.writeHead(200, { 'Content-Type': 'text/event-stream' });
            const events: unknown[] = [
                { choices: [{ index: 0, delta: { role: 'assistant' } }] },
                ...ASK_PIECES.map((content) => ({ choices: [{ index: 0, delta: { content } }] })),
                { choices: [{ index: 0, delta: {}, finish_reason: 'stop' }] },
            ];
            let i = 0;
            const next = () => {
                if (i < events.length) {
                    res.write(`data: ${JSON.stringify(events[i++])}\n\n`);
                    setTimeout(next, 50);
                } else {
                    res.end('data: [DONE]\n\n');
                }
            };
            next();
        });
    });
    return new Promise((resolve) =>
        server.listen(0, '127.0.0.1', () => {
            const { port } = server.address() as AddressInfo;
            resolve({
                server,
                url: `http://127.0.0.1:${port}/v1`,
                chats,
                close: () =>
                    new Promise<void>((done) => {
                        server.closeAllConnections();
                        server.close(() => done());
                    }),
            });
        }),
    );
}
