#!/usr/bin/env python3
"""Generate a maximal kmipgw configuration: one instance, one root key, 200 adapters x 200 client
certificates = 40,000 distinct certificates, for benchmarking `kmipgw validate` (and later plan/apply).

Usage: generate-max-config.py OUTPUT_DIR [--adapters N] [--certificates N]

Writes OUTPUT_DIR/000-instance.yaml and one OUTPUT_DIR/adapter-NNN.yaml per adapter, PEMs inline.
Speed: one P-256 key signs every certificate (each certificate still has its own serial number and
subject, so its DER and SHA-256 fingerprint are distinct); key generation would dominate otherwise.
Needs the `cryptography` package (pip install cryptography).
"""

import argparse
import datetime
import os
from concurrent.futures import ProcessPoolExecutor

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

NOT_BEFORE = datetime.datetime(2026, 1, 1, tzinfo=datetime.timezone.utc)
NOT_AFTER = datetime.datetime(2036, 1, 1, tzinfo=datetime.timezone.utc)


def adapter_file(arguments):
    output, adapter, certificates = arguments
    key = ec.generate_private_key(ec.SECP256R1())
    public_key = key.public_key()
    lines = [
        "apiVersion: kmipgw/v1",
        "instances:",
        "  - name: bench",
        "    adapters:",
        f"      - name: vcenter-{adapter:03d}",
        f"        description: Benchmark adapter {adapter}",
        "        rootKey: bench-root",
        "        certificates:",
    ]
    for number in range(certificates):
        name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, f"vcenter-{adapter:03d}-client-{number:03d}")])
        certificate = (
            x509.CertificateBuilder()
            .subject_name(name)
            .issuer_name(name)
            .public_key(public_key)
            .serial_number(x509.random_serial_number())
            .not_valid_before(NOT_BEFORE)
            .not_valid_after(NOT_AFTER)
            .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.CLIENT_AUTH]), critical=False)
            .sign(key, hashes.SHA256())
        )
        pem = certificate.public_bytes(serialization.Encoding.PEM).decode()
        lines.append(f"          - name: client-{number:03d}")
        lines.append("            pem: |")
        lines.extend("              " + line for line in pem.strip().split("\n"))
    with open(os.path.join(output, f"adapter-{adapter:03d}.yaml"), "w", encoding="utf-8") as handle:
        handle.write("\n".join(lines) + "\n")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("output")
    parser.add_argument("--adapters", type=int, default=200)
    parser.add_argument("--certificates", type=int, default=200)
    arguments = parser.parse_args()
    os.makedirs(arguments.output, exist_ok=True)
    with open(os.path.join(arguments.output, "000-instance.yaml"), "w", encoding="utf-8") as handle:
        handle.write("apiVersion: kmipgw/v1\ninstances:\n  - name: bench\n    rootKeys:\n      - name: bench-root\n")
    jobs = [(arguments.output, adapter, arguments.certificates) for adapter in range(arguments.adapters)]
    with ProcessPoolExecutor() as pool:
        list(pool.map(adapter_file, jobs))
    print(f"wrote {arguments.adapters} adapters x {arguments.certificates} certificates to {arguments.output}")


if __name__ == "__main__":
    main()
