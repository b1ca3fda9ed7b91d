#!/usr/bin/env bash
# Builds kube-apiserver, kubectl and etcd from Go modules into fabric8 kube-api-test's layout:
#   ${KUBE_API_TEST_DIR:-~/.kubeapitest}/k8s/<version>-linux-<arch>/{kube-apiserver,kubectl,etcd}
#
# The versions are pinned by go.mod and go.sum beside this script: k8s.io/kubernetes (its staging
# modules, which its own go.mod points into its source tree, are replaced by the published v0.X.Y
# of the same release) and go.etcd.io/etcd/server/v3 at the version that Kubernetes release pins.
#
# Idempotent: when the three binaries were built from the same go.mod, go.sum and flags, it says so
# and exits at once. A cold build takes several minutes (see the README); Go's build cache makes a
# rebuild cheap.
#
# Without a Go toolchain it says so and exits 0, so that the real-API-server tests are skipped on a
# developer's machine; with CI=true (or KUBE_BINARIES_REQUIRED=true) that is an error.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
required=false
if [[ "${CI:-}" == "true" || "${KUBE_BINARIES_REQUIRED:-}" == "true" ]]; then
  required=true
fi

# Go's official install location, for shells that do not have it on PATH
if ! command -v go >/dev/null 2>&1 && [[ -x /usr/local/go/bin/go ]]; then
  PATH=/usr/local/go/bin:$PATH
fi
if ! command -v go >/dev/null 2>&1; then
  if $required; then
    echo "build.sh: no Go toolchain on PATH; the real-API-server tests need kube-apiserver and etcd built from Go modules" >&2
    exit 1
  fi
  echo "build.sh: no Go toolchain on PATH: not building kube-apiserver; the real-API-server tests will be skipped" >&2
  exit 0
fi

cd "$here"
version=$(go list -m -f '{{.Version}}' k8s.io/kubernetes)
version=${version#v}
minor=$(cut -d. -f2 <<<"$version")
arch=$(go env GOARCH)
dir=${KUBE_API_TEST_DIR:-$HOME/.kubeapitest}
out="$dir/k8s/$version-linux-$arch"

ldflags="-s -w"
ldflags+=" -X k8s.io/component-base/version.gitVersion=v$version"
ldflags+=" -X k8s.io/component-base/version.gitMajor=1"
ldflags+=" -X k8s.io/component-base/version.gitMinor=$minor"
ldflags+=" -X k8s.io/component-base/version.gitTreeState=clean"
ldflags+=" -X k8s.io/client-go/pkg/version.gitVersion=v$version"
ldflags+=" -X k8s.io/client-go/pkg/version.gitMajor=1"
ldflags+=" -X k8s.io/client-go/pkg/version.gitMinor=$minor"

# What the binaries are built from; a change to any of it rebuilds them.
fingerprint=$( { cat go.mod go.sum; echo "$ldflags"; go env GOVERSION; } | sha256sum | cut -d' ' -f1)
if [[ -x "$out/kube-apiserver" && -x "$out/kubectl" && -x "$out/etcd" && -f "$out/.fingerprint" ]] \
    && [[ "$(cat "$out/.fingerprint")" == "$fingerprint" ]]; then
  echo "build.sh: kube-apiserver v$version, kubectl and etcd are up to date in $out"
  exit 0
fi

echo "build.sh: building kube-apiserver and kubectl v$version and etcd $(go list -m -f '{{.Version}}' go.etcd.io/etcd/server/v3) into $out (a cold build takes several minutes)"
start=$(date +%s)
staging=$(mktemp -d "$dir/.build-XXXXXX" 2>/dev/null || { mkdir -p "$dir"; mktemp -d "$dir/.build-XXXXXX"; })
trap 'rm -rf "$staging"' EXIT
GOFLAGS=-mod=readonly go build -trimpath -ldflags "$ldflags" -o "$staging/" \
  k8s.io/kubernetes/cmd/kube-apiserver k8s.io/kubernetes/cmd/kubectl go.etcd.io/etcd/server/v3
# go names the binary of a module path ending in /v3 after the element before it
mv "$staging/server" "$staging/etcd"
echo "$fingerprint" > "$staging/.fingerprint"

# Replace the version directory as a whole, so a reader never sees half of a build.
mkdir -p "$(dirname "$out")"
rm -rf "$out.old"
[[ -d "$out" ]] && mv "$out" "$out.old"
mv "$staging" "$out"
rm -rf "$out.old"
trap - EXIT
echo "build.sh: built in $(( $(date +%s) - start ))s: $("$out/kube-apiserver" --version), etcd $("$out/etcd" --version | sed -n 's/^etcd Version: //p')"
