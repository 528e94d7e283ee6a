# Shared by scripts/*: repository paths, quiet logging, and idempotent installation of what the
# project needs from Debian (apt-get) and npm. Sourced, not run.
set -euo pipefail

LAYOUTD_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
LAYOUTD_BUILD="${LAYOUTD_BUILD:-$LAYOUTD_ROOT/build}"
export LAYOUTD_ROOT LAYOUTD_BUILD

say() { printf '%s\n' "$*" >&2; }

# Debian packages to build, run and test layoutd.
LAYOUTD_APT_BUILD=(
  g++ cmake ninja-build pkg-config
  libgdal-dev gdal-bin libgeos-dev libproj-dev proj-data proj-bin libsqlite3-dev zlib1g-dev
  libboost-dev libboost-program-options-dev nlohmann-json3-dev libyaml-cpp-dev libpq-dev
  protobuf-compiler libprotobuf-dev
  libgtest-dev libgmock-dev libbenchmark-dev ccache
)

# The Release tree's configuration, the same for scripts/serve and scripts/test, so that either
# reuses what the other built (a different option would recompile everything).
LAYOUTD_RELEASE_ARGS=(-DLAYOUTD_WERROR=ON)

# Debian packages the tests run besides the build's: a throw-away PostgreSQL + PostGIS for the
# PostGIS store test (tests/support/pg_cluster.*) and wrk for the reload-under-load test.
LAYOUTD_APT_TEST=(postgresql-15 postgresql-15-postgis-3 wrk)

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

# Installs the given Debian packages that are not installed yet; silent when none are missing.
ensure_apt() {
  local missing=() pkg
  for pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
  done
  [ "${#missing[@]}" -eq 0 ] && return 0
  say "installing Debian packages: ${missing[*]}"
  # Refresh the package lists only when they are absent or older than a day.
  if [ -z "$(find /var/lib/apt/lists -maxdepth 1 -name '*_Packages' -mmin -1440 2>/dev/null | head -n 1)" ]; then
    as_root apt-get update -qq
  fi
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" \
    >/tmp/layoutd-apt.log 2>&1 || { cat /tmp/layoutd-apt.log >&2; return 1; }
}

# Node.js and npm, for the web client's build and the tests that read the project's output with
# JavaScript libraries. nodejs may be NodeSource's build, which bundles npm and conflicts with
# Debian's npm package, so each is installed from Debian only when its command is missing.
# Vite 7 and playwright-core need Node.js >= 20.19, and Debian 12's own nodejs is 18: then a pinned
# Node.js build is taken from the npm registry (the official binaries, republished there as
# node-linux-<arch>) into .cache/node and put first on PATH for the rest of the script.
LAYOUTD_NODE_VERSION=22.23.5
node_is_recent() {
  node -e 'const [a, b] = process.versions.node.split(".").map(Number); process.exit(a > 20 || (a === 20 && b >= 19) ? 0 : 1)' \
    2>/dev/null
}
ensure_node() {
  command -v node >/dev/null 2>&1 || ensure_apt nodejs
  command -v npm >/dev/null 2>&1 || ensure_apt npm
  node_is_recent && return 0
  local arch
  case "$(uname -m)" in
    x86_64) arch=x64 ;;
    aarch64) arch=arm64 ;;
    *) say "Node.js $(node --version) is older than 20.19 and no build is known for $(uname -m)"; return 1 ;;
  esac
  local prefix="$LAYOUTD_ROOT/.cache/node"
  local bin="$prefix/node_modules/node-linux-$arch/bin"
  if [ ! -x "$bin/node" ]; then
    say "Node.js $(node --version) is older than 20.19: installing Node.js $LAYOUTD_NODE_VERSION from the npm registry into .cache/node"
    npm install --prefix "$prefix" --no-audit --no-fund --no-save --loglevel=error \
      "node-linux-$arch@$LAYOUTD_NODE_VERSION" >/tmp/layoutd-node.log 2>&1 || { cat /tmp/layoutd-node.log >&2; return 1; }
  fi
  export PATH="$bin:$PATH"
  node_is_recent || { say "$bin/node is not a usable Node.js >= 20.19"; return 1; }
}

# Installs the locked npm dependencies of DIR (npm ci) when its node_modules is missing or older
# than package.json or package-lock.json; silent when it is up to date.
ensure_npm() {
  local dir="$1"
  local stamp="$dir/node_modules/.package-lock.json"  # written by every npm ci
  ensure_node
  if [ -f "$stamp" ] && [ ! "$dir/package-lock.json" -nt "$stamp" ] && [ ! "$dir/package.json" -nt "$stamp" ]; then
    return 0
  fi
  say "installing npm packages in ${dir#"$LAYOUTD_ROOT/"}"
  (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error) >/tmp/layoutd-npm.log 2>&1 ||
    { cat /tmp/layoutd-npm.log >&2; return 1; }
}

# build_tree DIR TYPE [--target T]... [CMAKE_ARGS...]: configures DIR with the build type and the
# CMake arguments (again whenever they differ from the ones it was last configured with, so a tree
# always has the options asked for), then builds the targets named (everything when none is).
# Compiles go through ccache when it is installed, with paths taken relative to the repository, so
# that another clone on the same machine (CI's, say) reuses the objects this one compiled.
build_tree() {
  local dir="$1" type="$2"
  shift 2
  local targets=() args=()
  while [ "$#" -gt 0 ]; do
    if [ "$1" = --target ]; then
      targets+=("$2")
      shift 2
    else
      args+=("$1")
      shift
    fi
  done
  if command -v ccache >/dev/null 2>&1; then
    args+=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
    export CCACHE_BASEDIR="$LAYOUTD_ROOT" CCACHE_NOHASHDIR=1
  fi
  local wanted="$type ${args[*]}" stamp="$dir/.layoutd-configured"
  if [ ! -f "$dir/build.ninja" ] || [ "$(cat "$stamp" 2>/dev/null)" != "$wanted" ]; then
    cmake -S "$LAYOUTD_ROOT" -B "$dir" -G Ninja -DCMAKE_BUILD_TYPE="$type" "${args[@]}" >/dev/null
    printf '%s\n' "$wanted" >"$stamp"
  fi
  # Ninja prints one line per step; keep the output to errors and the final line.
  if ! ninja -C "$dir" "${targets[@]}" >"$dir/last-build.log" 2>&1; then
    cat "$dir/last-build.log" >&2
    say "build failed ($dir); log: $dir/last-build.log"
    return 1
  fi
}

# Runs ctest in a build tree; prints the summary, or the whole log when something failed. A run
# that finds no tests is a failure: a label that matches nothing must not pass as green.
run_ctest() {
  local dir="$1"
  shift
  local log="$dir/last-ctest.log"
  if ctest --test-dir "$dir" --output-on-failure --no-tests=error -j "$(nproc)" "$@" >"$log" 2>&1; then
    sed -n '/tests passed/,$p' "$log"
  else
    cat "$log"
    return 1
  fi
}

# --- The web client (web-client/): its glyph generator needs FreeType and the Noto Sans CJK font at
# build time; the browser test needs Debian's chromium (and the same font to draw Chinese labels).
LAYOUTD_APT_BUILD+=(libfreetype-dev fonts-noto-cjk)
LAYOUTD_APT_BROWSER=(chromium fonts-noto-cjk)

# Builds web-client/dist (npm ci, then vite build with the glyph ranges the build tree generated)
# when it is missing or older than the client's sources, its lock file or the glyphs; silent when
# it is up to date. $1 is the build tree (its web-public/ holds the glyphs).
ensure_web_client() {
  local build dir="$LAYOUTD_ROOT/web-client"
  build="$(cd "$1" && pwd)"
  local stamp="$dir/dist/.build-stamp" glyphs="$build/web-public/fonts/.stamp"
  ensure_node
  [ -f "$glyphs" ] || { say "no glyph ranges in $build/web-public: build the web_glyphs target first"; return 1; }
  ensure_npm "$dir"
  if [ -f "$stamp" ] && [ -z "$(find "$dir/index.html" "$dir/vite.config.js" "$dir/package.json" \
    "$dir/package-lock.json" "$dir/src" "$glyphs" -newer "$stamp" -print -quit)" ]; then
    return 0
  fi
  say "building the web client (web-client/dist)"
  (cd "$dir" && LAYOUTD_WEB_PUBLIC="$build/web-public" npx --no-install vite build --logLevel error) \
    >/tmp/layoutd-web.log 2>&1 || { cat /tmp/layoutd-web.log >&2; return 1; }
  touch "$stamp"
}
