module berth.dev/fluent-receiver

go 1.21
