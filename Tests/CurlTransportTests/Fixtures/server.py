#!/usr/bin/env python3
"""A raw-socket HTTP/1.1 test server for CurlTransportTests (Python 3 stdlib only).

Usage: server.py [--tls CERT KEY]

Binds 127.0.0.1 on an ephemeral port and prints that port as the first line of stdout. A second
listener (the "other host", used as a redirect target) binds 127.0.0.2, or 127.0.0.1 when that
fails; the second line of stdout is its `host:port`. The server exits by itself after 60 seconds,
or as soon as its stdin closes, so a crashed test run leaves nothing behind.

Routes (on the path without the query):
  /echo...        200; the body is the raw request head exactly as read, then the request body
  /redirect       302 with Location on the other host
  /other-count    200; the body is how many requests the other host received
  /big            200 with 64 KiB and a Content-Length
  /big-chunked    200 with 64 KiB, chunked
  /truncated      Content-Length: 1000, then 10 bytes and close
  /hang           accepts the request and never answers
  /hang-count     200; the body is how many /hang requests arrived so far
  /garbage        answers with something that is not HTTP
  /early-hints    103 Early Hints, then a 200 with repeated header fields
  /encoded        a SCIM ListResponse, gzip- or deflate-encoded per the request's Accept-Encoding (gzip
                  first), identity when it asks for neither; X-Identity-Length gives the plain length
  anything else   404
Keep-alive is honoured; each response carries X-Connection-Request (1 for a connection's first
request) so tests can tell a reused connection from a new one.
"""

import os
import socket
import zlib
import ssl
import sys
import threading

LIFETIME_SECONDS = 60
BIG_SIZE = 64 * 1024
LIST_RESPONSE = (b'{"schemas":["urn:ietf:params:scim:api:messages:2.0:ListResponse"],'
                 b'"totalResults":0,"startIndex":1,"itemsPerPage":0,"Resources":[]}')

other_count = 0
hang_count = 0
count_lock = threading.Lock()


def read_head(conn, buffer):
    """Reads until the blank line; returns (head, rest) or (None, buffer) at EOF."""
    while b"\r\n\r\n" not in buffer:
        chunk = conn.recv(65536)
        if not chunk:
            return None, buffer
        buffer += chunk
        if len(buffer) > 1 << 20:
            return None, buffer
    end = buffer.index(b"\r\n\r\n") + 4
    return buffer[:end], buffer[end:]


def read_body(conn, head, buffer):
    length = 0
    for line in head.split(b"\r\n")[1:]:
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            length = int(value.strip())
    while len(buffer) < length:
        chunk = conn.recv(65536)
        if not chunk:
            break
        buffer += chunk
    return buffer[:length], buffer[length:]


def response(status, reason, body=b"", headers=(), head_only=False):
    lines = [f"HTTP/1.1 {status} {reason}"]
    lines += list(headers)
    lines.append(f"Content-Length: {len(body)}")
    data = ("\r\n".join(lines) + "\r\n\r\n").encode()
    return data if head_only else data + body


def encoded_response(head, is_head, counter):
    accepted = ""
    for line in head.split(b"\r\n")[1:]:
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"accept-encoding":
            accepted = value.decode("latin-1").lower()
    headers = ["Content-Type: application/scim+json", f"X-Identity-Length: {len(LIST_RESPONSE)}", counter]
    if "gzip" in accepted:
        compressor = zlib.compressobj(wbits=31)  # gzip container
        return response(200, "OK", compressor.compress(LIST_RESPONSE) + compressor.flush(),
                        headers + ["Content-Encoding: gzip"], is_head)
    if "deflate" in accepted:
        return response(200, "OK", zlib.compress(LIST_RESPONSE), headers + ["Content-Encoding: deflate"], is_head)
    return response(200, "OK", LIST_RESPONSE, headers, is_head)


def wait_for_close(conn):
    conn.settimeout(LIFETIME_SECONDS)
    try:
        while conn.recv(65536):
            pass
    except OSError:
        pass


def serve_main(conn, other_address):
    global hang_count
    buffer = b""
    number = 0
    while True:
        head, buffer = read_head(conn, buffer)
        if head is None:
            return
        body, buffer = read_body(conn, head, buffer)
        number += 1
        request_line = head.split(b"\r\n", 1)[0].decode("latin-1")
        method, target = request_line.split(" ")[0:2]
        path = target.split("?", 1)[0]
        is_head = method == "HEAD"
        counter = f"X-Connection-Request: {number}"
        if path.startswith("/echo"):
            conn.sendall(response(200, "OK", head + body, ["Content-Type: application/octet-stream", counter],
                                  is_head))
        elif path == "/redirect":
            location = f"Location: http://{other_address}/scim/v2/Users/elsewhere"
            conn.sendall(response(302, "Found", b"", [location, counter], is_head))
        elif path == "/other-count":
            with count_lock:
                count = other_count
            conn.sendall(response(200, "OK", str(count).encode(), ["Content-Type: text/plain", counter], is_head))
        elif path == "/big":
            conn.sendall(response(200, "OK", b"a" * BIG_SIZE, ["Content-Type: text/plain", counter], is_head))
        elif path == "/big-chunked":
            conn.sendall(f"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n{counter}\r\n\r\n".encode())
            for _ in range(BIG_SIZE // 4096):
                conn.sendall(b"1000\r\n" + b"b" * 4096 + b"\r\n")
            conn.sendall(b"0\r\n\r\n")
        elif path == "/truncated":
            conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 1000\r\n\r\n0123456789")
            return
        elif path == "/hang-count":
            with count_lock:
                count = hang_count
            conn.sendall(response(200, "OK", str(count).encode(), ["Content-Type: text/plain", counter], is_head))
        elif path == "/hang":
            with count_lock:
                hang_count += 1
            wait_for_close(conn)
            return
        elif path == "/encoded":
            conn.sendall(encoded_response(head, is_head, counter))
        elif path == "/garbage":
            conn.sendall(b"SSH-2.0-OpenSSH_9.2 this is not HTTP\r\n\r\n")
            return
        elif path == "/early-hints":
            conn.sendall(b"HTTP/1.1 103 Early Hints\r\nLink: </style.css>; rel=preload\r\n\r\n")
            conn.sendall(response(201, "Created", b'{"id":"1"}',
                                  ["Content-Type: application/scim+json", "X-Dup: one", "x-dup:  two", counter],
                                  is_head))
        else:
            conn.sendall(response(404, "Not Found", b"no such route", [counter], is_head))


def serve_other(conn):
    global other_count
    buffer = b""
    while True:
        head, buffer = read_head(conn, buffer)
        if head is None:
            return
        _, buffer = read_body(conn, head, buffer)
        with count_lock:
            other_count += 1
        conn.sendall(response(200, "OK", b"other host"))


def handle(conn, serve, tls_context):
    try:
        if tls_context is not None:
            conn.settimeout(10)
            conn = tls_context.wrap_socket(conn, server_side=True)
            conn.settimeout(None)
        serve(conn)
    except (OSError, ssl.SSLError, ValueError):
        pass
    finally:
        try:
            conn.close()
        except OSError:
            pass


def accept_loop(listener, serve, tls_context):
    while True:
        try:
            conn, _ = listener.accept()
        except OSError:
            return
        threading.Thread(target=handle, args=(conn, serve, tls_context), daemon=True).start()


def listen(host):
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind((host, 0))
    listener.listen(64)
    return listener


def exit_when_stdin_closes():
    try:
        while sys.stdin.buffer.read(4096):
            pass
    except OSError:
        pass
    os._exit(0)


def main():
    tls_context = None
    if len(sys.argv) == 4 and sys.argv[1] == "--tls":
        tls_context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        tls_context.load_cert_chain(sys.argv[2], sys.argv[3])
    elif len(sys.argv) != 1:
        sys.exit("usage: server.py [--tls CERT KEY]")

    main_listener = listen("127.0.0.1")
    try:
        other_listener = listen("127.0.0.2")
    except OSError:
        other_listener = listen("127.0.0.1")
    other_host, other_port = other_listener.getsockname()
    other_address = f"{other_host}:{other_port}"

    threading.Timer(LIFETIME_SECONDS, lambda: os._exit(0)).start()
    threading.Thread(target=exit_when_stdin_closes, daemon=True).start()
    threading.Thread(target=accept_loop, args=(other_listener, serve_other, None), daemon=True).start()
    threading.Thread(target=accept_loop, args=(main_listener, lambda c: serve_main(c, other_address), tls_context),
                     daemon=True).start()

    print(main_listener.getsockname()[1], flush=True)
    print(other_address, flush=True)
    threading.Event().wait(LIFETIME_SECONDS + 5)
    os._exit(0)


if __name__ == "__main__":
    main()
