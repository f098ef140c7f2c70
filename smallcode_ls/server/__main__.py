"""`smallcode-ls`: serve LSP over stdio (the default) or TCP."""

from __future__ import annotations

import argparse
import logging
import sys

from .. import __version__

LOG_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


def _host_port(text: str) -> tuple[str, int]:
    host, sep, port = text.rpartition(":")
    if not sep or not port.isdigit():
        raise argparse.ArgumentTypeError(f"expected HOST:PORT, got {text!r}")
    return host or "127.0.0.1", int(port)


def _parser(version: str) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="smallcode-ls", description="smallcode language server")
    parser.add_argument("--version", action="version", version=f"smallcode-ls {version}")
    parser.add_argument("--tcp", metavar="HOST:PORT", type=_host_port, help="listen on TCP instead of stdio")
    parser.add_argument("--log-file", metavar="PATH", help="write the log here instead of stderr")
    # Many clients (vscode-languageclient among them) pass this; stdio is the default anyway.
    parser.add_argument("--stdio", action="store_true", help="serve on stdio (the default)")
    return parser


def _setup_logging(log_file: str | None) -> None:
    # Never stdout: over stdio that stream is the protocol.
    handler: logging.Handler = (
        logging.FileHandler(log_file, encoding="utf-8") if log_file else logging.StreamHandler(sys.stderr)
    )
    handler.setFormatter(logging.Formatter(LOG_FORMAT))
    logging.basicConfig(level=logging.INFO, handlers=[handler], force=True)
    # pygls logs every message at INFO/DEBUG; its errors still get through.
    logging.getLogger("pygls").setLevel(logging.WARNING)


def main(argv: list[str] | None = None) -> int:
    args = _parser(__version__).parse_args(argv)
    _setup_logging(args.log_file)
    # Imported late: lsprotocol alone takes a second, which --version and --help need not pay.
    from . import agent_features  # noqa: F401  (registers code actions, commands and smallcode/ask)
    from .server import SERVER

    if args.tcp:
        host, port = args.tcp
        SERVER.start_tcp(host, port)
    else:
        SERVER.start_io()
    return 0


if __name__ == "__main__":
    sys.exit(main())
