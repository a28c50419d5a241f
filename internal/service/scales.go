package service

import (
	"context"
	"errors"

	"github.com/ipsfidelity/fidelity/internal/fidelity"
	"github.com/ipsfidelity/fidelity/internal/scale"
)

// SyncScales makes the catalog and the database agree: every scale in the
// catalog (embedded or from extra directories) is recorded in the database,
// and every scale uploaded through the API by any replica is loaded into
// the catalog. The same id@version with different content on either side
// is a conflict: published versions are never edited.
func (s *Service) SyncScales(ctx context.Context) error {
	// One read of what is stored; a restart with unchanged scale files
	// then writes nothing (every replica's start used to read each scale
	// again one by one).
	stored, err := s.store.ListScales(ctx)
	if err != nil {
		return err
	}
	byRef := make(map[string]StoredScale, len(stored))
	for _, st := range stored {
		byRef[st.ID+"@"+st.Version] = st
	}
	for _, sc := range s.scales.List() {
		existing, ok := byRef[sc.ID+"@"+sc.Version]
		err := s.storeScale(ctx, sc, existing, ok)
		if !ok && fidelity.KindOf(err) == fidelity.KindConflict {
			// Another replica starting at the same time stored it since
			// the read: compare with what it stored.
			err = s.recordScale(ctx, sc)
		}
		if err != nil {
			return err
		}
	}
	for _, st := range stored {
		if _, err := s.scales.Get(st.ID, st.Version); err == nil {
			continue
		}
		sc, err := scale.ParseStored(st.ID+"@"+st.Version+" (database)", st.Source)
		if err != nil {
			return fidelity.Wrap(fidelity.KindInternal, err, "stored scale "+st.ID+"@"+st.Version+" no longer loads")
		}
		if err := s.scales.Add(sc); err != nil {
			return err
		}
	}
	return nil
}

// recordScale records sc in the database, as storeScale, reading what is
// stored under its id@version first.
func (s *Service) recordScale(ctx context.Context, sc *scale.Scale) error {
	existing, err := s.store.GetScale(ctx, sc.ID, sc.Version)
	if err != nil && fidelity.KindOf(err) != fidelity.KindNotFound {
		return err
	}
	return s.storeScale(ctx, sc, existing, err == nil)
}

// storeScale stores sc when the database lacks it, or revises the stored
// encoding (existing, when stored) that differs from it.
func (s *Service) storeScale(ctx context.Context, sc *scale.Scale, existing StoredScale, stored bool) error {
	switch {
	case stored && existing.Checksum == sc.Checksum:
		return nil
	case stored:
		return s.reviseScale(ctx, existing, sc)
	}
	return s.store.PutScale(ctx, StoredScale{
		ID: sc.ID, Version: sc.Version, Checksum: sc.Checksum, Source: sc.Raw,
		Origin: sc.Origin, CreatedAt: s.now(),
	})
}

// reviseScale records sc as a later encoding revision of the stored
// version when it is one (same printed form, higher encoding number): the
// stored source and checksum are replaced, the old ones kept on record,
// and an audit event names both. Stored scorecards are not recomputed:
// each says which encoding computed it, and old reviews keep their scores.
// Anything else with the same id@version is a conflict.
func (s *Service) reviseScale(ctx context.Context, existing StoredScale, sc *scale.Scale) error {
	conflict := func(reason string) error {
		return fidelity.Errorf(fidelity.KindConflict,
			"scale %s is already published with different content (checksum %.12s…, this file %.12s…): %s",
			sc.Ref(), existing.Checksum, sc.Checksum, reason)
	}
	prev, err := scale.ParseStored(sc.Ref()+" (database)", existing.Source)
	if err != nil {
		return conflict("the stored encoding no longer loads, so this file cannot be checked as a revision of it; publish a new version")
	}
	if err := scale.CheckRevision(prev, sc); err != nil {
		return conflict(err.Error())
	}
	next := StoredScale{ID: sc.ID, Version: sc.Version, Checksum: sc.Checksum, Source: sc.Raw, Origin: sc.Origin, CreatedAt: s.now()}
	return s.store.InTx(ctx, func(tx Store) error {
		if err := tx.ReviseScale(ctx, next, existing.Checksum); err != nil {
			return err
		}
		return s.record(ctx, tx, "scale.revise_encoding", "scale", sc.Ref(), "",
			map[string]any{"encoding": prev.Revision(), "checksum": existing.Checksum},
			map[string]any{"encoding": sc.Revision(), "checksum": sc.Checksum})
	})
}

// ListScales returns every scale version the service knows.
func (s *Service) ListScales() []*scale.Scale { return s.scales.List() }

// GetScale resolves "id@version" or "id" (latest version).
func (s *Service) GetScale(ref string) (*scale.Scale, error) { return s.scales.Resolve(ref) }

// UploadScale publishes a new scale version from YAML. It reports created
// = false when the identical version was already published.
func (s *Service) UploadScale(ctx context.Context, data []byte) (sc *scale.Scale, created bool, err error) {
	if err := requireRole(ctx, fidelity.RoleAdmin); err != nil {
		return nil, false, err
	}
	sc, err = scale.Parse("upload.yaml", data)
	if err != nil {
		return nil, false, err
	}
	sc.Origin = "upload"
	if existing, err := s.scales.Get(sc.ID, sc.Version); err == nil {
		if existing.Checksum == sc.Checksum {
			return existing, false, nil
		}
		return nil, false, fidelity.Errorf(fidelity.KindConflict,
			"scale %s is already published with different content; published versions are immutable, publish a new version", sc.Ref())
	}
	err = s.store.InTx(ctx, func(tx Store) error {
		if err := (&Service{store: tx, scales: s.scales, now: s.now}).recordScale(ctx, sc); err != nil {
			return err
		}
		return s.record(ctx, tx, "scale.publish", "scale", sc.Ref(), "", nil,
			map[string]string{"ref": sc.Ref(), "checksum": sc.Checksum})
	})
	if err != nil {
		return nil, false, err
	}
	if err := s.scales.Add(sc); err != nil {
		var fe *fidelity.Error
		if errors.As(err, &fe) {
			return nil, false, err
		}
		return nil, false, fidelity.Wrap(fidelity.KindConflict, err, "scale "+sc.Ref()+" could not be added")
	}
	return sc, true, nil
}

// resolveScale finds the exact scale version a review was planned under.
func (s *Service) resolveScale(id, version string) (*scale.Scale, error) {
	sc, err := s.scales.Get(id, version)
	if err != nil {
		return nil, fidelity.Errorf(fidelity.KindInternal, "scale %s@%s of a stored review is not loaded", id, version)
	}
	return sc, nil
}
