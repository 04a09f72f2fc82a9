#!/usr/bin/env bash
# Installs the tools the deployment checks use into a git-ignored cache (kept across runs, like the Kafka jars):
#   Helm, built from the Go module proxy with the machine's Go toolchain (about 2 minutes the first time);
#   kubernetes-validate from PyPI in a virtualenv (it bundles the Kubernetes API schemas: validation is offline);
#   schemathesis from PyPI in a virtualenv, for the API fuzzing.
# Prints nothing but progress; the tools land in $TEQUIO_DEPLOY_TOOLS_CACHE (default .cache/deploy-tools).
set -euo pipefail
cd "$(dirname "$0")/../.."

cache="${TEQUIO_DEPLOY_TOOLS_CACHE:-$PWD/.cache/deploy-tools}"
helm_version="v3.22.0"
validate_version="1.37.0"
schemathesis_version="4.32.5"
helm_dir="$cache/helm-$helm_version"
validate_dir="$cache/kubernetes-validate-$validate_version"
schemathesis_dir="$cache/schemathesis-$schemathesis_version"
mkdir -p "$cache"

# Several test workers may ask at once: one installs, the others wait.
exec 9>"$cache/.install.lock"
if command -v flock >/dev/null 2>&1; then flock 9; fi

if [ ! -x "$helm_dir/bin/helm" ]; then
  command -v go >/dev/null 2>&1 || { echo "[deploy-tools] Go is required to build Helm" >&2; exit 1; }
  echo "[deploy-tools] building Helm $helm_version from the Go module proxy"
  build="$cache/.helm-build"
  rm -rf "$build" && mkdir -p "$build"
  GOFLAGS=-mod=mod GOPATH="$build/gopath" GOCACHE="$build/gocache" go install "helm.sh/helm/v3/cmd/helm@$helm_version"
  mkdir -p "$helm_dir/bin"
  mv "$build/gopath/bin/helm" "$helm_dir/bin/helm"
  # The module cache is read-only by design; only the binary is kept.
  chmod -R u+w "$build" && rm -rf "$build"
fi

# A PyPI tool in its own virtualenv, installed once (marked by .installed).
pip_tool() {
  local dir="$1" package="$2"
  if [ ! -f "$dir/.installed" ]; then
    echo "[deploy-tools] installing $package from PyPI"
    rm -rf "$dir"
    python3 -m venv "$dir"
    "$dir/bin/pip" install --quiet --disable-pip-version-check "$package"
    touch "$dir/.installed"
  fi
}

pip_tool "$validate_dir" "kubernetes-validate==$validate_version"
# API fuzzing (npm run test:fuzz).
pip_tool "$schemathesis_dir" "schemathesis==$schemathesis_version"
