"""The HTTP driver of the benchmark: real requests from a separate process, no Django.

    python -m bench.drive --base http://127.0.0.1:8765 --plan plan.json \
        --out bench/results/2026-12-02-sqlite.json --label sqlite

For every page of the plan (bench/pages.py) and every concurrency (1, 8, 32): a few
warm-up requests, then ``--seconds`` of requests from that many threads, each with its
own keep-alive connection and the session cookie of the page's role. Then the read
mix: all pages in turn at concurrency 8. Reports p50/p95/p99, throughput, errors
(anything but 200), the server's SQL queries and CPU per request (X-Bench-* headers
of abhnetz.core.bench) and each page's p50 as a multiple of the floor view's.
"""

from __future__ import annotations

import argparse
import http.client
import json
import re
import statistics
import sys
import threading
import time
from datetime import datetime
from urllib.parse import urlencode, urlsplit

CONCURRENCY = (1, 8, 32)


def percentile(samples: list[float], share: float) -> float:
    if not samples:
        return 0.0
    ordered = sorted(samples)
    index = min(len(ordered) - 1, max(0, round(share * len(ordered)) - 1))
    return ordered[index]


TOKEN = re.compile(rb'name="csrfmiddlewaretoken" value="([^"]+)"')
CSRF_COOKIE = re.compile(r"csrftoken=([^;]+)")


class Client:
    """One keep-alive connection with one role's session cookie."""

    def __init__(self, base: str, session: str):
        parts = urlsplit(base)
        self.host, self.port = parts.hostname, parts.port or 80
        self.session = session
        self.csrf = ""
        self.connection = None

    def _send(self, method: str, path: str, body: str | None = None):
        """(status, content, response); raises OSError/HTTPException on a failed connection."""
        if self.connection is None:
            self.connection = http.client.HTTPConnection(self.host, self.port, timeout=60)
        cookie = f"sessionid={self.session}" + (f"; csrftoken={self.csrf}" if self.csrf else "")
        headers = {"Cookie": cookie, "Accept-Language": "de"}
        if body is not None:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Referer"] = f"http://{self.host}:{self.port}{path}"
        self.connection.request(method, path, body=body, headers=headers)
        response = self.connection.getresponse()
        content = response.read()
        match = CSRF_COOKIE.search(response.getheader("Set-Cookie") or "")
        if match:
            self.csrf = match.group(1)
        if response.getheader("Connection", "").lower() == "close":
            self.close()
        return response.status, content, response

    def ask(self, page: dict) -> tuple[int, float, int, float]:
        """``_ask``; a GET whose kept-alive connection the server had closed (gunicorn's
        ``keepalive``) is sent once more on a new one, as browsers do."""
        reused = self.connection is not None
        answer = self._ask(page)
        if answer[0] == 0 and reused and page.get("method", "GET") == "GET":
            answer = self._ask(page)
        return answer

    def _ask(self, page: dict) -> tuple[int, float, int, float]:
        """(status, seconds, SQL queries, server CPU ms); status 0 for a failed connection.

        A write (``"method": "POST"``) first fetches its ``form`` page, untimed, for the
        CSRF token, then posts ``data`` with it: only the post is measured.
        """
        try:
            body = None
            if page.get("method") == "POST":
                _status, content, _response = self._send("GET", page["form"])
                match = TOKEN.search(content)
                fields = {**page.get("data", {}), "csrfmiddlewaretoken": (match or [b"", b""])[1]}
                body = urlencode(
                    {k: v.decode() if isinstance(v, bytes) else v for k, v in fields.items()}
                )
            started = time.perf_counter()
            status, _content, response = self._send(page.get("method", "GET"), page["path"], body)
            elapsed = time.perf_counter() - started
            queries = int(response.getheader("X-Bench-Queries") or -1)
            cpu = float(response.getheader("X-Bench-CPU-ms") or -1)
        except (OSError, http.client.HTTPException):
            self.close()
            return 0, 0.0, -1, -1.0
        return status, elapsed, queries, cpu

    def get(self, path: str) -> tuple[int, float, int, float]:
        return self.ask({"path": path})

    def close(self) -> None:
        if self.connection is not None:
            self.connection.close()
            self.connection = None


def run(base: str, sessions: dict, pages: list[dict], concurrency: int, seconds: float) -> dict:
    """``concurrency`` threads asking for ``pages`` in turn for ``seconds``."""
    samples: list[tuple[int, float, int, float]] = []
    lock = threading.Lock()
    deadline = time.perf_counter() + seconds

    def worker(offset: int) -> None:
        clients = {}
        position = offset
        while time.perf_counter() < deadline:
            page = pages[position % len(pages)]
            position += 1
            role = page["role"]
            client = clients.get(role) or clients.setdefault(role, Client(base, sessions[role]))
            status, seconds_taken, queries, cpu = client.ask(page)
            # a write answers with its redirect (or the page again, for a form error)
            if status in page.get("ok", (200,)):
                status = 200
            with lock:
                samples.append((status, seconds_taken, queries, cpu))
        for client in clients.values():
            client.close()

    started = time.perf_counter()
    threads = [threading.Thread(target=worker, args=(n,)) for n in range(concurrency)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    times = [s[1] * 1000 for s in samples]
    ok = [s for s in samples if s[0] == 200]
    queries = [s[2] for s in ok if s[2] >= 0]
    cpu = [s[3] for s in ok if s[3] >= 0]
    statuses: dict[str, int] = {}
    for sample in samples:
        statuses[str(sample[0])] = statuses.get(str(sample[0]), 0) + 1
    return {
        "requests": len(samples),
        "errors": len(samples) - len(ok),
        "statuses": statuses,
        "p50_ms": round(percentile(times, 0.50), 1),
        "p95_ms": round(percentile(times, 0.95), 1),
        "p99_ms": round(percentile(times, 0.99), 1),
        "throughput_rps": round(len(samples) / elapsed, 1) if elapsed else 0,
        "queries": round(statistics.median(queries)) if queries else None,
        "cpu_ms": round(statistics.median(cpu), 1) if cpu else None,
    }


def measure(base: str, plan: dict, seconds: float, concurrencies) -> dict:
    sessions = plan["sessions"]
    results = {}
    for page in plan["pages"]:
        warm = Client(base, sessions[page["role"]])
        for _ in range(2):
            warm.ask(page)
        warm.close()
        results[page["name"]] = {
            "path": page["path"],
            "role": page["role"],
            **{str(c): run(base, sessions, [page], c, seconds) for c in concurrencies},
        }
        row = results[page["name"]]
        sys.stdout.write(
            f"  {page['name']:<32} "
            + "  ".join(f"c{c} p95 {row[str(c)]['p95_ms']:>7} ms" for c in concurrencies)
            + f"  q {row[str(concurrencies[0])]['queries']}\n"
        )
        sys.stdout.flush()
    reads = [p for p in plan["pages"] if not p.get("method") and "floor" not in p["name"]]
    mix = run(base, sessions, reads, 8, seconds * 3)
    floor = results.get("floor (minimal view)", {}).get("1", {}).get("p50_ms") or None
    for row in results.values():
        p50 = row["1"]["p50_ms"] if "1" in row else None
        row["x_floor"] = round(p50 / floor, 1) if floor and p50 else None
    return {"pages": results, "read_mix_c8": mix}


def markdown(result: dict) -> str:
    concurrencies = result["meta"]["concurrency"]
    head = ["page", "queries", "CPU ms", "× floor"]
    for c in concurrencies:
        head += [f"c{c} p50", f"c{c} p95", f"c{c} p99", f"c{c} req/s"]
    head.append("errors")
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for name, row in result["pages"].items():
        first = row[str(concurrencies[0])]
        cells = [name, str(first["queries"]), str(first["cpu_ms"]), str(row["x_floor"])]
        for c in concurrencies:
            cell = row[str(c)]
            cells += [str(cell["p50_ms"]), str(cell["p95_ms"]), str(cell["p99_ms"]),
                      str(cell["throughput_rps"])]  # fmt: skip
        cells.append(str(sum(row[str(c)]["errors"] for c in concurrencies)))
        lines.append("| " + " | ".join(cells) + " |")
    mix = result["read_mix_c8"]
    lines.append("")
    lines.append(
        f"Read mix at c=8: {mix['throughput_rps']} req/s, p95 {mix['p95_ms']} ms, "
        f"{mix['errors']} errors of {mix['requests']}."
    )
    index = result.get("index_build")
    if index:
        lines.append(f"Index build: {index}")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", required=True)
    parser.add_argument("--plan", required=True)
    parser.add_argument("--out", required=True)
    parser.add_argument("--label", default="")
    parser.add_argument("--seconds", type=float, default=3.0)
    parser.add_argument("--concurrency", default=",".join(map(str, CONCURRENCY)))
    parser.add_argument("--meta", default="{}", help="JSON merged into the result's meta")
    parser.add_argument("--index", default="", help="JSON file with the index build speed")
    args = parser.parse_args()
    with open(args.plan) as file:
        plan = json.load(file)
    concurrencies = [int(c) for c in args.concurrency.split(",")]
    sys.stdout.write(f"bench ({args.label}): {len(plan['pages'])} pages, c={concurrencies}\n")
    result = {
        "meta": {
            "label": args.label,
            "date": datetime.now().astimezone().isoformat(timespec="seconds"),
            "seconds_per_cell": args.seconds,
            "concurrency": concurrencies,
            **json.loads(args.meta),
        },
        **measure(args.base, plan, args.seconds, concurrencies),
    }
    if args.index:
        try:
            with open(args.index) as file:
                result["index_build"] = json.load(file)
        except FileNotFoundError:
            pass
    with open(args.out, "w") as file:
        json.dump(result, file, indent=1, ensure_ascii=False)
    sys.stdout.write("\n" + markdown(result) + "\n")
    sys.stdout.write(f"\nwritten: {args.out}\n")


if __name__ == "__main__":
    main()
