package ratingsfile

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"

	"github.com/ipsfidelity/fidelity/internal/fidelity"
)

// maxSpecialists bounds the per-specialist index in CSV field names.
const maxSpecialists = 100

func parseCSV(name string, data []byte) (File, error) {
	r := csv.NewReader(bytes.NewReader(data))
	r.FieldsPerRecord = 3
	r.TrimLeadingSpace = true
	header, err := r.Read()
	if err != nil {
		return File{}, csvError(name, err)
	}
	if strings.TrimPrefix(strings.Join(header, ","), "\ufeff") != "item,field,value" {
		return File{}, invalid(name+":1:1", "", `the header must be "item,field,value"`)
	}
	var (
		f     File
		index = map[string]int{}
	)
	for {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return File{}, csvError(name, err)
		}
		line, _ := r.FieldPos(0)
		item := strings.TrimSpace(rec[0])
		if item == "" {
			return File{}, invalid(fmt.Sprintf("%s:%d:1", name, line), "item", "is empty")
		}
		i, ok := index[item]
		if !ok {
			if len(f.Items) >= MaxItems {
				return File{}, invalid(fmt.Sprintf("%s:%d:1", name, line), "item", fmt.Sprintf("more than %d items", MaxItems))
			}
			i = len(f.Items)
			index[item] = i
			f.Items = append(f.Items, fidelity.ItemInput{ItemID: item})
		}
		if err := setField(&f.Items[i], strings.TrimSpace(rec[1]), strings.TrimSpace(rec[2])); err != nil {
			_, col := r.FieldPos(1)
			return File{}, invalid(fmt.Sprintf("%s:%d:%d", name, line, col), item+"."+rec[1], err.Error())
		}
	}
	return f, nil
}

func csvError(name string, err error) error {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return invalid(fmt.Sprintf("%s:%d:%d", name, pe.Line, pe.Column), "", pe.Err.Error())
	}
	if errors.Is(err, io.EOF) {
		return invalid(name, "", "the file is empty")
	}
	return invalid(name, "", err.Error())
}

// setField applies one "field,value" row to an item input.
func setField(in *fidelity.ItemInput, field, value string) error {
	parts := strings.Split(field, ".")
	switch {
	case field == "score":
		n, err := parseScore(value)
		in.Score = &n
		return err
	case field == "elements":
		in.Elements = splitList(value)
		return nil
	case field == "evidence":
		in.Evidence = value
		return nil
	case field == "sources":
		in.Sources = splitList(value)
		return nil
	case len(parts) == 2 && parts[0] == "values":
		return setValue(&in.Values, parts[1], value)
	case len(parts) == 2 && parts[0] == "choices":
		return setChoice(&in.Choices, parts[1], value)
	case len(parts) >= 3 && parts[0] == "specialists":
		n, err := strconv.Atoi(parts[1])
		if err != nil || n < 1 || n > maxSpecialists {
			return fmt.Errorf("the specialist number must be 1–%d", maxSpecialists)
		}
		for len(in.Specialists) < n {
			in.Specialists = append(in.Specialists, fidelity.SpecialistInput{})
		}
		sp := &in.Specialists[n-1]
		rest := parts[2:]
		switch {
		case len(rest) == 1 && rest[0] == "score":
			s, err := parseScore(value)
			sp.Score = &s
			return err
		case len(rest) == 1 && rest[0] == "label":
			sp.Label = value
			return nil
		case len(rest) == 2 && rest[0] == "values":
			return setValue(&sp.Values, rest[1], value)
		case len(rest) == 2 && rest[0] == "choices":
			return setChoice(&sp.Choices, rest[1], value)
		}
	}
	return fmt.Errorf("unknown field %q (see the ratings-file formats in the README)", field)
}

func parseScore(v string) (int, error) {
	n, err := strconv.Atoi(v)
	if err != nil {
		return 0, fmt.Errorf("a score must be a whole number, not %q", v)
	}
	return n, nil
}

func setValue(m *map[string]float64, key, value string) error {
	if key == "" {
		return fmt.Errorf("the input name is empty")
	}
	f, err := strconv.ParseFloat(strings.ReplaceAll(value, ",", "."), 64)
	if err != nil || math.IsNaN(f) || math.IsInf(f, 0) {
		return fmt.Errorf("must be a finite number, not %q", value)
	}
	if *m == nil {
		*m = map[string]float64{}
	}
	if _, dup := (*m)[key]; dup {
		return fmt.Errorf("value %s is given twice", key)
	}
	(*m)[key] = f
	return nil
}

func setChoice(m *map[string]string, key, value string) error {
	if key == "" {
		return fmt.Errorf("the input name is empty")
	}
	if *m == nil {
		*m = map[string]string{}
	}
	if _, dup := (*m)[key]; dup {
		return fmt.Errorf("choice %s is given twice", key)
	}
	(*m)[key] = value
	return nil
}

func splitList(v string) []string {
	out := []string{}
	for _, p := range strings.Split(v, ";") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}
