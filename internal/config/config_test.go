package config

import (
	"strings"
	"testing"
	"time"
)

func env(m map[string]string) func(string) string { return func(k string) string { return m[k] } }

func TestDefaults(t *testing.T) {
	c, err := Parse(nil, env(nil))
	if err != nil {
		t.Fatal(err)
	}
	if c.Addr != "127.0.0.1:8080" || c.DatabaseURL != "" || !c.MigrateOnStart || c.DueMonthsBelow != 6 || c.DueMonthsGood != 12 {
		t.Fatalf("defaults: %+v", c)
	}
}

func TestFlagsWinOverEnvironment(t *testing.T) {
	c, err := Parse([]string{"--addr", "127.0.0.1:9000", "--demo"}, env(map[string]string{
		"FIDELITY_ADDR": "127.0.0.1:7000", "FIDELITY_READ_TIMEOUT": "3s", "DATABASE_URL": "postgres://u@h:5432/db",
	}))
	if err != nil {
		t.Fatal(err)
	}
	if c.Addr != "127.0.0.1:9000" || !c.Demo || c.ReadTimeout != 3*time.Second || c.DatabaseURL != "postgres://u@h:5432/db" {
		t.Fatalf("%+v", c)
	}
}

func TestEveryProblemIsListed(t *testing.T) {
	_, err := Parse([]string{"--log-format", "xml"}, env(map[string]string{
		"FIDELITY_ADDR": "nowhere", "DATABASE_URL": "postgres://", "FIDELITY_READ_TIMEOUT": "soon",
		"FIDELITY_SCALES_DIRS": "/does/not/exist", "FIDELITY_DUE_MONTHS_GOOD": "0",
	}))
	if err == nil {
		t.Fatal("no error")
	}
	for _, want := range []string{"FIDELITY_READ_TIMEOUT", "addr", "DATABASE_URL", "/does/not/exist", "log format", "due months"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error does not mention %q:\n%v", want, err)
		}
	}
}

func TestIsLoopback(t *testing.T) {
	for addr, want := range map[string]bool{
		"127.0.0.1:8080": true, "[::1]:80": true, "localhost:1": true,
		"0.0.0.0:8080": false, ":8080": false, "10.0.0.1:80": false, "garbage": false,
	} {
		if got := IsLoopback(addr); got != want {
			t.Errorf("IsLoopback(%q) = %v", addr, got)
		}
	}
}
