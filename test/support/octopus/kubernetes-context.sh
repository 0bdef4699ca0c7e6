#!/usr/bin/env bash
# Stand-in for what Calamari does before a "Run a kubectl script" step on a Kubernetes target with a
# Token account (SetupKubectlAuthentication): inside the execution container, it writes the target's
# kubeconfig to kubectl-octo.yml in the working directory (mode u=rw) with kubectl, the same
# commands in the same order, exports KUBECONFIG, then runs the step as bootstrap.sh does.
#   kubernetes-context.sh VARIABLES_DIR SCRIPT
# Reads the Octopus variables Octopus.Action.Kubernetes.ClusterUrl, .Namespace (default: default),
# .CertificateAuthority (a certificate's id, whose PEM is <id>.CertificatePem) and
# Octopus.Account.Token. (Calamari also checks that the namespace exists; the tests' does.)
set -euo pipefail
octopus_variables=$1
octopus_variable() {
  local file
  file="$octopus_variables/$(printf '%s' "$1" | base64 -w0 | tr '+/' '-_' | tr -d '=')"
  if [ -f "$file" ]; then cat "$file"; fi
}
cluster_url=$(octopus_variable Octopus.Action.Kubernetes.ClusterUrl)
namespace=$(octopus_variable Octopus.Action.Kubernetes.Namespace)
namespace=${namespace:-default}
certificate=$(octopus_variable Octopus.Action.Kubernetes.CertificateAuthority)
token=$(octopus_variable Octopus.Account.Token)

export KUBECONFIG=$PWD/kubectl-octo.yml
touch "$KUBECONFIG"
chmod u=rw,g=,o= "$KUBECONFIG"
echo "Temporary kubectl config set to $KUBECONFIG"
kubectl version --client --request-timeout=1m >/dev/null
kubectl config set-cluster octocluster --server="$cluster_url" --request-timeout=1m >/dev/null
kubectl config set-context octocontext --user=octouser --cluster=octocluster --namespace="$namespace" --request-timeout=1m >/dev/null
kubectl config use-context octocontext --request-timeout=1m >/dev/null
if [ -n "$certificate" ]; then
  kubectl config set clusters.octocluster.certificate-authority-data \
    "$(octopus_variable "$certificate.CertificatePem" | base64 -w0)" --request-timeout=1m >/dev/null
else
  kubectl config set-cluster octocluster --insecure-skip-tls-verify=true --request-timeout=1m >/dev/null
fi
echo "Creating kubectl context to $cluster_url (namespace $namespace) using a Token"
kubectl config set-credentials octouser --token="$token" --request-timeout=1m >/dev/null
exec bash "$(dirname "$0")/bootstrap.sh" "$@"
