#!/usr/bin/env python3
"""Check YAML configuration files against schemas/kmipgw.v1.schema.json with a real JSON Schema
validator (jsonschema, Draft 2020-12).

Usage:
    check-schema.py [--schema PATH] [--expect-valid FILE|DIR ...] [--expect-invalid FILE|DIR ...]
    check-schema.py --bad-examples DIR

Each file is loaded with PyYAML (duplicate keys rejected, as kmipgw rejects them) and validated.
--expect-valid: every file must pass. --expect-invalid: every file must fail (a YAML error counts).
--bad-examples DIR: each *.yaml in DIR states on a header line `# schema: fails` or
`# schema: passes (...)` (rules JSON Schema cannot express, such as uniqueness by name); the
script checks that the schema agrees with each statement.

Exit status 0 when every expectation holds, 1 otherwise; one line per file on stdout.
Needs: pip install jsonschema pyyaml
"""

import argparse
import json
import os
import re
import sys

import jsonschema
import yaml


class StrictLoader(yaml.SafeLoader):
    """SafeLoader that rejects duplicate keys instead of keeping the last one."""


def _construct_mapping(loader, node, deep=False):
    seen = set()
    for key_node, _ in node.value:
        key = loader.construct_object(key_node, deep=deep)
        if key in seen:
            raise yaml.constructor.ConstructorError(
                None, None, f"duplicate key {key!r}", key_node.start_mark
            )
        seen.add(key)
    return loader.construct_mapping(node, deep)


StrictLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def yaml_files(path):
    if os.path.isdir(path):
        return [
            os.path.join(path, name)
            for name in sorted(os.listdir(path))
            if name.endswith((".yaml", ".yml")) and os.path.isfile(os.path.join(path, name))
        ]
    return [path]


def problems(validator, path):
    """The schema's complaints about every document of the file (empty when it conforms)."""
    try:
        with open(path, encoding="utf-8") as handle:
            documents = [doc for doc in yaml.load_all(handle, Loader=StrictLoader) if doc is not None]
    except yaml.YAMLError as error:
        return [f"YAML: {str(error).splitlines()[0]}"]
    found = []
    for document in documents:
        for error in validator.iter_errors(document):
            where = "/".join(str(part) for part in error.absolute_path) or "(root)"
            # Messages quote the offending value; a pem value may hold a pasted private key, so
            # long values are named by the rule they break, never echoed.
            if len(repr(error.instance)) > 60:
                message = f"breaks the '{error.validator}' rule"
            else:
                message = error.message
            found.append(f"{where}: {message}")
    return found


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--schema", default=os.path.join(here, "..", "schemas", "kmipgw.v1.schema.json"))
    parser.add_argument("--expect-valid", nargs="*", default=[])
    parser.add_argument("--expect-invalid", nargs="*", default=[])
    parser.add_argument("--bad-examples", nargs="*", default=[])
    arguments = parser.parse_args()

    with open(arguments.schema, encoding="utf-8") as handle:
        schema = json.load(handle)
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)

    expectations = []
    for path in arguments.expect_valid:
        expectations += [(file, True) for file in yaml_files(path)]
    for path in arguments.expect_invalid:
        expectations += [(file, False) for file in yaml_files(path)]
    for path in arguments.bad_examples:
        for file in yaml_files(path):
            with open(file, encoding="utf-8") as handle:
                header = re.search(r"^# schema: (fails|passes)", handle.read(), re.MULTILINE)
            if header is None:
                print(f"FAIL {file}: no '# schema: fails|passes' header line")
                expectations.append((file, None))
                continue
            expectations.append((file, header.group(1) == "passes"))

    failures = 0
    for file, should_pass in expectations:
        if should_pass is None:
            failures += 1
            continue
        found = problems(validator, file)
        if should_pass and found:
            failures += 1
            print(f"FAIL {file}: expected to conform, but: {found[0]}")
        elif not should_pass and not found:
            failures += 1
            print(f"FAIL {file}: expected the schema to reject it, but it conforms")
        else:
            verdict = "conforms" if not found else f"rejected ({found[0]})"
            print(f"ok   {file}: {verdict}")
    print(f"{len(expectations) - failures} passed, {failures} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
