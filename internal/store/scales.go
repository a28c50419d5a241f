package store

import (
	"bytes"
	"context"
	"errors"
	"unicode/utf8"

	"gorm.io/gorm"

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

// ReviseScale replaces the stored encoding of next.ID@next.Version, whose
// checksum must still be prevChecksum, with next, and keeps the replaced
// source in scale_encodings. Both writes happen or neither does; a
// concurrent revision by another replica makes this one a conflict.
func (s *Store) ReviseScale(ctx context.Context, next service.StoredScale, prevChecksum string) error {
	what := scaleWhat(next.ID, next.Version)
	if !utf8.Valid(next.Source) || bytes.IndexByte(next.Source, 0) >= 0 {
		return fidelity.Errorf(fidelity.KindInvalid, "source of %s is not UTF-8 text", what)
	}
	return s.writeTx(ctx, func(db *gorm.DB) error {
		var prev scaleRow
		err := db.Where("id = ? AND version = ? AND checksum = ?", next.ID, next.Version, prevChecksum).Take(&prev).Error
		if err != nil {
			if errors.Is(err, gorm.ErrRecordNotFound) {
				return fidelity.Errorf(fidelity.KindConflict, "%s changed while its encoding was being revised", what)
			}
			return translate(err, what)
		}
		archived := scaleEncodingRow{
			ScaleID: prev.ID, ScaleVersion: prev.Version, Checksum: prev.Checksum, Source: prev.Source,
			Origin: prev.Origin, CreatedAt: prev.CreatedAt, SupersededAt: formatInstant(next.CreatedAt),
		}
		if err := db.Create(&archived).Error; err != nil {
			return translate(err, what+" (superseded encoding)")
		}
		res := db.Exec(`UPDATE scales SET checksum = ?, source = ?, origin = ?, created_at = ?
			WHERE id = ? AND version = ? AND checksum = ?`,
			next.Checksum, string(next.Source), next.Origin, formatInstant(next.CreatedAt),
			next.ID, next.Version, prevChecksum)
		if res.Error != nil {
			return translate(res.Error, what)
		}
		if res.RowsAffected != 1 {
			return fidelity.Errorf(fidelity.KindConflict, "%s changed while its encoding was being revised", what)
		}
		return nil
	})
}

// ListScaleEncodings returns the superseded encodings of id@version, oldest
// first.
func (s *Store) ListScaleEncodings(ctx context.Context, id, version string) ([]service.StoredScale, error) {
	var rows []scaleEncodingRow
	err := s.r(ctx).Where("scale_id = ? AND scale_version = ?", id, version).Order("superseded_at, checksum").Find(&rows).Error
	if err != nil {
		return nil, translate(err, scaleWhat(id, version))
	}
	out := make([]service.StoredScale, 0, len(rows))
	for _, r := range rows {
		var d decoder
		sc := service.StoredScale{
			ID: r.ScaleID, Version: r.ScaleVersion, Checksum: r.Checksum, Source: []byte(r.Source),
			Origin: r.Origin, CreatedAt: d.instant(r.CreatedAt),
		}
		if err := d.fail(scaleWhat(id, version)); err != nil {
			return nil, err
		}
		out = append(out, sc)
	}
	return out, nil
}
