"""The claimex server as a Python grpcio client sees it.

Generates stubs from proto/ with grpcio-tools into a temporary directory, starts the built
binary (`target/debug/claimex`, or $CLAIMEX_BIN) with `serve --listen 127.0.0.1:0`, reads the
bound address from the first line of its stdout, calls it, and stops it with SIGTERM.

"""

import importlib
import os
import select
import signal
import subprocess
import sys
from importlib import resources
from pathlib import Path

import grpc
import pytest
from grpc_health.v1 import health_pb2, health_pb2_grpc
from grpc_tools import protoc

ROOT = Path(__file__).resolve().parents[2]
BINARY = Path(os.environ.get("CLAIMEX_BIN", ROOT / "target" / "debug" / "claimex"))
PETROSYAN = (
    '"We will never sign this treaty," Foreign Minister Anna Petrosyan said on Monday. '
    "The talks resumed in Yerevan."
)
STARTUP_TIMEOUT_S = 30
STOP_TIMEOUT_S = 20


@pytest.fixture(scope="session")
def pb(tmp_path_factory):
    """The generated modules: (claimex_pb2, claimex_pb2_grpc)."""
    out = tmp_path_factory.mktemp("stubs")
    well_known = resources.files("grpc_tools") / "_proto"
    args = [
        "grpc_tools.protoc",
        f"-I{ROOT / 'proto'}",
        f"-I{well_known}",
        f"--python_out={out}",
        f"--grpc_python_out={out}",
        str(ROOT / "proto" / "claimex" / "v1" / "claimex.proto"),
    ]
    assert protoc.main(args) == 0, "protoc failed"
    sys.path.insert(0, str(out))
    return (
        importlib.import_module("claimex.v1.claimex_pb2"),
        importlib.import_module("claimex.v1.claimex_pb2_grpc"),
    )


class Server:
    """The claimex binary serving on a free port."""

    def __init__(self, log_path: Path):
        assert BINARY.exists(), f"{BINARY} is missing: run `cargo build` first"
        self.log = open(log_path, "w+")
        self.proc = subprocess.Popen(
            [str(BINARY), "serve", "--listen", "127.0.0.1:0"],
            stdout=subprocess.PIPE,
            stderr=self.log,
            text=True,
        )
        ready, _, _ = select.select([self.proc.stdout], [], [], STARTUP_TIMEOUT_S)
        line = self.proc.stdout.readline().strip() if ready else ""
        if not line:
            self.proc.kill()
            raise AssertionError(f"no address on stdout; log:\n{self.logs()}")
        self.addr = line
        self.channel = grpc.insecure_channel(self.addr)

    def logs(self) -> str:
        self.log.flush()
        self.log.seek(0)
        return self.log.read()

    def terminate(self) -> int:
        """Sends SIGTERM and returns the exit code."""
        self.channel.close()
        self.proc.send_signal(signal.SIGTERM)
        try:
            return self.proc.wait(timeout=STOP_TIMEOUT_S)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            raise AssertionError(f"server did not stop on SIGTERM; log:\n{self.logs()}")


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    srv = Server(tmp_path_factory.mktemp("server") / "claimex.log")
    yield srv
    assert srv.terminate() == 0


@pytest.fixture
def stub(pb, server):
    _, pb_grpc = pb
    return pb_grpc.ClaimExtractorStub(server.channel)


def document(pb, doc_id, text):
    claimex_pb2, _ = pb
    doc = claimex_pb2.Document(id=doc_id, text=text, outlet="Example Wire")
    doc.published_at.FromJsonString("2024-03-01T12:00:00Z")
    return doc


def test_extract_names_the_document(pb, stub):
    claimex_pb2, _ = pb
    response = stub.Extract(claimex_pb2.ExtractRequest(document=document(pb, "py-1", PETROSYAN)), timeout=30)
    assert response.document_id == "py-1"
    assert all(claim.document_id == "py-1" for claim in response.claims)


def test_extract_claims_stream_completes(pb, stub):
    claimex_pb2, _ = pb
    request = claimex_pb2.ExtractClaimsRequest(document=document(pb, "py-2", PETROSYAN))
    messages = list(stub.ExtractClaims(request, timeout=30))
    assert all(message.claim.document_id == "py-2" for message in messages)


def test_empty_text_is_invalid_argument(pb, stub):
    claimex_pb2, _ = pb
    with pytest.raises(grpc.RpcError) as raised:
        stub.Extract(claimex_pb2.ExtractRequest(document=document(pb, "py-3", "")), timeout=30)
    assert raised.value.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert "document.text" in raised.value.details()


def test_missing_document_in_a_stream_is_invalid_argument(pb, stub):
    claimex_pb2, _ = pb
    with pytest.raises(grpc.RpcError) as raised:
        list(stub.ExtractClaims(claimex_pb2.ExtractClaimsRequest(), timeout=30))
    assert raised.value.code() == grpc.StatusCode.INVALID_ARGUMENT


def test_health_is_serving(server):
    health = health_pb2_grpc.HealthStub(server.channel)
    for name in ["", "claimex.v1.ClaimExtractor"]:
        response = health.Check(health_pb2.HealthCheckRequest(service=name), timeout=30)
        assert response.status == health_pb2.HealthCheckResponse.SERVING, name


def test_claims_by_the_speaker(pb, stub):
    claimex_pb2, _ = pb
    request = claimex_pb2.ExtractClaimsRequest(document=document(pb, "py-4", PETROSYAN))
    claims = [message.claim for message in stub.ExtractClaims(request, timeout=30)]
    assert any("Petrosyan" in claim.speaker.text for claim in claims), claims


def test_sigterm_stops_the_server_cleanly(tmp_path, pb):
    claimex_pb2, pb_grpc = pb
    srv = Server(tmp_path / "claimex.log")
    stub = pb_grpc.ClaimExtractorStub(srv.channel)
    stub.Extract(claimex_pb2.ExtractRequest(document=document(pb, "py-5", PETROSYAN)), timeout=30)
    code = srv.terminate()
    logs = srv.logs()
    assert code == 0, logs
    assert "SIGTERM" in logs and "shutting down" in logs and "stopped" in logs, logs
