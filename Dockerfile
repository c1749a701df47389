# syntax=docker/dockerfile:1
# ambassador: multi-stage build. Dependencies are cached in their own layer (cargo-chef), the
# runtime image holds only the binary, its config and a non-root user.

FROM rust:1.95-slim-bookworm AS chef
RUN cargo install cargo-chef --locked
WORKDIR /app

FROM chef AS planner
COPY . .
RUN cargo chef prepare --recipe-path recipe.json

FROM chef AS builder
COPY --from=planner /app/recipe.json recipe.json
RUN cargo chef cook --release --locked --recipe-path recipe.json
COPY . .
RUN cargo build --release --locked --bin ambassador

FROM debian:bookworm-slim AS runtime
# ca-certificates for TLS to chat platforms and managed databases; curl for the health check.
RUN apt-get update \
    && apt-get install -y --no-install-recommends ca-certificates curl \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --system --uid 10001 --home-dir /app --shell /usr/sbin/nologin ambassador
WORKDIR /app
COPY --from=builder /app/target/release/ambassador /usr/local/bin/ambassador
COPY config/default.toml config/narrative.toml ./config/
RUN mkdir -p /app/data && chown ambassador:ambassador /app/data
USER ambassador
# Listen on all interfaces inside the container; the SQLite default lives in the data volume.
ENV AMBASSADOR__SERVER__BIND=0.0.0.0:3000 \
    AMBASSADOR__LOG__FORMAT=json
EXPOSE 3000
VOLUME ["/app/data"]
HEALTHCHECK --interval=30s --timeout=3s --start-period=10s --retries=3 \
    CMD curl -fsS http://127.0.0.1:3000/healthz || exit 1
ENTRYPOINT ["ambassador"]
CMD ["serve"]
