"""Visits counter of Lab 15 (Task 3): the stand-in for the course's app.

GET /        counts a visit; JSON with the count and the pod's hostname
GET /visits  the current count, not incremented
GET /health  200
The count lives in $DATA_DIR/visits (default /data) as a plain number, written
to a temporary file and renamed so a killed pod never leaves half a number; it
is read at start, so a pod recreated on the same volume continues from it.
Standard library only. PORT (default 8000) and DATA_DIR override.
"""
import json
import os
import signal
import socket
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

DATA_DIR = os.environ.get("DATA_DIR", "/data")
PORT = int(os.environ.get("PORT", "8000"))
COUNT_FILE = os.path.join(DATA_DIR, "visits")
HOSTNAME = socket.gethostname()

lock = threading.Lock()


def load():
    try:
        with open(COUNT_FILE) as f:
            return int(f.read().strip() or 0)
    except FileNotFoundError:
        return 0
    except ValueError:
        print(f"visits: {COUNT_FILE} holds no number, starting at 0", file=sys.stderr)
        return 0


def store(n):
    tmp = f"{COUNT_FILE}.tmp"
    with open(tmp, "w") as f:
        f.write(f"{n}\n")
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, COUNT_FILE)


visits = 0


class Handler(BaseHTTPRequestHandler):
    server_version = "visits-app/1.0"

    def reply(self, code, body):
        data = (json.dumps(body, separators=(",", ":")) + "\n").encode()
        self.send_response(code)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self):
        global visits
        path = self.path.split("?", 1)[0]
        if path == "/":
            with lock:
                visits += 1
                store(visits)
                n = visits
            self.reply(200, {"message": f"Hello from {HOSTNAME}", "hostname": HOSTNAME, "visits": n})
        elif path == "/visits":
            with lock:
                n = visits
            self.reply(200, {"hostname": HOSTNAME, "visits": n})
        elif path in ("/health", "/healthz", "/ready"):
            self.reply(200, {"status": "healthy", "hostname": HOSTNAME})
        else:
            self.reply(404, {"detail": "Not Found"})

    def log_message(self, fmt, *args):
        if getattr(self, "path", "").startswith("/health"):
            return  # probes every few seconds would drown the log
        sys.stdout.write("%s - %s\n" % (self.address_string(), fmt % args))


def main():
    global visits
    os.makedirs(DATA_DIR, exist_ok=True)
    visits = load()
    # PID 1 ignores SIGTERM unless it handles it: exit at once on pod deletion.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    print(f"visits-app on :{PORT}, {HOSTNAME}, {visits} visits so far ({COUNT_FILE})", flush=True)
    ThreadingHTTPServer(("", PORT), Handler).serve_forever()


if __name__ == "__main__":
    main()
