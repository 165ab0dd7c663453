# Build a static binary (modernc SQLite is pure Go, no cgo) and ship it alone.
FROM golang:1.26 AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN CGO_ENABLED=0 go build -trimpath -ldflags="-s -w" -o /gongyou .

FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /gongyou /gongyou
WORKDIR /home/nonroot
ENV GONGYOU_DB=sqlite:/home/nonroot/gongyou.db GONGYOU_HTTP_ADDR=0.0.0.0:8080
EXPOSE 8080
USER nonroot
ENTRYPOINT ["/gongyou"]
CMD ["serve"]
