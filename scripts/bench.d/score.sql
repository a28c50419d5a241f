-- What GET /v1/reviews/{id}/score reads when it answers again (the answer is
-- kept by the versions it shows, see Service.ScoreAnswer): the review with its
-- raters and its site's path (scope check) in one statement, then the
-- versions of its rating sets. A new answer reads the scorecards as well
-- (a third statement).
SELECT r.id, r.site_id, r.scale_id, r.scale_version, r.type, r.status, r.visit_start, r.visit_end, r.total, r.band, r.valid, r.complete, r.finalised_at, r.created_at, r.updated_at, r.version, s.path AS site_path,
  COALESCE((SELECT string_agg(rr.rater_id, ',' ORDER BY rr.seq) FROM review_raters rr WHERE rr.review_id = r.id), '') AS raters
FROM reviews r JOIN sites s ON s.id = r.site_id WHERE r.id = :review;
SELECT review_id, rater_key, submitted, submitted_at, updated_at, version FROM rating_sets WHERE review_id = :review ORDER BY rater_key;
