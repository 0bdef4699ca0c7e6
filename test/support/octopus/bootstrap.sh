#!/usr/bin/env bash
# Stand-ins for what Octopus's Calamari does around a Bash step: define its helper functions, then
# source the step's script in the same shell, whose exit status is the step's.
#   bootstrap.sh VARIABLES_DIR SCRIPT
# VARIABLES_DIR holds one file per Octopus variable, named by the base64url of the variable's name.
# The helpers behave as Calamari's do (service messages with base64 attribute values; write_* echo
# their argument unquoted), and fail loudly where Calamari's would misbehave, so the tests see it.
# Like Calamari's bootstrap, this file sets no shell options: the step's script chooses them.

octopus_variables=$1
octopus_script=$2

octopus_encode() { printf '%s' "$1" | base64 -w0; }

# The value, or an empty line for an unknown name.
get_octopusvariable() {
  local file
  file="$octopus_variables/$(printf '%s' "$1" | base64 -w0 | tr '+/' '-_' | tr -d '=')"
  if [ -f "$file" ]; then cat "$file"; fi
  echo
}

set_octopusvariable() {
  local message
  message="##octopus[setVariable name='$(octopus_encode "$1")'"
  # As Calamari: an empty value leaves the attribute out.
  if [ -n "$2" ]; then message="$message value='$(octopus_encode "$2")'"; fi
  if [ "${3:-}" = "-sensitive" ]; then message="$message sensitive='$(octopus_encode True)'"; fi
  echo "$message]"
}

new_octopusartifact() {
  echo "Collecting $1 as an artifact..."
  # Calamari's helper calls an undefined function for a missing file and reads the length with an
  # unquoted redirection, which breaks on a path with spaces: either is a bug in the step's script.
  if [ ! -e "$1" ]; then
    echo "stand-in: new_octopusartifact called for a missing file: $1" >&2
    exit 97
  fi
  if [[ $1 == *[[:space:]]* ]]; then
    echo "stand-in: new_octopusartifact cannot collect a path with spaces: $1" >&2
    exit 97
  fi
  local name=${2:-$(basename "$1")}
  echo "##octopus[createArtifact path='$(octopus_encode "$1")' name='$(octopus_encode "$name")' length='$(octopus_encode "$(wc -c <"$1")")']"
}

fail_step() {
  if [ -n "${1:-}" ]; then echo "##octopus[resultMessage message='$(octopus_encode "$1")']"; fi
  exit 1
}

# Calamari's write_* helpers echo $1 unquoted (word splitting and globbing included); so do these.
octopus_write() {
  echo "##octopus[stdout-$1]"
  # shellcheck disable=SC2086 # unquoted on purpose, as Calamari's
  echo $2
  echo "##octopus[stdout-default]"
}
write_verbose() { octopus_write verbose "$1"; }
write_highlight() { octopus_write highlight "$1"; }
write_wait() { octopus_write wait "$1"; }
write_warning() { octopus_write warning "$1"; }

update_progress() {
  echo "##octopus[progress percentage='$(octopus_encode "$1")' message='$(octopus_encode "$2")']"
}

# Calamari shifts its own arguments away before sourcing the script.
shift 2
# shellcheck source=/dev/null
source "$octopus_script"
