#!/usr/bin/env python3
"""The client side of bench/probe.sh: drives one scenario against the example service and prints its figures.

Standard library only, so that the probe runs on a bare Debian machine. Every figure is printed on stdout as one
tab-separated line: FIG <scenario> <figure> <value> <expectation> <PASS|FAIL|info>. Details go to stderr.

  probe.py outage    --port P --stop-cmd C --start-cmd C [--clients 4] [--down 5] [--bound 1.5]
  probe.py cold      --port P --start-cmd C [--requests 6] [--bound 1.5]
  probe.py pool      --port P --token T --lock-cmd C --lock-check-cmd C --pool N --acquisition-timeout S
  probe.py slowloris --port P --conns N --header-timeout S
  probe.py leak      --port P --requests N [--clients 8]
  probe.py fuzz      --port P --cases N [--clients 4] [--seed 1]
"""
import argparse
import http.client
import json
import random
import selectors
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse

ARGS = None
FAILED = False


def fig(scenario, name, value, expectation="", ok=None):
    global FAILED
    verdict = "info" if ok is None else ("PASS" if ok else "FAIL")
    FAILED |= ok is False
    print(f"FIG\t{scenario}\t{name}\t{value}\t{expectation}\t{verdict}", flush=True)


def note(*parts):
    print(*parts, file=sys.stderr, flush=True)


def ms(seconds):
    return f"{seconds * 1000:.0f} ms" if seconds is not None else "none"


def pct(values, p):
    if not values:
        return None
    values = sorted(values)
    return values[min(len(values) - 1, int(len(values) * p))]


class Client:
    """One keep-alive connection; reconnects after any failure. send() returns a Response, never raises."""

    def __init__(self, port, timeout=30):
        self.port, self.timeout, self.conn = port, timeout, None

    def send(self, method, path, headers=None, body=None):
        t0 = time.monotonic()
        try:
            if self.conn is None:
                self.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=self.timeout)
            self.conn.request(method, path, body=body, headers=headers or {})
            r = self.conn.getresponse()
            data = r.read()
            if r.will_close:
                self.close()
            return Response(t0, time.monotonic(), r.status, data, None, method, r.getheader("Proxy-Status"))
        except Exception as e:  # a socket error is a figure of its own, not a crash of the probe
            self.close()
            return Response(t0, time.monotonic(), None, b"", f"{type(e).__name__}: {e}", method, None)

    def close(self):
        if self.conn is not None:
            self.conn.close()
            self.conn = None


class Response:
    def __init__(self, t0, t1, status, data, error, method, proxy_status):
        self.t0, self.t1, self.status, self.data, self.error, self.method = t0, t1, status, data, error, method
        self.proxy_status = proxy_status
        self.latency = t1 - t0
        try:
            self.json = json.loads(data) if data else None
        except ValueError:
            self.json = None

    @property
    def code(self):
        """The body's code, else (HEAD) the one named by Proxy-Status: PostgREST; error=<code>."""
        if isinstance(self.json, dict):
            return self.json.get("code")
        if self.proxy_status and "error=" in self.proxy_status:
            return self.proxy_status.split("error=", 1)[1].split(";")[0].strip()
        return None

    def json_error(self):
        """A PostgREST-style error body: code and message."""
        return isinstance(self.json, dict) and "code" in self.json and "message" in self.json

    def __repr__(self):
        return f"{self.status or self.error} {self.data[:200]!r}"


def run(cmd):
    t0 = time.monotonic()
    subprocess.run(cmd, shell=True, check=True, stdout=subprocess.DEVNULL)
    return t0, time.monotonic()


# ---------------------------------------------------------------------------------------------------------------------
# outage: steady load, stop PostgreSQL, start it again
# ---------------------------------------------------------------------------------------------------------------------
def load_loop(port, path, stop, out):
    c = Client(port)
    while not stop.is_set():
        out.append(c.send("GET", path))
    c.close()


OUTAGE_CODES = ("PGRST000", "PGRST001", "57P01")


def outage():
    a = ARGS
    stop, results, threads = threading.Event(), [], []
    for _ in range(a.clients):
        out = []
        results.append(out)
        t = threading.Thread(target=load_loop, args=(a.port, a.path, stop, out), daemon=True)
        t.start()
        threads.append(t)
    time.sleep(a.warmup)
    stop0, stop1 = run(a.stop_cmd)
    time.sleep(a.down)
    start0, start1 = run(a.start_cmd)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if any(r.status == 200 and r.t0 >= start1 for out in results for r in list(out)):
            break
        time.sleep(0.05)
    time.sleep(a.after)
    stop.set()
    for t in threads:
        t.join(60)
    rs = sorted((r for out in results for r in out), key=lambda r: r.t1)
    s = "outage"
    fig(s, "requests under load (clients)", f"{len(rs)} ({a.clients})")
    first503 = next((r.t1 - stop0 for r in rs if r.t1 > stop0 and r.status == 503), None)
    fig(s, "first 503 after pg_ctl stop -m fast", ms(first503), f"≤ {a.bound} s",
        first503 is not None and first503 <= a.bound)
    # every request the database's absence concerns: answered after the stop, sent before the start
    down = [r for r in rs if r.t1 > stop1 and r.t0 < start0]
    bad = [r for r in down if r.status != 503 or r.code not in OUTAGE_CODES]
    fig(s, "requests pending or sent while down", len(down), "> 0", len(down) > 0)
    fig(s, "  of which not 503 PGRST000/001/57P01", len(bad), "0", not bad)
    for r in bad[:5]:
        note("outage: not a 503 while down:", f"{r.latency:.1f} s", r)
    # from sending (or from the stop, for a request sent before) to the answer
    lat = [r.t1 - max(r.t0, stop1) for r in down]
    fig(s, "  wait for the answer p50 / max", f"{ms(pct(lat, .5))} / {ms(max(lat) if lat else None)}",
        f"max ≤ {a.bound} s", bool(lat) and max(lat) <= a.bound)
    first200 = next((r.t1 - start1 for r in rs if r.t0 >= start0 and r.status == 200), None)
    fig(s, "first 200 after pg_ctl start returned", ms(first200), f"≤ {a.bound} s",
        first200 is not None and first200 <= a.bound)
    after = [r for r in rs if r.t0 >= start1 + a.bound]
    fig(s, "non-200 later than the bound after start", sum(r.status != 200 for r in after), "0",
        all(r.status == 200 for r in after))
    fig(s, "500s / socket errors", f"{sum(r.status == 500 for r in rs)} / {sum(r.error is not None for r in rs)}",
        "0 / 0", not any(r.status == 500 or r.error for r in rs))
    dist = {}
    for r in rs:
        key = f"{r.status or 'err'} {r.code or ''}".strip()
        dist[key] = dist.get(key, 0) + 1
    fig(s, "statuses", ", ".join(f"{k}: {v}" for k, v in sorted(dist.items())))


def cold():
    """The service was started while PostgreSQL is down: concurrent requests are answered together, fast."""
    a, s = ARGS, "cold-start"
    t0 = time.monotonic()
    first = None
    while time.monotonic() - t0 < 90:
        r = Client(a.port, timeout=30).send("GET", a.path)
        if r.status is not None:
            first = r
            break
        time.sleep(0.05)
    fig(s, "first answer with the database down", f"{first.status} {first.code}" if first else "none",
        "503", first is not None and first.status == 503)
    if first is None:
        return
    out = [None] * a.requests
    barrier = threading.Barrier(a.requests)

    def one(i):
        c = Client(a.port)
        barrier.wait()
        out[i] = c.send("GET", a.path)
        c.close()

    ts = [threading.Thread(target=one, args=(i,)) for i in range(a.requests)]
    for t in ts:
        t.start()
    for t in ts:
        t.join()
    statuses = sorted(f"{r.status} {r.code}" if r.status else "no answer" for r in out)
    fig(s, f"{a.requests} concurrent requests", ", ".join(statuses), "all 503",
        all(r.status == 503 and r.code in OUTAGE_CODES for r in out))
    lat = [r.latency for r in out]
    fig(s, "  latencies", ", ".join(f"{x:.1f}" for x in sorted(lat)) + " s", f"max ≤ {a.bound} s",
        max(lat) <= a.bound)
    start0, start1 = run(a.start_cmd)
    c, first200 = Client(a.port), None
    while time.monotonic() - start1 < 60:
        r = c.send("GET", a.path)
        if r.status == 200:
            first200 = r.t1 - start1
            break
        time.sleep(0.02)
    fig(s, "first 200 after pg_ctl start returned", ms(first200), f"≤ {a.bound} s",
        first200 is not None and first200 <= a.bound)


# ---------------------------------------------------------------------------------------------------------------------
# pool: a table lock holds every pooled connection; the rest wait for the acquisition timeout
# ---------------------------------------------------------------------------------------------------------------------
def pool():
    a, s = ARGS, "pool"
    locker = subprocess.Popen(a.lock_cmd, shell=True, stdout=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 30
        while subprocess.run(a.lock_check_cmd, shell=True, capture_output=True, text=True).stdout.strip() != "t":
            if time.monotonic() > deadline:
                raise SystemExit("the lock was not granted")
            time.sleep(0.05)
        n = a.pool + a.extra
        out = [None] * n
        headers = {"Authorization": f"Bearer {a.token}"}

        def one(i):
            c = Client(a.port, timeout=60)
            out[i] = c.send("GET", a.path, headers)
            c.close()

        ts = []
        for i in range(n):  # the first ones take the pooled connections, the others wait for one
            ts.append(threading.Thread(target=one, args=(i,)))
            ts[-1].start()
            time.sleep(0.05)
        for t in ts:
            t.join()
    finally:
        locker.wait(60)
    ok = [r for r in out if r.status == 200]
    timed_out = [r for r in out if r.status == 504 and r.code == "PGRST003"]
    fig(s, f"{n} requests on a db-pool of {a.pool}, all connections blocked by a lock",
        f"{len(ok)} × 200, {len(timed_out)} × 504 PGRST003", f"{a.pool} × 200, {a.extra} × 504",
        len(ok) == a.pool and len(timed_out) == a.extra)
    lat = [r.latency for r in timed_out]
    lo, hi = a.acquisition_timeout - 0.2, a.acquisition_timeout + 1.5
    fig(s, "  time to the 504s (min / max)", f"{ms(min(lat) if lat else None)} / {ms(max(lat) if lat else None)}",
        f"{lo:.1f}–{hi:.1f} s (acquisition timeout {a.acquisition_timeout} s)",
        bool(lat) and lo <= min(lat) and max(lat) <= hi)
    others = [r for r in out if r not in ok and r not in timed_out]
    fig(s, "  other answers (500s, errors)", len(others), "0", not others)
    for r in others:
        note("pool: unexpected answer:", r)
    r = Client(a.port).send("GET", a.path, headers)
    fig(s, "a request after the lock is released", r.status, "200", r.status == 200)


# ---------------------------------------------------------------------------------------------------------------------
# slowloris: connections that send their headers a byte at a time, next to a normal client
# ---------------------------------------------------------------------------------------------------------------------
def normal_client(port, path, stop, out):
    c = Client(port)
    while not stop.is_set():
        out.append(c.send("GET", path))
        time.sleep(0.02)
    c.close()


def slowloris():
    a, s = ARGS, "slowloris"
    base = []
    ev = threading.Event()
    t = threading.Thread(target=normal_client, args=(a.port, a.path, ev, base))
    t.start()
    time.sleep(2)
    ev.set()
    t.join()
    payload = f"GET {a.path} HTTP/1.1\r\nHost: 127.0.0.1\r\n".encode() + b"X-Slow: a\r\n" * 100000
    sel = selectors.DefaultSelector()
    conns = {}
    for i in range(a.conns):
        sock = socket.create_connection(("127.0.0.1", a.port))
        sock.setblocking(False)
        conns[sock] = {"sent": 0, "opened": time.monotonic(), "closed": None, "answer": b""}
        sel.register(sock, selectors.EVENT_READ)
    during, ev = [], threading.Event()
    t = threading.Thread(target=normal_client, args=(a.port, a.path, ev, during))
    t.start()
    end = time.monotonic() + (a.header_timeout + 10 if a.header_timeout > 0 else a.duration)
    next_byte = time.monotonic()

    def closed(sock):
        conns[sock]["closed"] = time.monotonic()
        sel.unregister(sock)
        sock.close()

    while time.monotonic() < end and any(c["closed"] is None for c in conns.values()):
        for key, _ in sel.select(timeout=0.05):
            try:
                data = key.fileobj.recv(65536)
            except OSError:
                data = b""
            if data:
                conns[key.fileobj]["answer"] += data
            else:
                closed(key.fileobj)
        if time.monotonic() >= next_byte:
            next_byte += a.interval
            for sock, c in list(conns.items()):
                if c["closed"] is None:
                    try:
                        sock.send(payload[c["sent"]:c["sent"] + 1])
                        c["sent"] += 1
                    except OSError:
                        closed(sock)
    ev.set()
    t.join()
    open_left = [sock for sock, c in conns.items() if c["closed"] is None]
    for sock in open_left:
        sock.close()
    lifetimes = [c["closed"] - c["opened"] for c in conns.values() if c["closed"] is not None]
    if a.header_timeout > 0:
        fig(s, f"slow connections closed by the server (of {a.conns})", len(lifetimes), f"{a.conns}",
            len(lifetimes) == a.conns)
        lo, hi = a.header_timeout - 0.5, a.header_timeout + 3
        fig(s, "  after (min / median / max)", f"{ms(min(lifetimes) if lifetimes else None)} / "
            f"{ms(statistics.median(lifetimes) if lifetimes else None)} / {ms(max(lifetimes) if lifetimes else None)}",
            f"{lo:.1f}–{hi:.1f} s (server-header-timeout {a.header_timeout} s)",
            bool(lifetimes) and lo <= min(lifetimes) and max(lifetimes) <= hi)
        answered = [c["answer"][:80] for c in conns.values() if c["answer"]]
        fig(s, "  slow connections that got bytes back", len(answered), "0 (closed without an answer)", not answered)
        for x in answered[:3]:
            note("slowloris: answer to a slow connection:", x)
    else:
        fig(s, f"slow connections still open after {a.duration} s (of {a.conns})", len(open_left))
    fig(s, "normal client before: requests, p50 / p99",
        f"{len(base)}, {ms(pct([r.latency for r in base], .5))} / {ms(pct([r.latency for r in base], .99))}")
    lat = [r.latency for r in during]
    fig(s, "normal client during: requests, p50 / p99", f"{len(during)}, {ms(pct(lat, .5))} / {ms(pct(lat, .99))}",
        f"p99 ≤ {a.bound} s", bool(lat) and pct(lat, .99) <= a.bound)
    fig(s, "  normal client non-200 answers", sum(r.status != 200 for r in during), "0",
        all(r.status == 200 for r in during))


# ---------------------------------------------------------------------------------------------------------------------
# leak: identities interleaved on shared connections, failures mixed in; every answer checked against its identity
# ---------------------------------------------------------------------------------------------------------------------
USERS = {  # email: (password, database role)
    "alice@example.com": ("alice-password", "alice"),
    "bob@example.com": ("bob-password", "bob"),
    "carol@example.com": ("carol-password", "webuser"),
    "dave@example.com": ("dave-password", "webuser"),  # banned (V7/V9): the pre-request hook fails every request
}


def login(port):
    tokens, c = {}, Client(port)
    for email, (password, _) in USERS.items():
        r = c.send("POST", "/rpc/login", {"Content-Type": "application/json"},
                   json.dumps({"email": email, "pass": password}))
        if r.status != 200:
            raise SystemExit(f"login {email}: {r}")
        tokens[email] = r.json["token"]
    return tokens


def leak_case(rnd, ident, token, seq):
    """(method, path, headers, body, check) where check(response) returns None or what is wrong."""
    email = ident if ident != "anon" else None
    role = USERS[email][1] if email else "anon"
    headers = {"X-Probe": seq}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    banned = email == "dave@example.com"
    kind = rnd.choice(["whoami", "me", "headers", "claims", "role", "bad-filter", "bad-json", "bad-value", "secret"])

    def expect(status, code=None, body_check=None):
        def check(r):
            if banned and kind in ("bad-filter", "bad-json"):  # refused while parsing, before the database
                return None if r.status == status and r.code == code else "status"
            if banned and kind == "bad-value" and r.status == 400 and r.code == "22P02":
                return "precedence"  # pgapi checks the value before the pre-request runs; PostgREST answers P0001
            if banned:
                return None if r.status == 400 and r.code == "P0001" else "status"
            if not email and kind in ("me", "headers", "claims", "role", "secret"):
                return None if r.status == 401 and r.code == "42501" else "status"
            if r.status != status or (code and r.code != code):
                return "status"
            return body_check(r) if body_check else None
        return check

    def guc(name):
        return f"/rpc/get_guc?name={urllib.parse.quote(name)}"

    def text_is(want):
        return lambda r: None if r.json == want else "identity"

    def claims_ok(r):
        j = r.json if kind == "me" else json.loads(r.json or "null")
        return None if isinstance(j, dict) and j.get("email") == email and j.get("role") == role else "identity"

    def headers_ok(r):
        h = json.loads(r.json or "null")
        if not isinstance(h, dict) or h.get("authorization") != headers["Authorization"]:
            return "identity"
        return None if h.get("x-probe") == seq else "leftover"

    if kind == "whoami":
        return "GET", "/rpc/whoami", headers, None, kind, expect(200, body_check=text_is(role))
    if kind == "me":
        return "GET", "/rpc/me", headers, None, kind, expect(200, body_check=claims_ok)
    if kind == "headers":
        return "GET", guc("request.headers"), headers, None, kind, expect(200, body_check=headers_ok)
    if kind == "claims":
        return "GET", guc("request.jwt.claims"), headers, None, kind, expect(200, body_check=claims_ok)
    if kind == "role":
        return "GET", guc("role"), headers, None, kind, expect(200, body_check=text_is(role))
    if kind == "bad-filter":
        return "GET", "/books?id=zz.1", headers, None, kind, expect(400, "PGRST100")
    if kind == "bad-json":
        headers["Content-Type"] = "application/json"
        return "POST", "/rpc/add", headers, '{"a": 1,', kind, expect(400, "PGRST102")
    if kind == "bad-value":
        return "GET", "/books?id=eq.not-a-number", headers, None, kind, expect(400, "22P02")
    return "GET", guc("app.settings.jwt_secret"), headers, None, kind, expect(403, "42501")


def leak():
    a, s = ARGS, "leak"
    tokens = login(a.port)
    idents = list(USERS) + ["anon"]
    lock = threading.Lock()
    counts = {"requests": 0, "identity": 0, "leftover": 0, "status": 0, "precedence": 0, "500": 0, "error": 0}
    problems = []
    per_thread = a.requests // a.clients

    def worker(tid):
        rnd, c = random.Random(a.seed * 1000 + tid), Client(a.port)
        local = {k: 0 for k in counts}
        for i in range(per_thread):
            ident = rnd.choice(idents)
            method, path, headers, body, kind, check = leak_case(rnd, ident, tokens.get(ident), f"{tid}-{i}")
            r = c.send(method, path, headers, body)
            local["requests"] += 1
            if r.error:
                local["error"] += 1
                problem = "error"
            else:
                local["500"] += r.status == 500
                problem = check(r)
                if problem:
                    local[problem] += 1
            if problem and problem != "precedence" and len(problems) < 10:
                with lock:
                    problems.append(f"{ident} {kind} {method} {path}: {r}")
        c.close()
        with lock:
            for k, v in local.items():
                counts[k] += v

    t0 = time.monotonic()
    ts = [threading.Thread(target=worker, args=(i,)) for i in range(a.clients)]
    for t in ts:
        t.start()
    for t in ts:
        t.join()
    took = time.monotonic() - t0
    fig(s, f"requests ({len(idents)} identities, {a.clients} clients, 4 of 9 kinds fail)",
        f"{counts['requests']} in {took:.0f} s ({counts['requests'] / took:.0f}/s)", f"{per_thread * a.clients}",
        counts["requests"] == per_thread * a.clients)
    fig(s, "answers for another identity", counts["identity"], "0", counts["identity"] == 0)
    fig(s, "leftover settings of an earlier request", counts["leftover"], "0", counts["leftover"] == 0)
    fig(s, "unexpected status", counts["status"], "0", counts["status"] == 0)
    fig(s, "500s / socket errors", f"{counts['500']} / {counts['error']}", "0 / 0",
        counts["500"] == 0 and counts["error"] == 0)
    fig(s, "banned user, invalid value: 400 22P02 before the pre-request's P0001", counts["precedence"],
        "PostgREST: P0001")
    for p in problems:
        note("leak:", p)


# ---------------------------------------------------------------------------------------------------------------------
# fuzz: random URLs, headers and bodies
# ---------------------------------------------------------------------------------------------------------------------
TABLES = ["books", "authors", "book_readers", "readers", "reviews", "specimens", "todos", "notes", "chat", "gadgets",
          "guestbook", "seats", "languages", "feedback", "author_profiles", "book_details", "cheap_gadgets", "secrets",
          "nope"]
RPCS = ["add", "echo_json", "shout", "describe", "convert", "sum_all", "search_books", "get_guc", "whoami", "me",
        "books_by_author", "slow_hoisted", "serializable_isolation", "local_work_mem", "full_title", "login", "nope"]
COLS = ["id", "title", "author_id", "published", "name", "tags", "data", "a", "b", "x", "q", "email", "body", "label",
        "price", "range", "doc", "nums", "thing", "author", "books", "authors", "reviews", "zz"]
OPS = ["eq", "neq", "gt", "gte", "lt", "lte", "like", "ilike", "match", "imatch", "in", "is", "isdistinct", "fts",
       "plfts", "phfts", "wfts", "cs", "cd", "ov", "sl", "sr", "nxr", "nxl", "adj", "not.eq", "not.in", "eq(any)",
       "like(all)", "xx"]
VALUES = ["1", "-1", "0", "99999999999999999999", "1.5", "null", "true", "false", "unknown", "abc", "(1,2,3)",
          "{1,2}", "[1,5)", "%", "*", "'", '"', "\\", "()", "(", ")", ",", "", "2024-01-01", "NaN", "Infinity",
          "{\"a\":1}", "a.b.c", "..", "é", "\u0000"]
MEDIA = ["application/json", "text/csv", "application/vnd.pgrst.object+json", "application/vnd.pgrst.plan+json",
         "application/geo+json", "application/x-www-form-urlencoded", "text/plain", "application/octet-stream",
         "*/*", "application/*", "garbage", "application/json; charset=latin1", "application/vnd.pgrst.array+json;nulls=stripped"]
PREFER = ["return=representation", "return=minimal", "return=headers-only", "count=exact", "count=planned",
          "count=estimated", "resolution=merge-duplicates", "resolution=ignore-duplicates", "missing=default",
          "handling=strict", "handling=lenient", "tx=rollback", "tx=commit", "max-affected=1", "params=single-object",
          "timezone=Mars/Base", "timezone=UTC", "garbage", "return=", "count"]

# PostgREST's own 500 mappings (its Error.mapSQLtoHTTP): these SQLSTATEs answer 500 there as well
def postgrest_500(code):
    if not isinstance(code, str):
        return False
    if code.startswith("PT"):
        return not code[2:].isdigit()
    if code in ("21000", "42P17", "53400", "PGRST111", "PGRST112", "PGRST121", "PGRSTX00", "PGRST300"):
        return True
    if code == "57P01":
        return False
    return code[:2] in ("09", "25", "2D", "38", "39", "3B", "40", "54", "55", "57", "58", "F0", "HV", "XX") or \
        (code.startswith("P0") and code != "P0001")


def rnd_bytes(rnd):
    return urllib.parse.quote(bytes(rnd.randrange(256) for _ in range(rnd.randrange(1, 8))), safe="")


def rnd_value(rnd):
    v = rnd.choice(VALUES) if rnd.random() < 0.8 else rnd_bytes(rnd)
    raw_ok = v.isascii() and all(ord(ch) > 0x20 for ch in v)  # a request line cannot carry the others unencoded
    return v if raw_ok and rnd.random() < 0.5 else urllib.parse.quote(v, safe="")


def rnd_select(rnd, depth=0):
    items = []
    for _ in range(rnd.randrange(1, 4)):
        c = rnd.choice(COLS + ["*"])
        x = rnd.random()
        if x < 0.15 and depth < 2:
            c = f"{rnd.choice(TABLES)}{rnd.choice(['', '!inner', '!left', '!fk'])}({rnd_select(rnd, depth + 1)})"
        elif x < 0.25:
            c = f"alias:{c}"
        elif x < 0.35:
            c = f"{c}::{rnd.choice(['text', 'int', 'json', 'nope', 'int[]'])}"
        elif x < 0.45:
            c = f"{c}->{rnd.choice(['a', '0', '-1'])}->>{rnd.choice(['b', '1'])}"
        elif x < 0.5:
            c = f"{c}.{rnd.choice(['count', 'sum', 'avg', 'max', 'nope'])}()"
        elif x < 0.55:
            c = rnd_bytes(rnd)
        items.append(c)
    return ",".join(items)


def rnd_filter(rnd):
    x = rnd.random()
    if x < 0.15:
        inner = ",".join(f"{rnd.choice(COLS)}.{rnd.choice(OPS)}.{rnd_value(rnd)}" for _ in range(rnd.randrange(1, 4)))
        return f"{rnd.choice(['or', 'and', 'not.or', 'books.or'])}=({inner}{rnd.choice(['', ')', '('])})"
    col = rnd.choice(COLS)
    if rnd.random() < 0.2:
        col = f"{rnd.choice(TABLES)}.{col}"
    if rnd.random() < 0.1:
        col = f"{col}->>{rnd.choice(['a', 'color'])}"
    return f"{col}={rnd.choice(OPS)}.{rnd_value(rnd)}"


def rnd_query(rnd):
    parts = []
    for _ in range(rnd.randrange(0, 5)):
        x = rnd.random()
        if x < 0.2:
            parts.append(f"select={rnd_select(rnd)}")
        elif x < 0.6:
            parts.append(rnd_filter(rnd))
        elif x < 0.7:
            o = ",".join(f"{rnd.choice(COLS)}{rnd.choice(['', '.asc', '.desc', '.nullsfirst', '.desc.nullslast', '.x'])}"
                         for _ in range(rnd.randrange(1, 3)))
            parts.append(f"{rnd.choice(['order', 'books.order'])}={o}")
        elif x < 0.8:
            parts.append(f"{rnd.choice(['limit', 'offset', 'books.limit'])}={rnd.choice(['0', '1', '-1', '1e3', 'x', '99999999999999999999'])}")
        elif x < 0.85:
            parts.append(f"{rnd.choice(['columns', 'on_conflict'])}={rnd.choice(COLS)},{rnd.choice(COLS)}")
        elif x < 0.9:
            parts.append(f"{rnd.choice(COLS)}={rnd_value(rnd)}")
        else:
            parts.append(f"{rnd_bytes(rnd)}={rnd_bytes(rnd)}")
    return "&".join(parts)


def rnd_json(rnd, depth=0):
    x = rnd.random()
    if depth > 3 or x < 0.4:
        return rnd.choice([1, -1, 0, 1.5, 1e308, 10 ** 30, "a", "", "é\u0000", None, True, False, "2024-01-01", "{1}"])
    if x < 0.7:
        return {rnd.choice(COLS): rnd_json(rnd, depth + 1) for _ in range(rnd.randrange(0, 5))}
    return [rnd_json(rnd, depth + 1) for _ in range(rnd.randrange(0, 4))]


def rnd_body(rnd):
    x = rnd.random()
    if x < 0.6:
        return json.dumps(rnd_json(rnd)).encode()
    if x < 0.7:
        return b""
    if x < 0.8:
        return b"id,title\n1,a\n2"
    if x < 0.9:
        return json.dumps(rnd_json(rnd)).encode()[: rnd.randrange(1, 20)]
    return bytes(rnd.randrange(256) for _ in range(rnd.randrange(1, 64)))


def fuzz_case(rnd, tokens):
    if rnd.random() < 0.3:
        path, methods = f"/rpc/{rnd.choice(RPCS)}", ["GET", "POST", "POST", "HEAD", "PATCH", "OPTIONS"]
    else:
        path = "/" + (rnd.choice(TABLES) if rnd.random() < 0.95 else rnd_bytes(rnd))
        methods = ["GET", "GET", "HEAD", "POST", "PATCH", "PUT", "DELETE", "OPTIONS", "TRACE", "FOO"]
    method = rnd.choice(methods)
    q = rnd_query(rnd)
    if q:
        path += "?" + q
    if rnd.random() < 0.05:  # characters a browser would encode, sent raw
        path += rnd.choice(['"', "<", ">", "{", "}", "|", "^", "`", "%", "%zz", "#frag", "\\"])
    headers = {}
    who = rnd.random()
    if who < 0.4:
        headers["Authorization"] = f"Bearer {rnd.choice(list(tokens.values()))}"
    elif who < 0.45:
        headers["Authorization"] = rnd.choice(["Bearer x.y.z", "Bearer ", "Basic abc", "Bearer " + "a" * 3000])
    if rnd.random() < 0.3:
        headers["Accept"] = rnd.choice(MEDIA)
    if rnd.random() < 0.3:
        headers["Prefer"] = ", ".join(rnd.choice(PREFER) for _ in range(rnd.randrange(1, 3)))
    if rnd.random() < 0.1:
        headers["Range"] = rnd.choice(["0-9", "5-1", "-1", "items=0-9", "x", "0-"])
    body = None
    if method in ("POST", "PATCH", "PUT") or rnd.random() < 0.05:
        body = rnd_body(rnd)
        headers["Content-Type"] = rnd.choice(MEDIA[:3] + ["application/json"] * 4 + MEDIA)
    return method, path, headers, body


def fuzz():
    a, s = ARGS, "fuzz"
    tokens = {k: v for k, v in login(a.port).items() if not k.startswith("dave")}
    lock = threading.Lock()
    dist, bad500, nonjson, errors, allowed500 = {}, [], [], [], {}
    per_thread = a.cases // a.clients

    def worker(tid):
        rnd, c = random.Random(a.seed * 7919 + tid), Client(a.port)
        for _ in range(per_thread):
            method, path, headers, body = fuzz_case(rnd, tokens)
            r = c.send(method, path, headers, body)
            with lock:
                key = r.status or "error"
                dist[key] = dist.get(key, 0) + 1
                if r.error:
                    errors.append(f"{method} {path}: {r.error}")
                elif r.status >= 400 and method != "HEAD" and not r.json_error():
                    nonjson.append(f"{method} {path} {headers} {body!r:.80}: {r}")
                if r.status == 500:
                    if postgrest_500(r.code):
                        allowed500[r.code] = allowed500.get(r.code, 0) + 1
                    else:
                        bad500.append((str(r.code), f"{method} {path} {headers} {body!r:.120}: {r}"))
        c.close()

    t0 = time.monotonic()
    ts = [threading.Thread(target=worker, args=(i,)) for i in range(a.clients)]
    for t in ts:
        t.start()
    for t in ts:
        t.join()
    took = time.monotonic() - t0
    total = sum(dist.values())
    fig(s, f"fuzzed requests (seed {a.seed})", f"{total} in {took:.0f} s")
    fig(s, "statuses", ", ".join(f"{k}: {v}" for k, v in sorted(dist.items(), key=lambda kv: str(kv[0]))))
    fig(s, "500s that PostgREST maps to 500 too (SQLSTATE)",
        ", ".join(f"{k}: {v}" for k, v in sorted(allowed500.items())) or "0")
    by_code = {}
    for x in bad500:
        by_code[x[0]] = by_code.get(x[0], 0) + 1
    fig(s, "other 500s (code)", f"{len(bad500)}" + (f" ({', '.join(f'{k}: {v}' for k, v in sorted(by_code.items()))})"
                                                      if bad500 else ""), "0", not bad500)
    fig(s, "errors without a JSON body (code, message)", len(nonjson), "0", not nonjson)
    fig(s, "socket errors / timeouts", len(errors), "0", not errors)
    for x in ([f"500 {c}: {x}" for c, x in bad500[:50]] + nonjson[:50] + errors[:50]):
        note("fuzz:", x)
    r = Client(a.port).send("GET", "/books?id=eq.1")
    fig(s, "the service still answers afterwards", r.status, "200", r.status == 200)


def main():
    global ARGS
    p = argparse.ArgumentParser()
    p.add_argument("scenario", choices=["outage", "cold", "pool", "slowloris", "leak", "fuzz"])
    p.add_argument("--port", type=int, required=True)
    p.add_argument("--path", default="/books?id=eq.1")
    p.add_argument("--clients", type=int, default=4)
    p.add_argument("--warmup", type=float, default=2)
    p.add_argument("--down", type=float, default=5)
    p.add_argument("--after", type=float, default=2)
    p.add_argument("--bound", type=float, default=1.5)
    p.add_argument("--stop-cmd")
    p.add_argument("--start-cmd")
    p.add_argument("--requests", type=int, default=6)
    p.add_argument("--token")
    p.add_argument("--lock-cmd")
    p.add_argument("--lock-check-cmd")
    p.add_argument("--pool", type=int, default=2)
    p.add_argument("--extra", type=int, default=4)
    p.add_argument("--acquisition-timeout", type=float, default=1)
    p.add_argument("--conns", type=int, default=100)
    p.add_argument("--interval", type=float, default=0.5)
    p.add_argument("--header-timeout", type=float, default=2)
    p.add_argument("--duration", type=float, default=10)
    p.add_argument("--cases", type=int, default=1000)
    p.add_argument("--seed", type=int, default=1)
    ARGS = p.parse_args()
    globals()[ARGS.scenario]()
    sys.exit(1 if FAILED else 0)


if __name__ == "__main__":
    main()
