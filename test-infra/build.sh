#!/usr/bin/env bash
# Builds the test servers and tools from Go modules, each pinned by the go.mod and go.sum of its
# directory here:
#   kube/      kube-apiserver and kubectl from k8s.io/kubernetes (its staging modules, which its
#              own go.mod points into its source tree, replaced by the published v0.X.Y of the same
#              release) and etcd from go.etcd.io/etcd/server/v3 at the version that release pins,
#              into fabric8 kube-api-test's layout: ${KUBE_API_TEST_DIR:-~/.kubeapitest}/k8s/<version>-linux-<arch>/
#   helm/      helm (helm.sh/helm/v3), into ${KUBE_API_TEST_DIR:-~/.kubeapitest}/helm/<version>/
#   registry/  the CNCF distribution registry (github.com/distribution/distribution/v3, cmd/registry),
#              into ${KUBE_API_TEST_DIR:-~/.kubeapitest}/registry/<version>/registry
#   crane/     crane (github.com/google/go-containerregistry), the independent registry client that
#              the registry fixtures' self-tests read back with, into .../crane/<version>/crane
#   lua/       argocd-health, which runs an Argo CD health.lua with gopher-lua (github.com/yuin/
#              gopher-lua, the interpreter Argo CD embeds), into .../lua/<version>/argocd-health
#
#   flux-image-reflector/
#              Flux's image-reflector-controller (github.com/fluxcd/image-reflector-controller) and
#              its CRDs (config/crd/bases of the same module), into
#              .../flux-image-reflector/<version>/{image-reflector-controller,crds/}; for the
#              side-by-side benchmark only (benchmarks/, -Pbench-flux), so never built unless named
#
# Usage: build.sh [kube] [helm] [registry] [crane] [lua] [flux-image-reflector]
#        (no argument: kube, helm, registry, crane and lua, what the tests run)
#
# Idempotent: binaries built from the same go.mod, go.sum, flags and Go version are kept, and it
# says so at once. A cold build takes minutes (see docs/testing-servers.md); Go's build cache makes
# a rebuild cheap. Safe to run twice at once (the Maven build runs it from several modules,
# developers by hand): a second run waits for the first, then finds its binaries up to date.
#
# Without a Go toolchain it says so and exits 0, so that the tests that need these binaries are
# skipped on a developer's machine; with CI=true (or KUBE_BINARIES_REQUIRED=true) that is an error.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
targets=("$@")
if [[ ${#targets[@]} -eq 0 ]]; then
  targets=(kube helm registry crane lua)
fi
for target in "${targets[@]}"; do
  case $target in
    kube | helm | registry | crane | lua | flux-image-reflector) ;;
    *) echo "build.sh: unknown target '$target' (kube, helm, registry, crane, lua, flux-image-reflector)" >&2; exit 2 ;;
  esac
done
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
    echo "build.sh: no Go toolchain on PATH, so ${targets[*]} cannot be built from Go modules for the integration tests (install Go 1.26 or newer: https://go.dev/doc/install)" >&2
    exit 1
  fi
  echo "build.sh: no Go toolchain on PATH: not building ${targets[*]}; the tests that need them will be skipped (install Go 1.26 or newer: https://go.dev/doc/install)" >&2
  exit 0
fi

dir=${KUBE_API_TEST_DIR:-$HOME/.kubeapitest}
mkdir -p "$dir"

# One build at a time per output directory: a second invocation waits here, then finds the first
# one's binaries up to date. The lock is released when this shell exits (go build does not inherit
# it, so nothing it leaves behind can hold it).
exec 9>"$dir/.build.lock"
if ! flock -n 9; then
  echo "build.sh: another build.sh is building into $dir; waiting for it"
  flock 9
fi

# build MODULE_DIR OUT LDFLAGS PACKAGE... : builds the packages of the module into OUT, replacing
# OUT as a whole (a reader never sees half of a build), unless OUT was built from the same inputs.
# With $stage_files naming a function, it is called with the staging directory before the
# replacement, to add files that belong with the binaries.
stage_files=""
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
  GOFLAGS=-mod=readonly go build -C "$module" -trimpath -ldflags "$ldflags" -o "$staging/" "$@" 9>&-
  if [[ -n $stage_files ]]; then "$stage_files" "$staging"; fi
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
build_kube() {
  local k8s minor kube_out ldflags package
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
}

# helm
build_helm() {
  local helm client_go helm_k8s_minor ldflags package
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
}

# the CNCF distribution registry, with its version in `registry --version` as its own build sets it
build_registry() {
  local pkg=github.com/distribution/distribution/v3 registry
  registry=$(version "$here/registry" $pkg)
  build "$here/registry" "$dir/registry/${registry#v}" \
    "-s -w -X $pkg/version.version=$registry -X $pkg/version.mainpkg=$pkg" $pkg/cmd/registry
}

# crane
build_crane() {
  local pkg=github.com/google/go-containerregistry crane
  crane=$(version "$here/crane" $pkg)
  build "$here/crane" "$dir/crane/${crane#v}" "-s -w -X $pkg/cmd/crane/cmd.Version=$crane" \
    $pkg/cmd/crane
}

# Flux's image-reflector-controller, as its Dockerfile builds it (no CGO, no link flags), with its
# CRDs. Its go.mod points its ./api module at its own tree with a replace line, so `go install
# ...@version` refuses it; as a dependency of the module here, the replace is ignored and the
# published api module of the same version is used.
build_flux_image_reflector() {
  local pkg=github.com/fluxcd/image-reflector-controller flux
  flux=$(version "$here/flux-image-reflector" $pkg)
  stage_files=stage_flux_crds
  CGO_ENABLED=0 build "$here/flux-image-reflector" "$dir/flux-image-reflector/${flux#v}" "" $pkg
  stage_files=""
}

# the CRDs of the image-reflector-controller module the binary was built from
stage_flux_crds() {
  local source
  source=$(GOFLAGS=-mod=readonly go list -C "$here/flux-image-reflector" -m -f '{{.Dir}}' github.com/fluxcd/image-reflector-controller)
  mkdir -p "$1/crds"
  cp "$source"/config/crd/bases/*.yaml "$1/crds/"
  chmod 644 "$1"/crds/*.yaml
}

# argocd-health: our own small command (test-infra/lua/cmd/argocd-health) on gopher-lua
build_lua() {
  local lua
  lua=$(version "$here/lua" github.com/yuin/gopher-lua)
  build "$here/lua" "$dir/lua/${lua#v}" "-s -w" ./cmd/argocd-health
}

for target in "${targets[@]}"; do
  "build_${target//-/_}"
done
