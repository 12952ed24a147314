# syntax=docker/dockerfile:1
# Build with the official Swift image; run on slim Debian with only the runtime libraries.
#
#   docker build -t horizon .
#   docker run --rm -v horizon-data:/data horizon fetch
#
# The apt packages are not pinned to exact versions (hadolint DL3008): Debian replaces them with
# security updates within a release, which would make pinned builds fail; the base image tags pin
# the release (bookworm).

FROM swift:6.3.1-bookworm AS build
# hadolint ignore=DL3008
RUN apt-get update \
    && apt-get install -y --no-install-recommends libcurl4-openssl-dev libxml2-dev libmimalloc-dev pkg-config \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY Package.swift ./
COPY Sources ./Sources
COPY Tests ./Tests
RUN swift build -c release --product horizon --static-swift-stdlib \
    && install -D .build/release/horizon /out/horizon

FROM debian:bookworm-slim
# hadolint ignore=DL3008
RUN apt-get update \
    && apt-get install -y --no-install-recommends libcurl4 libxml2 libmimalloc2.0 ca-certificates tzdata \
    && rm -rf /var/lib/apt/lists/* \
    && groupadd --system --gid 10001 horizon \
    && useradd --system --uid 10001 --gid 10001 --home-dir /data --shell /usr/sbin/nologin horizon \
    && mkdir -p /data /etc/horizon \
    && chown 10001:10001 /data
COPY --from=build /out/horizon /usr/local/bin/horizon
COPY feeds.json /etc/horizon/feeds.json
ENV HORIZON_CONFIG=/etc/horizon/feeds.json \
    HORIZON_DATA=/data
VOLUME ["/data"]
WORKDIR /data
USER 10001:10001
# Healthy when the configuration is valid and the data directory writable with a readable catalogue.
HEALTHCHECK --interval=1h --timeout=30s --start-period=10s CMD ["horizon", "config", "check"]
ENTRYPOINT ["horizon"]
CMD ["fetch"]
