-- What GET /v1/sites/{id} reads: the site, then its due facts in one
-- statement (latest finalised fidelity review from site_latest, open
-- reviews, whether it is a grouping and the read-model rows the latest
-- review was picked from; rater ids aggregated).
SELECT * FROM sites WHERE id = :site;
SELECT 'shown' AS part, r.*, COALESCE((SELECT string_agg(rr.rater_id, ',' ORDER BY rr.seq) FROM review_raters rr WHERE rr.review_id = r.id), '') AS raters
FROM reviews r JOIN (
  SELECT l.id FROM (
    SELECT x.id, ROW_NUMBER() OVER (PARTITION BY x.site_id ORDER BY x.visit_end DESC, x.id DESC) AS rn
    FROM site_latest x WHERE x.type IN ('external', 'remote') AND x.site_id IN (:site)
  ) l WHERE l.rn = 1
) p ON p.id = r.id
UNION ALL
SELECT 'open', r.*, COALESCE((SELECT string_agg(rr.rater_id, ',' ORDER BY rr.seq) FROM review_raters rr WHERE rr.review_id = r.id), '')
FROM reviews r WHERE r.status IN ('planned', 'in_progress', 'consensus') AND r.site_id IN (:site)
UNION ALL
SELECT 'site', s.id, s.id, '', '', '', '', '', '', CAST(NULL AS DOUBLE PRECISION), '',
  CASE WHEN EXISTS (SELECT 1 FROM sites c WHERE c.parent_id = s.id)
    AND NOT EXISTS (SELECT 1 FROM reviews r WHERE r.site_id = s.id) THEN TRUE ELSE FALSE END,
  FALSE, CAST(NULL AS TEXT), '', '', 1,
  COALESCE((SELECT string_agg(l.type || '/' || l.id || '/' || l.visit_end, ',' ORDER BY l.type, l.scale_id, l.scale_version)
    FROM site_latest l WHERE l.site_id = s.id), '')
FROM sites s WHERE s.id IN (:site)
ORDER BY 1, 3, 8, 2;
