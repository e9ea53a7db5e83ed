#!/usr/bin/env python3
"""Generate KMIP TTLV test vectors with PyKMIP's own message classes.

Every vector is a complete RequestMessage or ResponseMessage built from
PyKMIP 0.11 objects (kmip.core.messages.*, kmip.core.objects,
kmip.core.attributes, AttributeFactory) and encoded with
``.write(stream, kmip_version=...)``. Values are fixed (identifiers, time
stamps, key bytes 0x00..0x1f) so the output is byte-for-byte reproducible.

Output: one lowercase hex line per vector in
Tests/KMIPTests/Vectors/pykmip/<name>.hex, plus manifest.json describing
each vector (file, kind, protocol version, operations, description). Things
PyKMIP 0.11 cannot encode for KMIP 1.x are listed in the manifest with a
"skipped" reason instead of a file.

Usage (from the repository root, with the PyKMIP virtualenv):
    .venv/bin/python scripts/pykmip-vectors.py            # write files
    .venv/bin/python scripts/pykmip-vectors.py --check    # verify only

--check writes nothing. For every vector it (1) rebuilds the bytes and
compares them with the .hex file on disk, (2) walks the bytes with a small
strict TTLV parser (types, lengths, zero padding, one top-level message),
(3) decodes the file into a fresh RequestMessage/ResponseMessage and
re-encodes it, requiring identical bytes and a fully consumed stream, and
(4) compares manifest.json with the manifest the script would write. Exit
status is non-zero on any mismatch. Step (3) works around one PyKMIP 0.11
decode quirk (see patch_textstring_padding).
"""

import argparse
import json
import os
import sys

import kmip
from kmip.core import attributes
from kmip.core import enums
from kmip.core import misc
from kmip.core import objects
from kmip.core import primitives
from kmip.core import secrets
from kmip.core.factories.attributes import AttributeFactory
from kmip.core.messages import contents
from kmip.core.messages import messages
from kmip.core.messages import payloads
from kmip.core.utils import BytearrayStream

REPO_ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DEFAULT_OUT = os.path.join("Tests", "KMIPTests", "Vectors", "pykmip")

# ---------------------------------------------------------------------------
# Fixed values
# ---------------------------------------------------------------------------

UID = "1"
UUID = "3f2a8c1e-5b7d-4e9f-a1c3-0d2e4f6a8b9c"
KEY_BYTES = bytes(range(0x20))              # 00 01 02 ... 1f (32 bytes)
TIME_STAMP = 1500000000                     # 2017-07-14T02:40:00Z
COMPROMISE_DATE = 1483228800                # 2017-01-01T00:00:00Z
VENDOR = "kmipgw test vendor"

VERSIONS = {
    "1.0": enums.KMIPVersion.KMIP_1_0,
    "1.1": enums.KMIPVersion.KMIP_1_1,
    "1.2": enums.KMIPVersion.KMIP_1_2,
    "1.3": enums.KMIPVersion.KMIP_1_3,
    "1.4": enums.KMIPVersion.KMIP_1_4,
}

OPERATION_NAMES = {
    enums.Operation.ACTIVATE: "Activate",
    enums.Operation.ADD_ATTRIBUTE: "AddAttribute",
    enums.Operation.CREATE: "Create",
    enums.Operation.DELETE_ATTRIBUTE: "DeleteAttribute",
    enums.Operation.DESTROY: "Destroy",
    enums.Operation.DISCOVER_VERSIONS: "DiscoverVersions",
    enums.Operation.GET: "Get",
    enums.Operation.GET_ATTRIBUTES: "GetAttributes",
    enums.Operation.GET_ATTRIBUTE_LIST: "GetAttributeList",
    enums.Operation.LOCATE: "Locate",
    enums.Operation.MODIFY_ATTRIBUTE: "ModifyAttribute",
    enums.Operation.QUERY: "Query",
    enums.Operation.REGISTER: "Register",
    enums.Operation.REVOKE: "Revoke",
}

attribute_factory = AttributeFactory()


def attr(name, value):
    """An objects.Attribute built through PyKMIP's AttributeFactory."""
    return attribute_factory.create_attribute(name, value)


def protocol_version(version):
    major, minor = (int(p) for p in version.split("."))
    return contents.ProtocolVersion(major, minor)


def uid(value):
    """The old-style UniqueIdentifier object some 1.x payloads require."""
    return attributes.UniqueIdentifier(value)


# ---------------------------------------------------------------------------
# Message builders
# ---------------------------------------------------------------------------

def request(version, items, **header):
    """RequestMessage; items are (operation, payload[, unique_batch_item_id])."""
    batch = []
    for item in items:
        operation, payload = item[0], item[1]
        batch_id = contents.UniqueBatchItemID(item[2]) if len(item) > 2 else None
        batch.append(messages.RequestBatchItem(
            operation=contents.Operation(operation),
            unique_batch_item_id=batch_id,
            request_payload=payload))
    return messages.RequestMessage(
        request_header=messages.RequestHeader(
            protocol_version=protocol_version(version),
            batch_count=contents.BatchCount(len(batch)),
            **header),
        batch_items=batch)


def success(operation, payload):
    return messages.ResponseBatchItem(
        operation=contents.Operation(operation),
        result_status=contents.ResultStatus(enums.ResultStatus.SUCCESS),
        response_payload=payload)


def response(version, items):
    """ResponseMessage with a fixed Time Stamp; items are ResponseBatchItems."""
    return messages.ResponseMessage(
        response_header=messages.ResponseHeader(
            protocol_version=protocol_version(version),
            time_stamp=contents.TimeStamp(TIME_STAMP),
            batch_count=contents.BatchCount(len(items))),
        batch_items=items)


def aes256_template(with_name=True):
    attrs = [
        attr(enums.AttributeType.CRYPTOGRAPHIC_ALGORITHM,
             enums.CryptographicAlgorithm.AES),
        attr(enums.AttributeType.CRYPTOGRAPHIC_LENGTH, 256),
        attr(enums.AttributeType.CRYPTOGRAPHIC_USAGE_MASK,
             [enums.CryptographicUsageMask.ENCRYPT,
              enums.CryptographicUsageMask.DECRYPT]),
    ]
    if with_name:
        attrs.append(attr(enums.AttributeType.NAME, "kmipgw-test-key"))
    return objects.TemplateAttribute(attributes=attrs)


def create_request_payload(with_name=True):
    return payloads.CreateRequestPayload(
        object_type=enums.ObjectType.SYMMETRIC_KEY,
        template_attribute=aes256_template(with_name))


def symmetric_key():
    return secrets.SymmetricKey(objects.KeyBlock(
        key_format_type=misc.KeyFormatType(enums.KeyFormatType.RAW),
        key_value=objects.KeyValue(objects.KeyMaterial(KEY_BYTES)),
        cryptographic_algorithm=attributes.CryptographicAlgorithm(
            enums.CryptographicAlgorithm.AES),
        cryptographic_length=attributes.CryptographicLength(256)))


def get_request_payload():
    return payloads.GetRequestPayload(unique_identifier=UID)


def locate_by_filters(version, offset):
    kwargs = dict(
        maximum_items=10,
        storage_status_mask=enums.StorageStatusMask.ONLINE_STORAGE.value,
        attributes=[
            attr(enums.AttributeType.OBJECT_TYPE,
                 enums.ObjectType.SYMMETRIC_KEY),
            attr(enums.AttributeType.CRYPTOGRAPHIC_ALGORITHM,
                 enums.CryptographicAlgorithm.AES),
            attr(enums.AttributeType.STATE, enums.State.ACTIVE),
        ])
    if offset:
        kwargs["offset_items"] = 5
    return request(version, [(enums.Operation.LOCATE,
                              payloads.LocateRequestPayload(**kwargs))])


# ---------------------------------------------------------------------------
# The vectors
# ---------------------------------------------------------------------------

def build_vectors():
    """Return a list of dicts: name, kind, version, message, description."""
    v = []

    def add(name, kind, version, message, description):
        v.append(dict(name=name, kind=kind, version=version, message=message,
                      description=description))

    all_versions = [protocol_version(x)
                    for x in ("1.4", "1.3", "1.2", "1.1", "1.0")]

    # Discover Versions
    add("discover_versions_request_empty", "request", "1.4",
        request("1.4", [(enums.Operation.DISCOVER_VERSIONS,
                         payloads.DiscoverVersionsRequestPayload())]),
        "Discover Versions request with an empty Protocol Version list")
    add("discover_versions_request_list", "request", "1.4",
        request("1.4", [(enums.Operation.DISCOVER_VERSIONS,
                         payloads.DiscoverVersionsRequestPayload(
                             protocol_versions=list(all_versions)))]),
        "Discover Versions request listing 1.4, 1.3, 1.2, 1.1, 1.0")
    add("discover_versions_response", "response", "1.4",
        response("1.4", [success(
            enums.Operation.DISCOVER_VERSIONS,
            payloads.DiscoverVersionsResponsePayload(
                protocol_versions=[protocol_version(x) for x in
                                   ("1.4", "1.3", "1.2", "1.1", "1.0")]))]),
        "Discover Versions response listing 1.4, 1.3, 1.2, 1.1, 1.0")

    # Query
    add("query_request", "request", "1.4",
        request("1.4", [(enums.Operation.QUERY, payloads.QueryRequestPayload(
            query_functions=[enums.QueryFunction.QUERY_OPERATIONS,
                             enums.QueryFunction.QUERY_OBJECTS,
                             enums.QueryFunction.QUERY_SERVER_INFORMATION]))]),
        "Query request: Query Operations, Query Objects, Query Server "
        "Information")
    add("query_response", "response", "1.4",
        response("1.4", [success(
            enums.Operation.QUERY,
            payloads.QueryResponsePayload(
                operations=[
                    enums.Operation.CREATE, enums.Operation.REGISTER,
                    enums.Operation.LOCATE, enums.Operation.GET,
                    enums.Operation.GET_ATTRIBUTES,
                    enums.Operation.GET_ATTRIBUTE_LIST,
                    enums.Operation.ADD_ATTRIBUTE,
                    enums.Operation.MODIFY_ATTRIBUTE,
                    enums.Operation.DELETE_ATTRIBUTE,
                    enums.Operation.ACTIVATE, enums.Operation.REVOKE,
                    enums.Operation.DESTROY, enums.Operation.QUERY,
                    enums.Operation.DISCOVER_VERSIONS],
                object_types=[enums.ObjectType.SYMMETRIC_KEY],
                vendor_identification=VENDOR,
                server_information=misc.ServerInformation()))]),
        "Query response: 14 Operations, Object Type Symmetric Key, Vendor "
        "Identification, empty Server Information structure")

    # Create
    add("create_request_aes256", "request", "1.4",
        request("1.4", [(enums.Operation.CREATE, create_request_payload())]),
        "Create Symmetric Key: Cryptographic Algorithm AES, Length 256, "
        "Usage Mask Encrypt|Decrypt, Name 'kmipgw-test-key' "
        "(Uninterpreted Text String)")
    add("create_request_aes256_no_name", "request", "1.4",
        request("1.4", [(enums.Operation.CREATE,
                         create_request_payload(with_name=False))]),
        "Create Symmetric Key AES-256 Encrypt|Decrypt without a Name "
        "attribute (the shape VMware vCenter sends)")
    add("create_response", "response", "1.4",
        response("1.4", [success(enums.Operation.CREATE,
                                 payloads.CreateResponsePayload(
                                     object_type=enums.ObjectType.SYMMETRIC_KEY,
                                     unique_identifier=UID))]),
        "Create response: Object Type Symmetric Key, Unique Identifier '1'")
    for ver in ("1.0", "1.1", "1.2", "1.3", "1.4"):
        tag = ver.replace(".", "_")
        add("create_request_v" + tag, "request", ver,
            request(ver, [(enums.Operation.CREATE, create_request_payload())]),
            "The create_request_aes256 payload with header Protocol Version "
            + ver + ", encoded for KMIP " + ver)
        add("get_request_v" + tag, "request", ver,
            request(ver, [(enums.Operation.GET, get_request_payload())]),
            "Get request for Unique Identifier '1' with header Protocol "
            "Version " + ver + ", encoded for KMIP " + ver)

    # Register
    add("register_request_symmetric_key", "request", "1.4",
        request("1.4", [(enums.Operation.REGISTER,
                         payloads.RegisterRequestPayload(
                             object_type=enums.ObjectType.SYMMETRIC_KEY,
                             template_attribute=objects.TemplateAttribute(
                                 attributes=[
                                     attr(enums.AttributeType
                                          .CRYPTOGRAPHIC_USAGE_MASK,
                                          [enums.CryptographicUsageMask.ENCRYPT,
                                           enums.CryptographicUsageMask.DECRYPT]),
                                     attr(enums.AttributeType.NAME,
                                          "kmipgw-registered-key")]),
                             managed_object=symmetric_key()))]),
        "Register Symmetric Key: Usage Mask Encrypt|Decrypt, Name "
        "'kmipgw-registered-key'; Key Block Raw, Key Material 00..1f "
        "(32 bytes), AES, 256")
    add("register_response", "response", "1.4",
        response("1.4", [success(enums.Operation.REGISTER,
                                 payloads.RegisterResponsePayload(
                                     unique_identifier=UUID))]),
        "Register response: Unique Identifier '" + UUID + "'")

    # Get
    add("get_request", "request", "1.4",
        request("1.4", [(enums.Operation.GET, get_request_payload())]),
        "Get request for Unique Identifier '1'")
    add("get_response_symmetric_key", "response", "1.4",
        response("1.4", [success(enums.Operation.GET,
                                 payloads.GetResponsePayload(
                                     object_type=enums.ObjectType.SYMMETRIC_KEY,
                                     unique_identifier=UID,
                                     secret=symmetric_key()))]),
        "Get response: Symmetric Key, Key Block with Key Format Type Raw, "
        "Key Value/Key Material 00..1f, Cryptographic Algorithm AES, "
        "Cryptographic Length 256")

    # Get Attributes / Get Attribute List
    add("get_attributes_request_names", "request", "1.4",
        request("1.4", [(enums.Operation.GET_ATTRIBUTES,
                         payloads.GetAttributesRequestPayload(
                             unique_identifier=UID,
                             attribute_names=[
                                 "State", "Cryptographic Length", "Name",
                                 "x-Vendor", "Cryptographic Usage Mask"]))]),
        "Get Attributes request for '1' naming State, Cryptographic Length, "
        "Name, x-Vendor, Cryptographic Usage Mask")
    add("get_attributes_request_all", "request", "1.4",
        request("1.4", [(enums.Operation.GET_ATTRIBUTES,
                         payloads.GetAttributesRequestPayload(
                             unique_identifier=UID))]),
        "Get Attributes request for '1' with no Attribute Name (all "
        "attributes)")
    add("get_attributes_response", "response", "1.4",
        response("1.4", [success(
            enums.Operation.GET_ATTRIBUTES,
            payloads.GetAttributesResponsePayload(
                unique_identifier=UID,
                attributes=[
                    attr(enums.AttributeType.STATE, enums.State.ACTIVE),
                    attr(enums.AttributeType.CRYPTOGRAPHIC_LENGTH, 256),
                    attr(enums.AttributeType.NAME, "kmipgw-test-key"),
                    attr("x-Vendor", "VMware, Inc."),
                    attr(enums.AttributeType.CRYPTOGRAPHIC_USAGE_MASK,
                         [enums.CryptographicUsageMask.ENCRYPT,
                          enums.CryptographicUsageMask.DECRYPT]),
                ]))]),
        "Get Attributes response for '1': State Active, Cryptographic "
        "Length 256, Name, x-Vendor (Text String), Cryptographic Usage "
        "Mask Encrypt|Decrypt (12)")
    add("get_attribute_list_request", "request", "1.4",
        request("1.4", [(enums.Operation.GET_ATTRIBUTE_LIST,
                         payloads.GetAttributeListRequestPayload(
                             unique_identifier=UID))]),
        "Get Attribute List request for '1'")
    add("get_attribute_list_response", "response", "1.4",
        response("1.4", [success(
            enums.Operation.GET_ATTRIBUTE_LIST,
            payloads.GetAttributeListResponsePayload(
                unique_identifier=UID,
                attribute_names=[
                    "Unique Identifier", "Object Type",
                    "Cryptographic Algorithm", "Cryptographic Length",
                    "Cryptographic Usage Mask", "Name", "State",
                    "Initial Date", "x-Vendor"]))]),
        "Get Attribute List response for '1' with nine Attribute Names "
        "(including x-Vendor)")

    # Modify / Delete Attribute (KMIP 1.x forms)
    add("modify_attribute_request", "request", "1.4",
        request("1.4", [(enums.Operation.MODIFY_ATTRIBUTE,
                         payloads.ModifyAttributeRequestPayload(
                             unique_identifier=UID,
                             attribute=attr("x-Product_Version", "8.0.2")))]),
        "Modify Attribute request (1.x form: Unique Identifier + Attribute) "
        "setting x-Product_Version to '8.0.2'")
    add("modify_attribute_response", "response", "1.4",
        response("1.4", [success(
            enums.Operation.MODIFY_ATTRIBUTE,
            payloads.ModifyAttributeResponsePayload(
                unique_identifier=UID,
                attribute=attr("x-Product_Version", "8.0.2")))]),
        "Modify Attribute response echoing x-Product_Version '8.0.2'")
    add("delete_attribute_request", "request", "1.4",
        request("1.4", [(enums.Operation.DELETE_ATTRIBUTE,
                         payloads.DeleteAttributeRequestPayload(
                             unique_identifier=UID,
                             attribute_name="x-Product_Version",
                             attribute_index=0))]),
        "Delete Attribute request (1.x form: Attribute Name "
        "x-Product_Version, Attribute Index 0)")
    add("delete_attribute_response", "response", "1.4",
        response("1.4", [success(
            enums.Operation.DELETE_ATTRIBUTE,
            payloads.DeleteAttributeResponsePayload(
                unique_identifier=UID,
                attribute=attr("x-Product_Version", "8.0.2")))]),
        "Delete Attribute response returning the deleted x-Product_Version "
        "attribute")

    # Activate / Revoke / Destroy
    add("activate_request", "request", "1.4",
        request("1.4", [(enums.Operation.ACTIVATE,
                         payloads.ActivateRequestPayload(
                             unique_identifier=uid(UID)))]),
        "Activate request for '1'")
    add("activate_response", "response", "1.4",
        response("1.4", [success(enums.Operation.ACTIVATE,
                                 payloads.ActivateResponsePayload(
                                     unique_identifier=uid(UID)))]),
        "Activate response for '1'")
    add("revoke_request_key_compromise", "request", "1.4",
        request("1.4", [(enums.Operation.REVOKE, payloads.RevokeRequestPayload(
            unique_identifier=uid(UID),
            revocation_reason=objects.RevocationReason(
                code=enums.RevocationReasonCode.KEY_COMPROMISE,
                message="key material exposed"),
            compromise_occurrence_date=primitives.DateTime(
                COMPROMISE_DATE,
                tag=enums.Tags.COMPROMISE_OCCURRENCE_DATE)))]),
        "Revoke request for '1': Revocation Reason Key Compromise with "
        "Revocation Message, Compromise Occurrence Date "
        "2017-01-01T00:00:00Z")
    add("revoke_request_cessation", "request", "1.4",
        request("1.4", [(enums.Operation.REVOKE, payloads.RevokeRequestPayload(
            unique_identifier=uid(UID),
            revocation_reason=objects.RevocationReason(
                code=enums.RevocationReasonCode.CESSATION_OF_OPERATION)))]),
        "Revoke request for '1': Revocation Reason Cessation Of Operation, "
        "no message, no date")
    add("revoke_response", "response", "1.4",
        response("1.4", [success(enums.Operation.REVOKE,
                                 payloads.RevokeResponsePayload(
                                     unique_identifier=uid(UID)))]),
        "Revoke response for '1'")
    add("destroy_request", "request", "1.4",
        request("1.4", [(enums.Operation.DESTROY,
                         payloads.DestroyRequestPayload(
                             unique_identifier=uid(UID)))]),
        "Destroy request for '1'")
    add("destroy_response", "response", "1.4",
        response("1.4", [success(enums.Operation.DESTROY,
                                 payloads.DestroyResponsePayload(
                                     unique_identifier=uid(UID)))]),
        "Destroy response for '1'")

    # Locate
    add("locate_request_by_name", "request", "1.4",
        request("1.4", [(enums.Operation.LOCATE, payloads.LocateRequestPayload(
            attributes=[attr(enums.AttributeType.NAME, "kmipgw-test-key")]))]),
        "Locate request with a single Name attribute 'kmipgw-test-key'")
    add("locate_request_filters_v1_2", "request", "1.2",
        locate_by_filters("1.2", offset=False),
        "Locate request (KMIP 1.2, no Offset Items): Maximum Items 10, "
        "Storage Status Mask On-line (1), Object Type Symmetric Key, "
        "Cryptographic Algorithm AES, State Active")
    for ver in ("1.3", "1.4"):
        add("locate_request_filters_v" + ver.replace(".", "_"), "request", ver,
            locate_by_filters(ver, offset=True),
            "Locate request (KMIP " + ver + "): Maximum Items 10, Offset "
            "Items 5, Storage Status Mask On-line (1), Object Type "
            "Symmetric Key, Cryptographic Algorithm AES, State Active")
    add("locate_response", "response", "1.4",
        response("1.4", [success(enums.Operation.LOCATE,
                                 payloads.LocateResponsePayload(
                                     located_items=3,
                                     unique_identifiers=["1", "2", UUID]))]),
        "Locate response: Located Items 3, Unique Identifiers '1', '2', '"
        + UUID + "'")

    # Failure
    add("error_response_item_not_found", "response", "1.4",
        response("1.4", [messages.ResponseBatchItem(
            operation=contents.Operation(enums.Operation.GET),
            result_status=contents.ResultStatus(
                enums.ResultStatus.OPERATION_FAILED),
            result_reason=contents.ResultReason(
                enums.ResultReason.ITEM_NOT_FOUND),
            result_message=contents.ResultMessage(
                "object 42 not found"))]),
        "Get batch item failed: Result Status Operation Failed, Result "
        "Reason Item Not Found, Result Message, no payload")

    # Full request header
    add("request_header_full", "request", "1.4",
        request(
            "1.4",
            [(enums.Operation.GET, get_request_payload(), b"\x01\x02"),
             (enums.Operation.DESTROY,
              payloads.DestroyRequestPayload(unique_identifier=uid(UID)),
              b"\x03\x04")],
            maximum_response_size=contents.MaximumResponseSize(1048576),
            authentication=contents.Authentication(credentials=[
                objects.Credential(
                    credential_type=enums.CredentialType.USERNAME_AND_PASSWORD,
                    credential_value=objects.UsernamePasswordCredential(
                        username="vcenter", password="s3cret"))]),
            batch_error_cont_option=contents.BatchErrorContinuationOption(
                enums.BatchErrorContinuationOption.STOP),
            batch_order_option=contents.BatchOrderOption(True),
            time_stamp=contents.TimeStamp(TIME_STAMP)),
        "Request header with Maximum Response Size 1048576, Authentication "
        "(Username and Password credential vcenter/s3cret), Batch Error "
        "Continuation Option Stop, Batch Order Option true, Time Stamp "
        "2017-07-14T02:40:00Z; two batch items (Get, Destroy) with Unique "
        "Batch Item IDs 0102 and 0304")

    return v


# Requested items PyKMIP 0.11 cannot produce for KMIP 1.x.
ADD_ATTRIBUTE_REASON = (
    "PyKMIP 0.11 has no Add Attribute payload class: "
    "kmip.core.messages.payloads has no add_attribute module and "
    "PayloadFactory.create(Operation.ADD_ATTRIBUTE) raises "
    "NotImplementedError for both requests and responses")

SKIPPED = [
    dict(name="add_attribute_request", kind="request", version="1.4",
         operations=["AddAttribute"],
         description="Add Attribute request: x-Product_Version text string",
         skipped=ADD_ATTRIBUTE_REASON),
    dict(name="add_attribute_response", kind="response", version="1.4",
         operations=["AddAttribute"],
         description="Add Attribute response: x-Product_Version text string",
         skipped=ADD_ATTRIBUTE_REASON),
    dict(name="add_attribute_batch_request", kind="request", version="1.4",
         operations=["AddAttribute", "AddAttribute", "AddAttribute"],
         description="One request with three Add Attribute batch items: "
                     "x-Product_Version, x-Vendor, x-Product",
         skipped=ADD_ATTRIBUTE_REASON),
]


# ---------------------------------------------------------------------------
# Encoding, manifest, check
# ---------------------------------------------------------------------------

def encode(message, version):
    stream = BytearrayStream()
    message.write(stream, kmip_version=VERSIONS[version])
    return bytes(stream.buffer)


def operations_of(message):
    return [OPERATION_NAMES[item.operation.value]
            for item in message.batch_items]


def manifest_for(vectors):
    entries = []
    for vec in vectors:
        entries.append({
            "file": vec["name"] + ".hex",
            "kind": vec["kind"],
            "protocol_version": vec["version"],
            "operations": operations_of(vec["message"]),
            "description": vec["description"],
        })
    for skip in SKIPPED:
        entries.append({
            "file": None,
            "name": skip["name"],
            "kind": skip["kind"],
            "protocol_version": skip["version"],
            "operations": skip["operations"],
            "description": skip["description"],
            "skipped": skip["skipped"],
        })
    return {
        "generator": "scripts/pykmip-vectors.py",
        "pykmip_version": kmip.__version__,
        "format": "one line of lowercase hex: a whole TTLV RequestMessage "
                  "or ResponseMessage, no framing, no trailing bytes",
        "fixed_values": {
            "unique_identifiers": [UID, "2", UUID],
            "key_material": KEY_BYTES.hex(),
            "time_stamp": "2017-07-14T02:40:00Z (1500000000)",
            "compromise_occurrence_date": "2017-01-01T00:00:00Z "
                                          "(1483228800)",
        },
        "vectors": entries,
    }


def manifest_text(vectors):
    return json.dumps(manifest_for(vectors), indent=2) + "\n"


# PyKMIP 0.11 decode quirk, worked around in --check only: in
# primitives.TextString.read_value the padding length is computed as
# 8 - (length % 8) and never reset to 0, so a decoded Text String whose length
# is a multiple of 8 ("x-Vendor", "Cryptographic Usage Mask") re-encodes with
# 8 extra zero bytes. A freshly built TextString (the constructor resets it)
# encodes correctly, so the vectors themselves are unaffected.
def patch_textstring_padding():
    original = primitives.TextString.read_value

    def read_value(self, istream, kmip_version=enums.KMIPVersion.KMIP_1_0):
        original(self, istream, kmip_version=kmip_version)
        if self.padding_length == self.PADDING_SIZE:
            self.padding_length = 0

    primitives.TextString.read_value = read_value


# An independent strict TTLV walk (standard library only), so the check does
# not rest on PyKMIP alone.
TTLV_FIXED = {0x02: 4, 0x03: 8, 0x05: 4, 0x06: 8, 0x09: 8, 0x0A: 4}


def ttlv_walk(data, offset=0, end=None, depth=0):
    """Validate TTLV items in data[offset:end]; return the item count."""
    end = len(data) if end is None else end
    count = 0
    while offset < end:
        if end - offset < 8:
            raise ValueError("truncated header at {}".format(offset))
        tag = int.from_bytes(data[offset:offset + 3], "big")
        kind = data[offset + 3]
        length = int.from_bytes(data[offset + 4:offset + 8], "big")
        if tag >> 16 not in (0x42, 0x54):
            raise ValueError("tag {:06x} at {}".format(tag, offset))
        value = offset + 8
        padded = (length + 7) // 8 * 8
        if value + padded > end:
            raise ValueError("item at {} overruns its parent".format(offset))
        if kind == 0x01:
            ttlv_walk(data, value, value + length, depth + 1)
            if length % 8:
                raise ValueError("structure length {} at {}".format(
                    length, offset))
        elif kind in TTLV_FIXED:
            if length != TTLV_FIXED[kind]:
                raise ValueError("type {:02x} length {} at {}".format(
                    kind, length, offset))
            if kind == 0x06 and int.from_bytes(
                    data[value:value + 8], "big") not in (0, 1):
                raise ValueError("boolean value at {}".format(offset))
        elif kind == 0x04:
            if length % 8:
                raise ValueError("big integer length at {}".format(offset))
        elif kind == 0x07:
            data[value:value + length].decode("utf-8")
        elif kind != 0x08:
            raise ValueError("unknown type {:02x} at {}".format(kind, offset))
        if any(data[value + length:value + padded]):
            raise ValueError("non-zero padding at {}".format(offset))
        offset = value + padded
        count += 1
    if offset != end:
        raise ValueError("items overrun at {}".format(offset))
    return count


def round_trip(data, kind, version):
    """Decode into a fresh message, re-encode; return (bytes, leftover)."""
    message = (messages.RequestMessage() if kind == "request"
               else messages.ResponseMessage())
    stream = BytearrayStream(data)
    message.read(stream, kmip_version=VERSIONS[version])
    leftover = len(stream.buffer)
    return encode(message, version), leftover


def write_all(out_dir, vectors):
    os.makedirs(out_dir, exist_ok=True)
    for vec in vectors:
        data = encode(vec["message"], vec["version"])
        with open(os.path.join(out_dir, vec["name"] + ".hex"), "w") as f:
            f.write(data.hex() + "\n")
    with open(os.path.join(out_dir, "manifest.json"), "w") as f:
        f.write(manifest_text(vectors))
    print("wrote {} vectors and manifest.json to {} ({} skipped)".format(
        len(vectors), out_dir, len(SKIPPED)))


def check_all(out_dir, vectors):
    patch_textstring_padding()
    failures = 0
    for vec in vectors:
        name = vec["name"] + ".hex"
        path = os.path.join(out_dir, name)
        expected = encode(vec["message"], vec["version"])
        try:
            with open(path) as f:
                text = f.read()
        except OSError as error:
            print("FAIL {}: {}".format(name, error))
            failures += 1
            continue
        problems = []
        if text != text.strip().lower() + "\n":
            problems.append("not one lowercase hex line")
        data = bytes.fromhex(text.strip())
        if data != expected:
            problems.append("differs from the bytes the script builds")
        top = {"request": b"\x42\x00\x78", "response": b"\x42\x00\x7b"}
        if data[:3] != top[vec["kind"]]:
            problems.append("top-level tag is not a " + vec["kind"] +
                            " message")
        try:
            if ttlv_walk(data) != 1:
                problems.append("more than one top-level item")
        except ValueError as error:
            problems.append("TTLV walk: {}".format(error))
        try:
            again, leftover = round_trip(data, vec["kind"], vec["version"])
            if again != data:
                problems.append("decode/re-encode changed the bytes")
            if leftover:
                problems.append("{} bytes left after decoding".format(
                    leftover))
        except Exception as error:  # report every vector, keep going
            problems.append("decode failed: {!r}".format(error))
        if problems:
            failures += 1
            print("FAIL {}: {}".format(name, "; ".join(problems)))
        else:
            print("ok   {} ({} bytes)".format(name, len(data)))
    try:
        with open(os.path.join(out_dir, "manifest.json")) as f:
            on_disk = f.read()
    except OSError as error:
        print("FAIL manifest.json: {}".format(error))
        failures += 1
    else:
        if on_disk != manifest_text(vectors):
            print("FAIL manifest.json: differs from the generated manifest")
            failures += 1
        else:
            print("ok   manifest.json")
    for skip in SKIPPED:
        print("skip {}: {}".format(skip["name"], skip["skipped"]))
    print("{} vectors checked, {} failed".format(len(vectors), failures))
    return failures == 0


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--check", action="store_true",
                        help="verify the files on disk; write nothing")
    parser.add_argument("--out", default=os.path.join(REPO_ROOT, DEFAULT_OUT),
                        help="output directory (default: %(default)s)")
    args = parser.parse_args()
    vectors = build_vectors()
    names = [vec["name"] for vec in vectors]
    if len(set(names)) != len(names):
        sys.exit("duplicate vector names")
    if args.check:
        sys.exit(0 if check_all(args.out, vectors) else 1)
    write_all(args.out, vectors)


if __name__ == "__main__":
    main()
