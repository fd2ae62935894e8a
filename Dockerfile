# swfsim in a container: `docker build -t swfsim .`, then
# `docker run --rm -v "$PWD:/work" swfsim lint iam/`.
# The build stage is the same `cargo install` the GitHub Action runs; the final image holds only
# the binary. Built outside a git checkout, pass `--build-arg SWFSIM_BUILD_COMMIT=$(git rev-parse
# --short HEAD)` for `swfsim --version` to name the commit.
FROM rust:1-slim-bookworm AS build
ARG SWFSIM_BUILD_COMMIT=""
ENV CARGO_INSTALL_ROOT=/out
WORKDIR /src
COPY . .
RUN cargo install --locked --path .

FROM debian:bookworm-slim
COPY --from=build /out/bin/swfsim /usr/local/bin/swfsim
WORKDIR /work
ENTRYPOINT ["swfsim"]
CMD ["--help"]
