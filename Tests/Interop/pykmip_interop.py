#!/usr/bin/env python3
"""Interoperability tests: the real PyKMIP client against a real `kmipgw serve`.

Run by scripts/interop-pykmip (and so by scripts/test). It makes its own state directory,
client certificates (openssl), configuration and server on 127.0.0.1, then drives every
operation PyKMIP can send, for each protocol version 1.0-1.4, and checks the refusals that
matter (an unregistered certificate gets no KMIP answer; an adapter never sees another's keys).
Ends with the line "N passed, M failed" and exits non-zero on any failure.
"""
import hashlib
import hmac
import os
import socket
import subprocess
import sys
import tempfile
import time
import traceback
import urllib.request

from kmip.core import enums
from kmip.pie import client as pie_client
from kmip.pie import exceptions as pie_exceptions
from kmip.pie import objects as pie_objects
from kmip.services import kmip_client
from kmip.core.factories import attributes as attribute_factories

KMIPGW = sys.argv[1] if len(sys.argv) > 1 else "kmipgw"
RESULTS = {"passed": 0, "failed": 0}


def check(name, function):
    try:
        function()
        RESULTS["passed"] += 1
        print(f"PASS {name}")
    except Exception:  # noqa: BLE001 - report every failure and go on
        RESULTS["failed"] += 1
        print(f"FAIL {name}")
        traceback.print_exc()


def run(*arguments, **kwargs):
    return subprocess.run([KMIPGW, *arguments], check=True, capture_output=True, text=True, **kwargs)


def make_certificate(directory, name):
    key = os.path.join(directory, f"{name}.key")
    cert = os.path.join(directory, f"{name}.pem")
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
         "-keyout", key, "-out", cert, "-days", "30", "-subj", f"/CN={name}",
         "-addext", "extendedKeyUsage=clientAuth"],
        check=True, capture_output=True)
    return cert, key


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(port, process):
    deadline = time.time() + 30
    while time.time() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"kmipgw serve exited with {process.returncode}: {process.stderr.read()}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError("kmipgw serve did not listen within 30 s")


def metrics_are_counted(metrics_port, certificates):
    with urllib.request.urlopen(f"http://127.0.0.1:{metrics_port}/metrics", timeout=10) as response:
        assert response.status == 200, response.status
        text = response.read().decode()
    samples = {}
    for line in text.splitlines():
        if line and not line.startswith("#"):
            name, _, value = line.rpartition(" ")
            samples[name] = float(value)

    def count(prefix, *labels):
        return sum(v for k, v in samples.items() if k.startswith(prefix) and all(label in k for label in labels))

    assert count("kmipgw_requests_total", 'operation="Create"', 'result="success"') >= 5, text
    assert count("kmipgw_requests_total", 'operation="Get"', 'result="ItemNotFound"') >= 1, text
    assert count("kmipgw_requests_total", 'operation="Destroy"', 'result="PermissionDenied"') >= 5, text
    assert count("kmipgw_handshakes_refused_total", 'reason="not_registered"') >= 1, text
    assert count("kmipgw_connections_total") >= 10, text
    assert count("kmipgw_request_duration_seconds_count") >= 10, text
    # Labels hold fixed names only: no material, no fingerprint, no client or adapter name.
    assert bytes(range(32)).hex() not in text
    for path in certificates:
        der = subprocess.run(["openssl", "x509", "-in", path, "-outform", "DER"], check=True, capture_output=True).stdout
        assert hashlib.sha256(der).hexdigest() not in text
    for name in ["alice", "bob", "stranger", "interop"]:
        assert name not in text, name


def main():
    work = tempfile.mkdtemp(prefix="kmipgw-interop-")
    state = os.path.join(work, "state")
    run("init", "--state", state)
    alice_cert, alice_key = make_certificate(work, "alice")
    bob_cert, bob_key = make_certificate(work, "bob")
    stranger_cert, stranger_key = make_certificate(work, "stranger")
    config = os.path.join(work, "gateway.yaml")
    with open(config, "w") as f:
        f.write(f"""apiVersion: kmipgw/v1
instances:
  - name: interop
    rootKeys:
      - name: root-a
      - name: root-b
    adapters:
      - name: alice-vcenter
        rootKey: root-a
        certificates:
          - name: alice
            pemFile: alice.pem
      - name: bob-vcenter
        rootKey: root-b
        certificates:
          - name: bob
            pemFile: bob.pem
""")
    run("apply", "-f", config, "--state", state)
    port = free_port()
    server_cert = os.path.join(state, "server-cert.pem")
    audit = os.path.join(work, "audit.jsonl")
    metrics_port = free_port()
    server = subprocess.Popen(
        [KMIPGW, "serve", "--state", state, "--listen", f"127.0.0.1:{port}", "--audit-log", audit,
         "--metrics-listen", f"127.0.0.1:{metrics_port}"],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        wait_for(port, server)
        suite(port, server_cert, (alice_cert, alice_key), (bob_cert, bob_key), (stranger_cert, stranger_key), audit)
        check("the metrics endpoint counts what happened and names no one",
              lambda: metrics_are_counted(metrics_port, [alice_cert, bob_cert, stranger_cert]))
        reload_suite(port, server_cert, state, work, config, (alice_cert, alice_key), (bob_cert, bob_key))
    finally:
        server.terminate()
        try:
            code = server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
            code = "killed"
        print(f"kmipgw serve exited with {code} after SIGTERM")
        if code != 0:
            RESULTS["failed"] += 1
    print(f"{RESULTS['passed']} passed, {RESULTS['failed']} failed")
    return 0 if RESULTS["failed"] == 0 else 1


def suite(port, server_cert, alice, bob, stranger, audit):
    def client_for(identity, version=enums.KMIPVersion.KMIP_1_2):
        c = pie_client.ProxyKmipClient(
            hostname="127.0.0.1", port=port, cert=identity[0], key=identity[1], ca=server_cert,
            config_file="/dev/null", kmip_version=version)
        return c

    def lifecycle(version):
        def test():
            with client_for(alice, version) as c:
                uid = c.create(enums.CryptographicAlgorithm.AES, 256, name=f"interop-{version.name}",
                               cryptographic_usage_mask=[enums.CryptographicUsageMask.ENCRYPT,
                                                         enums.CryptographicUsageMask.DECRYPT])
                key = c.get(uid)
                assert len(key.value) == 32, key
                assert key.cryptographic_algorithm == enums.CryptographicAlgorithm.AES
                _, attributes = c.get_attributes(uid, ["State", "Cryptographic Length", "Name"])
                names = {a.attribute_name.value: a.attribute_value for a in attributes}
                assert names["State"].value == enums.State.PRE_ACTIVE, names
                assert names["Cryptographic Length"].value == 256
                listed = c.get_attribute_list(uid)
                assert "State" in listed and "Name" in listed, listed
                c.activate(uid)
                _, attributes = c.get_attributes(uid, ["State"])
                assert attributes[0].attribute_value.value == enums.State.ACTIVE
                try:
                    c.destroy(uid)
                    raise AssertionError("Destroy of an Active key succeeded")
                except pie_exceptions.KmipOperationFailure as failure:
                    assert failure.status == enums.ResultStatus.OPERATION_FAILED
                    # KMIP 1.x has no Wrong Key Lifecycle State; SKLC-M-2 answers Permission Denied.
                    assert failure.reason == enums.ResultReason.PERMISSION_DENIED, failure
                c.revoke(enums.RevocationReasonCode.KEY_COMPROMISE, uid, revocation_message="interop",
                         compromise_occurrence_date=1_500_000_000)
                _, attributes = c.get_attributes(uid, ["State"])
                assert attributes[0].attribute_value.value == enums.State.COMPROMISED
                c.destroy(uid)
                _, attributes = c.get_attributes(uid, ["State"])
                assert attributes[0].attribute_value.value == enums.State.DESTROYED_COMPROMISED
        return test

    for version in [enums.KMIPVersion.KMIP_1_0, enums.KMIPVersion.KMIP_1_1, enums.KMIPVersion.KMIP_1_2,
                    enums.KMIPVersion.KMIP_1_3, enums.KMIPVersion.KMIP_1_4]:
        check(f"create/get/attributes/activate/revoke/destroy over KMIP {version.name}", lifecycle(version))

    def register_and_locate():
        with client_for(alice) as c:
            material = bytes(range(32))
            key = pie_objects.SymmetricKey(enums.CryptographicAlgorithm.AES, 256, material, name="interop-registered")
            uid = c.register(key)
            assert c.get(uid).value == material
            # The Digest the server computed is SHA-256 of the key the client registered.
            _, attributes = c.get_attributes(uid, ["Digest"])
            digest = attributes[0].attribute_value
            assert digest.hashing_algorithm.value == enums.HashingAlgorithm.SHA_256, digest
            assert digest.digest_value.value == hashlib.sha256(material).digest(), digest
            found = c.locate(attributes=[attribute_factories.AttributeFactory().create_attribute(
                enums.AttributeType.NAME, "interop-registered")])
            assert found == [uid], found
            c.activate(uid)
            c.revoke(enums.RevocationReasonCode.CESSATION_OF_OPERATION, uid)
            c.destroy(uid)

    check("register, locate by name, revoke (cessation), destroy", register_and_locate)

    # PyKMIP 0.11 sends Modify/Delete Attribute only in their KMIP 2.0 form, and has no Add
    # Attribute; those operations are covered by our own client's tests.
    def named_aes128():
        with client_for(alice, enums.KMIPVersion.KMIP_1_4) as c:
            uid = c.create(enums.CryptographicAlgorithm.AES, 128, name="interop-attributes")
            _, attributes = c.get_attributes(uid, ["Name"])
            assert attributes[0].attribute_value.name_value.value == "interop-attributes"

    check("create an AES-128 key with a Name over KMIP 1.4", named_aes128)

    def encrypt_decrypt_mac():
        with client_for(alice, enums.KMIPVersion.KMIP_1_2) as c:
            uid = c.create(enums.CryptographicAlgorithm.AES, 256, name="interop-crypto",
                           cryptographic_usage_mask=[enums.CryptographicUsageMask.ENCRYPT,
                                                     enums.CryptographicUsageMask.DECRYPT])
            c.activate(uid)
            # What libmongocrypt's delegated mode sends: CBC, PKCS5, a Random IV, 96 bytes.
            plaintext = bytes(range(96))
            parameters = {"block_cipher_mode": enums.BlockCipherMode.CBC,
                          "padding_method": enums.PaddingMethod.PKCS5, "random_iv": True}
            ciphertext, iv = c.encrypt(plaintext, uid=uid, cryptographic_parameters=parameters)
            assert len(iv) == 16 and len(ciphertext) == 112 and ciphertext[:96] != plaintext, (len(iv), len(ciphertext))
            decrypted = c.decrypt(ciphertext, uid=uid, iv_counter_nonce=iv, cryptographic_parameters={
                "block_cipher_mode": enums.BlockCipherMode.CBC, "padding_method": enums.PaddingMethod.PKCS5})
            assert decrypted == plaintext
            # The usage mask decides: this key may not compute MACs.
            try:
                c.mac(b"data", uid=uid, algorithm=enums.CryptographicAlgorithm.HMAC_SHA256)
                raise AssertionError("MAC with an encrypt/decrypt key succeeded")
            except pie_exceptions.KmipOperationFailure as failure:
                assert failure.reason == enums.ResultReason.PERMISSION_DENIED, failure
            mac_key = c.create(enums.CryptographicAlgorithm.AES, 256,
                               cryptographic_usage_mask=[enums.CryptographicUsageMask.MAC_GENERATE])
            c.activate(mac_key)
            _, mac = c.mac(b"data", uid=mac_key, algorithm=enums.CryptographicAlgorithm.HMAC_SHA256)
            material = c.get(mac_key).value
            assert mac == hmac.new(material, b"data", hashlib.sha256).digest()
        # Another adapter cannot use the key.
        with client_for(bob, enums.KMIPVersion.KMIP_1_2) as c:
            try:
                c.encrypt(b"x", uid=uid, cryptographic_parameters=parameters)
                raise AssertionError("bob encrypted with alice's key")
            except pie_exceptions.KmipOperationFailure as failure:
                assert failure.reason == enums.ResultReason.ITEM_NOT_FOUND, failure

    check("encrypt and decrypt (AES-CBC, PKCS5, Random IV) and MAC (HMAC-SHA256) on the server", encrypt_decrypt_mac)

    def discover_and_query():
        proxy = kmip_client.KMIPProxy(host="127.0.0.1", port=port, certfile=alice[0], keyfile=alice[1],
                                      ca_certs=server_cert, config_file="/dev/null",
                                      kmip_version=enums.KMIPVersion.KMIP_1_1)
        proxy.open()
        try:
            result = proxy.discover_versions()
            assert result.result_status.value == enums.ResultStatus.SUCCESS
            versions = [(v.major, v.minor) for v in result.protocol_versions]
            assert versions[0] == (1, 4) and (1, 0) in versions, versions
            result = proxy.query(query_functions=[enums.QueryFunction.QUERY_OPERATIONS,
                                                  enums.QueryFunction.QUERY_OBJECTS,
                                                  enums.QueryFunction.QUERY_SERVER_INFORMATION])
            assert result.result_status.value == enums.ResultStatus.SUCCESS
            operations = [enums.Operation(getattr(o, "value", o)) for o in result.operations]
            assert enums.Operation.CREATE in operations and enums.Operation.LOCATE in operations, operations
            assert enums.ObjectType.SYMMETRIC_KEY in [enums.ObjectType(getattr(o, "value", o)) for o in result.object_types]
            assert getattr(result.vendor_identification, "value", result.vendor_identification) == "kmipgw"
        finally:
            proxy.close()

    check("discover versions and query (KMIP 1.1 header, as vCenter sends)", discover_and_query)

    def adapters_are_isolated():
        with client_for(alice) as c:
            uid = c.create(enums.CryptographicAlgorithm.AES, 256, name="alice-secret")
        with client_for(bob) as c:
            try:
                c.get(uid)
                raise AssertionError("bob read alice's key")
            except pie_exceptions.KmipOperationFailure as failure:
                assert failure.reason == enums.ResultReason.ITEM_NOT_FOUND, failure
            found = c.locate(attributes=[attribute_factories.AttributeFactory().create_attribute(
                enums.AttributeType.NAME, "alice-secret")])
            assert found == [], found

    check("one adapter never sees another's keys", adapters_are_isolated)

    # PyKMIP 0.11's client cannot read a wrapped Key Value in the specification's form (a Byte
    # String; PyKMIP issue #484), so this checks that kmipgw reads PyKMIP's Key Wrapping
    # Specification and refuses what it must; the wrapped answers are checked in Swift.
    def wrapping_rules():
        def wrapped_by(key):
            return {"wrapping_method": enums.WrappingMethod.ENCRYPT,
                    "encryption_key_information": {
                        "unique_identifier": key,
                        "cryptographic_parameters": {"block_cipher_mode": enums.BlockCipherMode.NIST_KEY_WRAP}},
                    "encoding_option": enums.EncodingOption.NO_ENCODING}

        def refused(client, uid, spec, reason):
            try:
                client.get(uid, key_wrapping_specification=spec)
                raise AssertionError("the wrapped Get succeeded")
            except pie_exceptions.KmipOperationFailure as failure:
                assert failure.reason == reason, failure

        # (Another adapter's wrapping key is Item Not Found: GatewayStackTests. Bob's adapter stays
        # keyless here, since the reload suite prunes it without --allow-destroy.)
        with client_for(alice) as c:
            target = c.create(enums.CryptographicAlgorithm.AES, 256)
            kek = c.create(enums.CryptographicAlgorithm.AES, 256,
                           cryptographic_usage_mask=[enums.CryptographicUsageMask.WRAP_KEY,
                                                     enums.CryptographicUsageMask.UNWRAP_KEY])
            # Pre-Active: it may not protect anything yet.
            refused(c, target, wrapped_by(kek), enums.ResultReason.PERMISSION_DENIED)
            refused(c, target, wrapped_by("no-such-key"), enums.ResultReason.ITEM_NOT_FOUND)
            plain = c.create(enums.CryptographicAlgorithm.AES, 256)
            c.activate(plain)
            # Active, but without Wrap Key in its usage mask.
            refused(c, target, wrapped_by(plain), enums.ResultReason.PERMISSION_DENIED)
            padded = wrapped_by(kek)
            padded["encryption_key_information"]["cryptographic_parameters"]["block_cipher_mode"] = \
                enums.BlockCipherMode.AES_KEY_WRAP_PADDING
            c.activate(kek)
            refused(c, target, padded, enums.ResultReason.FEATURE_NOT_SUPPORTED)
            # The key itself is still served in the clear when asked plainly.
            assert len(c.get(target).value) == 32

    check("Get with a Key Wrapping Specification: what PyKMIP sends is read, and refused where it must be",
          wrapping_rules)

    def stranger_gets_no_answer():
        c = client_for(stranger)
        try:
            c.open()
            try:
                c.create(enums.CryptographicAlgorithm.AES, 256)
            finally:
                c.close()
        except Exception:  # noqa: BLE001 - any failure to connect or to get an answer is the point
            return
        raise AssertionError("an unregistered certificate got a KMIP answer")

    check("an unregistered certificate gets no KMIP answer", stranger_gets_no_answer)

    def audit_has_no_material():
        # The gateway writes its audit lines in batches (every 200 ms).
        deadline = time.time() + 5
        lines = []
        while time.time() < deadline:
            with open(audit) as f:
                lines = f.read().splitlines()
            if len(lines) > 10:
                break
            time.sleep(0.1)
        assert len(lines) > 10, len(lines)
        assert all('"operation"' in line and '"fingerprint"' in line for line in lines)
        assert bytes(range(32)).hex() not in "\n".join(lines)

    check("the audit log has a line per operation and no key material", audit_has_no_material)


def reload_suite(port, server_cert, state, work, config, alice, bob):
    carol_cert, carol_key = make_certificate(work, "carol")

    def connect(identity):
        c = pie_client.ProxyKmipClient(hostname="127.0.0.1", port=port, cert=identity[0], key=identity[1],
                                       ca=server_cert, config_file="/dev/null")
        with c:
            return c.create(enums.CryptographicAlgorithm.AES, 256)

    def apply_while_serving():
        with open(config) as f:
            text = f.read()
        # Bob's adapter goes, Carol's comes; the server is not restarted.
        text = text.replace("      - name: bob-vcenter\n        rootKey: root-b\n        certificates:\n          - name: bob\n            pemFile: bob.pem\n",
                            "      - name: carol-vcenter\n        rootKey: root-b\n        certificates:\n          - name: carol\n            pemFile: carol.pem\n")
        with open(config, "w") as f:
            f.write(text)
        run("apply", "-f", config, "--state", state, "--prune")
        time.sleep(1.0)
        assert connect((carol_cert, carol_key))
        assert connect(alice)
        try:
            connect(bob)
        except Exception:  # noqa: BLE001 - refused, as it must be
            return
        raise AssertionError("a removed certificate still got a KMIP answer after the apply")

    check("an apply while serving: a new adapter connects, a removed one is refused, no restart", apply_while_serving)


if __name__ == "__main__":
    sys.exit(main())
