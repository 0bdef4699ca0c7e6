# shellcheck shell=bash
# Settings shared by the image scripts (sourced, not run): where buildah keeps its images, and the
# base image's inputs, which the Dockerfile's ARG defaults pin.
#
# Storage lives in the user's cache, outside the repository, so a second build on the same machine
# (a developer's, or CI's next run) reuses the base image and the layer cache. vfs needs no kernel
# overlay or fuse support and chroot isolation needs no runc: both work in a container without
# privileges for nesting, which is where CI runs.
IMAGE_CACHE="${XDG_CACHE_HOME:-$HOME/.cache}/steadystate/image"
# shellcheck disable=SC2034 # used by the scripts that source this file
IMAGE_NAME="${STEADYSTATE_IMAGE_NAME:-ghcr.io/steadystate/steadystate}"
export STORAGE_DRIVER=vfs BUILDAH_ISOLATION=chroot

bh() {
  buildah --root "$IMAGE_CACHE/storage" --runroot "$IMAGE_CACHE/runroot" --storage-driver vfs "$@"
}

# The default of `ARG NAME=value` in the Dockerfile: one place pins the Node and Debian versions.
dockerfile_arg() {
  local value
  value=$(sed -n "s/^ARG $1=//p" "$REPO_ROOT/Dockerfile" | head -n 1)
  if [ -z "$value" ]; then
    echo "the Dockerfile has no default for ARG $1" >&2
    return 1
  fi
  echo "$value"
}

# Node's name for a Debian architecture (the npm registry's node-linux-<arch> packages use it).
node_arch() {
  case "$1" in
    amd64) echo x64 ;;
    arm64) echo arm64 ;;
    *)
      echo "unsupported architecture $1 (amd64 and arm64 are)" >&2
      return 1
      ;;
  esac
}
