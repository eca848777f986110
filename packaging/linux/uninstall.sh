#!/bin/sh
# Removes what install.sh installed for this user. Keeps the user's data folder
# ($XDG_DATA_HOME/LinliDesk, and LinliDesk-demo): the community's records outlive the program.
set -eu

lib="$HOME/.local/lib/linli"
bin="$HOME/.local/bin"
data="${XDG_DATA_HOME:-$HOME/.local/share}"
config="${XDG_CONFIG_HOME:-$HOME/.config}"

# Only our own launcher: a ~/.local/bin/linli the user made for something else stays.
if [ -f "$bin/linli" ] && grep -q "Linli Desk launcher" "$bin/linli" 2>/dev/null; then
    rm -f "$bin/linli"
fi
rm -f "$data/applications/linli.desktop" "$data/mime/packages/linli.xml"
rm -f "$data/icons/hicolor/scalable/apps/linli.svg"
rm -f "$data"/icons/hicolor/*/apps/linli.png
# The size folders install.sh made, if nothing else lives in them now.
for dir in "$data"/icons/hicolor/*/apps; do
    rmdir "$dir" "$(dirname "$dir")" 2>/dev/null || true
done
rmdir "$data/icons/hicolor" "$data/icons" 2>/dev/null || true
# The association xdg-mime wrote; the rest of the user's choices stay as they are.
for list in "$config/mimeapps.list" "$data/applications/mimeapps.list"; do
    if [ -f "$list" ]; then
        sed -i '/^application\/x-linli-bundle=linli\.desktop;\{0,1\}$/d' "$list"
    fi
done

if command -v update-mime-database >/dev/null 2>&1 && [ -d "$data/mime/packages" ]; then
    update-mime-database "$data/mime" >/dev/null 2>&1 || true
fi
if command -v update-desktop-database >/dev/null 2>&1 && [ -d "$data/applications" ]; then
    update-desktop-database "$data/applications" >/dev/null 2>&1 || true
fi

# Last: this script itself lives in $lib; the shell keeps reading it from its open file.
rm -rf "$lib" "$lib.new"
echo "Linli Desk is uninstalled. Your data is kept in $data/LinliDesk; delete that folder yourself if it is no longer needed."
