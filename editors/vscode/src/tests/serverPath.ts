// Where the tests find smallcode-ls: $SMALLCODE_LS, default <repo>/.venv/bin/smallcode-ls.

import * as path from 'path';

// out/tests -> out -> editors/vscode -> editors -> repo
export const REPO_ROOT = path.resolve(__dirname, '..', '..', '..', '..');
export const SERVER = process.env.SMALLCODE_LS || path.join(REPO_ROOT, '.venv', 'bin', 'smallcode-ls');
export const SERVER_HINT = `smallcode-ls not found at ${SERVER}: create the venv (pip install -e '.[dev]') or set SMALLCODE_LS`;
