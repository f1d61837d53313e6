#!/usr/bin/env bash
# usage: install_and_embed.sh <build-dir> <source-dir>
set -euo pipefail
build="$1"
source="$2"
work="$(mktemp -d)"
trap 'chmod -R u+w "$work"; rm -rf "$work"' EXIT

cmake --install "$build" --prefix "$work/prefix" > /dev/null
printf '青石村志 1958\n' > "$work/input.txt"
expected="$(sha256sum "$work/input.txt" | cut -d' ' -f1)"

# 1. CMake: find_package(Wenyuan)
cmake -S "$source/samples/embed" -B "$work/cmake-build" -G Ninja -DCMAKE_PREFIX_PATH="$work/prefix" > /dev/null
cmake --build "$work/cmake-build" > /dev/null
got="$("$work/cmake-build/embed" "$work/archive-cmake" "$work/input.txt")"
[ "$got" = "$expected" ] || { echo "find_package build printed '$got', expected '$expected'"; exit 1; }

# 2. pkg-config
export PKG_CONFIG_PATH="$(dirname "$(find "$work/prefix" -name wenyuan.pc)")"
# shellcheck disable=SC2046
g++ -o "$work/embed-pc" "$source/samples/embed/main.cpp" $(pkg-config --cflags --libs wenyuan)
got="$("$work/embed-pc" "$work/archive-pc" "$work/input.txt")"
[ "$got" = "$expected" ] || { echo "pkg-config build printed '$got', expected '$expected'"; exit 1; }

# The archives the installed library wrote verify with our own CLI.
"$build/bin/wenyuan" verify "$work/archive-cmake" > /dev/null
echo "install_and_embed: ok ($expected)"
