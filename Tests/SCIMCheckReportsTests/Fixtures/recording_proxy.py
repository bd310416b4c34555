#!/usr/bin/env python3
"""A loopback HTTP proxy that forwards every request to an upstream SCIM server and records the secrets
that crossed the wire: Authorization header values (and their credential part) and every password value in
a JSON body (`password` members and PATCH operations whose path is `password`). The secrets test greps
every file a run wrote for them.

    recording_proxy.py --port 9000 --upstream 127.0.0.1:8080 --secrets secrets.txt
"""
import http.client
import json
import threading
from http.server import BaseHTTPRequestHandler

import loopback_server

HOP = {"connection", "keep-alive", "proxy-connection", "transfer-encoding", "upgrade", "te", "trailer"}


def passwords(value, found):
    if isinstance(value, dict):
        path_is_password = str(value.get("path", "")).lower() == "password"
        for key, member in value.items():
            if isinstance(member, str) and (key.lower() == "password" or (path_is_password and key == "value")):
                found.add(member)
            else:
                passwords(member, found)
    elif isinstance(value, list):
        for member in value:
            passwords(member, found)


def make_handler(upstream, secrets_path):
    lock = threading.Lock()
    host, port = upstream.rsplit(":", 1)

    def record(values):
        with lock:
            with open(secrets_path, "a", encoding="utf-8") as handle:
                for value in values:
                    if value:
                        handle.write(value + "\n")

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        disable_nagle_algorithm = True

        def log_message(self, *args):
            pass

        def forward(self):
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length) if length else None
            found = set()
            authorization = self.headers.get("Authorization")
            if authorization:
                found.add(authorization)
                if " " in authorization:
                    found.add(authorization.split(" ", 1)[1])
            if body:
                try:
                    passwords(json.loads(body), found)
                except ValueError:
                    pass
            record(found)
            connection = http.client.HTTPConnection(host, int(port), timeout=30)
            headers = {name: value for name, value in self.headers.items() if name.lower() not in HOP}
            connection.request(self.command, self.path, body=body, headers=headers)
            response = connection.getresponse()
            data = response.read()
            self.send_response(response.status, response.reason)
            for name, value in response.getheaders():
                if name.lower() not in HOP and name.lower() != "content-length":
                    self.send_header(name, value)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)
            connection.close()

        do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = do_HEAD = forward

    return Handler


def main():
    parser = loopback_server.stoppable_parser()
    parser.add_argument("--upstream", required=True)
    parser.add_argument("--secrets", required=True)
    arguments = parser.parse_args()
    open(arguments.secrets, "w").close()
    loopback_server.serve(arguments.port, make_handler(arguments.upstream, arguments.secrets))


if __name__ == "__main__":
    main()
