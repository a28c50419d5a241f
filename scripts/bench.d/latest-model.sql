-- What the national heatmap and comparison read since the read model:
-- every site, and each site's latest finalised fidelity review (external
-- or remote) from site_latest, item scores included (one row per site).
SELECT id, path, name FROM sites ORDER BY id;
SELECT l.id, l.site_id, l.total, l.band, l.items FROM (
  SELECT r.*, ROW_NUMBER() OVER (PARTITION BY r.site_id ORDER BY r.visit_end DESC, r.id DESC) AS rn
  FROM site_latest r WHERE r.scale_id = 'se-fidelity' AND r.scale_version = '2008'
    AND r.type IN ('external', 'remote')) l WHERE l.rn = 1;
