-- What the national heatmap and comparison read: every site, each site's
-- latest finalised review (window query) and its consensus item scores.
SELECT id, path, name FROM sites ORDER BY id;
SELECT r.id, r.site_id, r.total, r.band FROM (
  SELECT x.*, ROW_NUMBER() OVER (PARTITION BY x.site_id ORDER BY x.visit_end DESC, x.id DESC) AS rn
  FROM reviews x WHERE x.status = 'finalised' AND x.scale_id = 'se-fidelity') r WHERE r.rn = 1;
SELECT g.review_id, g.item_id, g.score FROM ratings g JOIN (
  SELECT x.id, ROW_NUMBER() OVER (PARTITION BY x.site_id ORDER BY x.visit_end DESC, x.id DESC) AS rn
  FROM reviews x WHERE x.status = 'finalised' AND x.scale_id = 'se-fidelity') r ON r.id = g.review_id AND r.rn = 1
WHERE g.rater_key = 'consensus' AND g.score IS NOT NULL;
