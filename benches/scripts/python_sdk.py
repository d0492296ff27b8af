#!/usr/bin/env python3
"""The same N UpdatePayments calls to one loopback server from this crate and from Twilio's
official Python helper library (`twilio` on PyPI), and the ratio of their times.

Runnable on a fresh clone with Python 3, the Rust toolchain and access to PyPI:

    python3 benches/scripts/python_sdk.py              # N = 2000, 3 runs each
    python3 benches/scripts/python_sdk.py --n 500 --runs 1

It builds the `loopback-server` and `send-n` binaries of `twilio-endpoint-benches` (release),
makes a virtual environment with `pip install twilio` (kept under the target directory and reused),
starts one loopback server answering every request with `202` and a Payment's JSON, then
alternates: N sequential `UpdatePayments::send` calls from `send-n`, N sequential
`client.api.v2010.accounts(..).calls(..).payments(..).update(..)` calls from Python, with the same
four form parameters. Each side first makes 10 untimed calls (connection, imports, caches) and
decodes every answer (a `Payment`, a `PaymentInstance`). Each figure is the median of --runs runs.
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
ACCOUNT = "AC0123456789abcdef0123456789abcdef"
CALL = "CA0123456789abcdef0123456789abcdef"
PAYMENT = "PK0123456789abcdef0123456789abcdef"
AUTH_TOKEN = "bench-auth-token-0123456789abcdef"

# The Python side: the same request as `twilio_endpoint_benches::samples::update_payments`.
PYTHON = r"""
import sys, time
from twilio.rest import Client

base_url, n, account, call, payment, token = sys.argv[1:7]
n = int(n)
client = Client(account, token)
client.api.base_url = base_url
payments = client.api.v2010.accounts(account).calls(call).payments(payment)

def update():
    return payments.update(
        idempotency_key="capture-card-number-1",
        status_callback="https://example.com/twilio/payments",
        capture="payment-card-number",
        status="complete",
    )

for _ in range(10):
    assert update().sid == payment
start = time.perf_counter()
for _ in range(n):
    update()
seconds = time.perf_counter() - start
print(f"requests={n} seconds={seconds:.6f} per_request_us={seconds * 1e6 / n:.2f}")
"""


def target_dir():
    return Path(os.environ.get("CARGO_TARGET_DIR", REPO / "target"))


def build():
    subprocess.run(["cargo", "build", "--release", "-p", "twilio-endpoint-benches",
                    "--bin", "loopback_server", "--bin", "send_n"], cwd=REPO, check=True)
    release = target_dir() / "release"
    return release / "loopback_server", release / "send_n"


def venv(version):
    """A virtual environment with Twilio's helper library; made once, then reused."""
    path = target_dir() / "python-sdk-venv"
    python = path / "bin" / "python"
    if not python.exists():
        subprocess.run([sys.executable, "-m", "venv", str(path)], check=True)
    subprocess.run([str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
                    f"twilio{version}"], check=True)
    return python


def per_request_us(output):
    fields = dict(part.split("=", 1) for part in output.split())
    return float(fields["per_request_us"])


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=2000, help="calls per run (2000)")
    parser.add_argument("--runs", type=int, default=3, help="runs per side (3)")
    parser.add_argument("--twilio", default="", help='pip version spec, such as "==9.13.0"')
    args = parser.parse_args()

    server_bin, send_bin = build()
    python = venv(args.twilio)
    sdk_version = subprocess.run(
        [str(python), "-c", "import twilio; print(twilio.__version__)"],
        capture_output=True, text=True, check=True).stdout.strip()
    python_version = subprocess.run([str(python), "-V"], capture_output=True,
                                    text=True).stdout.strip()

    # The server stops when its standard input closes, or after 15 minutes at the latest.
    server = subprocess.Popen([str(server_bin), "900"], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, text=True)
    try:
        base_url = server.stdout.readline().strip()
        rust, sdk = [], []
        for run in range(args.runs):
            out = subprocess.run([str(send_bin), base_url, str(args.n)], capture_output=True,
                                 text=True, check=True).stdout
            rust.append(per_request_us(out))
            out = subprocess.run([str(python), "-c", PYTHON, base_url, str(args.n), ACCOUNT,
                                  CALL, PAYMENT, AUTH_TOKEN], capture_output=True, text=True,
                                 check=True).stdout
            sdk.append(per_request_us(out))
            print(f"run {run + 1}/{args.runs}: twilio-endpoint {rust[-1]:.1f} µs, "
                  f"twilio-python {sdk[-1]:.1f} µs per call", flush=True)
    finally:
        server.stdin.close()
        server.wait(timeout=30)

    r, s = statistics.median(rust), statistics.median(sdk)
    print()
    print(f"{args.n} sequential UpdatePayments calls to {base_url}, median of {args.runs} runs:")
    print()
    print("| client | per call | calls/s | time vs twilio-endpoint |")
    print("| --- | --- | --- | --- |")
    print(f"| twilio-endpoint (Rust, `send`) | {r:.1f} µs | {1e6 / r:.0f} | 1.00 |")
    print(f"| twilio-python {sdk_version} ({python_version}) | {s:.1f} µs | {1e6 / s:.0f} "
          f"| {s / r:.1f} |")
    print()
    print(json.dumps({"n": args.n, "runs": args.runs, "rust_us": r, "python_us": s,
                      "ratio_python_over_rust": s / r, "twilio_python": sdk_version}))


if __name__ == "__main__":
    main()
