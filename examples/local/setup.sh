#!/usr/bin/env bash
# Creates the simulated app the local example experiments on.
set -euo pipefail
dir=${EXAMPLE_APP_DIR:-.tmp/example-app}
mkdir -p "$dir/backup"
printf 'app: example\nreplicas: 3\n' >"$dir/backup/config.yaml"
cp "$dir/backup/config.yaml" "$dir/config.yaml"
echo "example app ready in $dir"
