// Package api holds the REST contract of the service, api/openapi.yaml
// (OpenAPI 3.0.3), and the oapi-codegen configuration that turns it into
// the models and gin server interface in internal/httpapi/oapi.
package api

import _ "embed"

// Spec is api/openapi.yaml, served at /openapi.yaml and rendered at /docs.
//
//go:embed openapi.yaml
var Spec []byte
