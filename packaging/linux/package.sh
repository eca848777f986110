#!/bin/sh
# Makes the Linux downloads from a one-folder build (DIST_DIR holds the `linli` executable):
#   dist/linli-<version>-linux-x86_64.tar.zst   per-user install (install.sh, uninstall.sh)
#   dist/linli_<version>_amd64.deb              system-wide, if dpkg-deb is installed
# Usage: packaging/linux/package.sh DIST_DIR [OUT_DIR]   (OUT_DIR defaults to DIST_DIR's parent)
# LINLI_VERSION overrides the version read from desktop/__init__.py; LINLI_ZSTD_LEVEL the
# compression (19: smallest download; 3 for quick test builds).
set -eu

if [ $# -lt 1 ] || [ ! -x "$1/linli" ]; then
    echo "usage: $0 DIST_DIR [OUT_DIR]   (DIST_DIR/linli must be the built executable)" >&2
    exit 2
fi
dist=$(cd "$1" && pwd)
out=$(mkdir -p "${2:-$dist/..}" && cd "${2:-$dist/..}" && pwd)
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
icons="$root/resources/icons"
version=${LINLI_VERSION:-$(sed -n 's/^__version__ = "\(.*\)"$/\1/p' "$root/desktop/__init__.py")}
[ -n "$version" ] || { echo "package.sh: no version in desktop/__init__.py" >&2; exit 1; }
command -v zstd >/dev/null 2>&1 || { echo "package.sh: zstd is not installed (apt-get install zstd)" >&2; exit 1; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# Where the licence notices are: the third-party ones travel inside the build (resources/ is
# bundled as desktop/_resources; tests/packaging/test_frozen.py checks they are all there).
notices="Licences: Linli Desk is under the MIT licence (LICENSE). The components it carries
keep theirs; their notices are in linli/_internal/desktop/_resources/licenses/ (SQLCipher,
OpenSSL, sqlcipher3: the encrypted database), .../_resources/fonts/ (the font) and the
*.dist-info folders of linli/_internal/ (Python packages)."

# --- the per-user archive -----------------------------------------------------------------
name="linli-$version-linux-x86_64"
stage="$work/$name"
mkdir -p "$stage/share/icons"
cp -R "$dist" "$stage/linli"
cp "$here/install.sh" "$here/uninstall.sh" "$root/LICENSE" "$stage/"
chmod 755 "$stage/install.sh" "$stage/uninstall.sh"
cp "$here/linli.desktop" "$here/linli-mime.xml" "$stage/share/"
cp "$icons"/linli-*.png "$icons/linli.svg" "$stage/share/icons/"
cat > "$stage/README.txt" <<README
Linli Desk $version for Linux (64-bit)

Install (no administrator rights needed): open a terminal in this folder and run
    ./install.sh
Linli Desk then appears in the applications menu, and .linli files open with it.
Your data is kept in ~/.local/share/LinliDesk.
Uninstall: ~/.local/lib/linli/uninstall.sh (your data is kept).

$notices
README
tar -C "$work" --owner=0 --group=0 --numeric-owner -cf - "$name" \
    | zstd -q "-${LINLI_ZSTD_LEVEL:-19}" -T0 -o "$out/$name.tar.zst" -f
echo "$out/$name.tar.zst"

# --- the .deb -------------------------------------------------------------------------------
if ! command -v dpkg-deb >/dev/null 2>&1; then
    echo "package.sh: dpkg-deb is not installed; no .deb made" >&2
    exit 0
fi
deb="$work/deb"
mkdir -p "$deb/DEBIAN" "$deb/opt" "$deb/usr/bin" "$deb/usr/share/applications" \
    "$deb/usr/share/mime/packages" "$deb/usr/share/icons/hicolor/scalable/apps"
cp -R "$dist" "$deb/opt/linli"
ln -s /opt/linli/linli "$deb/usr/bin/linli"
cp "$here/linli.desktop" "$deb/usr/share/applications/linli.desktop"
cp "$here/linli-mime.xml" "$deb/usr/share/mime/packages/linli.xml"
cp "$icons/linli.svg" "$deb/usr/share/icons/hicolor/scalable/apps/linli.svg"
# Debian keeps a package's licences in /usr/share/doc/<package>/copyright: ours, and where
# the carried components' notices are (under /opt/linli).
mkdir -p "$deb/usr/share/doc/linli"
{ echo "$notices" | sed -e 's|linli/_internal|/opt/linli/_internal|g' -e 's|(LICENSE)|(below)|'; echo; cat "$root/LICENSE"; } \
    > "$deb/usr/share/doc/linli/copyright"
for png in "$icons"/linli-*.png; do
    size=$(basename "$png" .png); size=${size#linli-}
    mkdir -p "$deb/usr/share/icons/hicolor/${size}x${size}/apps"
    cp "$png" "$deb/usr/share/icons/hicolor/${size}x${size}/apps/linli.png"
done
# The frozen app carries Qt but not the system libraries Qt's xcb platform plugin links
# (readelf -d on PySide6/Qt/plugins/platforms/libqxcb.so and libQt6XcbQpa/Gui/Core/DBus).
# glibc: the newest symbol version any binary in the build asks for (PyInstaller copies
# some of the build host's own libraries, so this follows the host); without objdump, the
# host's glibc, which is never lower.
# The menu, MIME and icon caches are refreshed by dpkg triggers: no maintainer scripts.
glibc=""
if command -v objdump >/dev/null 2>&1; then
    glibc=$(find "$dist" -type f \( -name '*.so*' -o -perm -u+x \) -exec objdump -T {} + 2>/dev/null \
        | grep -o 'GLIBC_[0-9][0-9.]*' | sed 's/GLIBC_//' | sort -t. -k1,1n -k2,2n -k3,3n -u | tail -1)
fi
[ -n "$glibc" ] || glibc=$(getconf GNU_LIBC_VERSION 2>/dev/null | awk '{print $2}')
echo "package.sh: needs glibc >= ${glibc:-2.31}" >&2
depends="libc6 (>= ${glibc:-2.31}), libstdc++6, libgcc-s1, zlib1g, libzstd1,
 libglib2.0-0t64 | libglib2.0-0, libdbus-1-3, libfontconfig1, libfreetype6, libegl1, libgl1,
 libx11-6, libx11-xcb1, libxcb1, libxcb-cursor0, libxcb-icccm4, libxcb-image0, libxcb-keysyms1,
 libxcb-randr0, libxcb-render0, libxcb-render-util0, libxcb-shape0, libxcb-shm0, libxcb-sync1,
 libxcb-util1, libxcb-xfixes0, libxcb-xkb1, libxkbcommon0, libxkbcommon-x11-0"
size_kb=$(du -sk "$deb" | cut -f1)
cat > "$deb/DEBIAN/control" <<CONTROL
Package: linli
Version: $version
Architecture: amd64
Maintainer: Linli Desk <linli@localhost>
Installed-Size: $size_kb
Section: misc
Priority: optional
Depends: $(echo "$depends" | tr '\n' ' ' | tr -s ' ')
Description: offline desk app for neighbourhood community offices (邻里)
 Linli Desk keeps the roster of residents, visits and notices of a community
 office on one PC, without a network; bundles (.linli) carry data between PCs.
CONTROL
# Files owned by root and readable by all, whoever builds the package.
chmod -R u+rwX,go+rX,go-w "$deb"
dpkg-deb --root-owner-group -Zxz --build "$deb" "$out/linli_${version}_amd64.deb" >/dev/null
echo "$out/linli_${version}_amd64.deb"
