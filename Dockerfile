# steadystate in one small image for GitLab CI jobs, Octopus execution containers and Kubernetes
# CronJobs (docs/container-image.md). It has no ENTRYPOINT and no CMD: GitLab runs `sh -c <script>`
# in it (the Kubernetes executor ignores an entrypoint anyway), Octopus starts its own bash, and a
# Kubernetes pod names its command. bash, grep, openssl and ICU are there for them; the user is non-root.
#
# The build context is not the repository: scripts/build-image stages it (the bundled CLI, its
# pinned runtime dependencies and the GitLab helper), because the CLI is one esbuild bundle and only
# the report's fonts are installed from npm (the charts need no native binary).

ARG NODE_VERSION=24.21.0
ARG DEBIAN_SUITE=bookworm

# Runtime dependencies (fonts only: nothing platform-specific), installed on the build platform: a
# multi-arch build runs npm natively instead of under emulation.
FROM --platform=$BUILDPLATFORM docker.io/library/node:${NODE_VERSION}-${DEBIAN_SUITE}-slim AS install
WORKDIR /opt/steadystate
COPY steadystate/package.json ./
# Only the font files the report embeds are kept (fonts.ts: regular, italic, bold; 86 MiB less).
# The optional build-ca secret is for builds behind a TLS-inspecting proxy: scripts/build-image
# passes the host's CA bundle, and being a secret it never lands in a layer.
RUN --mount=type=secret,id=build-ca,required=false set -eu; \
    if [ -s /run/secrets/build-ca ]; then export NODE_EXTRA_CA_CERTS=/run/secrets/build-ca; fi; \
    npm install --omit=dev --no-audit --no-fund --no-update-notifier; \
    find node_modules/@expo-google-fonts -mindepth 2 -maxdepth 2 -type d \
      ! -name 400Regular ! -name 400Regular_Italic ! -name 700Bold -exec rm -rf {} +; \
    find node_modules/@expo-google-fonts -name '*.png' -delete
COPY steadystate/ ./

# The Node binary for the target platform. The final image is Debian slim plus that binary: not the
# Node image, whose npm, yarn and C headers would stay in its layers even if deleted later.
FROM docker.io/library/node:${NODE_VERSION}-${DEBIAN_SUITE}-slim AS node

FROM docker.io/library/debian:${DEBIAN_SUITE}-slim
ARG VERSION=0.0.0
ARG REVISION=unknown
ARG SOURCE=https://github.com/steadystate/steadystate
LABEL org.opencontainers.image.title="steadystate" \
      org.opencontainers.image.description="Chaos Toolkit experiments, run natively: steadystate run experiment.json" \
      org.opencontainers.image.source="${SOURCE}" \
      org.opencontainers.image.version="${VERSION}" \
      org.opencontainers.image.revision="${REVISION}" \
      org.opencontainers.image.licenses="Apache-2.0"
# openssl, CA certificates and ICU for Octopus (its .NET Calamari runs in the container and decrypts
# variables with openssl); libstdc++ for Node. Group 0 owns HOME so that clusters running containers
# under an arbitrary UID (OpenShift) still have a writable home. The commands are linked before
# their targets are copied, so that everything up to the last COPY stays cached when only the CLI
# changes.
RUN set -eu; \
    export DEBIAN_FRONTEND=noninteractive; \
    apt-get update; \
    apt-get install -y --no-install-recommends openssl ca-certificates libicu72 libstdc++6; \
    rm -rf /var/lib/apt/lists/* /var/cache/apt/*.bin /var/log/apt /var/log/dpkg.log; \
    useradd --uid 10001 --gid 0 --home-dir /home/steadystate --create-home --shell /bin/bash steadystate; \
    chmod g=u /home/steadystate; \
    ln -s /opt/steadystate/bin/steadystate.js /usr/local/bin/steadystate; \
    ln -s /opt/steadystate/gitlab/steadystate-gitlab /usr/local/bin/steadystate-gitlab
COPY --from=node /usr/local/bin/node /usr/local/bin/node
USER 10001
WORKDIR /home/steadystate
ENV HOME=/home/steadystate
# The base image's command is cleared, not replaced: see the top of this file.
ENTRYPOINT []
CMD []
COPY gitlab/ /opt/steadystate/gitlab/
COPY --from=install /opt/steadystate /opt/steadystate
