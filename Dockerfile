# Multi-stage build of the static fidelity binary. CI runs the same
# `go build` command (see .ci/run), since no Docker engine runs there.
FROM golang:1.26-bookworm AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
ARG VERSION=dev
RUN CGO_ENABLED=0 go build -trimpath -ldflags "-s -w -X main.version=${VERSION}" -o /out/fidelity ./cmd/fidelity

FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /out/fidelity /usr/local/bin/fidelity
WORKDIR /data
USER nonroot:nonroot
EXPOSE 8080
ENV FIDELITY_ADDR=0.0.0.0:8080 FIDELITY_LOG_FORMAT=json
HEALTHCHECK --interval=15s --timeout=3s --retries=3 CMD ["/usr/local/bin/fidelity", "healthcheck"]
ENTRYPOINT ["/usr/local/bin/fidelity"]
CMD ["serve"]
