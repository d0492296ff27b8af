#!/usr/bin/env python3
"""Compile time of N Twilio-shaped endpoint declarations: `#[twilio_endpoint]` against the same
structs with only `#[derive(serde::Serialize, serde::Deserialize)]`.

Runnable on a fresh clone with Python 3 and the Rust toolchain (the first run fetches crates):

    python3 benches/scripts/compile_time.py            # N = 200, 3 runs, -j2
    python3 benches/scripts/compile_time.py --n 50 --runs 1 --keep

It writes two crates into a temporary folder, each with its own target directory:

- `endpoints-attr`: N structs with `#[twilio_endpoint(...)]` (path dependency on this checkout's
  `runtime/`, named `twilio-endpoint`): the Endpoint impl, the typed builder and `send`.
- `endpoints-serde`: the same structs, fields and docs with only
  `#[derive(serde::Serialize, serde::Deserialize)]` and `#[serde(rename_all = "PascalCase")]`.

Each struct has 5 to 40 fields shaped like Twilio's: SIDs in the path, required and optional form
parameters, optional query parameters, lists sent as repeated keys, URIs, renamed parameters
(`StartTime>`), numbers and booleans. The declarations are the same on every run (fixed seed).

Figures, each the median of --runs runs (dev profile, `cargo build -j2`), the variants alternating,
as wall-clock time and as CPU time (user + system of cargo and every rustc it ran, which other
processes on a shared machine do not inflate the way they inflate wall-clock time):

1. macro build excluded: every dependency built once beforehand; each run cleans only the
   generated crate (`cargo clean -p`) and times its build.
2. macro build included: (1) plus a clean build of the macro crate alone with its own
   dependencies, in a target directory of its own: `twilio-endpoint-macros` (proc-macro2, quote,
   syn) against `serde_derive` (the same three). The runtime library's own dependencies (reqwest,
   ...) are not a macro's cost and stay out of both.
3. with --full: a clean build of everything each crate needs, runtime and HTTP stack included.

It also prints each macro crate's dependency count (`cargo tree -e normal`).

With `--against DIR` (another checkout of this repository, such as `git worktree add DIR REV`),
a third crate declares the same endpoints against DIR's runtime and macro, in the same runs, so a
change to the generated code is measured before and after under the same load.
"""

import argparse
import os
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]

# Parameter names of Twilio's 2010 API, for fields that read like Twilio's.
NAMES = """to from body status_callback status_callback_method friendly_name media_url max_price
provide_feedback attempt validity_period force_delivery content_retention address_retention
smart_encoded persistent_action shorten_urls schedule_type send_at send_as_mms content_variables
risk_check url method fallback_url fallback_method status_callback_event caller_id send_digits
timeout record recording_channels recording_status_callback sip_auth_username sip_auth_password
machine_detection machine_detection_timeout trim time_limit twiml application_sid
voice_url voice_method sms_url sms_method area_code contains beta near_number distance
in_postal_code in_region in_rate_center in_lata in_locality fax_enabled emergency_address_sid
bundle_sid identity_sid address_sid trunk_sid voice_receive_mode sms_fallback_url
recording_status_callback_method recording_status_callback_event byoc call_reason
call_token async_amd async_amd_status_callback transcribe transcription_configuration
""".split()

# Twilio SID prefixes for path placeholders.
PREFIXES = ["CA", "PK", "SM", "MM", "RE", "CF", "QU", "PN", "AP", "SK", "TR", "AD"]
RESOURCES = ["Calls", "Payments", "Messages", "Media", "Recordings", "Conferences", "Queues",
             "IncomingPhoneNumbers", "Applications", "Keys", "Transcriptions", "Addresses"]

# A field's type by a roll in [0, 1): (the roll's upper bound, type, `#[twilio(..)]` options).
# POST parameters go in the form, GET and DELETE parameters in the query; "renamed" is an
# optional `StartTime>`-style parameter.
FORM = [(0.08, "String", []), (0.14, "String", ["uri"]), (0.55, "Option<String>", []),
        (0.65, "Option<u32>", []), (0.80, "Option<bool>", []), (0.85, "Option<f64>", []),
        (1.0, "Vec<String>", [])]
QUERY = [(0.05, "renamed", []), (0.55, "Option<String>", []), (0.70, "Option<u32>", []),
         (0.80, "Option<bool>", []), (1.0, "Vec<String>", [])]


def pascal(snake):
    return "".join(part[:1].upper() + part[1:] for part in snake.split("_"))


class Field:
    def __init__(self, name, ty, attrs=(), rename=None, doc=None):
        self.name, self.ty, self.attrs, self.rename = name, ty, list(attrs), rename
        self.doc = doc or f"The `{rename or pascal(name)}` parameter."


def endpoint(i, rng):
    """One endpoint: (name, method, template, fields)."""
    method = rng.choices(["GET", "POST", "DELETE"], weights=[35, 50, 15])[0]
    total = rng.randint(5, 40)
    nested = rng.random() < 0.5
    prefix = rng.choice(PREFIXES)
    resource = f"{rng.choice(RESOURCES)}{i}"
    fields = [Field("account_sid", "String", ['sid = "AC"'])]
    template = "/2010-04-01/Accounts/<AccountSid>"
    if nested:
        fields.append(Field("call_sid", "String", ['sid = "CA"']))
        template += "/Calls/<CallSid>"
    template += f"/{resource}"
    instance = method == "DELETE" or rng.random() < 0.5
    if instance:
        fields.append(Field("sid", "String", [f'sid = "{prefix}"']))
        template += "/<Sid>"
    template += ".json"
    names = rng.sample(NAMES, len(NAMES))
    k = 0
    while len(fields) < total:
        name = names[k % len(names)] + ("" if k < len(names) else f"_{k // len(names)}")
        k += 1
        roll = rng.random()
        bound, ty, attrs = next(kind for kind in (FORM if method == "POST" else QUERY)
                                if roll < kind[0])
        if ty == "renamed":
            fields.append(Field(name + "_after", "Option<String>", rename=pascal(name) + ">"))
        else:
            fields.append(Field(name, ty, attrs))
    verb = {"GET": "Fetch" if instance else "List", "POST": "Update" if instance else "Create",
            "DELETE": "Delete"}[method]
    return f"{verb}{resource}", method, template, fields


def source(n, seed, attr):
    rng = random.Random(seed)
    out = ["//! Generated by benches/scripts/compile_time.py: do not edit.", ""]
    out.append("use twilio_endpoint::twilio_endpoint;\n" if attr else "")
    for i in range(n):
        name, method, template, fields = endpoint(i, rng)
        out.append(f"/// `{method} {template}`.")
        if attr:
            out.append(f'#[twilio_endpoint({method}, "{template}")]')
        else:
            out.append("#[derive(serde::Serialize, serde::Deserialize)]")
            out.append('#[serde(rename_all = "PascalCase")]')
        out.append(f"pub struct {name} {{")
        for f in fields:
            out.append(f"    /// {f.doc}")
            if attr:
                attrs = f.attrs + ([f'rename = "{f.rename}"'] if f.rename else [])
                if attrs:
                    out.append(f"    #[twilio({', '.join(attrs)})]")
            elif f.rename:
                out.append(f'    #[serde(rename = "{f.rename}")]')
            out.append(f"    pub {f.name}: {f.ty},")
        out.append("}")
        out.append("")
    return "\n".join(out)


def write_crate(root, name, n, seed, attr, repo=REPO):
    crate = root / name
    (crate / "src").mkdir(parents=True)
    runtime = (repo / "runtime").as_posix()
    dependency = (f'twilio-endpoint = {{ path = "{runtime}" }}' if attr
                  else 'serde = { version = "1", features = ["derive"] }')
    (crate / "Cargo.toml").write_text(f"""[package]
name = "{name}"
version = "0.0.0"
edition = "2021"
publish = false

[dependencies]
{dependency}

[workspace]
""")
    (crate / "src" / "lib.rs").write_text("#![allow(missing_docs)]\n" + source(n, seed, attr))
    # The checkout's lock file, so that both crates build the versions the project tests.
    shutil.copy(REPO / "Cargo.lock", crate / "Cargo.lock")
    return crate


def cargo(crate, target, *args, quiet=True):
    env = dict(os.environ, CARGO_TARGET_DIR=str(target), CARGO_TERM_COLOR="never")
    env.pop("RUSTFLAGS", None)
    result = subprocess.run(["cargo", *args], cwd=crate, env=env,
                            stdout=subprocess.PIPE if quiet else None,
                            stderr=subprocess.PIPE if quiet else None, text=True)
    if result.returncode != 0:
        sys.stderr.write(result.stderr or "")
        raise SystemExit(f"`cargo {' '.join(args)}` failed in {crate}")
    return result.stdout


def cpu_seconds():
    """User and system time of this process's finished children and their descendants."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def timed(crate, target, *args):
    """Wall-clock and CPU seconds of one cargo command."""
    start, cpu = time.monotonic(), cpu_seconds()
    cargo(crate, target, *args)
    return time.monotonic() - start, cpu_seconds() - cpu


def dependency_count(crate, target, package):
    """The crates `package` needs to build (normal dependencies, itself left out)."""
    tree = cargo(crate, target, "tree", "-p", package, "-e", "normal", "--prefix", "none")
    crates = {line.replace(" (*)", "").split(" (")[0].strip() for line in tree.splitlines()
              if line.strip()}
    return len(crates) - 1, sorted(c for c in crates if not c.startswith(package + " "))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=200, help="endpoint declarations (200)")
    parser.add_argument("--runs", type=int, default=3, help="runs per figure (3)")
    parser.add_argument("--jobs", type=int, default=2, help="cargo -j (2)")
    parser.add_argument("--seed", type=int, default=2010, help="declarations' seed (2010)")
    parser.add_argument("--full", action="store_true",
                        help="also time clean builds of everything each crate needs")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    parser.add_argument("--against", type=Path,
                        help="another checkout whose attribute is measured in the same runs")
    args = parser.parse_args()

    root = Path(tempfile.mkdtemp(prefix="twilio-endpoint-compile-"))
    jobs = f"-j{args.jobs}"
    try:
        variants = {
            "attr": (write_crate(root, "endpoints-attr", args.n, args.seed, True),
                     "twilio-endpoint-macros"),
            "serde": (write_crate(root, "endpoints-serde", args.n, args.seed, False),
                      "serde_derive"),
        }
        if args.against:
            variants["against"] = (write_crate(root, "endpoints-against", args.n, args.seed,
                                               True, args.against.resolve()),
                                   "twilio-endpoint-macros")
        print(f"{args.n} endpoint declarations in {root}", flush=True)
        print(f"rustc: {subprocess.run(['rustc', '-V'], capture_output=True, text=True).stdout.strip()}")

        # Dependencies built once; the first build may fetch crates.
        for key, (crate, _) in variants.items():
            cargo(crate, root / f"target-{key}", "build", jobs)

        excluded = {key: [] for key in variants}
        macro_alone = {key: [] for key in variants}
        full = {key: [] for key in variants}
        for run in range(args.runs):
            order = list(variants) if run % 2 == 0 else list(reversed(variants))
            for key in order:
                crate, macro = variants[key]
                target = root / f"target-{key}"
                cargo(crate, target, "clean", "-p", crate.name)
                excluded[key].append(timed(crate, target, "build", "--offline", jobs))
                alone = root / f"target-{key}-macro"
                shutil.rmtree(alone, ignore_errors=True)
                macro_alone[key].append(timed(crate, alone, "build", "--offline", jobs,
                                              "-p", macro))
                if args.full:
                    everything = root / f"target-{key}-full"
                    shutil.rmtree(everything, ignore_errors=True)
                    full[key].append(timed(crate, everything, "build", "--offline", jobs))
            print(f"run {run + 1}/{args.runs}: " + ", ".join(
                f"{key} {excluded[key][-1][0]:.2f}s (cpu {excluded[key][-1][1]:.2f}s)"
                f" + macro {macro_alone[key][-1][0]:.2f}s" for key in variants), flush=True)

        for clock, index in (("wall-clock", 0), ("CPU", 1)):
            med = {key: {"excluded": statistics.median(t[index] for t in excluded[key]),
                         "macro": statistics.median(t[index] for t in macro_alone[key])}
                   for key in variants}
            for key in variants:
                med[key]["included"] = med[key]["excluded"] + med[key]["macro"]
                if args.full:
                    med[key]["full"] = statistics.median(t[index] for t in full[key])
            print()
            print(f"Medians of {args.runs} runs, {clock} time, dev profile, cargo build {jobs}, "
                  f"N = {args.n}:")
            print()
            against = " | before (--against) | ratio before" if args.against else ""
            print(f"| figure | #[twilio_endpoint] | serde derive | ratio{against} |")
            print("| --- | --- | --- | ---" + (" | --- | ---" if args.against else "") + " |")
            rows = [("generated crate, macro build excluded", "excluded"),
                    ("macro crate alone, clean (with its dependencies)", "macro"),
                    ("generated crate, macro build included", "included")]
            if args.full:
                rows.append(("everything each crate needs, clean", "full"))
            for label, key in rows:
                a, s = med["attr"][key], med["serde"][key]
                line = f"| {label} | {a:.2f} s | {s:.2f} s | {a / s:.2f}"
                if args.against:
                    b = med["against"][key]
                    line += f" | {b:.2f} s | {b / s:.2f}"
                print(line + " |")
        print()
        for key, (crate, macro) in variants.items():
            count, names = dependency_count(crate, root / f"target-{key}", macro)
            print(f"{macro}: {count} dependencies ({', '.join(names)})")
    finally:
        if args.keep:
            print(f"kept {root}")
        else:
            shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
