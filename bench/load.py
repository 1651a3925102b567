"""Load with writes, and the observer of the fault scenarios (no Django).

    python -m bench.load --base URL --plan plan.json --seconds 600 --concurrency 16 \
        --writes 0.15 --out load.json

Threads ask for the plan's pages and, with probability ``--writes``, publish an
announcement through the real form (CSRF token from the form page, as a browser
does). Every request's second, status and whether the answer was the German 503 page
go into a timeline; every write the server acknowledged (a redirect to the new
announcement) is listed by its unique title, so ``bench.load_check`` can count them
in the database afterwards.
"""

from __future__ import annotations

import argparse
import http.client
import json
import re
import sys
import threading
import time
import uuid
from urllib.parse import urlencode, urlsplit

TOKEN = re.compile(rb'name="csrfmiddlewaretoken" value="([^"]+)"')
COOKIE = re.compile(r"csrftoken=([^;]+)")
GERMAN_503 = b"Kurz nicht erreichbar"
MARKER = "Lastlauf"


class Session:
    def __init__(self, base: str, session: str):
        parts = urlsplit(base)
        self.host, self.port = parts.hostname, parts.port or 80
        self.cookies = {"sessionid": session}
        self.connection = None

    def request(self, method: str, path: str, body: str | None = None):
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        if body is not None:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        try:
            if self.connection is None:
                self.connection = http.client.HTTPConnection(self.host, self.port, timeout=30)
            self.connection.request(method, path, body=body, headers=headers)
            response = self.connection.getresponse()
            content = response.read()
            for header in response.headers.get_all("Set-Cookie") or []:
                if match := COOKIE.search(header):
                    self.cookies["csrftoken"] = match.group(1)
            return response.status, content, response.getheader("Location") or ""
        except (OSError, http.client.HTTPException):
            if self.connection is not None:
                self.connection.close()
            self.connection = None
            return 0, b"", ""

    def publish(self, title: str) -> tuple[int, bool, bytes]:
        """(status, acknowledged, body) of publishing one announcement for the network."""
        status, content, _ = self.request("GET", "/mitteilungen/neu/")
        match = TOKEN.search(content)
        if status != 200 or not match:
            return status, False, content
        form = {
            "csrfmiddlewaretoken": match.group(1).decode(),
            "title": title,
            "body": "Eine Mitteilung aus dem Lastlauf.",
            "audience_scope": "network",
        }
        status, content, location = self.request("POST", "/mitteilungen/neu/", urlencode(form))
        return status, status == 302 and "/mitteilungen/" in location, content


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", required=True)
    parser.add_argument("--plan", required=True)
    parser.add_argument("--seconds", type=float, default=600)
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument("--writes", type=float, default=0.15)
    parser.add_argument("--out", required=True)
    args = parser.parse_args()
    with open(args.plan) as file:
        plan = json.load(file)
    pages = [p for p in plan["pages"] if "floor" not in p["name"]]
    writer_role = "office"
    started = time.perf_counter()
    deadline = started + args.seconds
    lock = threading.Lock()
    timeline: dict[int, dict[str, int]] = {}
    acknowledged: list[str] = []
    tracebacks = []
    run_id = uuid.uuid4().hex[:8]

    def note(status: int, content: bytes, kind: str) -> None:
        second = int(time.perf_counter() - started)
        label = "503-german" if status == 503 and GERMAN_503 in content else str(status)
        with lock:
            bucket = timeline.setdefault(second, {})
            bucket[f"{kind}:{label}"] = bucket.get(f"{kind}:{label}", 0) + 1
            if b"Traceback" in content:
                tracebacks.append(second)

    def worker(number: int) -> None:
        import random

        rng = random.Random(number)
        sessions = {role: Session(args.base, key) for role, key in plan["sessions"].items()}
        count = 0
        while time.perf_counter() < deadline:
            if rng.random() < args.writes:
                count += 1
                title = f"{MARKER} {run_id} {number}-{count}"
                status, ok, content = sessions[writer_role].publish(title)
                note(status, content, "write")
                if ok:
                    with lock:
                        acknowledged.append(title)
            else:
                page = rng.choice(pages)
                status, content, _ = sessions[page["role"]].request("GET", page["path"])
                note(status, content, "read")

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(args.concurrency)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    totals: dict[str, int] = {}
    for bucket in timeline.values():
        for key, count in bucket.items():
            totals[key] = totals.get(key, 0) + count
    result = {
        "run_id": run_id,
        "seconds": args.seconds,
        "concurrency": args.concurrency,
        "totals": totals,
        "server_errors_5xx": sum(c for k, c in totals.items() if k.split(":")[1].startswith("5")),
        "tracebacks_shown": len(tracebacks),
        "acknowledged_writes": len(acknowledged),
        "acknowledged_titles": acknowledged,
        "timeline": {str(k): v for k, v in sorted(timeline.items())},
    }
    with open(args.out, "w") as file:
        json.dump(result, file, indent=1)
    shown = {k: v for k, v in result.items() if k not in ("acknowledged_titles", "timeline")}
    sys.stdout.write(f"load: {json.dumps(shown, ensure_ascii=False)}\n")


if __name__ == "__main__":
    main()
