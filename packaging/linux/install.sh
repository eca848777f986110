#!/bin/sh
# Installs Linli Desk for the current user only: no administrator rights, no Python.
#   program   ~/.local/lib/linli/          launcher  ~/.local/bin/linli
#   menu      $XDG_DATA_HOME/applications/linli.desktop (with the icon)
#   .linli    $XDG_DATA_HOME/mime/packages/linli.xml, opened with Linli Desk
# Run it again to upgrade. The user's data (~/.local/share/LinliDesk) is never touched.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
lib="$HOME/.local/lib/linli"
bin="$HOME/.local/bin"
data="${XDG_DATA_HOME:-$HOME/.local/share}"

if [ ! -x "$here/linli/linli" ]; then
    echo "install.sh: $here/linli/linli is missing; unpack the whole archive and run install.sh from it." >&2
    exit 1
fi
case "$lib" in
    *'"'* | *'`'* | *'$'* | *'\'*)
        # A .desktop Exec line cannot carry these safely; no ordinary home folder has them.
        echo "install.sh: the home folder $HOME contains \" \` \$ or \\; cannot write a menu entry for it." >&2
        exit 1 ;;
esac

mkdir -p "$HOME/.local/lib" "$bin" "$data/applications" "$data/mime/packages"
# The new program is copied next to the old one and swapped in, so an interrupted copy
# never leaves a half-installed program in place of a working one.
rm -rf "$lib.new"
cp -R "$here/linli" "$lib.new"
cp "$here/uninstall.sh" "$lib.new/uninstall.sh"
rm -rf "$lib"
mv "$lib.new" "$lib"

cat > "$bin/linli" <<LAUNCHER
#!/bin/sh
# Linli Desk launcher (written by install.sh; removed by $lib/uninstall.sh)
exec "$lib/linli" "\$@"
LAUNCHER
chmod 755 "$bin/linli"

sed "s|^Exec=.*|Exec=\"$lib/linli\" %f|" "$here/share/linli.desktop" > "$data/applications/linli.desktop"
cp "$here/share/linli-mime.xml" "$data/mime/packages/linli.xml"
for png in "$here"/share/icons/linli-*.png; do
    size=$(basename "$png" .png); size=${size#linli-}
    mkdir -p "$data/icons/hicolor/${size}x${size}/apps"
    cp "$png" "$data/icons/hicolor/${size}x${size}/apps/linli.png"
done
mkdir -p "$data/icons/hicolor/scalable/apps"
cp "$here/share/icons/linli.svg" "$data/icons/hicolor/scalable/apps/linli.svg"

# The desktop's caches, each only if its tool is installed (the files above work without them
# after the next log-in).
if command -v update-mime-database >/dev/null 2>&1; then
    update-mime-database "$data/mime" >/dev/null 2>&1 || true
fi
if command -v update-desktop-database >/dev/null 2>&1; then
    update-desktop-database "$data/applications" >/dev/null 2>&1 || true
fi
if command -v gtk-update-icon-cache >/dev/null 2>&1 && [ -f "$data/icons/hicolor/index.theme" ]; then
    gtk-update-icon-cache -q -t "$data/icons/hicolor" >/dev/null 2>&1 || true
fi
if command -v xdg-mime >/dev/null 2>&1; then
    xdg-mime default linli.desktop application/x-linli-bundle >/dev/null 2>&1 || true
fi

echo "Linli Desk is installed. Start it from the applications menu, or run: $bin/linli"
case ":$PATH:" in
    *":$bin:"*) ;;
    *) echo "($bin is not on your PATH yet; the menu entry works anyway.)" ;;
esac
echo "To uninstall: $lib/uninstall.sh (your data in $data/LinliDesk is kept)."
