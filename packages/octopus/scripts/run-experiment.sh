#!/usr/bin/env bash
# steadystate - Run Experiment: the script of the Octopus step template.
#
# Source: packages/octopus/scripts/run-experiment.sh in the steadystate repository, from which
# step-templates/steadystate-run-experiment.json is generated (`pnpm octopus:template`): edit the
# script, never the JSON's copy of it.
#
# Octopus (Calamari) sources this script after defining its helper functions (get_octopusvariable,
# set_octopusvariable, new_octopusartifact, fail_step, write_highlight, write_warning). Parameters
# are read with get_octopusvariable only: Octopus substitutes its hash-brace expressions into the
# script text before bash parses it, so this file contains none and no parameter value can ever
# become shell code.
set -euo pipefail
# The write_* helpers echo their argument unquoted: without globbing, a '*' in a summary stays a '*'.
set -o noglob

ss_param() { get_octopusvariable "Steadystate.$1"; }

# fail_step prints the message as the step's result and exits 1; the EXIT trap still cleans up.
ss_fail() { fail_step "$1"; }

# Leading and trailing whitespace, e.g. the newline a pasted value often ends with.
ss_trim() {
  local value=$1
  value=${value#"${value%%[![:space:]]*}"}
  printf '%s' "${value%"${value##*[![:space:]]}"}"
}

# Private scratch space for the inline experiment and the var files (secrets), removed on exit.
ss_tmp=$(mktemp -d "${TMPDIR:-/tmp}/steadystate.XXXXXX")
chmod 700 "$ss_tmp"
trap 'rm -rf "$ss_tmp"' EXIT

# ---------------------------------------------------------------------------------------------
# Parameters
# ---------------------------------------------------------------------------------------------

ss_journal=$(ss_trim "$(ss_param JournalFile)")
ss_report=$(ss_trim "$(ss_param ReportFile)")
ss_junit=$(ss_trim "$(ss_param JUnitFile)")
ss_rollback=$(ss_trim "$(ss_param RollbackStrategy)")
ss_hypothesis=$(ss_trim "$(ss_param HypothesisStrategy)")
ss_context=$(ss_trim "$(ss_param KubernetesContext)")
ss_lock=$(ss_trim "$(ss_param Lock)")
ss_lock_timeout=$(ss_trim "$(ss_param LockTimeout)")
ss_kill_switch_interval=$(ss_trim "$(ss_param KillSwitchInterval)")
ss_fail_on_deviation=$(ss_trim "$(ss_param FailOnDeviation)")
ss_skip_unknown_controls=$(ss_trim "$(ss_param SkipUnknownControls)")

# Artifacts are written to the working directory (an execution container only shares that one) and
# named after the file: a plain name keeps the path valid for Octopus's artifact collection.
ss_check_file_name() {
  local parameter=$1 value=$2 extensions=$3
  if [[ ! $value =~ ^[A-Za-z0-9_][A-Za-z0-9._-]*$ ]]; then
    ss_fail "Steadystate.$parameter must be a plain file name (letters, digits, '.', '_', '-'), got '$value'"
  fi
  if [[ ! $value =~ \.($extensions)$ ]]; then
    ss_fail "Steadystate.$parameter must end in .${extensions//|/, .}, got '$value'"
  fi
}
[[ -n $ss_journal ]] || ss_journal=journal.json
ss_check_file_name JournalFile "$ss_journal" json
[[ -z $ss_report ]] || ss_check_file_name ReportFile "$ss_report" 'pdf|md|html'
[[ -z $ss_junit ]] || ss_check_file_name JUnitFile "$ss_junit" xml

case "${ss_fail_on_deviation,,}" in
  true | '') ss_fail_on_deviation=True ;;
  false) ss_fail_on_deviation=False ;;
  *) ss_fail "Steadystate.FailOnDeviation must be True or False, got '$ss_fail_on_deviation'" ;;
esac

case "${ss_skip_unknown_controls,,}" in
  true) ss_skip_unknown_controls=True ;;
  false | '') ss_skip_unknown_controls=False ;;
  *) ss_fail "Steadystate.SkipUnknownControls must be True or False, got '$ss_skip_unknown_controls'" ;;
esac

# The experiment: inline JSON or YAML, an http(s) URL, or a path (inside the package when one is set).
ss_resolve_experiment() {
  local text trimmed package_dir
  text=$(ss_param Experiment)
  trimmed=$(ss_trim "$text")
  if [[ -z $trimmed ]]; then
    ss_fail "Steadystate.Experiment is empty: paste the experiment (JSON or YAML), or give its path inside the experiment package"
  fi
  if [[ $trimmed == '{'* ]]; then
    ss_experiment=$ss_tmp/experiment.json
    printf '%s\n' "$text" >"$ss_experiment"
    echo "Experiment: inline JSON"
  elif [[ $trimmed == *$'\n'* ]]; then
    ss_experiment=$ss_tmp/experiment.yaml
    printf '%s\n' "$text" >"$ss_experiment"
    echo "Experiment: inline YAML"
  elif [[ $trimmed =~ ^https?:// ]]; then
    ss_experiment=$trimmed
    echo "Experiment: $ss_experiment"
  else
    package_dir=$(get_octopusvariable "Octopus.Action.Package[Steadystate.ExperimentPackage].ExtractedPath")
    if [[ $trimmed == /* ]]; then
      ss_experiment=$trimmed
    elif [[ -n $package_dir ]]; then
      ss_experiment=$package_dir/$trimmed
    else
      ss_experiment=$PWD/$trimmed
    fi
    if [[ ! -f $ss_experiment ]]; then
      if [[ -n $package_dir && $trimmed != /* ]]; then
        ss_fail "The experiment file '$trimmed' is not in the experiment package (extracted to $package_dir)"
      fi
      ss_fail "The experiment file $ss_experiment does not exist (Steadystate.Experiment is neither JSON nor YAML text, so it is read as a path)"
    fi
    echo "Experiment: $ss_experiment"
  fi
}
ss_resolve_experiment

# JSON string syntax for a one-line value: backslash, quote and tab are the characters to escape.
ss_json_string() {
  local value=$1
  value=${value//\\/\\\\}
  value=${value//\"/\\\"}
  printf '"%s"' "${value//$'\t'/\\t}"
}

# Steadystate.Variables: `name=value` lines, the experiment's configuration (as `--var name=value`),
# passed in a var file so that they stay out of the process list like the secrets.
ss_var_files=()
ss_write_variables() {
  local text line name value number=0 count=0 entries=''
  text=$(ss_param Variables)
  while IFS= read -r line || [[ -n $line ]]; do
    number=$((number + 1))
    line=$(ss_trim "${line%$'\r'}")
    [[ -z $line || $line == '#'* ]] && continue
    name=$(ss_trim "${line%%=*}")
    value=$(ss_trim "${line#*=}")
    if [[ $line != *=* || -z $name || $name == *[[:space:]]* ]]; then
      ss_fail "Steadystate.Variables line $number is not name=value: '$line'"
    fi
    if [[ $name == *:* ]]; then
      ss_fail "Steadystate.Variables line $number: typed values (name:type=value) are not supported here, values are strings: '$line'"
    fi
    if [[ ${value//$'\t'/} == *[[:cntrl:]]* ]]; then
      ss_fail "Steadystate.Variables line $number: the value of '$name' contains control characters"
    fi
    entries+="${entries:+, }$(ss_json_string "$name"): $(ss_json_string "$value")"
    count=$((count + 1))
  done <<<"$text"
  if [[ $count -gt 0 ]]; then
    printf '{"configuration": {%s}}\n' "$entries" >"$ss_tmp/variables.json"
    ss_var_files+=(--var-file "$ss_tmp/variables.json")
    echo "Variables: $count configuration value(s)"
  fi
}

# Steadystate.Secrets (a Sensitive parameter): `NAME=value` lines, environment variables that the
# experiment's secrets read (`{"type": "env", "key": "NAME"}`). They go to a .env var file readable
# by this user only, which steadystate redacts everywhere; no message ever shows a value.
ss_write_secrets() {
  local text line name value number=0 count=0
  text=$(ss_param Secrets)
  (
    umask 077
    : >"$ss_tmp/secrets.env"
  )
  while IFS= read -r line || [[ -n $line ]]; do
    number=$((number + 1))
    line=${line%$'\r'}
    [[ -z $(ss_trim "$line") || $(ss_trim "$line") == '#'* ]] && continue
    name=$(ss_trim "${line%%=*}")
    if [[ $line != *=* || ! $name =~ ^[A-Za-z_][A-Za-z0-9_]*$ ]]; then
      ss_fail "Steadystate.Secrets line $number is not NAME=value (the line is not shown: it may hold a secret)"
    fi
    # As in a .env file, one pair of quotes around the value is not part of it.
    value=${line#*=}
    if [[ $value =~ ^\"(.*)\"$ || $value =~ ^\'(.*)\'$ ]]; then
      value=${BASH_REMATCH[1]}
    fi
    # steadystate's .env reader keeps what is between the outer quotes as is.
    printf '%s="%s"\n' "$name" "$value" >>"$ss_tmp/secrets.env"
    count=$((count + 1))
  done <<<"$text"
  if [[ $count -gt 0 ]]; then
    ss_var_files+=(--var-file "$ss_tmp/secrets.env")
    echo "Secrets: $count environment variable(s) for the experiment's secrets (values not shown)"
  fi
}
ss_write_variables
ss_write_secrets

# Kubernetes: a "Run a kubectl script" step on a Kubernetes target exports KUBECONFIG for it.
if [[ -n $ss_context ]]; then
  export KUBERNETES_CONTEXT=$ss_context
fi
if [[ -n ${KUBECONFIG:-} ]]; then
  echo "Kubernetes: the kubeconfig Octopus prepared for the target ($KUBECONFIG)${ss_context:+, context $ss_context}"
elif [[ -n ${KUBERNETES_SERVICE_HOST:-} ]]; then
  echo "Kubernetes: in-cluster service account (no KUBECONFIG)"
fi

# ---------------------------------------------------------------------------------------------
# steadystate: from PATH, an npm package, or a release tarball (Steadystate.Install)
# ---------------------------------------------------------------------------------------------

ss_install_from=$(ss_trim "$(ss_param Install)")
# A bare version is that version of the npm package.
if [[ $ss_install_from =~ ^[0-9]+\.[0-9]+\.[0-9]+(-[0-9A-Za-z.-]+)?$ ]]; then
  ss_install_from=@steadystate/cli@$ss_install_from
fi
# The version the source names, when it names one: it makes the error messages concrete.
ss_wanted=''
if [[ $ss_install_from =~ ^@steadystate/cli@([0-9]+\.[0-9]+\.[0-9]+(-[0-9A-Za-z.-]+)?)$ ]]; then
  ss_wanted=${BASH_REMATCH[1]}
elif [[ $ss_install_from =~ (^|/)steadystate-([0-9]+\.[0-9]+\.[0-9]+(-[0-9A-Za-z.-]+)?)\.tar\.gz$ ]]; then
  ss_wanted=${BASH_REMATCH[2]}
fi
ss_cache=${XDG_CACHE_HOME:-${HOME:-$PWD}/.cache}/steadystate/octopus

# The SHA-256 a tarball must have (Steadystate.InstallSha256), as the release's SHA256SUMS lists it.
ss_install_sha256=$(ss_trim "$(ss_param InstallSha256)")
ss_install_sha256=${ss_install_sha256,,}
if [[ -n $ss_install_sha256 && ! $ss_install_sha256 =~ ^[0-9a-f]{64}$ ]]; then
  ss_fail "Steadystate.InstallSha256 must be the 64 hexadecimal digits of the tarball's SHA-256 (its line in the release's SHA256SUMS), got '$ss_install_sha256'"
fi
# A checksum that would not be checked is refused rather than ignored.
ss_refuse_unchecked_sha256() {
  if [[ -n $ss_install_sha256 ]]; then
    ss_fail "Steadystate.InstallSha256 is set, but Steadystate.Install ('$ss_install_from') is not a tarball: only a tarball is checked against it (npm checks the integrity of its packages itself). Install from the release tarball's URL or path, or clear Steadystate.InstallSha256"
  fi
}

# One error for every way of not getting steadystate: what went wrong, then the three ways.
ss_fail_install() {
  local version=${ss_wanted:-<version>}
  local ways="Steadystate.Install says where steadystate comes from, in one of three ways:"
  ways+=" PATH (steadystate installed on the worker, or the execution container image ghcr.io/steadystate/steadystate:$version-kubectl);"
  ways+=" an npm package, e.g. @steadystate/cli@$version (needs Node.js 20.10 or newer and npm on the worker);"
  ways+=" or the URL or path of the release tarball, e.g. https://github.com/steadystate/steadystate/releases/download/v$version/steadystate-$version.tar.gz (needs only Node.js 20.10 or newer)"
  ss_fail "$1. $ways"
}

# Both installs need Node.js 20.10 or newer, which steadystate runs on.
ss_require_node() {
  if ! command -v node >/dev/null 2>&1; then
    ss_fail_install "steadystate is not on PATH, and Node.js is not installed to install $1"
  fi
  ss_node_version=$(node -p 'process.versions.node')
  if [[ ! $ss_node_version =~ ^([0-9]+)\.([0-9]+) ]] ||
    ((BASH_REMATCH[1] < 20 || (BASH_REMATCH[1] == 20 && BASH_REMATCH[2] < 10))); then
    ss_fail_install "Node.js $ss_node_version is too old to install $1: steadystate needs Node.js 20.10 or newer"
  fi
}

ss_key() { printf '%s' "$1" | cksum | cut -d ' ' -f 1; }

# Installs go beside their cache entry and are renamed into it, so parallel steps on one worker
# never see half an install; when another run was first, its copy is kept.
ss_begin_install() {
  mkdir -p "$ss_cache"
  ss_staging=$(mktemp -d "$ss_cache/install.XXXXXX")
}
ss_finish_install() {
  if [[ -e $2 ]] || ! mv "$1" "$2" 2>/dev/null; then
    rm -rf "$1"
  fi
  rm -rf "$ss_staging"
}

ss_install_npm() {
  local spec=$1 dir
  ss_require_node "$spec from npm"
  if ! command -v npm >/dev/null 2>&1; then
    ss_fail_install "npm is missing beside Node.js $ss_node_version, so $spec cannot be installed"
  fi
  # Cached by spec: a tag such as `latest` is resolved once per worker.
  dir=$ss_cache/npm-$(ss_key "$spec")
  ss_bin=$dir/node_modules/.bin/steadystate
  if [[ -x $ss_bin ]]; then
    echo "steadystate: $spec, installed by an earlier run ($dir)"
    return
  fi
  echo "steadystate: installing $spec from npm into $dir (Node.js $ss_node_version)"
  ss_begin_install
  if ! npm install --prefix "$ss_staging" --no-audit --no-fund --no-update-notifier --loglevel=error "$spec" 2>&1; then
    rm -rf "$ss_staging"
    ss_fail_install "npm could not install $spec (see npm's output above)"
  fi
  ss_finish_install "$ss_staging" "$dir"
  if [[ ! -x $ss_bin ]]; then
    ss_fail_install "npm installed $spec, but it has no steadystate command ($ss_bin)"
  fi
}

# curl or wget when the worker has one (they follow its proxy settings), else Node.js's fetch.
ss_download() {
  if command -v curl >/dev/null 2>&1; then
    curl -fsSL --retry 2 -o "$2" "$1"
  elif command -v wget >/dev/null 2>&1; then
    wget -q -O "$2" "$1"
  else
    node -e '
      const [url, file] = process.argv.slice(1)
      fetch(url)
        .then(async (response) => {
          if (!response.ok) throw new Error("HTTP " + response.status + " " + response.statusText)
          require("fs").writeFileSync(file, Buffer.from(await response.arrayBuffer()))
        })
        .catch((error) => {
          console.log(url + ": " + (error.cause ? error.cause.message : error.message))
          process.exit(1)
        })
    ' "$1" "$2"
  fi
}

# The SHA-256 of a file: sha256sum (coreutils, beside the cksum the cache uses), or macOS's shasum.
ss_sha256() {
  local digest
  if command -v sha256sum >/dev/null 2>&1; then
    digest=$(sha256sum <"$1") || return 1
  elif command -v shasum >/dev/null 2>&1; then
    digest=$(shasum -a 256 <"$1") || return 1
  else
    echo "neither sha256sum nor shasum is installed on this worker"
    return 1
  fi
  echo "${digest%% *}"
}

# What the tarball's SHA-256 must be (ss_expected, and ss_expected_from saying who says so):
# Steadystate.InstallSha256, else its line in the SHA256SUMS the release publishes beside it. A
# download without either is refused; a file on the worker without either is used as it is.
ss_expected_sha256() {
  local source=$1 name sums file hash listed
  if [[ -n $ss_install_sha256 ]]; then
    ss_expected=$ss_install_sha256
    ss_expected_from=Steadystate.InstallSha256
    return 0
  fi
  local unchecked="and Steadystate.InstallSha256 is empty, so $source was not installed: put the tarball's SHA-256 (its line in the release's SHA256SUMS) in Steadystate.InstallSha256"
  if [[ $source =~ ^https?:// ]]; then
    name=${source%%[?#]*}
    sums=${name%/*}/SHA256SUMS
    name=${name##*/}
    file=$ss_staging/SHA256SUMS
    if ! ss_download "$sums" "$file"; then
      rm -rf "$ss_staging"
      ss_fail "Could not check the download of $source: the release's checksums ($sums) could not be downloaded (see above), $unchecked"
    fi
  else
    name=${source##*/}
    sums=SHA256SUMS
    [[ $source != */* ]] || sums=${source%/*}/SHA256SUMS
    [[ -f $sums ]] || return 1
    file=$sums
  fi
  while read -r hash listed || [[ -n $hash ]]; do
    # sha256sum writes `HASH  NAME`, or `HASH *NAME` in binary mode.
    if [[ ${listed#\*} == "$name" ]]; then
      ss_expected=${hash,,}
      ss_expected_from=$sums
      return 0
    fi
  done <"$file"
  rm -rf "$ss_staging"
  ss_fail "Could not check $source: $sums lists no $name, $unchecked"
}

# Refuses a tarball whose SHA-256 is not the one expected: nothing of it is installed.
ss_check_tarball() {
  local source=$1 archive=$2 actual
  ss_expected_sha256 "$source" || return 0
  if ! actual=$(ss_sha256 "$archive"); then
    rm -rf "$ss_staging"
    ss_fail "Could not compute the SHA-256 of $source${actual:+: $actual}, so it was not installed"
  fi
  if [[ $actual != "$ss_expected" ]]; then
    rm -rf "$ss_staging"
    ss_fail "The tarball $source has the SHA-256 $actual, but $ss_expected_from says $ss_expected: it was not installed. Check Steadystate.Install and Steadystate.InstallSha256 against the release's SHA256SUMS"
  fi
  echo "steadystate: the SHA-256 of $source matches $ss_expected_from ($actual)"
}

# The self-contained tarball of a release: checked, unpacked once, then run with Node.js by its launcher.
ss_install_tarball() {
  local source=$1 dir archive found
  ss_require_node "the tarball $source"
  if [[ $source =~ ^https?:// ]]; then
    # A release's URL names its version: cached by URL (and by the checksum it was checked against).
    dir=$ss_cache/tarball-$(ss_key "$source $ss_install_sha256")
  elif [[ -f $source ]]; then
    dir=$ss_cache/tarball-$(cksum <"$source" | cut -d ' ' -f 1)${ss_install_sha256:+-${ss_install_sha256:0:16}}
  else
    ss_fail_install "The tarball $source does not exist on this worker"
  fi
  ss_bin=$dir/bin/steadystate
  if [[ -x $ss_bin ]]; then
    echo "steadystate: $source, unpacked by an earlier run ($dir)"
    return
  fi
  echo "steadystate: unpacking $source into $dir (Node.js $ss_node_version)"
  ss_begin_install
  archive=$source
  if [[ $source =~ ^https?:// ]]; then
    archive=$ss_staging/steadystate.tar.gz
    if ! ss_download "$source" "$archive"; then
      rm -rf "$ss_staging"
      ss_fail_install "Could not download $source (see above)"
    fi
  fi
  ss_check_tarball "$source" "$archive"
  mkdir "$ss_staging/unpacked"
  if ! tar -xzf "$archive" -C "$ss_staging/unpacked" 2>&1; then
    rm -rf "$ss_staging"
    ss_fail_install "Could not unpack $source: it is not a .tar.gz (see above)"
  fi
  set +o noglob
  found=("$ss_staging"/unpacked/*/bin/steadystate)
  set -o noglob
  if [[ ${#found[@]} -ne 1 || ! -x ${found[0]} ]]; then
    rm -rf "$ss_staging"
    ss_fail_install "$source is not a steadystate release tarball (steadystate-<version>.tar.gz, with bin/steadystate inside; for an npm package file, give file:<path>)"
  fi
  ss_finish_install "${found[0]%/bin/steadystate}" "$dir"
}

case $ss_install_from in
  '' | PATH | path)
    ss_refuse_unchecked_sha256
    if ! ss_bin=$(command -v steadystate); then
      ss_fail_install "steadystate is not on PATH (Steadystate.Install is '${ss_install_from}')"
    fi
    echo "steadystate: $ss_bin"
    ;;
  http://* | https://* | /* | *.tar.gz)
    ss_install_tarball "$ss_install_from"
    ;;
  *)
    ss_refuse_unchecked_sha256
    # The default names the template's own version: when that one is on PATH (the execution
    # container's image), nothing needs installing.
    if [[ -n $ss_wanted && $ss_install_from == "@steadystate/cli@$ss_wanted" ]] &&
      ss_bin=$(command -v steadystate) && [[ $("$ss_bin" --version 2>/dev/null) == "$ss_wanted" ]]; then
      echo "steadystate: $ss_bin, the version $ss_install_from names"
    else
      ss_install_npm "$ss_install_from"
    fi
    ;;
esac
if ! ss_installed_version=$("$ss_bin" --version 2>&1); then
  ss_fail_install "$ss_bin does not run ('steadystate --version' said: $ss_installed_version)"
fi
echo "steadystate version $ss_installed_version"

# ---------------------------------------------------------------------------------------------
# The previous run's rollbacks, if it left any pending
# ---------------------------------------------------------------------------------------------

# The journal lives outside the task's working directory (which Octopus removes) while the run is in
# progress: a run killed outright (a lost worker, a hard cancellation) leaves it there, saying which
# rollbacks are pending, and the step's next run on the same target plays them before anything else.
ss_state_key=$(printf '%s_%s_%s_%s' \
  "$(get_octopusvariable Octopus.Action.Id)" "$(get_octopusvariable Octopus.Environment.Id)" \
  "$(get_octopusvariable Octopus.Tenant.Id)" "$(get_octopusvariable Octopus.Machine.Id)" |
  tr -c 'A-Za-z0-9_.-' '_')
ss_state_dir=${STEADYSTATE_STATE_DIR:-${XDG_STATE_HOME:-${HOME:-$PWD}/.local/state}/steadystate/octopus}/$ss_state_key
mkdir -p "$ss_state_dir"
ss_state_journal=$ss_state_dir/journal.json
ss_task=$(ss_trim "$(get_octopusvariable Octopus.Task.Id)")
# Who runs it, for another run that meets its lock or its record in the cluster.
STEADYSTATE_ORIGIN="Octopus task ${ss_task:-?} ($(get_octopusvariable Octopus.Project.Name), $(get_octopusvariable Octopus.Environment.Name))"
export STEADYSTATE_ORIGIN

# (The guarded expansion: bash before 4.4 calls an empty array unbound under `set -u`.)
if [[ -f $ss_state_journal && $("$ss_bin" journal-facts "$ss_state_journal" --get rollbacksPending 2>/dev/null) == true ]]; then
  write_warning "The previous run of this step stopped before its rollbacks had all run: playing them first"
  if ! "$ss_bin" rollback "$ss_state_journal" --log-format plain \
    --by "the Octopus step's next run (task ${ss_task:-?})" ${ss_var_files[@]+"${ss_var_files[@]}"} 2>&1; then
    ss_fail "The rollbacks the previous run of this step left pending could not all be played (see above): nothing new was run. Check the system; 'steadystate rollback $ss_state_journal' plays them again."
  fi
  cp "$ss_state_journal" "$PWD/previous-$ss_journal"
  new_octopusartifact "$PWD/previous-$ss_journal" "previous-$ss_journal"
fi

# ---------------------------------------------------------------------------------------------
# Run
# ---------------------------------------------------------------------------------------------

ss_journal_path=$PWD/$ss_journal
# --ci octopus: the secrets' forms become sensitive output variables, which Octopus masks in the log.
ss_args=(run "$ss_experiment" --journal-path "$ss_state_journal" --log-format plain --ci octopus)
[[ -z $ss_report ]] || ss_args+=(--report "$PWD/$ss_report")
[[ -z $ss_junit ]] || ss_args+=(--junit "$PWD/$ss_junit")
[[ -z $ss_rollback ]] || ss_args+=(--rollback-strategy "$ss_rollback")
[[ -z $ss_hypothesis ]] || ss_args+=(--hypothesis-strategy "$ss_hypothesis")
[[ -z $ss_lock ]] || ss_args+=(--lock "$ss_lock")
[[ -z $ss_lock_timeout ]] || ss_args+=(--lock-timeout "$ss_lock_timeout")
[[ -z $ss_kill_switch_interval ]] || ss_args+=(--kill-switch-interval "$ss_kill_switch_interval")
[[ $ss_skip_unknown_controls != True ]] || ss_args+=(--skip-unknown-controls)
# The exit code is the step's result, by steadystate's one job policy.
if [[ $ss_fail_on_deviation == True ]]; then
  ss_args+=(--fail-on-deviation)
else
  ss_args+=(--no-fail-on-deviation)
fi
ss_args+=(${ss_var_files[@]+"${ss_var_files[@]}"})
# No secret is on this command line: they are in the var file.
echo "Running: steadystate ${ss_args[*]}"

# steadystate logs on stderr, which Octopus shows as errors: its log goes to stdout instead. It runs
# in the background so that a SIGTERM (a cancelled task) reaches it and its rollbacks still run.
"$ss_bin" "${ss_args[@]}" 2>&1 &
ss_child=$!
trap 'kill -TERM "$ss_child" 2>/dev/null || true' TERM INT
while :; do
  ss_status=0
  wait "$ss_child" || ss_status=$?
  kill -0 "$ss_child" 2>/dev/null || break
done
# After a signal interrupted `wait`, this one returns steadystate's own exit status.
ss_status=0
wait "$ss_child" || ss_status=$?
trap - TERM INT

# steadystate killed before its rollbacks finished (the cancellation went on to kill it): play them
# now, from the experiment this step ran.
if [[ $("$ss_bin" journal-facts "$ss_state_journal" --get rollbacksPending 2>/dev/null) == true ]]; then
  write_warning "steadystate stopped before its rollbacks had all run: playing them now"
  "$ss_bin" rollback "$ss_state_journal" --experiment "$ss_experiment" --log-format plain \
    --by "the Octopus step, after its run was stopped (task ${ss_task:-?})" \
    ${ss_var_files[@]+"${ss_var_files[@]}"} 2>&1 || ss_status=1
fi
[[ ! -f $ss_state_journal ]] || cp "$ss_state_journal" "$ss_journal_path"

# ---------------------------------------------------------------------------------------------
# Artifacts, output variables, verdict
# ---------------------------------------------------------------------------------------------

ss_attach() {
  local name=$1
  if [[ -f $PWD/$name ]]; then
    new_octopusartifact "$PWD/$name" "$name"
  else
    write_warning "$name was not written, so it is not attached (see the log above)"
  fi
}
ss_attach "$ss_journal"
[[ -z $ss_report ]] || ss_attach "$ss_report"
[[ -z $ss_junit ]] || ss_attach "$ss_junit"

# The output variables (Status, Deviated, Verdict, Summary, RollbacksPending, JournalPath) and the
# highlighted verdict, from the journal: printed by steadystate as Octopus service messages.
"$ss_bin" journal-facts "$ss_journal_path" --format octopus || true
echo "  exit code $ss_status"

# The step's result is steadystate's exit code (its one job policy); its message is the verdict.
if [[ $ss_status -ne 0 ]]; then
  ss_fail "$("$ss_bin" journal-facts "$ss_journal_path" --get message 2>/dev/null || echo "steadystate exited with $ss_status: see the log above")"
fi
