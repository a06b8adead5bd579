"""Cache API of Lab 06 section 2: the stand-in for the lab's Python app.

GET    /health           200 {"status":"healthy","redis":"connected","host":REDIS_HOST}, else 503
POST   /cache/<k>/<v>    {"key":k,"value":v,"status":"stored"}   (?ttl=<seconds> optional)
GET    /cache/<k>        {"key":k,"value":v,"status":"found"} or 404 {"key":k,"status":"not found"}
DELETE /cache/<k>        {"key":k,"status":"deleted"} or 404
GET    /cache            {"keys":[...],"count":n}
Configuration as the lab's api/.env.example: REDIS_HOST, REDIS_PORT, and
optionally REDIS_PASSWORD, REDIS_DB; PORT (default 8000).
Python standard library plus Debian's python3-redis.
"""
import json
import os
import signal
import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, unquote, urlsplit

import redis
from redis.backoff import NoBackoff
from redis.retry import Retry

REDIS_HOST = os.environ.get("REDIS_HOST", "redis-0.redis-headless")
REDIS_PORT = int(os.environ.get("REDIS_PORT", "6379"))
REDIS_DB = int(os.environ.get("REDIS_DB", "0"))
REDIS_PASSWORD = os.environ.get("REDIS_PASSWORD") or None
PORT = int(os.environ.get("PORT", "8000"))

# After a Redis pod restart the pooled connections are dead: retry a command
# once on a fresh connection instead of failing the first requests.
r = redis.Redis(host=REDIS_HOST, port=REDIS_PORT, db=REDIS_DB, password=REDIS_PASSWORD,
                decode_responses=True, socket_connect_timeout=3, socket_timeout=5,
                retry=Retry(NoBackoff(), 1), retry_on_error=[redis.ConnectionError])


class Handler(BaseHTTPRequestHandler):
    server_version = "cache-api/1.0"

    def reply(self, code, body):
        data = (json.dumps(body, separators=(",", ":")) + "\n").encode()
        self.send_response(code)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def route(self, method):
        url = urlsplit(self.path)
        parts = [unquote(p) for p in url.path.split("/") if p]
        query = {k: v[0] for k, v in parse_qs(url.query).items()}
        if method == "GET" and parts == []:
            return self.reply(200, {"message": "Cache API", "redis_host": REDIS_HOST})
        if method == "GET" and parts == ["health"]:
            return self.health()
        if parts[:1] != ["cache"]:
            return self.reply(404, {"detail": "Not Found"})
        try:
            if method == "GET" and len(parts) == 1:
                keys = sorted(r.keys("*"))
                return self.reply(200, {"keys": keys, "count": len(keys)})
            if method == "GET" and len(parts) == 2:
                value = r.get(parts[1])
                if value is None:
                    return self.reply(404, {"key": parts[1], "status": "not found"})
                return self.reply(200, {"key": parts[1], "value": value, "status": "found"})
            if method == "POST" and len(parts) == 3:
                ttl = query.get("ttl")
                r.set(parts[1], parts[2], ex=int(ttl) if ttl and ttl.isdigit() else None)
                return self.reply(200, {"key": parts[1], "value": parts[2], "status": "stored"})
            if method == "DELETE" and len(parts) == 2:
                if r.delete(parts[1]):
                    return self.reply(200, {"key": parts[1], "status": "deleted"})
                return self.reply(404, {"key": parts[1], "status": "not found"})
            return self.reply(404, {"detail": "Not Found"})
        except redis.RedisError as e:
            return self.reply(503, {"detail": f"Redis error: {e}"})

    def health(self):
        try:
            r.ping()
            self.reply(200, {"status": "healthy", "redis": "connected", "host": REDIS_HOST})
        except redis.RedisError as e:
            self.reply(503, {"status": "unhealthy", "redis": "disconnected", "host": REDIS_HOST,
                             "error": str(e)})

    def do_GET(self):
        self.route("GET")

    def do_POST(self):
        self.route("POST")

    def do_DELETE(self):
        self.route("DELETE")

    def log_message(self, fmt, *args):
        if getattr(self, "path", "").startswith("/health"):
            return  # probes every few seconds would drown the log
        sys.stdout.write("%s - %s\n" % (self.address_string(), fmt % args))
        sys.stdout.flush()


def main():
    # PID 1 ignores SIGTERM unless it handles it: exit at once on pod deletion.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    print(f"cache-api on :{PORT}, redis {REDIS_HOST}:{REDIS_PORT}/{REDIS_DB}", flush=True)
    ThreadingHTTPServer(("", PORT), Handler).serve_forever()


if __name__ == "__main__":
    main()
