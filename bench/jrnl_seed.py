"""Run with jrnl's own Python (bench/.venv-jrnl): write an encrypted jrnl journal
holding given entries, with jrnl's own encryption class, and its config file.

argv: config path, journal path, entries file (JSON list of [ISO time, text]);
the password comes on stdin (never in argv or the environment)."""

import json
import sys
from datetime import datetime

from jrnl.__version__ import __version__
from jrnl.config import get_default_config, save_config
from jrnl.encryption import determine_encryption_method_for_writing

config_path, journal_path, entries_path = sys.argv[1:4]
password = sys.stdin.readline().rstrip("\n")
config = get_default_config()
config.update(journals={"default": {"journal": journal_path, "encrypt": True}},
              encrypt=True, editor="", highlight=False, version=__version__)
save_config(config, config_path)
lines = []
for when, text in json.load(open(entries_path, encoding="utf-8")):
    stamp = datetime.fromisoformat(when).strftime(config["timeformat"])
    lines.append(f"[{stamp}] {text}\n")
method = determine_encryption_method_for_writing(True)("default", config)
method.password = password
with open(journal_path, "wb") as out:
    out.write(method.encrypt("\n".join(lines)))
print(f"{len(lines)} entries, {method.version}")
