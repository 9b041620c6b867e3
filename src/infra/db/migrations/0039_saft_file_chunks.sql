-- Stored SAF-T files in chunks of 1 MiB (#15): a period of 1 M documents is ~1 GB of XML, which the job and the
-- download held whole in memory, and one bytea cannot exceed 1 GB. The job writes the chunks as the export produces
-- them, in its own transaction (a half-written file is never seen), under a new generation of the file; the row
-- names the generation it serves, and the chunks of the one it replaces are deleted in the same transaction. A
-- download reads its generation's chunks one statement at a time: a file replaced meanwhile ends the download
-- (its chunks are gone) rather than mixing two files.
CREATE TABLE saft_file_chunks (
  account_id bigint NOT NULL,
  file_id    bigint NOT NULL,
  generation integer NOT NULL CHECK (generation > 0),
  seq        integer NOT NULL CHECK (seq >= 0),
  bytes      bytea NOT NULL,
  PRIMARY KEY (account_id, file_id, generation, seq),
  FOREIGN KEY (account_id, file_id) REFERENCES saft_files (account_id, id) ON DELETE CASCADE
);

-- The generation whose chunks are the file (NULL: none yet), and the file's size in bytes.
ALTER TABLE saft_files ADD COLUMN generation integer, ADD COLUMN size bigint;

-- Files stored whole before this migration become generation 1, in chunks; the bytes column is no longer written.
INSERT INTO saft_file_chunks (account_id, file_id, generation, seq, bytes)
SELECT f.account_id, f.id, 1, g.seq, substring(f.bytes FROM g.seq * 1048576 + 1 FOR 1048576)
  FROM saft_files f
 CROSS JOIN LATERAL generate_series(0, (octet_length(f.bytes) - 1) / 1048576) AS g(seq)
 WHERE f.bytes IS NOT NULL AND octet_length(f.bytes) > 0;
UPDATE saft_files SET generation = 1, size = octet_length(bytes), bytes = NULL WHERE bytes IS NOT NULL;
