"""Task queue worker of Lab 06 section 3 (a reference solution's worker).

Takes tasks from the Redis list QUEUE_NAME (default "tasks"; producers LPUSH,
the worker takes from the right: FIFO) with BRPOPLPUSH into its own
processing list "<queue>:processing:<hostname>", records the task id in the
Redis set PROCESSED_KEY (default "processed") and then drops it from the
processing list. A task interrupted by a worker crash stays in that list and
is put back on the queue when a worker of the same name starts again.
Unprocessed tasks live in Redis only, so they survive a worker's deletion, and
a Redis pod's deletion when Redis persists (appendonly).
A task is any string; its id is the "id" field when it is a JSON object with
one, else the string itself.
Env: REDIS_HOST, REDIS_PORT, REDIS_PASSWORD, QUEUE_NAME, PROCESSED_KEY,
WORK_SECONDS (simulated work per task, default 0).
Python standard library plus Debian's python3-redis.
"""
import json
import os
import signal
import socket
import sys
import time

import redis

REDIS_HOST = os.environ.get("REDIS_HOST", "redis-0.redis-headless")
REDIS_PORT = int(os.environ.get("REDIS_PORT", "6379"))
REDIS_PASSWORD = os.environ.get("REDIS_PASSWORD") or None
QUEUE = os.environ.get("QUEUE_NAME", "tasks")
PROCESSED = os.environ.get("PROCESSED_KEY", "processed")
WORK_SECONDS = float(os.environ.get("WORK_SECONDS", "0"))
HOSTNAME = socket.gethostname()
PROCESSING = f"{QUEUE}:processing:{HOSTNAME}"

stopping = False


def log(msg):
    print(f"task-worker {HOSTNAME}: {msg}", flush=True)


def task_id(task):
    try:
        obj = json.loads(task)
        if isinstance(obj, dict) and "id" in obj:
            return str(obj["id"])
    except ValueError:
        pass
    return task


def recover(r):
    """Back on the queue: what this worker took but never finished."""
    n = 0
    while r.rpoplpush(PROCESSING, QUEUE) is not None:
        n += 1
    if n:
        log(f"requeued {n} unfinished task(s) from {PROCESSING}")


def run(r):
    recover(r)
    log(f"waiting for tasks on '{QUEUE}' at {REDIS_HOST}:{REDIS_PORT}")
    while not stopping:
        task = r.brpoplpush(QUEUE, PROCESSING, timeout=2)
        if task is None:
            continue
        tid = task_id(task)
        if WORK_SECONDS:
            time.sleep(WORK_SECONDS)
        pipe = r.pipeline()  # MULTI/EXEC: recorded and dequeued together
        pipe.sadd(PROCESSED, tid)
        pipe.lrem(PROCESSING, 1, task)
        pipe.execute()
        log(f"processed task {tid}")


def main():
    def stop(*_):
        global stopping
        stopping = True
    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    r = redis.Redis(host=REDIS_HOST, port=REDIS_PORT, password=REDIS_PASSWORD,
                    decode_responses=True, socket_connect_timeout=3, socket_timeout=10)
    while not stopping:
        try:
            run(r)
        except redis.RedisError as e:
            log(f"redis unavailable ({e}), retrying in 2s")
            time.sleep(2)
    log("stopped")


if __name__ == "__main__":
    sys.exit(main())
