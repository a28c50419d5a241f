package store

import (
	"context"
	"encoding/json"
	"slices"

	"github.com/ipsfidelity/fidelity/internal/fidelity"
)

// rescoredRow mirrors the rescored_scorecards table of
// migrations/00017_rescored_scorecards.sql.
type rescoredRow struct {
	ID                 string
	ReviewID           string
	ReviewVersion      int
	SourceScaleID      string
	SourceScaleVersion string
	ScaleID            string
	ScaleVersion       string
	ScaleEncoding      int
	MapChecksum        string
	Scorecard          string
	Carried            string
	NotCarried         string
	CreatedAt          string
	CreatedBy          string
}

func (rescoredRow) TableName() string { return "rescored_scorecards" }

func rescoredWhat(id string) string { return "re-scored scorecard " + id }

func (r rescoredRow) domain() (fidelity.RescoredScorecard, error) {
	var d decoder
	out := fidelity.RescoredScorecard{
		ID: r.ID, ReviewID: r.ReviewID, ReviewVersion: r.ReviewVersion,
		SourceScaleID: r.SourceScaleID, SourceScaleVersion: r.SourceScaleVersion,
		MapChecksum: r.MapChecksum, CreatedAt: d.instant(r.CreatedAt), CreatedBy: r.CreatedBy,
	}
	d.scorecard(r.Scorecard, &out.Scorecard)
	d.json(r.Carried, &out.Carried)
	d.json(r.NotCarried, &out.NotCarried)
	return out, d.fail(rescoredWhat(r.ID))
}

// PutRescored stores a re-scored scorecard. The same review, target
// version, map and review version again is a KindConflict: the re-scoring
// was done already.
func (s *Store) PutRescored(ctx context.Context, rs fidelity.RescoredScorecard) error {
	card, err := json.Marshal(rs.Scorecard)
	if err != nil {
		return fidelity.Wrap(fidelity.KindInternal, err, "scorecard cannot be stored")
	}
	carried, _ := json.Marshal(rs.Carried)
	notCarried, _ := json.Marshal(rs.NotCarried)
	row := rescoredRow{
		ID: rs.ID, ReviewID: rs.ReviewID, ReviewVersion: rs.ReviewVersion,
		SourceScaleID: rs.SourceScaleID, SourceScaleVersion: rs.SourceScaleVersion,
		ScaleID: rs.Scorecard.ScaleID, ScaleVersion: rs.Scorecard.ScaleVersion, ScaleEncoding: rs.Scorecard.ScaleEncoding,
		MapChecksum: rs.MapChecksum, Scorecard: string(card), Carried: string(carried), NotCarried: string(notCarried),
		CreatedAt: formatInstant(rs.CreatedAt), CreatedBy: rs.CreatedBy,
	}
	return translate(s.w(ctx).Create(&row).Error, rescoredWhat(rs.ID))
}

// ListRescored returns the re-scored scorecards of the given reviews
// under scaleID@scaleVersion, oldest first (so a caller keeping the last
// one per review keeps the newest).
func (s *Store) ListRescored(ctx context.Context, reviewIDs []string, scaleID, scaleVersion string) ([]fidelity.RescoredScorecard, error) {
	ids := slices.Compact(slices.Sorted(slices.Values(nonEmpty(reviewIDs))))
	out := []fidelity.RescoredScorecard{}
	for chunk := range slices.Chunk(ids, 500) {
		var rows []rescoredRow
		err := s.r(ctx).Where("review_id IN ? AND scale_id = ? AND scale_version = ?", chunk, scaleID, scaleVersion).
			Order("created_at, id").Find(&rows).Error
		if err != nil {
			return nil, translate(err, "re-scored scorecards")
		}
		for _, r := range rows {
			rs, err := r.domain()
			if err != nil {
				return nil, err
			}
			out = append(out, rs)
		}
	}
	slices.SortStableFunc(out, func(a, b fidelity.RescoredScorecard) int { return a.CreatedAt.Compare(b.CreatedAt) })
	return out, nil
}
