#!/usr/bin/env python3
"""Copies the reference tables (reference/rest-scopes/, generated from Microsoft's
MIT-licensed repositories, see README.md here) into the trimmed form the calculator
reads: only the fields it uses, one element per line. Scopes of az/Terraform calls are
not copied: build/rest_scopes.rs joins them from operations.json on (area, operationId),
so the three tables cannot disagree.

    python3 trim.py /path/to/reference/rest-scopes
"""
import json, sys, os

src = sys.argv[1]
here = os.path.dirname(os.path.abspath(__file__))

def load(name):
    with open(os.path.join(src, name), encoding="utf-8") as f:
        return json.load(f)

def write(name, rows):
    with open(os.path.join(here, name), "w", encoding="utf-8") as f:
        f.write("[\n")
        f.write(",\n".join(json.dumps(r, ensure_ascii=False, separators=(",", ":")) for r in rows))
        f.write("\n]\n")

ops = []
for o in load("operations.json"):
    row = {k: o[k] for k in ("area", "method", "host", "path", "operationId", "scopes")}
    for k in ("optionalPathParams", "auth"):
        if k in o:
            row[k] = o[k]
    ops.append(row)
write("operations.json", ops)

def calls(entry):
    return [{"area": c["area"], "operationId": c["operationId"], "sdk": c["client"] + "." + c["method"]}
            for c in entry["calls"]]

def unmapped(entry):
    return [{"sdk": u["client"] + "." + u["method"], "reason": u["reason"]} for u in entry["unmapped"]]

az = []
for c in load("az-cli.json"):
    row = {"command": c["command"], "calls": calls(c), "unmapped": unmapped(c)}
    if c.get("externalProcesses"):
        row["externalProcesses"] = c["externalProcesses"]
    az.append(row)
write("az-cli.json", az)

tf = []
for t in load("terraform.json"):
    row = {"resource": t["resource"], "kind": t["kind"], "calls": calls(t), "unmapped": unmapped(t),
           "readScopes": t["phases"].get("read", {}).get("scopes", [])}
    if t.get("docsSays"):
        row["docsSays"] = t["docsSays"]
    tf.append(row)
write("terraform.json", tf)
