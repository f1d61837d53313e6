#!/usr/bin/env bash
# Wenyuan's one entry point.
#   ./build.sh demo    install what is missing, build, make the sample archive and show it
#   ./build.sh test    install what is missing, build, run every test
#   ./build.sh build   install what is missing and build (binaries land in build/bin/)
#   ./build.sh bench   build, then run every benchmark program (build/bin/bench_*)
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$here"
build_dir="$here/build"
jobs="$(nproc 2>/dev/null || echo 2)"

say() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }
die() { printf 'build.sh: %s\n' "$*" >&2; exit 1; }

# Installs the Debian packages listed in deps/debian-packages.txt that are not installed yet.
# A machine that has them all makes no network access.
install_dependencies() {
    local wanted=() missing=()
    mapfile -t wanted < <(sed -e 's/#.*//' -e 's/[[:space:]]//g' deps/debian-packages.txt | grep -v '^$')
    for package in "${wanted[@]}"; do
        if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed'; then
            missing+=("$package")
        fi
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    say "installing Debian packages: ${missing[*]}"
    local sudo=()
    if [ "$(id -u)" -ne 0 ]; then
        command -v sudo >/dev/null || die "missing packages (${missing[*]}) and no sudo: install them as root"
        sudo=(sudo)
    fi
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
}

configure_and_build() {
    install_dependencies
    if [ ! -f "$build_dir/build.ninja" ]; then
        say "configuring"
        cmake -S . -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo
    fi
    say "building with $jobs jobs"
    cmake --build "$build_dir" -j "$jobs"
}

# Runs a command under a virtual X display when there is no real one (for GL tests and the kiosk).
with_display() {
    if [ -z "${DISPLAY:-}" ] && command -v xvfb-run >/dev/null; then
        LIBGL_ALWAYS_SOFTWARE=1 xvfb-run -a -s "-screen 0 1920x1080x24" "$@"
    else
        "$@"
    fi
}

run_tests() {
    configure_and_build
    say "running tests"
    with_display ctest --test-dir "$build_dir" --output-on-failure -j "$jobs" --timeout 600
}

run_demo() {
    configure_and_build
    say "making the sample archive"
    cmake --build "$build_dir" --target sample_archive
    local archive="$build_dir/samples/village-museum"
    local wenyuan="$build_dir/bin/wenyuan"
    local kiosk="$build_dir/bin/wenyuan-kiosk"
    [ -x "$kiosk" ] || die "$kiosk was not built; see the build output above"
    "$wenyuan" verify "$archive"
    if [ -n "${DISPLAY:-}" ]; then
        say "the kiosk, fullscreen: to leave, press Esc (or tap the bottom-left corner 5 times) and enter the admin PIN (0000 until set with wenyuan-kiosk --set-pin)"
        exec "$kiosk" "$archive"
    fi
    with_display "$kiosk" "$archive" --screenshot "$build_dir/demo.png" --size 1280x800 --frames 30
    say "no display: the kiosk's first screen is in $build_dir/demo.png"
}

run_bench() {
    configure_and_build
    local found=0
    for bench in "$build_dir"/bin/bench_*; do
        [ -x "$bench" ] || continue
        found=1
        say "$(basename "$bench")"
        "$bench"
    done
    [ $found -eq 1 ] || die "no benchmark programs in $build_dir/bin"
}

case "${1:-}" in
    demo) run_demo ;;
    test) run_tests ;;
    build) configure_and_build ;;
    bench) run_bench ;;
    *) echo "usage: ./build.sh demo|test|build|bench" >&2; exit 2 ;;
esac
