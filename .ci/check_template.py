#!/usr/bin/env python3
"""Checks template.yaml the way CloudFormation will run it, with the AWS SAM translator
(aws-sam-translator, the library behind `sam validate` and CloudFormation's SAM transform).

1. A second stack deploys beside the first: no resource of the translated template has a fixed
   physical name (a schedule, queue, table, log group... name must be generated or hold the stack
   name).
2. A change of a function's properties as written publishes a new version for its live alias
   (AutoPublishAliasAllProperties).
3. A new value of any parameter that reaches a function's environment moves the function's live
   alias to a new version. SAM hashes the environment as written, never the values, so the
   function's VersionDescription must name the parameter: its new text makes CloudFormation replace
   the version ("Update requires: Replacement"), which publishes a new one for the alias. A NoEcho
   parameter (a secret) is never written there: it must move the alias together with SecretsRevision,
   and its value must appear nowhere in the version. So must a long text named in the template's
   Metadata (Relais: RevisionParameters), which would not fit the version's 256 characters.

Usage: python3 .ci/check_template.py [template.yaml]   (exit 0 ok, 1 a check failed)
"""
import copy
import json
import logging
import os
import re
import sys

os.environ.setdefault("AWS_DEFAULT_REGION", "ca-central-1")
logging.disable(logging.WARNING)  # the translator's "unpublished metrics" notices
from samtranslator.intrinsics.resolver import IntrinsicsResolver  # noqa: E402
from samtranslator.translator.transform import transform  # noqa: E402
from samtranslator.yaml_helper import yaml_parse  # noqa: E402

# Physical-name properties, by resource type, that must not be fixed text.
NAMED = {
    "AWS::Scheduler::Schedule": "Name",
    "AWS::Logs::LogGroup": "LogGroupName",
    "AWS::DynamoDB::Table": "TableName",
    "AWS::SQS::Queue": "QueueName",
    "AWS::SNS::Topic": "TopicName",
    "AWS::Lambda::Function": "FunctionName",
    "AWS::IAM::Role": "RoleName",
    "AWS::CloudWatch::Alarm": "AlarmName",
    "AWS::SES::ConfigurationSet": "Name",
    "AWS::Events::Rule": "Name",
}


class NoManagedPolicies:
    def load(self):
        return {}


def translate(template, parameters):
    template = copy.deepcopy(template)
    for resource in template["Resources"].values():
        if resource.get("Type") == "AWS::Serverless::Function":
            # what `sam package` writes in place of the local jar path
            jar = str(resource["Properties"].get("CodeUri", "code.jar")).split("/")[-1]
            resource["Properties"]["CodeUri"] = "s3://relais-artifacts/" + jar
    return transform(template, parameters, NoManagedPolicies())


def alias_versions(translated):
    """{function logical id: the Version logical id its live alias points to}"""
    out = {}
    for resource in translated["Resources"].values():
        if resource["Type"] == "AWS::Lambda::Alias":
            props = resource["Properties"]
            out[props["FunctionName"]["Ref"]] = props["FunctionVersion"]["Fn::GetAtt"][0]
    return out


def version_of(translated, function, values):
    """What CloudFormation compares for the version the live alias points to: its logical id and
    its properties with the parameters' values (a property change replaces a version)."""
    version = alias_versions(translated).get(function)
    if version is None:
        return None
    properties = copy.deepcopy(translated["Resources"][version].get("Properties", {}))
    resolved = IntrinsicsResolver(dict(values)).resolve_parameter_refs(properties)
    return version, json.dumps(resolved, sort_keys=True)


def stack_scoped(value, resources):
    """The name holds the stack's name, or the generated name of another resource."""
    text = json.dumps(value)
    names = set(re.findall(r'"Ref": "([^"]+)"', text)) | set(re.findall(r"\$\{([^}.]+)", text))
    return "AWS::StackName" in names or bool(names & set(resources))


def referenced_parameters(value, parameters):
    text = json.dumps(value)
    return sorted(p for p in parameters if f'"Ref": "{p}"' in text or "${" + p + "}" in text)


def sample_values(declared):
    """A value for every parameter: its default, or a valid made-up one."""
    values = {}
    for name, body in declared.items():
        if "Default" in body:
            values[name] = str(body["Default"])
        elif "AllowedValues" in body:
            values[name] = str(body["AllowedValues"][0])
        elif body.get("Type") == "Number":
            values[name] = str(body.get("MinValue", 1))
        else:
            values[name] = "check-template-" + name.lower() + "-0123456789abcdef0123456789@example.org"
    return values


def other_value(name, body, value):
    if "AllowedValues" in body:
        return next(str(v) for v in body["AllowedValues"] if str(v) != value)
    if body.get("Type") == "Number":
        return str(int(float(value)) + 1)
    return "changed-" + value if "@" not in value else "changed." + value


def main(argv):
    path = argv[0] if argv else "template.yaml"
    with open(path, encoding="utf-8") as f:
        template = yaml_parse(f.read())
    declared = template.get("Parameters", {})
    values = sample_values(declared)
    base = translate(template, values)
    failures = []

    for logical_id, resource in base["Resources"].items():
        prop = NAMED.get(resource["Type"])
        if prop and prop in resource.get("Properties", {}):
            if not stack_scoped(resource["Properties"][prop], base["Resources"]):
                failures.append(
                    f"{logical_id}: {prop} {json.dumps(resource['Properties'][prop])} is fixed;"
                    " a second stack in the account would collide (leave it out or use AWS::StackName)"
                )
    print(f"second stack: {'ok' if not failures else 'FAILED'} (no fixed physical names)")

    versions = alias_versions(base)
    functions = {
        k: r for k, r in template["Resources"].items() if r.get("Type") == "AWS::Serverless::Function"
    }
    missing = sorted(set(functions) - set(versions))
    if missing:
        failures.append(f"functions without a live alias: {missing}")

    # AwsClientSettings.forFunction takes credentials from the container endpoint only, which is
    # where Lambda gives a SnapStart function its role's credentials (never the access-key variables)
    globals_snap = template.get("Globals", {}).get("Function", {}).get("SnapStart", {})
    without_snapstart = sorted(
        name for name, function in functions.items()
        if function.get("Properties", {}).get("SnapStart", globals_snap).get("ApplyOn")
        != "PublishedVersions")
    if without_snapstart:
        failures.append(
            "functions without SnapStart (ApplyOn: PublishedVersions), whose credentials would be"
            f" in access-key variables that Relais functions never read: {without_snapstart}")
    print("SnapStart on every function: " + ("ok" if not without_snapstart else "FAILED"))

    for name in sorted(functions):
        changed = copy.deepcopy(template)
        props = changed["Resources"][name]["Properties"]
        props["Timeout"] = int(props.get("Timeout", 10)) + 1
        if alias_versions(translate(changed, values)).get(name) == versions.get(name):
            failures.append(f"{name}: a new Timeout as written leaves the live alias on its old version")
    print("a property changed as written publishes a new version: "
          + ("ok" if not any("as written" in f for f in failures) else "FAILED"))

    globals_env = template.get("Globals", {}).get("Function", {}).get("Environment", {})
    revision_parameters = set(
        template.get("Metadata", {}).get("Relais", {}).get("RevisionParameters", []))
    stale = []
    checked = 0
    for name in sorted(functions):
        before = version_of(base, name, values)
        env = [functions[name]["Properties"].get("Environment", {}), globals_env]
        for parameter in referenced_parameters(env, declared):
            given = dict(values)
            given[parameter] = other_value(parameter, declared[parameter], values[parameter])
            secret = str(declared[parameter].get("NoEcho", "false")).lower() == "true"
            revisioned = secret or parameter in revision_parameters
            if revisioned:
                if "SecretsRevision" not in declared:
                    stale.append(f"{parameter} -> {name} (needs SecretsRevision, and none)")
                    continue
                given["SecretsRevision"] = values["SecretsRevision"] + "-next"
            after = version_of(translate(template, given), name, given)
            checked += 1
            if after == before:
                stale.append(f"{parameter} -> {name}")
            elif secret and given[parameter] in after[1]:
                failures.append(f"{name}: the value of the secret {parameter} is written in its version")
    if stale:
        failures.append(
            "a new value of these parameters does not reach the live alias (name them in the"
            " function's VersionDescription; secrets through SecretsRevision): " + ", ".join(stale))
    else:
        print(f"a new parameter value moves the live alias: ok ({checked} parameter/function pairs)")

    for failure in failures:
        print("FAILED: " + failure)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
