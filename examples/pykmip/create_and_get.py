#!/usr/bin/env python3
"""PyKMIP against the quickstart gateway: create an AES-256 key, read it back, look it up by name.

    scripts/quickstart                                   # in one terminal
    .venv/bin/python examples/pykmip/create_and_get.py  # in another (PyKMIP: pip install pykmip)

Uses the quickstart's DEMO client certificate; never use that key outside a demo.
"""
import hashlib
import os

from kmip.core import enums
from kmip.core.factories.attributes import AttributeFactory
from kmip.pie.client import ProxyKmipClient

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
client = ProxyKmipClient(
    hostname="127.0.0.1",
    port=5696,
    cert=os.path.join(ROOT, "examples/quickstart/demo-client.pem"),
    key=os.path.join(ROOT, "examples/quickstart/demo-client.key"),
    ca=os.path.join(ROOT, ".kmipgw/server-cert.pem"),
    config_file="/dev/null",
    kmip_version=enums.KMIPVersion.KMIP_1_4,
)
with client:
    uid = client.create(enums.CryptographicAlgorithm.AES, 256, name="pykmip-demo-key")
    key = client.get(uid)
    print(f"created {uid}: {len(key.value) * 8}-bit AES, sha256(material) {hashlib.sha256(key.value).hexdigest()}")
    found = client.locate(attributes=[AttributeFactory().create_attribute(enums.AttributeType.NAME, "pykmip-demo-key")])
    print(f"Locate by name finds {len(found)} key(s)")
