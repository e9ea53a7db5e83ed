#!/usr/bin/env python3
"""Reconnect per operation, as vCenter does, with and without TLS session resumption.

    Benchmarks/reconnect.py --port 5696 --cert C --key K --ca SERVER_CERT [--seconds 10] [--tls 1.2|1.3]

Each round opens a new mutual-TLS connection, sends one Discover Versions, reads the answer and
closes. `full` never offers a session; `resume` offers the session of the previous connection, as
a client with a session cache (Java, Go, OpenSSL) does. Prints one JSON line per mode: answered
rounds per second, rounds that got no answer, and how many connections resumed.
"""
import argparse
import json
import socket
import ssl
import time

# Discover Versions with no versions listed, as PyKMIP encodes it (Tests/KMIPTests/Vectors/pykmip).
REQUEST = bytes.fromhex(
    "42007801000000604200770100000038420069010000002042006a0200000004000000010000000042006b02"
    "00000004000000040000000042000d0200000004000000010000000042000f010000001842005c05000000040000001e000000004200790100000000"
)


def read_message(sock):
    data = b""
    while len(data) < 8 or len(data) < 8 + int.from_bytes(data[4:8], "big"):
        chunk = sock.recv(65536)
        if not chunk:
            return None
        data += chunk
    return data


def run(args, mode):
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    context.load_cert_chain(args.cert, args.key)
    context.load_verify_locations(args.ca)
    context.check_hostname = False
    version = ssl.TLSVersion.TLSv1_3 if args.tls == "1.3" else ssl.TLSVersion.TLSv1_2
    context.minimum_version = context.maximum_version = version
    session = None
    answered = unanswered = resumed = 0
    deadline = time.monotonic() + args.seconds
    while time.monotonic() < deadline:
        raw = socket.create_connection(("127.0.0.1", args.port))
        # Without it Nagle holds the request behind the handshake's last flight for a delayed ACK.
        raw.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        try:
            with context.wrap_socket(raw, session=session if mode == "resume" else None) as tls:
                resumed += tls.session_reused
                tls.sendall(REQUEST)
                if read_message(tls) is None:
                    unanswered += 1
                else:
                    answered += 1
                session = tls.session
        except (OSError, ssl.SSLError):
            unanswered += 1
            session = None
    return {
        "mode": mode, "tls": args.tls, "seconds": args.seconds, "answered_per_second": round(answered / args.seconds),
        "answered": answered, "unanswered": unanswered, "resumed": resumed,
    }


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, default=5696)
    parser.add_argument("--cert", required=True)
    parser.add_argument("--key", required=True)
    parser.add_argument("--ca", required=True)
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--tls", choices=["1.2", "1.3"], default="1.3")
    args = parser.parse_args()
    for mode in ("full", "resume"):
        print(json.dumps(run(args, mode)), flush=True)


if __name__ == "__main__":
    main()
