// Package fidelity is the domain root of the service: sites, raters, reviews,
// item inputs and scorecards, and the error kinds every layer speaks.
//
// It depends on the standard library only, so that the pure packages
// (scale, scoring, report) and the adapters (store, httpapi, webui) can share
// one vocabulary without depending on each other.
package fidelity
