"""User API of Lab 06 section 1: the stand-in for the lab's FastAPI app.

GET  /health                      200 {"status":"healthy","database":"connected","host":DB_HOST}
                                  503 {"status":"unhealthy","database":"disconnected",...}
GET  /users                       {"users":[...],"count":n}
GET  /users/<id>                  {"user":{...}} or 404
POST /users?name=..&email=..      {"user":{...},"message":"User created successfully"}
The users table is created at start, retried until the database answers; the
HTTP server runs meanwhile (health says 503 until then). One connection per
request, so a restarted database pod needs no reconnect logic.
Configuration as the lab's api/.env: DB_HOST, DB_PORT, DB_NAME, DB_USER,
DB_PASSWORD (or DATABASE_URL); PORT (default 8000).
Python standard library plus Debian's python3-psycopg2.
"""
import json
import os
import signal
import sys
import threading
import time
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

import psycopg2

DB_HOST = os.environ.get("DB_HOST", "postgres-0.postgres-headless")
DB_PORT = int(os.environ.get("DB_PORT", "5432"))
DB_NAME = os.environ.get("DB_NAME", "postgres")
DB_USER = os.environ.get("DB_USER", "postgres")
DB_PASSWORD = os.environ.get("DB_PASSWORD", "")
DATABASE_URL = os.environ.get("DATABASE_URL", "")
PORT = int(os.environ.get("PORT", "8000"))

SCHEMA = """
CREATE TABLE IF NOT EXISTS users (
    id SERIAL PRIMARY KEY,
    name VARCHAR(100) NOT NULL,
    email VARCHAR(255) UNIQUE NOT NULL,
    created_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP
)
"""

schema_ready = threading.Event()


def connect():
    if DATABASE_URL:
        return psycopg2.connect(DATABASE_URL, connect_timeout=3)
    return psycopg2.connect(host=DB_HOST, port=DB_PORT, dbname=DB_NAME, user=DB_USER,
                            password=DB_PASSWORD, connect_timeout=3)


@contextmanager
def db():
    """A cursor in one transaction (commit on success); the connection is closed after."""
    conn = connect()
    try:
        with conn, conn.cursor() as cur:
            yield cur
    finally:
        conn.close()


def ensure_schema():
    with db() as cur:
        cur.execute(SCHEMA)
    schema_ready.set()


def init_schema_with_retry():
    delay = 1.0
    while not schema_ready.is_set():
        try:
            ensure_schema()
            print(f"user-api: connected to {DB_HOST}:{DB_PORT}/{DB_NAME}, table users ready", flush=True)
        except psycopg2.Error as e:
            print(f"user-api: database not ready ({str(e).strip()}), retrying in {delay:.0f}s", flush=True)
            time.sleep(delay)
            delay = min(delay * 2, 10.0)


def user_json(row):
    return {"id": row[0], "name": row[1], "email": row[2],
            "created_at": row[3].isoformat() if row[3] else None}


class Handler(BaseHTTPRequestHandler):
    server_version = "user-api/1.0"

    def reply(self, code, body):
        data = (json.dumps(body, separators=(",", ":")) + "\n").encode()
        self.send_response(code)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def route(self, method):
        url = urlsplit(self.path)
        parts = [p for p in url.path.split("/") if p]
        query = {k: v[0] for k, v in parse_qs(url.query).items()}
        if method == "GET" and parts == []:
            return self.reply(200, {"message": "User API", "database_host": DB_HOST})
        if method == "GET" and parts == ["health"]:
            return self.health()
        if parts[:1] != ["users"] or len(parts) > 2:
            return self.reply(404, {"detail": "Not Found"})
        try:
            if not schema_ready.is_set():
                ensure_schema()
            if method == "GET" and len(parts) == 1:
                return self.list_users()
            if method == "GET":
                return self.get_user(parts[1])
            if method == "POST" and len(parts) == 1:
                return self.create_user(query)
            return self.reply(405, {"detail": "Method Not Allowed"})
        except psycopg2.Error as e:
            return self.reply(503, {"detail": f"Database error: {str(e).strip()}"})

    def health(self):
        try:
            with db() as cur:
                cur.execute("SELECT 1")
            self.reply(200, {"status": "healthy", "database": "connected", "host": DB_HOST})
        except psycopg2.Error as e:
            self.reply(503, {"status": "unhealthy", "database": "disconnected", "host": DB_HOST,
                             "error": str(e).strip()})

    def list_users(self):
        with db() as cur:
            cur.execute("SELECT id, name, email, created_at FROM users ORDER BY id")
            users = [user_json(r) for r in cur.fetchall()]
        self.reply(200, {"users": users, "count": len(users)})

    def get_user(self, uid):
        if not uid.isdigit():
            return self.reply(422, {"detail": "user id must be an integer"})
        with db() as cur:
            cur.execute("SELECT id, name, email, created_at FROM users WHERE id = %s", (int(uid),))
            row = cur.fetchone()
        if row is None:
            return self.reply(404, {"detail": "User not found"})
        self.reply(200, {"user": user_json(row)})

    def create_user(self, query):
        name, email = query.get("name", ""), query.get("email", "")
        if not name or not email:
            return self.reply(422, {"detail": "query parameters name and email are required"})
        try:
            with db() as cur:
                cur.execute("INSERT INTO users (name, email) VALUES (%s, %s) "
                            "RETURNING id, name, email, created_at", (name, email))
                row = cur.fetchone()
        except psycopg2.errors.UniqueViolation:
            return self.reply(400, {"detail": "Email already registered"})
        self.reply(200, {"user": user_json(row), "message": "User created successfully"})

    def do_GET(self):
        self.route("GET")

    def do_POST(self):
        self.route("POST")

    def log_message(self, fmt, *args):
        if getattr(self, "path", "").startswith("/health"):
            return  # probes every few seconds would drown the log
        sys.stdout.write("%s - %s\n" % (self.address_string(), fmt % args))
        sys.stdout.flush()


def main():
    # PID 1 ignores SIGTERM unless it handles it: exit at once on pod deletion.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    threading.Thread(target=init_schema_with_retry, daemon=True).start()
    print(f"user-api on :{PORT}, database {DB_HOST}:{DB_PORT}/{DB_NAME} as {DB_USER}", flush=True)
    ThreadingHTTPServer(("", PORT), Handler).serve_forever()


if __name__ == "__main__":
    main()
