#!/usr/bin/env bash
# A local Kubernetes API server for people who have no cluster: etcd and kube-apiserver (built from
# Go modules by test-infra/build.sh on first use) on 127.0.0.1, with the ImageStream CRD
# installed, the namespace demo, and a kubeconfig for a cluster administrator whose context works
# in demo (the default namespace is privileged: the operator imports nothing there). DIR/bin holds
# the matching kubectl. No nodes, so nothing runs pods: it is an API server for the operator,
# kubectl and GitOps tools.
#
#   test-infra/local-cluster.sh start [DIR]   start (DIR: data, logs, certificates, kubeconfig)
#   test-infra/local-cluster.sh stop [DIR]    stop; the data stays in DIR
#   test-infra/local-cluster.sh status [DIR]
#
# DIR defaults to $LOCAL_CLUSTER_DIR, else /tmp/imagestream-local-cluster. Ports: $API_PORT (16443),
# $ETCD_PORT (12379) and $ETCD_PEER_PORT (12380), all on 127.0.0.1.
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
command=${1:-}
dir=${2:-${LOCAL_CLUSTER_DIR:-/tmp/imagestream-local-cluster}}
api_port=${API_PORT:-16443}
etcd_port=${ETCD_PORT:-12379}
peer_port=${ETCD_PEER_PORT:-12380}

die() { echo "local-cluster: $*" >&2; exit 1; }

# Go's official install location, for shells that do not have it on PATH
if ! command -v go >/dev/null 2>&1 && [[ -x /usr/local/go/bin/go ]]; then
  PATH=/usr/local/go/bin:$PATH
fi

running() { [[ -f "$dir/$1.pid" ]] && kill -0 "$(cat "$dir/$1.pid")" 2>/dev/null; }

binaries() {
  KUBE_BINARIES_REQUIRED=true "$repo/test-infra/build.sh" kube >&2
  local k8s=${KUBE_API_TEST_DIR:-$HOME/.kubeapitest}/k8s
  local version
  version=$(cd "$repo/test-infra/kube" && go list -m -f '{{.Version}}' k8s.io/kubernetes)
  bin="$k8s/${version#v}-linux-$(go env GOARCH)"
}

certificates() {
  local pki=$dir/pki
  [[ -f "$pki/admin.crt" ]] && return
  command -v openssl >/dev/null || die "openssl is needed to make the cluster's certificates (apt-get install openssl)"
  mkdir -p "$pki"
  (
    cd "$pki"
    openssl req -x509 -newkey rsa:2048 -nodes -days 365 -subj "/CN=imagestream-local-cluster-ca" \
      -keyout ca.key -out ca.crt 2>/dev/null
    openssl req -newkey rsa:2048 -nodes -subj "/CN=kube-apiserver" -keyout apiserver.key -out apiserver.csr 2>/dev/null
    printf 'subjectAltName=IP:127.0.0.1,DNS:localhost,DNS:kubernetes,DNS:kubernetes.default,DNS:kubernetes.default.svc\n' > san.ext
    openssl x509 -req -in apiserver.csr -CA ca.crt -CAkey ca.key -CAcreateserial -days 365 -extfile san.ext \
      -out apiserver.crt 2>/dev/null
    openssl req -newkey rsa:2048 -nodes -subj "/O=system:masters/CN=admin" -keyout admin.key -out admin.csr 2>/dev/null
    openssl x509 -req -in admin.csr -CA ca.crt -CAkey ca.key -CAcreateserial -days 365 -out admin.crt 2>/dev/null
    openssl genrsa -out service-account.key 2048 2>/dev/null
    openssl rsa -in service-account.key -pubout -out service-account.pub 2>/dev/null
    rm -f ./*.csr san.ext
  )
}

kubeconfig() {
  cat > "$dir/kubeconfig" <<EOF
apiVersion: v1
kind: Config
clusters:
- name: local
  cluster:
    server: https://127.0.0.1:$api_port
    certificate-authority: $dir/pki/ca.crt
users:
- name: admin
  user:
    client-certificate: $dir/pki/admin.crt
    client-key: $dir/pki/admin.key
contexts:
- name: local
  context: {cluster: local, user: admin, namespace: demo}
current-context: local
EOF
}

start() {
  running kube-apiserver && die "already running in $dir (stop it with: $0 stop $dir)"
  binaries
  mkdir -p "$dir/logs" "$dir/etcd"
  certificates
  kubeconfig

  if ! running etcd; then
    "$bin/etcd" --name local --data-dir "$dir/etcd" \
      --listen-client-urls "http://127.0.0.1:$etcd_port" --advertise-client-urls "http://127.0.0.1:$etcd_port" \
      --listen-peer-urls "http://127.0.0.1:$peer_port" --initial-advertise-peer-urls "http://127.0.0.1:$peer_port" \
      --initial-cluster "local=http://127.0.0.1:$peer_port" --listen-metrics-urls "" \
      > "$dir/logs/etcd.log" 2>&1 &
    echo $! > "$dir/etcd.pid"
  fi

  "$bin/kube-apiserver" --bind-address 127.0.0.1 --secure-port "$api_port" \
    --etcd-servers "http://127.0.0.1:$etcd_port" \
    --tls-cert-file "$dir/pki/apiserver.crt" --tls-private-key-file "$dir/pki/apiserver.key" \
    --client-ca-file "$dir/pki/ca.crt" --authorization-mode RBAC \
    --service-account-issuer https://kubernetes.default.svc \
    --service-account-key-file "$dir/pki/service-account.pub" \
    --service-account-signing-key-file "$dir/pki/service-account.key" \
    --service-cluster-ip-range 10.0.0.0/24 --cert-dir "$dir/pki" \
    > "$dir/logs/kube-apiserver.log" 2>&1 &
  echo $! > "$dir/kube-apiserver.pid"

  local kubectl=("$bin/kubectl" --kubeconfig "$dir/kubeconfig")
  for _ in $(seq 1 120); do
    if "${kubectl[@]}" get --raw /readyz >/dev/null 2>&1; then
      break
    fi
    running kube-apiserver || die "kube-apiserver exited; see $dir/logs/kube-apiserver.log"
    sleep 0.5
  done
  "${kubectl[@]}" get --raw /readyz >/dev/null 2>&1 || die "kube-apiserver did not become ready in 60 s; see $dir/logs/"
  "${kubectl[@]}" apply --server-side -f "$repo/crds/" >/dev/null
  "${kubectl[@]}" wait --for=condition=Established crd/imagestreams.image.openshift.io --timeout=60s >/dev/null
  "${kubectl[@]}" create namespace demo --dry-run=client -o yaml | "${kubectl[@]}" apply -f - >/dev/null
  mkdir -p "$dir/bin"
  ln -sf "$bin/kubectl" "$dir/bin/kubectl"

  cat <<EOF
local-cluster: kube-apiserver $("$bin/kube-apiserver" --version | cut -d' ' -f2) on https://127.0.0.1:$api_port, etcd on 127.0.0.1:$etcd_port; ImageStream CRD installed; namespace demo
  export KUBECONFIG=$dir/kubeconfig PATH=$dir/bin:\$PATH
kubectl $("$bin/kubectl" version --client -o json | sed -n 's/.*"gitVersion": "\(v[^"]*\)".*/\1/p' | head -1) in $dir/bin; its context works in namespace demo
data: $dir/etcd   logs: $dir/logs   certificates: $dir/pki
stop: $0 stop $dir
EOF
}

stop() {
  local stopped=false
  for process in kube-apiserver etcd; do
    if running "$process"; then
      local pid
      pid=$(cat "$dir/$process.pid")
      kill "$pid"
      for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
      kill -0 "$pid" 2>/dev/null && kill -9 "$pid"
      stopped=true
    fi
    rm -f "$dir/$process.pid"
  done
  if $stopped; then
    echo "local-cluster: stopped; data, logs and kubeconfig stay in $dir (rm -rf $dir to remove them)"
  else
    echo "local-cluster: nothing running in $dir"
  fi
}

status() {
  for process in etcd kube-apiserver; do
    if running "$process"; then echo "$process: running (pid $(cat "$dir/$process.pid"))"; else echo "$process: stopped"; fi
  done
  echo "kubeconfig: $dir/kubeconfig   logs: $dir/logs"
}

case "$command" in
  start) start ;;
  stop) stop ;;
  status) status ;;
  *) echo "usage: $0 start|stop|status [DIR]" >&2; exit 2 ;;
esac
