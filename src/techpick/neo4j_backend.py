"""The capability graph in a shared graph database over Bolt: push it, read it back.

`push` makes the database hold exactly the given graph: it reads what is
there, then deletes, adds and updates only what differs, so pushing twice
writes nothing. `read_graph` rebuilds the very graph `build_graph` makes, so
the engine gives the same answer from the database as embedded.

The Cypher is portable (no APOC, no vendor procedures) and runs on Neo4j 5
and on FalkorDB's Bolt endpoint, whose quirks this module works around:

- it pastes parameters into the query text, unescaped, in a 4 KB buffer:
  strings are escaped for it and queries kept under the limit (detected by
  echoing a backslash, see `Connection`);
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

import json
import logging
import socket
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

import networkx as nx

from techpick import cypher as C
from techpick.errors import BackendError
from techpick.graph import EDGE_KINDS

# The driver's log records stay out of the user's terminal unless the application configures logging.
logging.getLogger("neo4j").addHandler(logging.NullHandler())

SPLICE_BUDGET = 4000  # bytes of printed query a splicing server takes (FalkorDB: a 4096-byte buffer)
SPLICE_NODE_MAX = 48_000  # bytes of one node a splicing server can send back (FalkorDB: 64 KB per record)
SCHEMES = {"bolt", "bolt+s", "bolt+ssc", "neo4j", "neo4j+s", "neo4j+ssc"}
Progress = Callable[[int, int], None]  # (rows written so far, rows to write)
_PROBE = "a\\\\b"  # two backslashes: a faithful server echoes two, a splicing one unescapes them to one


class QueryFailed(BackendError):
    """The server refused one query (the connection itself is fine)."""


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


def _reason(exc: BaseException) -> str:
    text = str(exc).lower()
    causes = [exc, exc.__cause__, exc.__context__]
    if any(isinstance(c, ConnectionRefusedError) for c in causes) or "refused" in text:
        return "connection refused"
    if "resolve" in text or "name or service" in text:
        return "unknown host"
    if "timed out" in text or "timeout" in text:
        return "timed out"
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


class Connection:
    """One Bolt session, in auto-commit mode, that knows how its server treats parameters."""

    def __init__(self, uri: str | None, user: str | None, password: str | None, database: str | None) -> None:
        if not uri:
            raise BackendError("no graph database given: pass --uri or set NEO4J_URI")
        if _scheme(uri) not in SCHEMES:
            raise BackendError(f"{safe_uri(uri)}: not a Bolt URI (expected bolt://host:7687 or neo4j://host:7687)")
        if "@" in urlsplit(uri).netloc:
            raise BackendError(f"{safe_uri(uri)}: give the user and password with --user and --password "
                               "(or NEO4J_USER and NEO4J_PASSWORD), not in the URI")
        neo4j = _driver()
        self.uri = uri
        self.where = safe_uri(uri) + (f" (database {database})" if database else "")
        self.splices: bool | None = None  # unknown until the probe has run
        self.plain_indexes = False  # set once the server refused CREATE INDEX IF NOT EXISTS
        self._errors = neo4j.exceptions
        try:
            self._driver = neo4j.GraphDatabase.driver(
                uri, auth=(user or "", password or ""), connection_timeout=5.0,
                connection_acquisition_timeout=10.0, notifications_min_severity="OFF")
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
                if attempt == 1 and "handshake" in str(exc).lower():
                    _poke(self.uri)  # a stalled handshake: FalkorDB after another client's GOODBYE
                    continue
                raise BackendError(f"cannot connect to {self.where}: {_reason(exc)}") from None
            except errors.Neo4jError as exc:
                if "Database" in str(getattr(exc, "code", "")) and "NotFound" in str(getattr(exc, "code", "")):
                    raise BackendError(f"{self.where}: no such database") from None
                break  # FalkorDB answers a refused login with a general error
            except errors.DriverError as exc:
                raise BackendError(f"cannot connect to {self.where}: {_reason(exc)}") from None
        raise BackendError(f"{self.where} refused the login: check the user and password "
                           "(--user and --password, or NEO4J_USER and NEO4J_PASSWORD)")

    def _probe(self) -> bool:
        """True when the server pastes parameters into the query text (then strings need escaping)."""
        echo = self._run("RETURN $probe AS probe", {"probe": _PROBE})[0]["probe"]
        if echo == _PROBE:
            return False
        if echo == _PROBE.replace("\\\\", "\\"):
            return True
        raise BackendError(f"{self.where} changes query parameters on the way; it cannot hold the graph")

    def _run(self, query: str, params: dict[str, Any]) -> list[dict[str, Any]]:
        errors = self._errors
        try:
            return [dict(record) for record in self._session.run(query, params)]
        except errors.Neo4jError as exc:
            code = str(getattr(exc, "code", "") or "")
            if "DatabaseNotFound" in code:
                raise BackendError(f"{self.where}: no such database") from None
            message = " ".join(str(getattr(exc, "message", "") or exc).split())[:300]
            raise QueryFailed(f"{self.where} refused a query ({code or 'error'}): {message}") from None
        except (errors.DriverError, OSError) as exc:
            raise BackendError(f"lost the connection to {self.where}: {_reason(exc)}") from None

    def run(self, query: str, **params: Any) -> list[dict[str, Any]]:
        """Rows as dicts; parameter strings escaped first when the server splices them."""
        if self.splices:
            params = C.escape_for_splicing(params)
        return self._run(query, params)

    @property
    def budget(self) -> int | None:
        """How many printed bytes one query may take, or None for no limit."""
        return SPLICE_BUDGET if self.splices else None

    def close(self) -> None:
        for part in ("_session", "_driver"):
            with suppress(AttributeError, OSError, self._errors.DriverError, self._errors.Neo4jError):
                getattr(self, part).close()  # closing a broken connection has nothing left to report
        if self.splices is not False:
            _poke(self.uri)


@contextmanager
def connect(uri: str | None, user: str | None, password: str | None, database: str | None) -> Iterator[Connection]:
    """A connection that is closed (and tidied after, for FalkorDB) whatever happens."""
    conn = Connection(uri, user, password, database)
    try:
        yield conn
    finally:
        conn.close()


# ---- reading ---------------------------------------------------------------------

def _meta(conn: Connection) -> dict[str, Any] | None:
    rows = conn.run(f"MATCH (m:{C.META_LABEL}) RETURN m.key AS key, properties(m) AS props")
    found = [row["props"] for row in rows if row["key"] == C.META_KEY]
    return found[0] if found else None


def _state(conn: Connection, rels: Iterable[str]) -> tuple[list[C.NodeRecord], list[C.EdgeRecord]]:
    """Every node with one of our labels and every relationship of the given types between them."""
    nodes = []
    for row in conn.run(C.node_read_query(), labels=sorted(C.KIND_OF_LABEL)):
        labels = [label for label in row["labels"] if label in C.KIND_OF_LABEL]
        if labels and isinstance(row["key"], str):
            nodes.append(C.NodeRecord(labels[0], row["key"], row["props"]))
    edges = []
    for row in conn.run(C.edge_read_query(), types=sorted(set(rels))):
        for src_labels, src_key, rel, props, dst_labels, dst_key in row["chunk"]:
            src = [label for label in src_labels if label in C.KIND_OF_LABEL]
            dst = [label for label in dst_labels if label in C.KIND_OF_LABEL]
            key = props.get("key")
            if src and dst and isinstance(key, str) and src_key is not None and dst_key is not None:
                edges.append(C.EdgeRecord(rel, src[0], src_key, dst[0], dst_key, key, props))
    return nodes, edges


def _schema_rels(meta: dict[str, Any] | None) -> list[str]:
    try:
        return list(json.loads(meta["schema"])["edges"]) if meta else []
    except (KeyError, TypeError, ValueError):
        return []


def read_graph(uri: str | None, user: str | None, password: str | None, database: str | None) -> nx.MultiDiGraph:
    """The capability graph last pushed to the database, identical to `build_graph` of that catalog."""
    with connect(uri, user, password, database) as conn:
        meta = _meta(conn)
        if meta is None:
            if conn.run("MATCH (n) RETURN count(n) AS n")[0]["n"] == 0:
                raise BackendError(f"{conn.where} is empty: load the catalog first with techpick graph push")
            raise BackendError(f"{conn.where} holds a graph that techpick did not write (no {C.META_LABEL} node)")
        if meta.get("format") != C.FORMAT:
            raise BackendError(f"{conn.where} holds a techpick graph of format {meta.get('format')}, this version "
                               f"reads format {C.FORMAT}: push the catalog again")
        if meta.get("state") != "complete":
            raise BackendError(f"{conn.where}: the last push did not finish; run techpick graph push again")
        nodes, edges = _state(conn, _schema_rels(meta))
    try:
        return C.graph_from_records(meta, nodes, edges)
    except (KeyError, TypeError, ValueError) as exc:
        raise BackendError(f"{conn.where} holds a damaged techpick graph ({exc}); push the catalog again") from None


# ---- pushing -----------------------------------------------------------------------

def _canon(value: Any) -> Any:
    """A comparable form that tells 1, 1.0 and True apart, as the database does."""
    if isinstance(value, list):
        return ("list", tuple(_canon(v) for v in value))
    if isinstance(value, dict):
        return ("map", tuple(sorted((k, _canon(v)) for k, v in value.items())))
    return (type(value).__name__, value)


def _changes(want: dict[Any, Any], have: list[Any]) -> tuple[list[Any], list[Any]]:
    """(records to write, ids to delete) that turn `have` into `want`; duplicates are rebuilt."""
    counts = Counter(r.id for r in have)
    current = {r.id: _canon(r.props) for r in have}
    doubled = {i for i, n in counts.items() if n > 1}
    delete = [i for i in counts if i not in want or i in doubled]
    write = [r for i, r in want.items() if i in doubled or current.get(i) != _canon(r.props)]
    return write, delete


@dataclass(frozen=True)
class PushReport:
    """What a push changed; all zero when the database already held the graph."""

    where: str
    nodes_written: int
    relationships_written: int
    nodes_deleted: int
    relationships_deleted: int

    @property
    def unchanged(self) -> bool:
        return not (self.nodes_written or self.relationships_written or self.nodes_deleted
                    or self.relationships_deleted)

    def __str__(self) -> str:
        if self.unchanged:
            return f"{self.where} already holds this graph: nothing written"
        return (f"{self.where}: {self.nodes_written} nodes and {self.relationships_written} relationships written, "
                f"{self.nodes_deleted} nodes and {self.relationships_deleted} relationships removed")


def push(graph: nx.MultiDiGraph, uri: str | None, user: str | None, password: str | None, database: str | None,
         progress: Progress | None = None) -> PushReport:
    """Make the database hold exactly this graph: only what differs is written or removed.

    Refuses a database whose Technology, Capability... nodes techpick did not
    write. The marker node says "pushing" until the last batch is in, so a
    reader never takes half a push for a graph.
    """
    nodes = {r.id: r for r in C.node_records(graph)}
    edges = {e.id: e for e in C.edge_records(graph)}
    done = C.meta_record(graph)
    with connect(uri, user, password, database) as conn:
        meta = _meta(conn)
        have_nodes, have_edges = _state(conn, {*EDGE_KINDS, *(e.rel for e in edges.values()), *_schema_rels(meta)})
        if meta is None and have_nodes:
            raise BackendError(f"{conn.where} holds {have_nodes[0].label} nodes that techpick did not write; "
                               "push into an empty database")
        write_nodes, delete_nodes = _changes(nodes, have_nodes)
        write_edges, delete_edges = _changes(edges, have_edges)
        report = PushReport(conn.where, len(write_nodes), len(write_edges), len(delete_nodes), len(delete_edges))
        if report.unchanged and meta is not None and _canon(meta) == _canon(done.props):
            return report
        budget = conn.budget
        if budget is not None:
            for record in write_nodes:
                if C.spliced_size(record.props) > SPLICE_NODE_MAX:
                    raise BackendError(f"{record.label} {record.key} is too large for the Bolt endpoint of "
                                       f"{conn.where} (it returns at most 64 KB per node)")
        _send(conn, C.write_batches([C.meta_record(graph, "pushing")], [], budget=budget))
        present = {r.label for r in have_nodes} | ({C.META_LABEL} if meta else set())
        for label in sorted({*C.LABELS.values(), C.META_LABEL} - present):
            _create_index(conn, C.index_query(label))
        batches = C.delete_batches(delete_nodes, delete_edges, budget=budget) + C.write_batches(
            write_nodes, write_edges, budget=budget)
        _send(conn, batches, progress)
        _send(conn, C.write_batches([done], [], budget=budget))
    return report


def _send(conn: Connection, batches: list[C.Batch], progress: Progress | None = None) -> None:
    total, sent = sum(len(rows) for _, rows in batches), 0
    for query, rows in batches:
        conn.run(query, rows=rows)
        sent += len(rows)
        if progress:
            progress(sent, total)


def _create_index(conn: Connection, query: str) -> None:
    """Neo4j 5 form first, the plain form where that is unknown; an error then means the index is there."""
    forms = [query] if conn.plain_indexes else [query.replace("CREATE INDEX", "CREATE INDEX IF NOT EXISTS"), query]
    for form in forms:
        try:
            conn.run(form)
            return
        except QueryFailed:
            conn.plain_indexes = conn.plain_indexes or "IF NOT EXISTS" in form
