# syntax=docker/dockerfile:1
# Build with the official Swift image; run on slim Debian with only the runtime libraries.

FROM swift:6.3.1-bookworm AS build
RUN apt-get update \
    && apt-get install -y --no-install-recommends libcurl4-openssl-dev libxml2-dev pkg-config \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY Package.swift ./
COPY Sources ./Sources
COPY Tests ./Tests
RUN swift build -c release --product horizon --static-swift-stdlib \
    && install -D .build/release/horizon /out/horizon

FROM debian:bookworm-slim
RUN apt-get update \
    && apt-get install -y --no-install-recommends libcurl4 libxml2 ca-certificates tzdata \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --system --uid 10001 --user-group --home-dir /data --shell /usr/sbin/nologin horizon \
    && mkdir -p /data /etc/horizon \
    && chown horizon:horizon /data
COPY --from=build /out/horizon /usr/local/bin/horizon
COPY feeds.json /etc/horizon/feeds.json
ENV HORIZON_CONFIG=/etc/horizon/feeds.json \
    HORIZON_DATA=/data
VOLUME ["/data"]
WORKDIR /data
USER horizon
ENTRYPOINT ["horizon"]
CMD ["fetch"]
