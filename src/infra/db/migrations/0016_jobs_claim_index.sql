-- The worker's claim reads only pending and running jobs, oldest due first (run_at, then id): this index has
-- exactly that predicate and order, so the claim reads the first due entries and stops at its batch size, however
-- many done or dead jobs the table holds. It replaces jobs_due (run_at alone: the claim sorted every due job).
CREATE INDEX jobs_claim ON jobs (run_at, id) WHERE state IN ('pending', 'running');
DROP INDEX jobs_due;
