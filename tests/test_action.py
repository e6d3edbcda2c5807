"""The reusable GitHub Action (action.yml): valid metadata, and exit codes that never turn a
crash into a pass. The `run:` scripts are executed here with bash as GitHub runs them
(`bash --noprofile --norc -eo pipefail`), with a stand-in for contentlint."""

import json
import os
import re
import shutil
import stat
import subprocess

import jsonschema
import pytest
import yaml
from conftest import ROOT

ACTION = ROOT / "action.yml"
SCHEMA = ROOT / "tests" / "vendor" / "github-action.schema.json"


def action():
    return yaml.safe_load(ACTION.read_text(encoding="utf-8"))


def step(step_id=None, name=None):
    for s in action()["runs"]["steps"]:
        if (step_id and s.get("id") == step_id) or (name and s.get("name") == name):
            return s
    raise KeyError(step_id or name)


def test_action_yml_is_valid_against_the_schema():
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    jsonschema.Draft7Validator.check_schema(schema)
    jsonschema.Draft7Validator(schema).validate(action())


@pytest.mark.parametrize(
    "breakage", ["no shell", "no description", "unknown key", "output without value"]
)
def test_the_schema_rejects_broken_actions(breakage):
    """So that the test above proves something."""
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    doc = action()
    if breakage == "no shell":
        del next(s for s in doc["runs"]["steps"] if "run" in s)["shell"]
    elif breakage == "no description":
        del doc["inputs"]["paths"]["description"]
    elif breakage == "unknown key":
        doc["runs"]["steps"][0]["timeout"] = 5
    else:
        del doc["outputs"]["exit-code"]["value"]
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(doc, schema)


def test_references_point_at_real_inputs_and_steps():
    doc = action()
    text = ACTION.read_text(encoding="utf-8")
    inputs = set(re.findall(r"inputs\.([a-z0-9-]+)", text))
    assert inputs <= set(doc["inputs"]), inputs - set(doc["inputs"])
    ids = {s.get("id") for s in doc["runs"]["steps"]}
    assert set(re.findall(r"steps\.([a-z0-9-]+)\.outputs", text)) <= ids
    assert doc["runs"]["using"] == "composite"
    for s in doc["runs"]["steps"]:
        if "uses" in s:
            assert re.search(r"@v\d+$", s["uses"]), s["uses"]  # pinned to a major version
        if "run" in s:
            assert "${{" not in s["run"], s[
                "name"
            ]  # inputs reach scripts as env, never pasted into code


def test_it_installs_from_its_own_path_and_uploads_sarif_and_html():
    install = step("install")
    assert "github.action_path" in install["env"]["ACTION_PATH"]
    uses = {s["uses"].split("@")[0]: s for s in action()["runs"]["steps"] if "uses" in s}
    assert {
        "actions/setup-python",
        "github/codeql-action/upload-sarif",
        "actions/upload-artifact",
    } <= set(uses)
    assert "sarif-file" in uses["github/codeql-action/upload-sarif"]["with"]["sarif_file"]
    assert "html-file" in uses["actions/upload-artifact"]["with"]["path"]
    names = [s["name"] for s in action()["runs"]["steps"]]
    assert names[-1] == "Gate"  # a blocked article fails the job only after the uploads


FAKE = """#!/bin/bash
# Stands in for contentlint: writes the -o files unless told not to, then exits FAKE_CODE.
echo "$@" >> "$FAKE_LOG"
while [ $# -gt 0 ]; do
  if [ "$1" = "-o" ] && [ -z "${FAKE_NO_REPORTS:-}" ]; then echo report > "$2"; fi
  shift
done
if [ -n "${FAKE_TRACEBACK:-}" ]; then echo "Traceback (most recent call last):" >&2; exit 1; fi
exit "$FAKE_CODE"
"""


@pytest.fixture
def runner(tmp_path):
    if shutil.which("bash") is None:
        pytest.skip("needs bash")
    fake = tmp_path / "fake-contentlint"
    fake.write_text(FAKE)
    fake.chmod(fake.stat().st_mode | stat.S_IEXEC)

    def run(script_step, **env):
        output = tmp_path / "github_output"
        output.write_text("")
        script = tmp_path / "step.sh"
        script.write_text(script_step["run"])
        full_env = {
            **os.environ,
            "CONTENTLINT": str(fake),
            "PATHS": "content/ more/",
            "ARGS": "--select CL3",
            "REPORTS": "reports",
            "GITHUB_OUTPUT": str(output),
            "FAKE_LOG": str(tmp_path / "log"),
            "FAKE_CODE": "0",
            **env,
        }
        proc = subprocess.run(
            ["bash", "--noprofile", "--norc", "-eo", "pipefail", str(script)],
            cwd=tmp_path,
            env=full_env,
            capture_output=True,
            text=True,
        )
        outputs = dict(
            line.split("=", 1) for line in output.read_text().splitlines() if "=" in line
        )
        return proc, outputs

    return run


@pytest.mark.parametrize("code,blocked", [("0", "false"), ("1", "true")])
def test_exit_0_and_1_are_results(runner, tmp_path, code, blocked):
    proc, outputs = runner(step("check"), FAKE_CODE=code)
    assert proc.returncode == 0, proc.stdout + proc.stderr  # the reports still get uploaded
    assert outputs["exit-code"] == code and outputs["blocked"] == blocked
    assert outputs["sarif-file"].endswith(".sarif") and outputs["html-file"].endswith(".html")
    line = (tmp_path / "log").read_text().splitlines()[0]
    assert line.startswith(
        "check content/ more/ --select CL3 --no-progress -o reports/contentlint.sarif"
    )


@pytest.mark.parametrize(
    "env",
    [
        {"FAKE_CODE": "2"},
        {"FAKE_CODE": "3"},
        {"FAKE_CODE": "137"},
        {"FAKE_TRACEBACK": "1", "FAKE_NO_REPORTS": "1"},
        {"FAKE_CODE": "1", "FAKE_NO_REPORTS": "1"},
    ],
)
def test_anything_else_fails_before_the_uploads(runner, env):
    proc, outputs = runner(step("check"), **env)
    assert proc.returncode != 0
    assert "::error" in proc.stdout
    assert "exit-code" not in outputs  # later steps see no result, and upload nothing


def test_paths_are_not_globbed(runner, tmp_path):
    (tmp_path / "x.md").write_text("")
    runner(step("check"), PATHS="*.md")
    assert (tmp_path / "log").read_text().split()[1] == "*.md"


def test_annotations_step_fails_on_a_crash_only(runner):
    annotate = step(name="Annotate findings")
    assert runner(annotate, FAKE_CODE="1")[0].returncode == 0
    assert runner(annotate, FAKE_CODE="2")[0].returncode != 0


def test_the_gate_fails_only_when_blocked():
    gate = step(name="Gate")
    assert "steps.check.outputs.exit-code == '1'" in gate["if"] and "fail-on-blocked" in gate["if"]
    proc = subprocess.run(
        ["bash", "-eo", "pipefail", "-c", gate["run"]], capture_output=True, text=True
    )
    assert proc.returncode == 1


def test_docs_use_only_inputs_the_action_has():
    docs = (ROOT / "docs" / "ci.md").read_text(encoding="utf-8")
    inputs = set(action()["inputs"])
    blocks = re.findall(r"```yaml\n(.*?)```", docs, re.DOTALL)
    used = 0
    for block in blocks:
        doc = yaml.safe_load(block)
        for job in (doc or {}).get("jobs", {}).values():
            for s in job.get("steps", []):
                if "contentlint@" in s.get("uses", ""):
                    used += 1
                    assert set(s.get("with", {})) <= inputs, set(s.get("with", {})) - inputs
    assert used >= 1
