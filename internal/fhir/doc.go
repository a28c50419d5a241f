// Package fhir maps scale versions and rating sets to HL7 FHIR R4 and back:
// a scale version becomes a Questionnaire, a rating set (or the consensus)
// a QuestionnaireResponse, and a QuestionnaireResponse filled in any FHIR
// SDC renderer becomes item inputs again, which the scoring engine scores.
// Nothing here computes a score.
//
// The resources are built from the generated R4 types of
// github.com/samply/golang-fhir-models. Two gaps of those types are closed
// by thin wrappers in wire.go: their Questionnaire answer options marshal
// every value[x] at once (invalid FHIR), and no type carries the "_text" /
// "_display" primitive extensions the translation extension lives on.
//
// The linkId scheme (linkid.go) is derived from the scale's own ids only, so
// the same scale version always yields the same linkIds. docs/fhir.md has
// the mapping table.
//
// The package is pure: no I/O, no gin, no gorm.
package fhir
