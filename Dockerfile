# Build a static binary (modernc SQLite is pure Go, no cgo) and ship it alone.
FROM golang:1.26 AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN CGO_ENABLED=0 go build -trimpath -ldflags="-s -w" -o /gongyou . && mkdir -p /data

FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /gongyou /gongyou
# The SQLite default lives in a volume, so a new image (or container) keeps
# the workers' data; the directory belongs to nonroot so SQLite can create
# the database, its -wal and -shm there.
COPY --from=build --chown=65532:65532 /data /home/nonroot/data
VOLUME /home/nonroot/data
WORKDIR /home/nonroot
# Public listener on all interfaces; the admin one (/healthz, /readyz,
# /metrics) stays on the container's loopback unless GONGYOU_ADMIN_ADDR says otherwise.
ENV GONGYOU_DB=sqlite:/home/nonroot/data/gongyou.db GONGYOU_HTTP_ADDR=0.0.0.0:8080
EXPOSE 8080
USER nonroot
HEALTHCHECK --interval=30s --timeout=5s --retries=3 CMD ["/gongyou", "healthcheck"]
ENTRYPOINT ["/gongyou"]
CMD ["serve"]
