// Command requestcontract writes api/request-contract.json from
// api/openapi.yaml (see api.RequestContract); run by `go generate ./api`.
package main

import (
	"fmt"
	"os"

	"github.com/ipsfidelity/fidelity/api"
)

func main() {
	if len(os.Args) != 3 {
		fmt.Fprintln(os.Stderr, "usage: requestcontract openapi.yaml request-contract.json")
		os.Exit(2)
	}
	spec, err := os.ReadFile(os.Args[1])
	if err == nil {
		var out []byte
		if out, err = api.BuildRequestContract(spec); err == nil {
			err = os.WriteFile(os.Args[2], out, 0o644)
		}
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
