"""What the fixture servers share: an argument parser that takes --port, and serving on loopback.

A test runner may start a fixture with SIGTERM blocked; `stoppable_parser` makes SIGTERM stop it all the same.
"""
import argparse
import signal
import sys
from http.server import ThreadingHTTPServer


def stoppable_parser():
    """Makes SIGTERM exit this process and returns an argument parser that already takes --port."""
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGTERM})
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, required=True)
    return parser


def serve(port, handler):
    """Serves `handler` on 127.0.0.1:`port`, a thread a request, until the process is stopped."""
    ThreadingHTTPServer(("127.0.0.1", port), handler).serve_forever()
