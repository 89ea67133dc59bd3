"""A static file server that gzips text responses, as a production host would.

Lighthouse scores what a visitor downloads; Python's http.server sends everything uncompressed
and closes the connection after each file (HTTP/1.0), which would charge the site for a host's
missing features: here responses are gzipped and connections kept open (HTTP/1.1). Missing paths get the site's 404.html
with status 404, like GitHub Pages. The site may be served under a sub-path (`prefix`, e.g. /kit/),
as committees often host it; an address outside it is a 404.
Usage: gzip_server.py SITE_DIR [PORT] [PREFIX].
"""

from __future__ import annotations

import functools
import gzip
import http.server
import io
import sys
from pathlib import Path

TEXT = ("text/", "application/javascript", "application/json", "application/xml", "image/svg+xml", "application/atom+xml")


class GzipHandler(http.server.SimpleHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive: every response below states its length
    prefix = "/"

    def log_message(self, format, *args):  # noqa: A002 - signature fixed by http.server
        pass

    def translate_path(self, path: str) -> str:
        return super().translate_path("/" + path.removeprefix(self.prefix))

    def send_head(self):
        path = Path(self.translate_path(self.path))
        inside = self.path.startswith(self.prefix)
        if inside and path.is_dir():
            if not self.path.split("?", 1)[0].endswith("/"):
                return super().send_head()  # the redirect to the slash form
            path = path / "index.html"
        status = 200
        if not inside or not path.is_file():
            path, status = Path(self.directory) / "404.html", 404
        ctype = self.guess_type(str(path))
        body = path.read_bytes()
        gzipped = ctype.startswith(TEXT) and "gzip" in self.headers.get("Accept-Encoding", "")
        if gzipped:
            body = gzip.compress(body, compresslevel=6, mtime=0)
        self.send_response(status)
        self.send_header("Content-Type", ctype + ("; charset=utf-8" if ctype.startswith(TEXT) else ""))
        self.send_header("Content-Length", str(len(body)))
        if gzipped:
            self.send_header("Content-Encoding", "gzip")
            self.send_header("Vary", "Accept-Encoding")
        self.send_header("Cache-Control", "max-age=600")
        self.end_headers()
        return io.BytesIO(body)


class QuietServer(http.server.ThreadingHTTPServer):
    """Chromium drops kept-alive connections when Lighthouse closes a page: not an error worth a traceback."""

    def handle_error(self, request, client_address) -> None:
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


def server(site: Path, port: int = 0, prefix: str = "/") -> http.server.ThreadingHTTPServer:
    """`site` on 127.0.0.1:`port` (0: a free one) under `prefix` ("/kit/")."""
    handler = type("Handler", (GzipHandler,), {"prefix": "/" + prefix.strip("/") + "/" if prefix.strip("/") else "/"})
    return QuietServer(("127.0.0.1", port), functools.partial(handler, directory=str(site)))


if __name__ == "__main__":
    prefix = sys.argv[3] if len(sys.argv) > 3 else "/"
    httpd = server(Path(sys.argv[1]), int(sys.argv[2]) if len(sys.argv) > 2 else 8000, prefix)
    print(f"http://127.0.0.1:{httpd.server_address[1]}/{prefix.strip('/')}")
    httpd.serve_forever()
