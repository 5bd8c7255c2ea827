#!/usr/bin/env python3
"""Serve the built MLOps Playground page on this machine (Python standard library only).

Binds 127.0.0.1 by default, serves the right MIME types for wasm and ES modules, tells the
browser to revalidate every file (so a rebuilt page shows at once), refuses any path outside
the web root, logs one line per request and stops cleanly on Ctrl-C.
"""
import argparse
import functools
import http.server
import os
import signal
import sys
import urllib.parse

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_ROOT = os.path.join(HERE, "build", "wasm", "web")


class PlaygroundHandler(http.server.SimpleHTTPRequestHandler):
    extensions_map = {
        **http.server.SimpleHTTPRequestHandler.extensions_map,
        ".wasm": "application/wasm",
        ".mjs": "text/javascript",
        ".js": "text/javascript",
        ".json": "application/json",
        ".csv": "text/csv",
        ".css": "text/css",
        ".html": "text/html",
        ".svg": "image/svg+xml",
    }

    def _inside_root(self):
        """True when the decoded request path resolves (symlinks too) inside the web root."""
        raw = urllib.parse.unquote(urllib.parse.urlsplit(self.path).path)
        if "\x00" in raw or "\\" in raw or any(part == ".." for part in raw.split("/")):
            return False
        root = os.path.realpath(self.directory)
        target = os.path.realpath(os.path.join(root, raw.lstrip("/")))
        return target == root or target.startswith(root + os.sep)

    def send_head(self):
        if not self._inside_root():
            self.send_error(403, "Path outside the web root")
            return None
        return super().send_head()

    def end_headers(self):
        # no-cache: the browser may keep a copy but must revalidate, so a rebuilt page shows.
        self.send_header("Cache-Control", "no-cache")
        self.send_header("X-Content-Type-Options", "nosniff")
        super().end_headers()

    def log_message(self, fmt, *args):
        sys.stderr.write("%s %s\n" % (self.address_string(), fmt % args))


def main(argv=None):
    parser = argparse.ArgumentParser(description="Serve the MLOps Playground page.")
    parser.add_argument("--host", default="127.0.0.1", help="address to bind (default 127.0.0.1)")
    parser.add_argument("--port", type=int, default=8000, help="port (default 8000; 0 picks a free one)")
    parser.add_argument("--root", default=DEFAULT_ROOT, help="folder to serve (default build/wasm/web)")
    args = parser.parse_args(argv)
    if not os.path.isfile(os.path.join(args.root, "index.html")):
        print(f"serve.py: no index.html in {args.root}; build the page first (./run does).", file=sys.stderr)
        return 1
    handler = functools.partial(PlaygroundHandler, directory=os.path.abspath(args.root))
    try:
        server = http.server.ThreadingHTTPServer((args.host, args.port), handler)
    except OSError as e:
        print(f"serve.py: cannot listen on {args.host}:{args.port}: {e.strerror}", file=sys.stderr)
        return 1
    # Ctrl-C and a plain kill both end the server cleanly, even when started in the background
    # (where shells leave SIGINT ignored).
    signal.signal(signal.SIGINT, signal.default_int_handler)
    signal.signal(signal.SIGTERM, lambda *_: (_ for _ in ()).throw(KeyboardInterrupt()))
    host, port = server.server_address[:2]
    print(f"http://{host}:{port}/", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        print("\nserve.py: stopped", file=sys.stderr)
    finally:
        server.server_close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
