#!/usr/bin/env bash
# Installs what the test layers need besides npm packages:
#   * Debian packages: chromium, CJK fonts, ripgrep, and the headers code-server's
#     native modules build against; LibreOffice (writer, calc), pandoc and poppler-utils,
#     which the import/export tests use to make and read back real Word/Excel files;
#     neovim, the second real LSP client of the protocol layer; libxml2-utils (xmllint), which
#     validates the CLI's JUnit XML against the JUnit XSD;
#   * code-server (a real VS Code, served to the browser) from npm, OUTSIDE the repo,
#     in ${VSCODE_TEST_CACHE:-$HOME/.cache/gbt27922-vscode}.
# Follows shared/PRODUCT.md §6. Idempotent: every finished step leaves a stamp, and a
# fully installed cache is recognised in well under a second.
# Non-interactive; meant for CI (CI=true, root) and developers alike.
#
# Env:
#   VSCODE_TEST_CACHE      cache dir (default $HOME/.cache/gbt27922-vscode)
#   CODE_SERVER_VERSION    npm version of code-server (default 4.100.3; needs Node 20)
#   VSCODE_ENV_SKIP_APT=1  do not touch apt (packages already there)
#   VSCODE_ENV_FORCE=1     ignore stamps, redo every step
# Prints the code-server directory as its last line: `CODE_SERVER_DIR=<path>`.
set -euo pipefail

CACHE="${VSCODE_TEST_CACHE:-$HOME/.cache/gbt27922-vscode}"
CS_VERSION="${CODE_SERVER_VERSION:-4.100.3}"
PREFIX="$CACHE/code-server-$CS_VERSION"
CS="$PREFIX/node_modules/code-server"
NODE_MAJOR="$(node -p 'process.versions.node.split(".")[0]')"
STAMP_KEY="code-server@$CS_VERSION node$NODE_MAJOR $(uname -m)"

export CI="${CI:-true}" DEBIAN_FRONTEND=noninteractive
export npm_config_yes=true npm_config_fund=false npm_config_audit=false \
       npm_config_update_notifier=false npm_config_loglevel="${npm_config_loglevel:-warn}"

log() { printf '[vscode-env] %s\n' "$*" >&2; }
T_ALL=$(date +%s.%N)
step() { # step NAME CMD... : run unless stamped, print its time
  local name="$1"; shift
  local stamp="$PREFIX/.stamp-$name"
  if [[ -z "${VSCODE_ENV_FORCE:-}" && -f "$stamp" && "$(cat "$stamp")" == "$STAMP_KEY" ]]; then
    log "skip  $name (done before)"; return 0
  fi
  log "start $name"
  local t0; t0=$(date +%s.%N)
  "$@"
  echo "$STAMP_KEY" > "$stamp"
  log "done  $name in $(awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN{printf "%.1f s", b-a}')"
}
timed() { # timed NAME CMD... : always run, print its time
  local name="$1"; shift; local t0; t0=$(date +%s.%N)
  "$@"
  log "done  $name in $(awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN{printf "%.1f s", b-a}')"
}

# ---------------------------------------------------------------- apt packages
APT_PKGS=(chromium fonts-noto-cjk ripgrep unzip ca-certificates
          build-essential python3 pkg-config
          libkrb5-dev libsecret-1-dev libxkbfile-dev libx11-dev
          libreoffice-writer-nogui libreoffice-calc-nogui pandoc poppler-utils
          neovim libxml2-utils)
apt_step() {
  local missing=()
  for p in "${APT_PKGS[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
  done
  if ((${#missing[@]} == 0)); then log "apt: all packages present"; return 0; fi
  if [[ -n "${VSCODE_ENV_SKIP_APT:-}" ]]; then log "apt: MISSING ${missing[*]} (VSCODE_ENV_SKIP_APT set)"; return 0; fi
  local SUDO=""; [[ "$(id -u)" == 0 ]] || SUDO="sudo -n"
  log "apt: installing ${missing[*]}"
  $SUDO apt-get update -q >/dev/null
  $SUDO apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null
}
timed apt apt_step

# ------------------------------------------------------------------ node check
if [[ "$CS_VERSION" == 4.100.* && "$NODE_MAJOR" != 20 ]]; then
  log "WARNING: code-server $CS_VERSION is built for Node 20; this is Node $NODE_MAJOR"
fi

mkdir -p "$PREFIX"
# One installer at a time per cache (parallel CI jobs on one machine).
exec 9>"$PREFIX/.lock"
flock 9

if [[ -z "${VSCODE_ENV_FORCE:-}" && -f "$PREFIX/.complete" && "$(cat "$PREFIX/.complete")" == "$STAMP_KEY" \
      && -f "$CS/out/node/entry.js" && -x "$CS/lib/vscode/node_modules/@vscode/ripgrep/bin/rg" ]]; then
  log "code-server $CS_VERSION already installed in $CS"
  log "total $(awk -v a="$T_ALL" -v b="$(date +%s.%N)" 'BEGIN{printf "%.1f s", b-a}')"
  echo "CODE_SERVER_DIR=$CS"
  exit 0
fi
rm -f "$PREFIX/.complete"

# ------------------------------------------------------------ code-server itself
s_npm_install() {
  cd "$PREFIX"
  [[ -f package.json ]] || echo '{"name":"gbt27922-code-server-cache","private":true}' > package.json
  npm install --save-exact --ignore-scripts "code-server@$CS_VERSION"
}
s_argon2() {
  cd "$PREFIX"
  npm_config_build_from_source=true npm rebuild argon2
}
s_vscode_deps() {
  cd "$CS/lib/vscode"
  npm install --omit=dev --ignore-scripts
}
s_ripgrep() {
  local rgdir="$CS/lib/vscode/node_modules/@vscode/ripgrep/bin"
  mkdir -p "$rgdir"
  ln -sfn "$(command -v rg)" "$rgdir/rg"
  "$rgdir/rg" --version | head -1 >&2
}
s_vscode_rebuild() {
  cd "$CS/lib/vscode"
  # @vscode/ripgrep's postinstall downloads a binary: keep the Debian one we linked.
  npm_config_yes=true npm rebuild
  ln -sfn "$(command -v rg)" "$CS/lib/vscode/node_modules/@vscode/ripgrep/bin/rg"
}
s_builtin_ext_deps() {
  cd "$CS/lib/vscode/extensions"
  npm install --omit=dev
}
s_smoke() {
  # The native modules must load under this node, and code-server must start.
  (cd "$CS/lib/vscode" && node -e '
    for (const m of ["node-pty", "@vscode/spdlog", "@parcel/watcher", "native-watchdog", "kerberos"]) require(m);')
  (cd "$PREFIX" && node -e 'require("argon2")')
  local tmpcfg; tmpcfg="$(mktemp -d)"
  node "$CS/out/node/entry.js" --config "$tmpcfg/config.yaml" --version >&2
  rm -rf "$tmpcfg"
}

step npm-install      s_npm_install
step argon2           s_argon2
step vscode-deps      s_vscode_deps
step ripgrep          s_ripgrep
step vscode-rebuild   s_vscode_rebuild
step ext-deps         s_builtin_ext_deps
timed smoke           s_smoke

echo "$STAMP_KEY" > "$PREFIX/.complete"
log "total $(awk -v a="$T_ALL" -v b="$(date +%s.%N)" 'BEGIN{printf "%.1f s", b-a}')"
echo "CODE_SERVER_DIR=$CS"
