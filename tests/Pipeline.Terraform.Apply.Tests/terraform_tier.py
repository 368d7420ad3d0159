#!/usr/bin/env python3
"""The Terraform tier: the generated module, checked by Terraform itself against a local AWS emulator (moto).

For one project's artifacts folder: terraform init (offline provider), validate (0 errors, 0 warnings), then per
environment: plan, apply, re-plan with -detailed-exitcode (must show no changes), destroy. Prints progress lines and,
last, one JSON report line (prefixed with "REPORT ") that the xunit tier asserts on.

The emulator's limits are handled in the open, never silently; each is listed in the report with its reason:
  - SKIPPED_TYPES: resource types whose API moto does not implement (applied nowhere here; planned and validated only).
  - DEFERRED_TYPES: applied last, after the no-changes re-plan of everything else: moto evaluates the TLS-only bucket
    policies' Deny against every object call (even over https), so the script uploads could not be read back after them.
  - EMULATOR_DRIFT: attributes moto does not persist, so a re-plan shows them as changed although AWS keeps them.
usage: terraform_tier.py --artifacts DIR --work DIR --plugin-dir DIR [--account 123456789012]
"""
import argparse, json, os, shutil, socket, subprocess, sys, threading, time, urllib.request

SKIPPED_TYPES = {
    "aws_glue_data_quality_ruleset": "moto implements no Glue Data Quality API (CreateDataQualityRuleset never answers)",
}
DEFERRED_TYPES = {
    "aws_s3_bucket_policy": "moto applies the TLS-only Deny to every object call even over https; bucket policies are applied after the re-plan of the rest",
}
# (resource type, attribute path): reason. A re-plan change is tolerated only when every changed attribute is listed here.
EMULATOR_DRIFT = {
    ("aws_s3_bucket_notification", "eventbridge"): "moto does not persist the EventBridge flag of a bucket notification",
    ("aws_glue_workflow", "tags"): "moto does not return Glue workflow tags",
    ("aws_glue_workflow", "tags_all"): "moto does not return Glue workflow tags",
}
# The emulator answers at once; Terraform's default of 10 concurrent operations leaves most of the time waiting.
PARALLELISM = "32"
SERVICES = ["s3", "iam", "kms", "sts", "glue", "sns", "sqs", "cloudwatch", "logs", "events", "scheduler"]


def log(message):
    print(message, flush=True)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Moto:
    def __init__(self, work):
        self.port = free_port()
        self.log = open(os.path.join(work, "moto.log"), "w")
        self.process = subprocess.Popen(["moto_server", "-H", "127.0.0.1", "-p", str(self.port)], stdout=self.log, stderr=subprocess.STDOUT)
        self.url = f"http://127.0.0.1:{self.port}"
        for _ in range(100):
            try:
                urllib.request.urlopen(self.url + "/moto-api/", timeout=1)
                return
            except Exception:
                time.sleep(0.2)
        raise RuntimeError("moto_server did not start")

    def stop(self):
        self.process.terminate()
        self.process.wait(10)
        self.log.close()


class Terraform:
    def __init__(self, directory, env, logs):
        self.directory = directory
        self.env = env
        self.logs = logs
        self.count = 0
        os.makedirs(logs, exist_ok=True)

    def run(self, *args, ok=(0,), timeout=900):
        started = time.time()
        extra = ["-parallelism=" + PARALLELISM] if args[0] in ("apply", "destroy", "plan") else []
        result = subprocess.run(["terraform", *args, *extra, "-no-color"], cwd=self.directory, env=self.env, capture_output=True, text=True, timeout=timeout)
        self.count += 1
        with open(os.path.join(self.logs, f"{self.count:02d}-{args[0]}.log"), "w") as f:
            f.write(" ".join(["terraform", *args[:3]]) + "\n" + result.stdout + result.stderr)
        if result.returncode not in ok:
            tail = "\n".join((result.stdout + result.stderr).strip().splitlines()[-60:])
            raise TierError(f"terraform {args[0]} exited {result.returncode}:\n{tail}")
        return result, time.time() - started


class TierError(Exception):
    pass


def override(url):
    endpoints = {service: url for service in SERVICES}
    return {"provider": {"aws": {
        "access_key": "test", "secret_key": "test",
        "skip_credentials_validation": True, "skip_metadata_api_check": True, "s3_use_path_style": True,
        "endpoints": endpoints,
    }}}


def managed(plan):
    return [r for r in plan.get("resource_changes", []) if r["mode"] == "managed"]


def changed_paths(before, after, prefix=""):
    """Attribute paths whose values differ (top-level and nested keys)."""
    if isinstance(before, dict) and isinstance(after, dict):
        paths = []
        for key in sorted(set(before) | set(after)):
            paths += changed_paths(before.get(key), after.get(key), key if not prefix else prefix + "." + key)
        return paths
    return [] if before == after else [prefix]


def drift(tf, variables, targets):
    """Re-plan with -detailed-exitcode; returns (real changes, tolerated emulator drift)."""
    result, _ = tf.run("plan", "-input=false", "-detailed-exitcode", "-out=replan.tfplan", *variables, *targets, ok=(0, 2))
    if result.returncode == 0:
        return [], []
    shown, _ = tf.run("show", "-json", "replan.tfplan")
    real, tolerated = [], []
    for change in managed(json.loads(shown.stdout)):
        actions = change["change"]["actions"]
        if actions == ["no-op"] or actions == ["read"]:
            continue
        paths = changed_paths(change["change"].get("before") or {}, change["change"].get("after") or {})
        unknown = change["change"].get("after_unknown") or {}
        paths += [p for p in changed_paths({}, unknown) if p not in paths]
        reasons = [EMULATOR_DRIFT.get((change["type"], p.split(".")[0])) for p in paths]
        entry = {"address": change["address"], "actions": actions, "attributes": paths}
        if actions == ["update"] and paths and all(reasons):
            entry["reason"] = "; ".join(sorted(set(reasons)))
            tolerated.append(entry)
        else:
            real.append(entry)
    return real, tolerated


def purge_buckets(url):
    """Deletes every object version in the emulator, so versioned buckets can be destroyed (force_destroy is false)."""
    import boto3
    s3 = boto3.client("s3", endpoint_url=url, aws_access_key_id="test", aws_secret_access_key="test", region_name="us-east-1")
    for bucket in s3.list_buckets().get("Buckets", []):
        name = bucket["Name"]
        for page in s3.get_paginator("list_object_versions").paginate(Bucket=name):
            for item in page.get("Versions", []) + page.get("DeleteMarkers", []):
                s3.delete_object(Bucket=name, Key=item["Key"], VersionId=item["VersionId"])


def run_environment(name, options, env, report):
    """Plan, apply, re-plan and destroy one environment, in its own copy of the module against its own emulator."""
    outcome = {"planned": 0, "applied": 0, "skipped": [], "deferred": [], "changes_after_apply": [], "emulator_drift": [],
               "destroyed": False, "seconds": {}, "error": None}
    report["environments"][name] = outcome
    work = os.path.join(options.work, "env-" + name)
    shutil.copytree(os.path.join(options.work, "artifacts"), work)
    module = os.path.join(work, "terraform")
    tf = Terraform(module, env, os.path.join(work, "logs"))
    moto = Moto(work)
    try:
        with open(os.path.join(module, "zz_tier_override.tf.json"), "w") as f:
            json.dump(override(moto.url), f)
        tf.run("init", "-input=false", "-plugin-dir=" + options.plugin_dir)
        variables = ["-var-file=environments/" + name + ".tfvars.json", "-var", "aws_account_id=" + options.account]
        _, outcome["seconds"]["plan"] = tf.run("plan", "-input=false", "-out=plan.tfplan", *variables)
        shown, _ = tf.run("show", "-json", "plan.tfplan")
        addresses = [r["address"] for r in managed(json.loads(shown.stdout)) if "create" in r["change"]["actions"]]
        outcome["planned"] = len(addresses)
        skipped = [a for a in addresses if a.split(".")[0] in SKIPPED_TYPES]
        # The log bucket's policy is not deferred: access logging is accepted only once it is in place, and nothing here
        # reads objects of the log bucket.
        deferred = [a for a in addresses if a.split(".")[0] in DEFERRED_TYPES and a != "aws_s3_bucket_policy.zone_logs"]
        first = [a for a in addresses if a not in skipped and a not in deferred]
        outcome["skipped"], outcome["deferred"] = skipped, deferred
        log(f"{name}: plan {len(addresses)} to add; apply {len(first)}, then {len(deferred)} deferred, {len(skipped)} skipped")

        targets = ["-target=" + a for a in first]
        _, outcome["seconds"]["apply"] = tf.run("apply", "-input=false", "-auto-approve", *variables, *targets)
        real, tolerated = drift(tf, variables, targets)
        if deferred:
            deferred_targets = ["-target=" + a for a in deferred]
            tf.run("apply", "-input=false", "-auto-approve", *variables, *deferred_targets)
            more_real, more_tolerated = drift(tf, variables, deferred_targets)
            real += more_real
            tolerated += more_tolerated
        outcome["applied"] = len(first) + len(deferred)
        outcome["changes_after_apply"], outcome["emulator_drift"] = real, tolerated
        log(f"{name}: re-plan after apply: {len(real)} changes, {len(tolerated)} emulator drift")

        # Destroy: the bucket policies first (so the emulator allows object calls again), then every object version (the
        # buckets are versioned and force_destroy is false), then the rest.
        policies = [a for a in addresses if a.split(".")[0] == "aws_s3_bucket_policy"]
        if policies:
            tf.run("destroy", "-input=false", "-auto-approve", *variables, *["-target=" + a for a in policies])
        purge_buckets(moto.url)
        _, outcome["seconds"]["destroy"] = tf.run("destroy", "-input=false", "-auto-approve", *variables)
        outcome["destroyed"] = True
        log(f"{name}: destroyed ({', '.join(f'{k} {v:.0f} s' for k, v in outcome['seconds'].items())})")
    except TierError as error:
        outcome["error"] = str(error)
    except subprocess.TimeoutExpired as error:
        outcome["error"] = f"timed out: {' '.join(error.cmd)}"
    except Exception as error:  # the emulator's or boto3's own errors: reported, not a traceback
        outcome["error"] = f"{type(error).__name__}: {error}"
    finally:
        moto.stop()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--artifacts", required=True)
    parser.add_argument("--work", required=True)
    parser.add_argument("--plugin-dir", required=True)
    parser.add_argument("--account", default="123456789012")
    parser.add_argument("--environments", default="")
    options = parser.parse_args()

    report = {"validate": None, "environments": {}, "skipped_types": SKIPPED_TYPES, "deferred_types": DEFERRED_TYPES,
              "emulator_drift": {f"{t}.{a}": r for (t, a), r in EMULATOR_DRIFT.items()}, "error": None}
    shutil.rmtree(options.work, ignore_errors=True)
    shutil.copytree(options.artifacts, os.path.join(options.work, "artifacts"))
    module = os.path.join(options.work, "artifacts", "terraform")
    env = dict(os.environ, TF_IN_AUTOMATION="1", TF_INPUT="0", CHECKPOINT_DISABLE="1",
               TF_CLI_CONFIG_FILE=os.devnull, AWS_EC2_METADATA_DISABLED="true")
    for key in ["AWS_PROFILE", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN"]:
        env.pop(key, None)
    try:
        # Validate the module exactly as generated (no override file yet).
        scratch = os.path.join(options.work, "validate")
        shutil.copytree(os.path.join(options.work, "artifacts"), scratch)
        tf = Terraform(os.path.join(scratch, "terraform"), env, os.path.join(options.work, "logs"))
        tf.run("init", "-input=false", "-backend=false", "-plugin-dir=" + options.plugin_dir)
        result, _ = tf.run("validate", "-json", ok=(0, 1))
        validation = json.loads(result.stdout)
        diagnostics = [{"severity": d["severity"], "summary": d["summary"], "detail": d.get("detail", ""),
                        "address": d.get("address", ""), "range": (d.get("range") or {}).get("filename", "")}
                       for d in validation.get("diagnostics", [])]
        report["validate"] = {"valid": validation.get("valid"), "errors": validation.get("error_count"),
                              "warnings": validation.get("warning_count"), "diagnostics": diagnostics}
        log(f"validate: {validation.get('error_count')} errors, {validation.get('warning_count')} warnings")
        if not validation.get("valid"):
            raise TierError("terraform validate failed")

        environments = sorted(f[:-len(".tfvars.json")] for f in os.listdir(os.path.join(module, "environments")) if f.endswith(".tfvars.json"))
        if options.environments:
            environments = [e for e in environments if e in options.environments.split(",")]
        # Environments run side by side: most of an apply is the provider waiting for AWS consistency, not CPU.
        threads = [threading.Thread(target=run_environment, args=(name, options, env, report)) for name in environments]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    except TierError as error:
        report["error"] = str(error)
    except subprocess.TimeoutExpired as error:
        report["error"] = f"timed out: {' '.join(error.cmd)}"
    except Exception as error:
        report["error"] = f"{type(error).__name__}: {error}"
    print("REPORT " + json.dumps(report), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
