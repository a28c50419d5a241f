package store

import (
	"bytes"
	"context"
	"unicode/utf8"

	"github.com/ipsfidelity/fidelity/internal/fidelity"
	"github.com/ipsfidelity/fidelity/internal/service"
)

func scaleWhat(id, version string) string { return "scale " + id + "@" + version }

// PutScale inserts a scale version. Published versions are immutable, so a
// second put of the same id@version is a conflict even with equal content;
// the caller compares checksums when it wants idempotence.
func (s *Store) PutScale(ctx context.Context, sc service.StoredScale) error {
	// The source is stored as TEXT, which PostgreSQL requires to be UTF-8
	// without NUL; YAML is UTF-8 anyway.
	if !utf8.Valid(sc.Source) || bytes.IndexByte(sc.Source, 0) >= 0 {
		return fidelity.Errorf(fidelity.KindInvalid, "source of %s is not UTF-8 text", scaleWhat(sc.ID, sc.Version))
	}
	row := scaleRow{
		ID: sc.ID, Version: sc.Version, Checksum: sc.Checksum, Source: string(sc.Source),
		Origin: sc.Origin, CreatedAt: formatInstant(sc.CreatedAt),
	}
	return translate(s.w(ctx).Create(&row).Error, scaleWhat(sc.ID, sc.Version))
}

func (s *Store) GetScale(ctx context.Context, id, version string) (service.StoredScale, error) {
	var row scaleRow
	err := s.r(ctx).Where("id = ? AND version = ?", id, version).Take(&row).Error
	if err != nil {
		return service.StoredScale{}, translate(err, scaleWhat(id, version))
	}
	return row.domain()
}

// ListScales returns every stored version, ordered by id then version (as
// text; the catalog orders versions semantically).
func (s *Store) ListScales(ctx context.Context) ([]service.StoredScale, error) {
	var rows []scaleRow
	if err := s.r(ctx).Order("id, version").Find(&rows).Error; err != nil {
		return nil, translate(err, "scales")
	}
	out := make([]service.StoredScale, 0, len(rows))
	for _, r := range rows {
		sc, err := r.domain()
		if err != nil {
			return nil, err
		}
		out = append(out, sc)
	}
	return out, nil
}

func (r scaleRow) domain() (service.StoredScale, error) {
	var d decoder
	sc := service.StoredScale{
		ID: r.ID, Version: r.Version, Checksum: r.Checksum, Source: []byte(r.Source),
		Origin: r.Origin, CreatedAt: d.instant(r.CreatedAt),
	}
	return sc, d.fail(scaleWhat(r.ID, r.Version))
}
