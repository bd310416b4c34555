#!/usr/bin/env python3
"""A hostile SCIM "server" for HostileTargetTests: every answer is wrong in one chosen way (stdlib only).

Usage: hostile_scim_server.py PORT

Listens on 127.0.0.1:PORT. The first path segment picks the mode, so one process serves them all: a run
against http://127.0.0.1:PORT/MODE/scim/v2 meets MODE. Okta's first call (GET .../Users?startIndex=1&count=2)
gets a valid empty list unless the mode's name starts with "pre-", so the run goes on to the scenarios and
meets the hostility in every other answer. Stops accepting after 300 seconds, so a lost process ends itself.

Modes:
  invalid-json      200/201 with a body that is not JSON
  wrong-types       JSON whose members have the wrong types (schemas a number, id an array, …)
  deep-nesting      a body of 1,000,000 '['
  huge              a body announced as 1 GiB, then 1 MiB of it and a close
  huge-chunked      an endless chunked body
  truncated         Content-Length 1000, 10 bytes, close
  status-1xx        only an interim 1xx, then close
  status-599        599 with a SCIM error body
  no-content-body   204 with a JSON body
  redirect          302 to another path
  redirect-loop     301 to itself
  slow-loris        the status line, then one header byte every 0.3 s, forever
  garbage           bytes that are not HTTP
  close             closes without answering
  html              200 text/html
  pre-*             the same, for Okta's first call too (e.g. pre-slow-loris)
"""

import socket
import sys
import threading
import time

LIFETIME_SECONDS = 300
LIST = b'{"schemas":["urn:ietf:params:scim:api:messages:2.0:ListResponse"],"totalResults":0,"startIndex":1,' \
       b'"itemsPerPage":0,"Resources":[]}'
WRONG = b'{"schemas":5,"id":["x"],"userName":{"a":1},"active":"sometimes","emails":"a@x","members":{"value":1},' \
        b'"meta":"yesterday","totalResults":"many","Resources":{"id":1},"status":404,"displayName":false}'
ERROR = b'{"schemas":["urn:ietf:params:scim:api:messages:2.0:Error"],"status":"599","detail":"odd"}'


def read_request(conn):
    """Reads one request head and its Content-Length body; returns (method, target) or None at EOF."""
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = conn.recv(65536)
        if not chunk:
            return None
        data += chunk
    head, _, rest = data.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    length = 0
    for line in lines[1:]:
        name, _, value = line.partition(":")
        if name.strip().lower() == "content-length":
            length = int(value.strip())
    while len(rest) < length:
        chunk = conn.recv(65536)
        if not chunk:
            break
        rest += chunk
    method, target = lines[0].split(" ")[0:2]
    return method, target


def respond(conn, status, body=b"", headers=(), reason="OK"):
    lines = [f"HTTP/1.1 {status} {reason}", f"Content-Length: {len(body)}"] + list(headers)
    conn.sendall(("\r\n".join(lines) + "\r\n\r\n").encode() + body)


def hostile(conn, mode, method, path):
    scim = "Content-Type: application/scim+json"
    status = 201 if method == "POST" else 200
    if mode == "invalid-json":
        respond(conn, status, b'{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"id":', [scim])
    elif mode == "wrong-types":
        respond(conn, status, WRONG, [scim])
    elif mode == "deep-nesting":
        respond(conn, status, b"[" * 1000000, [scim])
    elif mode == "huge":
        conn.sendall(f"HTTP/1.1 200 OK\r\n{scim}\r\nContent-Length: {1 << 30}\r\n\r\n".encode())
        conn.sendall(b" " * (1 << 20))
        return False
    elif mode == "huge-chunked":
        conn.sendall(f"HTTP/1.1 200 OK\r\n{scim}\r\nTransfer-Encoding: chunked\r\n\r\n".encode())
        chunk = b"10000\r\n" + b"[" * 65536 + b"\r\n"
        while True:
            conn.sendall(chunk)
    elif mode == "truncated":
        conn.sendall(f"HTTP/1.1 200 OK\r\n{scim}\r\nContent-Length: 1000\r\n\r\n".encode() + b'{"id":"12')
        return False
    elif mode == "status-1xx":
        conn.sendall(b"HTTP/1.1 150 Thinking\r\n\r\n")
        return False
    elif mode == "status-599":
        respond(conn, 599, ERROR, [scim], reason="Odd")
    elif mode == "no-content-body":
        conn.sendall(f"HTTP/1.1 204 No Content\r\n{scim}\r\nContent-Length: {len(LIST)}\r\n\r\n".encode() + LIST)
    elif mode == "redirect":
        respond(conn, 302, b"", [f"Location: /elsewhere{path}"], reason="Found")
    elif mode == "redirect-loop":
        respond(conn, 301, b"", [f"Location: {path}"], reason="Moved Permanently")
    elif mode == "slow-loris":
        conn.sendall(b"HTTP/1.1 200 OK\r\n")
        while True:
            conn.sendall(b"X")
            time.sleep(0.3)
    elif mode == "garbage":
        conn.sendall(b"\x00\xffSSH-2.0-not-http\r\n\r\n")
        return False
    elif mode == "close":
        return False
    elif mode == "html":
        respond(conn, 200, b"<html><body>Login required</body></html>", ["Content-Type: text/html"])
    else:
        respond(conn, 404, b"unknown mode", ["Content-Type: text/plain"], reason="Not Found")
    return True


def serve(conn):
    try:
        while True:
            request = read_request(conn)
            if request is None:
                return
            method, target = request
            path = target.split("?", 1)[0]
            mode = path.split("/")[1] if path.count("/") > 1 else ""
            preflight = method == "GET" and path.endswith("/Users") and "startIndex=1&count=2" in target
            if preflight and not mode.startswith("pre-"):
                respond(conn, 200, LIST, ["Content-Type: application/scim+json"])
                continue
            if not hostile(conn, mode.removeprefix("pre-"), method, path):
                return
    except OSError:
        pass
    finally:
        conn.close()


def main():
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind(("127.0.0.1", int(sys.argv[1])))
    listener.listen(64)
    listener.settimeout(1)
    deadline = time.monotonic() + LIFETIME_SECONDS
    while time.monotonic() < deadline:
        try:
            conn, _ = listener.accept()
        except socket.timeout:
            continue
        conn.settimeout(None)
        threading.Thread(target=serve, args=(conn,), daemon=True).start()


if __name__ == "__main__":
    main()
