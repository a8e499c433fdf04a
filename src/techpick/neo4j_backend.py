"""The capability graph in a shared graph database over Bolt: push it, and
serve recommendations from it reading only what a request needs.

`push` is all or nothing. It checks every value before it connects; takes a
lock with an owner and a lease; compares the digest of every node with the
database's and writes only the nodes that changed, as instances of the next
version beside the current ones; then switches readers to that version in
one write and removes what no version needs any more. A push that fails
before the switch leaves the previous version serving, and the next push
removes its leftovers. Every query has a timeout; every failure is one line
that names its cause.

`read_for` builds the part of the graph one recommendation needs: the
database applies the hard filters it can (role, data model, licence,
hosting, cloud, exclusions, ceilings, required capabilities, see
`cypher.misses_query`), and only the surviving candidates, the team's
existing blocks and what they require come back. The filter only counts
failures the engine would also find, so it never drops a candidate the
engine would show; where a need's "considered" list or "closest" warning
would show ruled-out candidates, more are read until the answer cannot
change. The engine then runs unchanged and prints the same bytes.

The Cypher is portable (no APOC, no vendor procedures) and runs on Neo4j 5
and on FalkorDB's Bolt endpoint, whose quirks this module works around:

- it pastes Bolt parameters into the query text, unescaped, through a 4 KB
  stack buffer (a longer printout aborts the server: "stack smashing
  detected"): such a server (detected by echoing a backslash, see
  `Connection`) gets its parameters as a `CYPHER name=value` prefix of the
  query text instead, printed exactly by `cypher.literal`, without a limit;
- it leaves a stale handler behind a client that says GOODBYE, which stalls
  the next client's handshake: after closing, we open and drop one bare TCP
  connection, and a stalled handshake is retried once;
- it knows no `CREATE INDEX IF NOT EXISTS` (the plain form is the fallback);
- it names the graph after the first key of the request's extras: any
  `database` selects the graph "db", no database the graph "falkordb".
  Queries therefore always run in auto-commit mode, with one access mode.

Credentials go to the driver and nowhere else: messages name the server
(without any user part of the URI), never the user or the password.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import socket
import time
import uuid
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

import networkx as nx

from techpick import cypher as C
from techpick.compiled_graph import ReadGraph
from techpick.errors import BackendError
from techpick.gcpause import gc_paused

if TYPE_CHECKING:
    from techpick.recommend import Recommendation
    from techpick.requirements import Requirements

# The driver's log records stay out of the user's terminal unless the application configures logging.
logging.getLogger("neo4j").addHandler(logging.NullHandler())

SCHEMES = {"bolt", "bolt+s", "bolt+ssc", "neo4j", "neo4j+s", "neo4j+ssc"}
TIMEOUT = 30.0  # seconds one query may take, connecting included
LEASE = 60.0  # seconds a push holds the lock without renewing it
LOCK_WAIT = 120.0  # seconds a push waits for another one to finish
RENEW_EVERY = 10.0  # seconds between lease renewals during a push
Progress = Callable[[int, int], None]  # (rows written so far, rows to write)
_PROBE = "a\\\\b"  # two backslashes: a faithful server echoes two, a splicing one unescapes them to one
_QUICKACK = getattr(socket, "TCP_QUICKACK", None)  # Linux only


class QueryFailed(BackendError):
    """The server refused one query (the connection itself is fine)."""


class ConnectionLost(BackendError):
    """The connection broke or the server stopped answering; nothing more can be sent on it."""


def _driver() -> Any:
    try:
        import neo4j
    except ImportError:
        raise BackendError("the Neo4j backend needs the neo4j driver: pip install 'techpick[neo4j]'") from None
    return neo4j


def safe_uri(uri: str) -> str:
    """The URI as it may be shown: scheme, host and port, never a user or password."""
    try:
        parts = urlsplit(uri)
        host = parts.hostname or ""
        port = f":{parts.port}" if parts.port else ""
    except ValueError:
        return "the given URI"
    if ":" in host:
        host = f"[{host}]"
    return f"{parts.scheme}://{host}{port}" if parts.scheme and host else "the given URI"


def _scheme(uri: str) -> str:
    try:
        parts = urlsplit(uri)
        parts.port  # noqa: B018 -- raises on a malformed port or address
    except ValueError:
        return ""
    return parts.scheme


def _causes(exc: BaseException) -> list[BaseException]:
    out, seen = [], set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        out.append(current)
        current = current.__cause__ or current.__context__
    return out


def _reason(exc: BaseException, timeout: float) -> str:
    """The real cause of a connection failure, in a few words."""
    chain = _causes(exc)
    text = " ".join(str(c) for c in chain).lower()
    if any(isinstance(c, ConnectionRefusedError) for c in chain) or "refused" in text:
        return "connection refused (nothing listens there, or the server stopped)"
    if any(isinstance(c, socket.gaierror) for c in chain) or "failed to dns resolve" in text or \
            "name or service not known" in text or "cannot resolve address" in text:
        return "unknown host"
    if any(isinstance(c, (TimeoutError, socket.timeout)) for c in chain) or "timed out" in text:
        return f"no answer within {timeout:g} s (the server is frozen or overloaded)"
    if any(isinstance(c, (ConnectionResetError, BrokenPipeError, EOFError)) for c in chain) or \
            "defunct" in text or "connection reset" in text or "no data" in text or "closed" in text:
        return "the server closed the connection (it stopped or was killed)"
    return "the server did not answer as a Bolt server"


def _poke(uri: str) -> None:
    """Open and drop one bare TCP connection: it clears what FalkorDB leaves behind a GOODBYE."""
    try:
        parts = urlsplit(uri)
        address = (parts.hostname or "localhost", parts.port or 7687)
        with socket.create_connection(address, timeout=1):
            pass
    except (OSError, ValueError):
        pass


def _quick_acks(sock: Any) -> None:
    """Acknowledge every segment at once on this Bolt socket (Linux).

    A server that writes a reply in pieces with Nagle's algorithm on (FalkorDB
    writes 4 KB at a time) holds the last piece until the first is
    acknowledged, and Linux delays that acknowledgement by 40 ms: every
    mid-sized reply would take 40 ms more. Quick-ack mode does not last, so it
    is asked for again before each read.
    """
    raw = getattr(sock, "_socket", None)
    if _QUICKACK is None or not isinstance(raw, socket.socket) or getattr(sock, "_techpick_quick", False):
        return
    for name in ("recv", "recv_into"):
        read = getattr(sock, name)

        def quick(*args: Any, _read: Any = read, **kwargs: Any) -> Any:
            with suppress(OSError):
                raw.setsockopt(socket.IPPROTO_TCP, _QUICKACK, 1)
            return _read(*args, **kwargs)

        setattr(sock, name, quick)
    sock._techpick_quick = True


class Connection:
    """One Bolt session, in auto-commit mode, that knows how its server treats parameters.

    Every read and write on its sockets times out after `timeout` seconds.
    """

    def __init__(self, uri: str | None, user: str | None, password: str | None, database: str | None,
                 timeout: float = TIMEOUT) -> None:
        if not uri:
            raise BackendError("no graph database given: pass --uri or set NEO4J_URI")
        if _scheme(uri) not in SCHEMES:
            raise BackendError(f"{safe_uri(uri)}: not a Bolt URI (expected bolt://host:7687 or neo4j://host:7687)")
        if "@" in urlsplit(uri).netloc:
            raise BackendError(f"{safe_uri(uri)}: give the user and password with --user and --password "
                               "(or NEO4J_USER and NEO4J_PASSWORD), not in the URI")
        neo4j = _driver()
        self.uri = uri
        self.timeout = timeout
        self.where = safe_uri(uri) + (f" (database {database})" if database else "")
        self.splices: bool | None = None  # unknown until the probe has run
        self.plain_indexes = False  # set once the server refused CREATE INDEX IF NOT EXISTS
        self.broken = False
        self._errors = neo4j.exceptions
        try:
            self._driver = neo4j.GraphDatabase.driver(
                uri, auth=(user or "", password or ""), connection_timeout=timeout,
                connection_acquisition_timeout=timeout, max_transaction_retry_time=0,
                notifications_min_severity="OFF")
        except (ValueError, TypeError, self._errors.DriverError):  # the driver's word for a URI it cannot use
            raise BackendError(f"{safe_uri(uri)}: not a Bolt URI (expected bolt://host:7687 or "
                               "neo4j://host:7687)") from None
        try:
            self._connect()
            self._session = self._driver.session(database=database)
            self.splices = self._probe()
        except BaseException:
            self.close()
            raise

    def _connect(self) -> None:
        errors = self._errors
        for attempt in (1, 2):
            try:
                self._driver.verify_connectivity()
                return
            except errors.AuthError:
                break
            except errors.ServiceUnavailable as exc:
                if attempt == 1 and ("handshake" in str(exc).lower() or "closed" in _reason(exc, 0)) \
                        and "timed out" not in str(exc).lower():
                    _poke(self.uri)  # a stalled or dropped handshake: FalkorDB after another client's GOODBYE
                    continue
                raise ConnectionLost(f"cannot connect to {self.where}: {_reason(exc, self.timeout)}") from None
            except errors.Neo4jError as exc:
                if "Database" in str(getattr(exc, "code", "")) and "NotFound" in str(getattr(exc, "code", "")):
                    raise BackendError(f"{self.where}: no such database") from None
                break  # FalkorDB answers a refused login with a general error
            except errors.DriverError as exc:
                raise ConnectionLost(f"cannot connect to {self.where}: {_reason(exc, self.timeout)}") from None
        raise BackendError(f"{self.where} refused the login: check the user and password "
                           "(--user and --password, or NEO4J_USER and NEO4J_PASSWORD)")

    def _arm(self) -> None:
        """Give every pooled socket a read and write timeout (the driver's own default is to wait forever)."""
        pool = getattr(self._driver, "_pool", None)
        for connections in list(getattr(pool, "connections", {}).values()):
            for conn in list(connections):
                sock = getattr(conn, "socket", None)
                for setter in ("set_read_timeout", "set_write_timeout"):
                    if hasattr(sock, setter):
                        getattr(sock, setter)(self.timeout)
                _quick_acks(sock)

    def _probe(self) -> bool:
        """True when the server pastes parameters into the query text (then strings need escaping)."""
        echo = self._run("RETURN $probe AS probe", {"probe": _PROBE})[0]["probe"]
        if echo == _PROBE:
            return False
        if echo == _PROBE.replace("\\\\", "\\"):
            return True
        raise BackendError(f"{self.where} changes query parameters on the way; it cannot hold the graph")

    def _run(self, query: str, params: dict[str, Any]) -> list[dict[str, Any]]:
        if self.broken:
            raise ConnectionLost(f"lost the connection to {self.where}")
        errors = self._errors
        self._arm()
        try:
            return [dict(record) for record in self._session.run(query, params)]
        except errors.Neo4jError as exc:
            code = str(getattr(exc, "code", "") or "")
            if "DatabaseNotFound" in code:
                raise BackendError(f"{self.where}: no such database") from None
            message = " ".join(str(getattr(exc, "message", "") or exc).split())[:300]
            raise QueryFailed(f"{self.where} refused a query ({code or 'error'}): {message}") from None
        except (errors.DriverError, OSError) as exc:
            self.broken = True
            raise ConnectionLost(f"lost the connection to {self.where}: {_reason(exc, self.timeout)}") from None

    def run(self, query: str, **params: Any) -> list[dict[str, Any]]:
        """Rows as dicts; on a server that splices parameters, they travel in the query text."""
        if self.splices:
            return self._run(C.with_parameters(query, params), {})
        return self._run(query, params)

    def close(self) -> None:
        if self.broken:  # a frozen server would hold up the goodbye: drop the sockets instead
            pool = getattr(getattr(self, "_driver", None), "_pool", None)
            for connections in list(getattr(pool, "connections", {}).values()):
                for conn in list(connections):
                    with suppress(Exception):
                        conn.socket.kill()
        for part in ("_session", "_driver"):
            with suppress(Exception):  # closing a broken connection has nothing left to report
                getattr(self, part).close()
        if self.splices is not False and not self.broken:
            _poke(self.uri)


@contextmanager
def connect(uri: str | None, user: str | None, password: str | None, database: str | None,
            timeout: float = TIMEOUT) -> Iterator[Connection]:
    """A connection that is closed (and tidied after, for FalkorDB) whatever happens."""
    conn = Connection(uri, user, password, database, timeout)
    try:
        yield conn
    finally:
        conn.close()


# ---- the version readers use ---------------------------------------------------------

def _meta(conn: Connection) -> dict[str, Any] | None:
    rows = conn.run(f"MATCH (m:{C.META_LABEL}) RETURN m.key AS key, properties(m) AS props")
    found = [row["props"] for row in rows if row["key"] == C.META_KEY]
    return found[0] if found else None


def _serving(conn: Connection) -> int:
    """The version to read, or a one-line reason why there is none."""
    meta = _meta(conn)
    if meta is None:
        if conn.run("MATCH (n) RETURN count(n) AS n")[0]["n"] == 0:
            raise BackendError(f"{conn.where} is empty: load the catalog first with techpick graph push")
        raise BackendError(f"{conn.where} holds a graph that techpick did not write (no {C.META_LABEL} node)")
    if meta.get("format") != C.FORMAT:
        raise BackendError(f"{conn.where} holds a techpick graph of format {meta.get('format')}, this version "
                           f"reads format {C.FORMAT}: push the catalog again")
    version = meta.get("version")
    if not isinstance(version, int) or version < 1:
        raise BackendError(f"{conn.where}: no push has finished yet; run techpick graph push")
    return version


def _still_there(conn: Connection, version: int) -> bool:
    """False when a later push has already removed instances of `version` (the read must start again)."""
    meta = _meta(conn) or {}
    return int(meta.get("collected", 0) or 0) < version


def _docs(conn: Connection, version: int, labels: Iterable[str]) -> list[dict[str, Any]]:
    return [C.unpack(row["data"]) for row in conn.run(C.docs_query(), labels=sorted(labels), v=version)]


def _split_graph_doc(docs: list[dict[str, Any]]) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    graph = [d for d in docs if d["attrs"].get("kind") is None]
    return (graph[0]["attrs"] if graph else {}), [d for d in docs if d["attrs"].get("kind") is not None]


def _retrying(conn_args: tuple[Any, ...], timeout: float, read: Callable[[Connection, int], Any]) -> Any:
    """Run `read` on the serving version; start again if a push removed that version meanwhile."""
    for _ in range(3):
        with connect(*conn_args, timeout=timeout) as conn:
            version = _serving(conn)
            try:
                out = read(conn, version)
            except (KeyError, TypeError, ValueError) as exc:
                if _still_there(conn, version):
                    raise BackendError(f"{conn.where} holds a damaged techpick graph ({exc!r}); "
                                       "push the catalog again") from None
                continue
            if _still_there(conn, version):
                return out
    raise BackendError(f"{safe_uri(str(conn_args[0]))}: the graph changed three times while it was read; try again")


def read_graph(uri: str | None, user: str | None, password: str | None, database: str | None,
               timeout: float = TIMEOUT) -> nx.MultiDiGraph:
    """The whole capability graph last pushed, identical to `build_graph` of that catalog."""
    def read(conn: Connection, version: int) -> nx.MultiDiGraph:
        attrs, docs = _split_graph_doc(_docs(conn, version, C.ours()))
        return C.graph_from_documents(attrs, docs)

    return _retrying((uri, user, password, database), timeout, read)


# ---- reading only what one recommendation needs -----------------------------------------

def _filter_params(reqs: Requirements, need: Any, today: str) -> dict[str, Any]:
    """The parameters of `cypher.misses_query` for one need."""
    from techpick.filters import JUDGEMENT_STRETCH, _operation

    rules = reqs.constraints_for(need)
    return {
        "role": need.role, "exclude": sorted(rules.exclude), "model": need.data_model or "",
        "license": rules.license.value if rules.license else "", "hosting": rules.hosting.value if rules.hosting else "",
        "cloud": rules.cloud or "", "caps": sorted({*need.access, *need.features}),
        **{name: C.pair(float(value)) if value is not None else []
           for name, value in (("volume", need.volume), ("throughput", need.throughput),
                                ("query_rate", need.query_rate))},
        "stretch": float(JUDGEMENT_STRETCH), "slack": 1.000001,
        "embedded": bool(need.embedded), "persistence": bool(need.persistence), "regions": need.regions or 0,
        "consistency": need.consistency or "", "op": _operation(need) or "",
        "latency": C.pair(float(need.latency)) if need.latency is not None else [],
        "existing": sorted(reqs.context.existing), "today": today,
    }


def misses(uri: str | None, user: str | None, password: str | None, database: str | None,
           reqs: Requirements, today: str | None = None, timeout: float = TIMEOUT) -> dict[str, dict[str, int]]:
    """need id -> technology -> how many of the database's hard filters it misses (for checks and tests)."""
    day = today or dt.date.today().isoformat()

    def read(conn: Connection, version: int) -> dict[str, dict[str, int]]:
        return {need.id: {row["key"]: row["misses"] for row in conn.run(
            C.misses_by_key_query(), v=version, **_filter_params(reqs, need, day))} for need in reqs.needs}

    return _retrying((uri, user, password, database), timeout, read)


class _Subgraph:
    """The documents read so far for one request, and the graph they make."""

    def __init__(self, conn: Connection, version: int) -> None:
        self.conn, self.version = conn, version
        attrs, vocabulary = _split_graph_doc(_docs(conn, version, [lb for lb in C.ours() if lb != C.LABELS["tech"]]))
        self.attrs, self.vocabulary = attrs, vocabulary
        self.techs: dict[str, dict[str, Any]] = {}
        self.absent: set[str] = set()  # ids asked for that the database does not hold
        self.stubs: set[str] = set()  # technologies the engine names without reading them

    def add(self, docs: Iterable[dict[str, Any]]) -> None:
        for doc in docs:
            self.techs.setdefault(str(doc["attrs"]["key"]), doc)

    def fetch(self, keys: Iterable[str]) -> None:
        """Documents of these technologies, with everything they require, transitively."""
        pending = sorted(set(keys) - set(self.techs) - self.absent)
        while pending:
            for batch in (pending[i:i + C.BATCH] for i in range(0, len(pending), C.BATCH)):
                rows = self.conn.run(C.docs_by_key_query(), keys=batch, v=self.version)
                self.add(C.unpack(row["data"]) for row in rows)
            self.absent |= set(pending) - set(self.techs)
            pending = sorted(self.required() - set(self.techs) - self.absent)

    def required(self) -> set[str]:
        return {dst.split(":", 1)[1] for doc in self.techs.values() for dst, _, data in doc["out"]
                if data.get("kind") == "REQUIRES"}

    def graph(self) -> ReadGraph:
        """A ReadGraph, not a networkx graph: the engine reads both alike, and it is built faster."""
        stubs = {f"tech:{k}" for k in self.stubs}
        return C.graph_from_documents(self.attrs, [*self.vocabulary, *self.techs.values()], stubs, ReadGraph())


def _failing_needed(result: Any, g: nx.MultiDiGraph) -> tuple[int, list[int]]:
    """How many ruled-out candidates the need's output can show, and the failure counts of those read
    (best first, the winner's named alternatives left out: they are always read)."""
    from techpick import graph as G
    from techpick.recommend import CONSIDERED

    picks = result.picks
    alternatives = set(G.related(g, picks[0].id, G.ALTERNATIVE_TO)) if picks else set()
    chosen = {c.id for c in picks}
    rest = [c for c in result.ranked if c.id not in chosen]
    shown_first = sum(1 for c in rest if c.id in alternatives or c.passes)
    wanted = max(CONSIDERED - shown_first, 0 if picks else 1)
    failing = sorted(len(c.failures) for c in rest if not c.passes and c.id not in alternatives)
    return wanted, failing


def read_for(uri: str | None, user: str | None, password: str | None, database: str | None,
             reqs: Requirements, radar: dict[str, tuple[str, str]] | None = None, today: str | None = None,
             timeout: float = TIMEOUT) -> ReadGraph:
    """The part of the last pushed graph that `recommend(g, reqs, radar, today)` reads; the engine
    gives on it the same answer as on the whole graph."""
    return serve(uri, user, password, database, reqs, radar, today, timeout)[0]


def serve(uri: str | None, user: str | None, password: str | None, database: str | None,
          reqs: Requirements, radar: dict[str, tuple[str, str]] | None = None, today: str | None = None,
          timeout: float = TIMEOUT) -> tuple[ReadGraph, Recommendation]:
    """`read_for`'s graph and the engine's answer on it: reading decides what is enough by running
    the engine, so its last answer is kept rather than computed again."""
    from techpick.recommend import recommend
    from techpick.suggest import closest

    day = today or dt.date.today().isoformat()  # as the engine decides which end-of-life dates have passed

    def read(conn: Connection, version: int) -> tuple[ReadGraph, Recommendation]:
        sub = _Subgraph(conn, version)
        params = {need.id: _filter_params(reqs, need, day) for need in reqs.needs}
        histogram = {nid: {row["misses"]: row["n"] for row in conn.run(C.misses_query(), v=version, **p)}
                     for nid, p in params.items()}
        read_upto = dict.fromkeys(params, -1)
        upto = dict.fromkeys(params, 0)
        sub.fetch(reqs.context.existing)
        if sub.absent & set(reqs.context.existing):
            # the engine suggests the closest id of the whole catalog: the same one is the closest in any part
            # that holds it (for either of `closest`'s passes), so that one id stands for them all
            keys = [k for row in conn.run(C.tech_keys_query(), v=version) for k in row["chunk"]]
            unknown = sorted(sub.absent & set(reqs.context.existing))
            sub.stubs = {guess for name in unknown if (guess := closest(name, keys)) is not None}
        while True:
            fresh: list[dict[str, Any]] = []
            for need in reqs.needs:
                if upto[need.id] > read_upto[need.id]:
                    rows = conn.run(C.candidates_query(), v=version, above=read_upto[need.id], upto=upto[need.id],
                                    **params[need.id])
                    docs = [C.unpack(row["data"]) for row in rows]
                    sub.add(docs)
                    fresh += [d for d, row in zip(docs, rows, strict=True) if row["misses"] == 0]
                    read_upto[need.id] = upto[need.id]
            alternatives = {dst.split(":", 1)[1] for doc in fresh for dst, _, data in doc["out"]
                            if data.get("kind") == "ALTERNATIVE_TO"}
            sub.fetch([*alternatives, *sub.required()])
            g = sub.graph()
            result = recommend(g, reqs, radar, day)
            more = False
            for need, res in zip(reqs.needs, result.needs, strict=True):
                wanted, failing = _failing_needed(res, g)
                levels = sorted(m for m in histogram[need.id] if m > read_upto[need.id])
                if not wanted or not levels:
                    continue
                if len(failing) >= wanted and failing[wanted - 1] <= read_upto[need.id]:
                    continue  # every unread candidate fails more often than the last one shown
                if len(failing) >= wanted:
                    target = failing[wanted - 1]
                else:  # read enough candidates to have `wanted` ruled-out ones
                    short, target = wanted - len(failing), levels[-1]
                    for level in levels:
                        short -= histogram[need.id][level]
                        if short <= 0:
                            target = level
                            break
                if target > read_upto[need.id] and any(m <= target for m in levels):
                    upto[need.id] = max(m for m in levels if m <= target)
                    more = True
            if not more:
                return g, result

    with gc_paused():  # thousands of small documents: the collector would run over them again and again
        return _retrying((uri, user, password, database), timeout, read)


# ---- the lock --------------------------------------------------------------------------

@dataclass
class _Lock:
    conn: Connection
    owner: str
    lease: float
    renewed: float = 0.0

    def renew(self, force: bool = False) -> None:
        """Extend the lease; refuse to go on if another push took the lock after ours ran out."""
        if not force and time.monotonic() - self.renewed < RENEW_EVERY:
            return
        rows = self.conn.run(f"MATCH (l:{C.LOCK_LABEL} {{key: $key}}) WITH l, timestamp() AS now "
                             "WHERE l.owner = $me SET l.until = now + $lease RETURN count(l) AS n",
                             key=C.LOCK_KEY, me=self.owner, lease=int(self.lease * 1000))
        if not rows or rows[0]["n"] != 1:
            raise BackendError(f"{self.conn.where}: another push took the lock after this one's lease ran out; "
                               "nothing was switched, push again")
        self.renewed = time.monotonic()


def _owner() -> str:
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"


@contextmanager
def _locked(conn: Connection, wait: float, lease: float) -> Iterator[_Lock]:
    """Hold the database's push lock: wait up to `wait` seconds for another push, then refuse."""
    lock = _Lock(conn, _owner(), lease)
    deadline = time.monotonic() + wait
    query = (f"MERGE (l:{C.LOCK_LABEL} {{key: $key}}) WITH l, timestamp() AS now "
             "WITH l, now, (l.owner IS NULL OR l.until < now OR l.owner = $me) AS free "
             "SET l.owner = CASE WHEN free THEN $me ELSE l.owner END, "
             "l.until = CASE WHEN free THEN now + $lease ELSE l.until END "
             "RETURN l.owner AS owner, l.until - now AS left")
    while True:
        row = conn.run(query, key=C.LOCK_KEY, me=lock.owner, lease=int(lease * 1000))[0]
        if row["owner"] == lock.owner:
            break
        if time.monotonic() >= deadline:
            raise BackendError(f"{conn.where}: another push holds the lock (owner {row['owner']}, "
                               f"{max(row['left'] or 0, 0) / 1000:.0f} s left on its lease); try again later")
        time.sleep(0.2)
    lock.renewed = time.monotonic()
    try:
        yield lock
    finally:
        if not conn.broken:  # a dead connection leaves the lease to run out instead
            with suppress(BackendError):
                conn.run(f"MATCH (l:{C.LOCK_LABEL} {{key: $key}}) WHERE l.owner = $me "
                         "SET l.owner = null, l.until = null", key=C.LOCK_KEY, me=lock.owner)


# ---- pushing -----------------------------------------------------------------------

@dataclass(frozen=True)
class PushReport:
    """What a push changed; all zero when the database already held the graph."""

    where: str
    nodes_written: int
    relationships_written: int
    nodes_deleted: int
    version: int = 0

    @property
    def unchanged(self) -> bool:
        return not (self.nodes_written or self.nodes_deleted)

    def __str__(self) -> str:
        if self.unchanged:
            return f"{self.where} already holds this graph: nothing written"
        return (f"{self.where}: version {self.version} serving; {self.nodes_written} nodes and "
                f"{self.relationships_written} relationships written, {self.nodes_deleted} nodes removed")


def _state(conn: Connection, version: int) -> dict[tuple[str, str], str]:
    """(label, key) -> digest of every instance of the version."""
    out = {}
    for row in conn.run(C.state_query(), labels=C.ours(), v=version):
        for label, key, digest in row["chunk"]:
            out[(label, key)] = digest
    return out


def _foreign(conn: Connection) -> str | None:
    """A label of ours on a node techpick did not write (no version), if any."""
    rows = conn.run("MATCH (n) WHERE any(l IN labels(n) WHERE l IN $labels) AND n.v0 IS NULL "
                    "RETURN head([l IN labels(n) WHERE l IN $labels]) AS label LIMIT 1", labels=C.ours())
    return rows[0]["label"] if rows else None


def _sweep(conn: Connection, where: str, **params: Any) -> None:
    """Delete, in bounded batches, the versioned nodes that match `where`."""
    for label in C.ours():
        while conn.run(f"MATCH (n:{label}) WHERE {where} WITH n LIMIT 2000 DETACH DELETE n "
                       "RETURN count(*) AS n", **params)[0]["n"]:
            pass


def push(graph: nx.MultiDiGraph, uri: str | None, user: str | None, password: str | None, database: str | None,
         progress: Progress | None = None, *, timeout: float = TIMEOUT, wait: float = LOCK_WAIT,
         lease: float = LEASE, node_max: int = C.NODE_MAX) -> PushReport:
    """Make the database serve exactly this graph, or leave it serving the previous one.

    Refuses a database whose Technology, Capability... nodes techpick did not
    write, and any value the server cannot store exactly, before writing.
    """
    docs = C.documents(graph)
    with connect(uri, user, password, database, timeout) as conn:
        switched = False
        try:
            with _locked(conn, wait, lease) as lock:
                report, switched = _push(conn, lock, graph, docs, progress, node_max)
                return report
        except BackendError as exc:
            then = ("the new graph serves; the next push removes what is left of the old one" if switched
                    else "nothing was switched: the previous graph still serves")
            raise type(exc)(f"{exc}; {then}") from None


def _push(conn: Connection, lock: _Lock, graph: nx.MultiDiGraph, docs: list[C.NodeDoc],
          progress: Progress | None, node_max: int) -> tuple[PushReport, bool]:
    meta = _meta(conn)
    if meta is None:
        label = _foreign(conn)
        if label:
            raise BackendError(f"{conn.where} holds {label} nodes that techpick did not write; "
                               "push into an empty database")
    current = int(meta.get("version") or 0) if meta and meta.get("format") == C.FORMAT else 0
    _sweep(conn, "n.v0 > $v", v=current)  # what a failed push left behind
    conn.run("MATCH (n) WHERE any(l IN labels(n) WHERE l IN $labels) AND n.v1 > $v AND n.v1 < $live "
             "SET n.v1 = $live", labels=C.ours(), v=current, live=C.LIVE)
    have = _state(conn, current) if current else {}
    want = {d.id: d for d in docs}
    changed = [d for i, d in want.items() if have.get(i) != d.digest]
    gone = sorted(i for i in have if i not in want)
    if not changed and not gone and current:
        return PushReport(conn.where, 0, 0, 0, current), False
    nxt = current + 1
    touched = {d.id for d in changed}
    written = C.relationships(graph, touched)
    C.check(changed, written, node_max)  # everything this push would write, before the first write
    if not current:
        for query in C.index_queries():
            _create_index(conn, query)
    batches = C.retire_batches([i for i in have if i in touched] + gone)
    batches += C.write_batches(changed, written, nxt)
    total, sent = sum(len(rows) for _, rows in batches), 0
    for query, rows in batches:
        lock.renew()
        conn.run(query, rows=rows, v=current, next=nxt)
        sent += len(rows)
        if progress:
            progress(sent, total)
    lock.renew(force=True)
    switch = (f"MATCH (l:{C.LOCK_LABEL} {{key: $key}}) WHERE l.owner = $me "
              f"MERGE (m:{C.META_LABEL} {{key: $meta}}) SET m.format = $format, m.version = $next "
              "RETURN m.version AS version")
    if not conn.run(switch, key=C.LOCK_KEY, me=lock.owner, meta=C.META_KEY, format=C.FORMAT, next=nxt):
        raise BackendError(f"{conn.where}: another push took the lock after this one's lease ran out")
    # readers of older versions start again from here on; then what only they could see goes
    conn.run(f"MATCH (m:{C.META_LABEL} {{key: $meta}}) SET m.collected = $v", meta=C.META_KEY, v=current)
    _sweep(conn, "n.v1 <= $next", next=nxt)
    _sweep(conn, "n.v0 IS NULL")  # a graph of an older format
    return PushReport(conn.where, len(changed), len(written), len(gone), nxt), True


def _create_index(conn: Connection, query: str) -> None:
    """Neo4j 5 form first, the plain form where that is unknown; an error then means the index is there."""
    forms = [query] if conn.plain_indexes else [query.replace("CREATE INDEX", "CREATE INDEX IF NOT EXISTS"), query]
    for form in forms:
        try:
            conn.run(form)
            return
        except QueryFailed:
            conn.plain_indexes = conn.plain_indexes or "IF NOT EXISTS" in form
