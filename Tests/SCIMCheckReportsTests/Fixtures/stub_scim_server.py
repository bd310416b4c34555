#!/usr/bin/env python3
"""A deliberately small in-memory SCIM 2.0 server for the baseline tests: just enough of /Users for Okta's
Test API Credentials and the OIN SPEC test steps 1-4, with switchable quirks that fail chosen steps.

    stub_scim_server.py --port 8080 --token T [--quirk unknown-id-200] [--quirk filter-404]

unknown-id-200  GET /Users/{unknown id} answers 200 {} instead of 404 (fails SPEC step 4)
filter-404      a filter that matches nothing answers 404 instead of an empty list (fails SPEC step 3)
"""
import json
import re
import uuid
from http.server import BaseHTTPRequestHandler
from urllib.parse import parse_qs, unquote, urlsplit

import loopback_server

LIST = "urn:ietf:params:scim:api:messages:2.0:ListResponse"
ERROR = "urn:ietf:params:scim:api:messages:2.0:Error"
USER = "urn:ietf:params:scim:schemas:core:2.0:User"
CONFIG = "urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig"


def make_handler(token, quirks):
    users = {}

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        disable_nagle_algorithm = True

        def log_message(self, *args):
            pass

        def answer(self, status, body=None):
            data = b"" if body is None else json.dumps(body).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/scim+json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def error(self, status, detail):
            self.answer(status, {"schemas": [ERROR], "status": str(status), "detail": detail})

        def route(self, method):
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length) if length else b""
            if self.headers.get("Authorization") != "Bearer " + token:
                return self.error(401, "unauthorized")
            parts = urlsplit(self.path)
            path = re.sub(r"^/scim/v2", "", parts.path)
            query = parse_qs(parts.query)
            if path == "/ServiceProviderConfig" and method == "GET":
                return self.answer(200, {
                    "schemas": [CONFIG], "patch": {"supported": False}, "bulk": {"supported": False},
                    "filter": {"supported": True, "maxResults": 100}, "changePassword": {"supported": False},
                    "sort": {"supported": False}, "etag": {"supported": False}, "authenticationSchemes": []})
            if path == "/Users" and method == "GET":
                found = list(users.values())
                if "filter" in query:
                    match = re.match(r'userName eq "(.*)"', query["filter"][0])
                    wanted = match.group(1).lower() if match else None
                    found = [user for user in found if user["userName"].lower() == wanted]
                    if not found and "filter-404" in quirks:
                        return self.error(404, "no such user")
                start = int(query.get("startIndex", ["1"])[0])
                count = int(query.get("count", ["100"])[0])
                page = found[start - 1:start - 1 + count]
                return self.answer(200, {"schemas": [LIST], "totalResults": len(found), "startIndex": start,
                                         "itemsPerPage": len(page), "Resources": page})
            if path == "/Users" and method == "POST":
                user = json.loads(body or b"{}")
                user.pop("password", None)
                user["id"] = str(uuid.uuid4())
                user["schemas"] = [USER]
                user.setdefault("active", True)
                users[user["id"]] = user
                return self.answer(201, user)
            match = re.match(r"^/Users/([^/]+)$", path)
            if match:
                user_id = unquote(match.group(1))
                if method == "GET":
                    if user_id in users:
                        return self.answer(200, users[user_id])
                    if "unknown-id-200" in quirks:
                        return self.answer(200, {})
                    return self.error(404, "User %s not found" % user_id)
                if method == "DELETE":
                    if users.pop(user_id, None) is None:
                        return self.error(404, "User %s not found" % user_id)
                    return self.answer(204)
            return self.error(501, "not implemented by the stub")

        def do_GET(self):
            self.route("GET")

        def do_POST(self):
            self.route("POST")

        def do_PUT(self):
            self.route("PUT")

        def do_PATCH(self):
            self.route("PATCH")

        def do_DELETE(self):
            self.route("DELETE")

    return Handler


def main():
    parser = loopback_server.stoppable_parser()
    parser.add_argument("--token", required=True)
    parser.add_argument("--quirk", action="append", default=[])
    arguments = parser.parse_args()
    loopback_server.serve(arguments.port, make_handler(arguments.token, set(arguments.quirk)))


if __name__ == "__main__":
    main()
