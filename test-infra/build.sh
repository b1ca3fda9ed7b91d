#!/usr/bin/env bash
# Builds the test servers and tools from Go modules, each pinned by the go.mod and go.sum of its
# directory here:
#   kube/  kube-apiserver and kubectl from k8s.io/kubernetes (its staging modules, which its own
#          go.mod points into its source tree, replaced by the published v0.X.Y of the same
#          release) and etcd from go.etcd.io/etcd/server/v3 at the version that release pins, into
#          fabric8 kube-api-test's layout: ${KUBE_API_TEST_DIR:-~/.kubeapitest}/k8s/<version>-linux-<arch>/
#   helm/  helm (helm.sh/helm/v3), into ${KUBE_API_TEST_DIR:-~/.kubeapitest}/helm/<version>/
#
# Idempotent: binaries built from the same go.mod, go.sum, flags and Go version are kept, and it
# says so at once. A cold build takes several minutes (see docs/performance.md); Go's build cache makes a
# rebuild cheap.
#
# Without a Go toolchain it says so and exits 0, so that the tests that need these binaries are
# skipped on a developer's machine; with CI=true (or KUBE_BINARIES_REQUIRED=true) that is an error.
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
    echo "build.sh: no Go toolchain on PATH; the real-API-server and Helm tests need kube-apiserver, etcd and helm built from Go modules" >&2
    exit 1
  fi
  echo "build.sh: no Go toolchain on PATH: not building kube-apiserver, etcd and helm; the tests that need them will be skipped" >&2
  exit 0
fi

dir=${KUBE_API_TEST_DIR:-$HOME/.kubeapitest}
mkdir -p "$dir"

# build MODULE_DIR OUT LDFLAGS PACKAGE... : builds the packages of the module into OUT, replacing
# OUT as a whole (a reader never sees half of a build), unless OUT was built from the same inputs.
build() {
  local module=$1 out=$2 ldflags=$3
  shift 3
  local fingerprint
  fingerprint=$( { cat "$module/go.mod" "$module/go.sum"; echo "$ldflags $*"; go env GOVERSION; } | sha256sum | cut -d' ' -f1)
  if [[ -f "$out/.fingerprint" && "$(cat "$out/.fingerprint")" == "$fingerprint" ]]; then
    echo "build.sh: up to date: $out"
    return
  fi
  echo "build.sh: building $* into $out (a cold build takes minutes)"
  local start staging
  start=$(date +%s)
  staging=$(mktemp -d "$dir/.build-XXXXXX")
  trap 'rm -rf "$staging"' EXIT
  GOFLAGS=-mod=readonly go build -C "$module" -trimpath -ldflags "$ldflags" -o "$staging/" "$@"
  echo "$fingerprint" > "$staging/.fingerprint"
  mkdir -p "$(dirname "$out")"
  rm -rf "$out.old"
  if [[ -d "$out" ]]; then mv "$out" "$out.old"; fi
  mv "$staging" "$out"
  rm -rf "$out.old"
  trap - EXIT
  echo "build.sh: built in $(( $(date +%s) - start ))s: $(ls "$out" | tr '\n' ' ')"
}

version() { go list -C "$1" -m -f '{{.Version}}' "$2"; }

# kube-apiserver, kubectl and etcd
k8s=$(version "$here/kube" k8s.io/kubernetes)
k8s=${k8s#v}
minor=$(cut -d. -f2 <<<"$k8s")
kube_out="$dir/k8s/$k8s-linux-$(go env GOARCH)"
ldflags="-s -w"
for package in k8s.io/component-base/version k8s.io/client-go/pkg/version; do
  ldflags+=" -X $package.gitVersion=v$k8s -X $package.gitMajor=1 -X $package.gitMinor=$minor"
done
ldflags+=" -X k8s.io/component-base/version.gitTreeState=clean"
build "$here/kube" "$kube_out" "$ldflags" \
  k8s.io/kubernetes/cmd/kube-apiserver k8s.io/kubernetes/cmd/kubectl go.etcd.io/etcd/server/v3
# go names the binary of a module path ending in /v3 after the element before it
if [[ -f "$kube_out/server" ]]; then mv "$kube_out/server" "$kube_out/etcd"; fi

# helm
helm=$(version "$here/helm" helm.sh/helm/v3)
# as helm's own build does: the Kubernetes version that `helm template` and `helm lint` assume
# without a cluster is the one of the client-go it was built with
client_go=$(version "$here/helm" k8s.io/client-go)
helm_k8s_minor=$(cut -d. -f2 <<<"$client_go")
ldflags="-s -w -X helm.sh/helm/v3/internal/version.version=$helm"
for package in helm.sh/helm/v3/pkg/lint/rules helm.sh/helm/v3/pkg/chartutil; do
  ldflags+=" -X $package.k8sVersionMajor=1 -X $package.k8sVersionMinor=$helm_k8s_minor"
done
build "$here/helm" "$dir/helm/${helm#v}" "$ldflags" helm.sh/helm/v3/cmd/helm
