#!/usr/bin/env python3
"""Checks template.yaml the way CloudFormation will run it, with the AWS SAM translator
(aws-sam-translator, the library behind `sam validate` and CloudFormation's SAM transform).

1. A second stack deploys beside the first: no resource of the translated template has a fixed
   physical name (a schedule, queue, table, log group... name must be generated or hold the stack
   name).
2. A change of a function's properties as written publishes a new version for its live alias
   (AutoPublishAliasAllProperties).
3. For every parameter that reaches a function's environment, whether a new value alone moves the
   function's live alias to a new version. SAM hashes the environment as written, not the values, so
   today none does: they are listed (the README says what to do after changing one). With --strict,
   listing one fails the check.

Usage: python3 .ci/check_template.py [--strict] [template.yaml]   (exit 0 ok, 1 a check failed)
"""
import copy
import json
import logging
import os
import re
import sys

os.environ.setdefault("AWS_DEFAULT_REGION", "ca-central-1")
logging.disable(logging.WARNING)  # the translator's "unpublished metrics" notices
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
    strict = "--strict" in argv
    args = [a for a in argv if a != "--strict"]
    path = args[0] if args else "template.yaml"
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

    for name in sorted(functions):
        changed = copy.deepcopy(template)
        props = changed["Resources"][name]["Properties"]
        props["Timeout"] = int(props.get("Timeout", 10)) + 1
        if alias_versions(translate(changed, values)).get(name) == versions.get(name):
            failures.append(f"{name}: a new Timeout as written leaves the live alias on its old version")
    print("a property changed as written publishes a new version: "
          + ("ok" if not any("as written" in f for f in failures) else "FAILED"))

    globals_env = template.get("Globals", {}).get("Function", {}).get("Environment", {})
    stale = []
    for name in sorted(functions):
        env = [functions[name]["Properties"].get("Environment", {}), globals_env]
        for parameter in referenced_parameters(env, declared):
            given = dict(values)
            given[parameter] = other_value(parameter, declared[parameter], values[parameter])
            if alias_versions(translate(template, given)).get(name) == versions.get(name):
                stale.append(f"{parameter} -> {name}")
    if stale:
        print("a new value of these parameters alone does NOT reach the live alias"
              " (SAM hashes the environment as written):")
        for line in stale:
            print("  " + line)
        if strict:
            failures.append(f"{len(stale)} parameter(s) do not reach the running functions alone")
    else:
        print("every parameter of a function's environment reaches its live alias: ok")

    for failure in failures:
        print("FAILED: " + failure)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
