"""DevOps Info Service (Lab 1), with the visits counter of Lab 12.

GET /          service info; counts a visit
GET /visits    the number of visits so far
GET /health    liveness / readiness
"""
import json
import os
import platform
import socket
import threading
from datetime import datetime, timezone

from flask import Flask, jsonify

app = Flask(__name__)
PORT = int(os.getenv("PORT", "5000"))
VISITS_FILE = os.getenv("VISITS_FILE", "/data/visits")
_lock = threading.Lock()


def read_visits() -> int:
    try:
        with open(VISITS_FILE) as f:
            return int(f.read().strip() or 0)
    except (FileNotFoundError, ValueError):
        return 0


def write_visits(n: int) -> None:
    os.makedirs(os.path.dirname(VISITS_FILE), exist_ok=True)
    tmp = VISITS_FILE + ".tmp"
    with open(tmp, "w") as f:
        f.write(str(n))
    os.replace(tmp, VISITS_FILE)


@app.route("/")
def index():
    with _lock:
        n = read_visits() + 1
        write_visits(n)
    return jsonify({
        "service": "DevOps Info Service",
        "hostname": socket.gethostname(),
        "platform": platform.system(),
        "time": datetime.now(timezone.utc).isoformat(),
        "visits": n,
    })


@app.route("/visits")
def visits():
    return jsonify({"hostname": socket.gethostname(), "visits": read_visits()})


@app.route("/health")
def health():
    return jsonify({"status": "healthy"})


if __name__ == "__main__":
    app.run(host="0.0.0.0", port=PORT)
