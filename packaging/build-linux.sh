#!/bin/sh
# The Linux build in one command, from the repository's root or anywhere:
#   packaging/build-linux.sh            one-folder build, smoke test, figures, downloads
# 1. dist/linli/ (clean) from packaging/linli.spec with the pinned tools of the `package` extra;
# 2. the smoke test of that build (tests/packaging/test_frozen.py), which must pass;
# 3. the figures as JSON lines: frozen_size_mb, frozen and installed start-up and their ratio,
#    build_s, and deb_size_mb when the downloads were made;
# 4. the downloads (.tar.zst, .deb) by packaging/linux/package.sh, when it is there.
# PYTHON picks the interpreter (default: python3 of the active venv); the venv must have the
# app installed with its extras: pip install -e ".[test,package]".
set -eu

root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
python=${PYTHON:-python3}

# A clean build: nothing left over from an older spec or dependency set.
rm -rf build/linli dist/linli
start=$(date +%s)
"$python" -m PyInstaller --noconfirm --clean --log-level WARN \
    --distpath dist --workpath build packaging/linli.spec
build_s=$(( $(date +%s) - start ))
[ -x dist/linli/linli ] || { echo "build-linux.sh: dist/linli/linli was not built" >&2; exit 1; }

# The smoke test runs the frozen program offscreen, outside the checkout.
QT_QPA_PLATFORM=offscreen "$python" -m pytest tests/packaging/test_frozen.py -q

# Hook for the downloads: packaging/linux/package.sh makes the .tar.zst and the .deb.
deb_line=""
if [ -f packaging/linux/package.sh ]; then
    rm -f dist/linli_*_amd64.deb dist/linli-*-linux-*.tar.zst  # no figure from an old build
    sh packaging/linux/package.sh dist/linli dist
    for deb in dist/linli_*_amd64.deb; do
        [ -f "$deb" ] || continue
        deb_line=$("$python" -c 'import json, os, sys; print(json.dumps({"figure": "deb_size_mb",
"value": round(os.path.getsize(sys.argv[1]) / 1e6, 1), "file": sys.argv[1]}))' "$deb")
    done
fi

"$python" -m tests.packaging.frozen figures
echo "{\"figure\": \"build_s\", \"value\": $build_s}"
[ -z "$deb_line" ] || echo "$deb_line"
