import os
import socket
from pathlib import Path

from fastapi import FastAPI

app = FastAPI(title="devops-info-service")
DATA_DIR = Path(os.environ.get("DATA_DIR", "/data"))
COUNTER = DATA_DIR / "visits"


def _read() -> int:
    try:
        return int(COUNTER.read_text().strip() or "0")
    except (FileNotFoundError, ValueError):
        return 0


@app.get("/")
def root():
    n = _read() + 1
    DATA_DIR.mkdir(parents=True, exist_ok=True)
    COUNTER.write_text(str(n))
    return {"hostname": socket.gethostname(), "visits": n}


@app.get("/visits")
def visits():
    return {"hostname": socket.gethostname(), "visits": _read()}


@app.get("/health")
def health():
    return {"status": "ok"}
