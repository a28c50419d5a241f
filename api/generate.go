package api

// Regenerate internal/httpapi/oapi/oapi.gen.go after changing openapi.yaml
// or oapi-codegen.yaml (run from the module root: go generate ./api/...).
//go:generate go tool oapi-codegen -config oapi-codegen.yaml openapi.yaml

// The request side of the contract, which the server parses at start (see RequestContract).
//go:generate go run ./internal/requestcontract openapi.yaml request-contract.json
