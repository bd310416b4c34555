import Foundation

/// An OAuth 2.0 token endpoint on loopback (Python 3 stdlib), for tests of the app's OAuth 2.0 mode.
///
/// It accepts exactly one refresh grant (RFC 6749 §6): `POST /token` with a form body
/// `grant_type=refresh_token&refresh_token=<refreshToken>` and the client authenticated with HTTP Basic
/// (§2.3.1). It then answers 200 with `access_token` and `token_type`; a wrong client gets 401
/// `invalid_client`, a wrong grant 400 `invalid_grant` (§5.2).
public struct OAuthTokenEndpoint {
    /// The endpoint's URL, `http://127.0.0.1:PORT/token`.
    public let url: String
    private let process: Process

    /// Starts the endpoint for one client, refresh token and the access token it issues.
    public init(
        clientID: String, clientSecret: String, refreshToken: String, accessToken: String,
        tokenType: String = "Bearer"
    ) async throws {
        let arguments = [clientID, clientSecret, refreshToken, accessToken, tokenType]
        let (process, port) = try await TestServers.start(URL(fileURLWithPath: "/usr/bin/python3")) { port in
            ["-c", Self.script, String(port)] + arguments
        }
        self.process = process
        url = "http://127.0.0.1:\(port)/token"
    }

    /// Stops the endpoint.
    public func stop() { TestServers.stop(process) }

    private static let script = #"""
        from base64 import b64encode
        from http.server import BaseHTTPRequestHandler, HTTPServer
        from json import dumps
        from sys import argv
        from urllib.parse import parse_qs, quote_plus
        port, client_id, client_secret, refresh_token, access_token, token_type = argv[1:7]
        expected = "Basic " + b64encode((quote_plus(client_id) + ":" + quote_plus(client_secret)).encode()).decode()

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def answer(self, status, body):
                data = dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Cache-Control", "no-store")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length", "0"))).decode()
                form = parse_qs(body, keep_blank_values=True)
                if self.path != "/token" or not self.headers.get("Content-Type", "").startswith(
                        "application/x-www-form-urlencoded"):
                    self.answer(400, {"error": "invalid_request"})
                elif self.headers.get("Authorization") != expected:
                    self.answer(401, {"error": "invalid_client", "error_description": "client authentication failed"})
                elif form.get("grant_type") != ["refresh_token"] or form.get("refresh_token") != [refresh_token]:
                    self.answer(400, {"error": "invalid_grant", "error_description": "unknown refresh token"})
                else:
                    self.answer(200, {"access_token": access_token, "token_type": token_type, "expires_in": 3600})

        HTTPServer(("127.0.0.1", int(port)), Handler).serve_forever()
        """#
}
