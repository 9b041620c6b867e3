-- Cached PDFs are already deflated by the renderer: storing them EXTERNAL (out of line, uncompressed) spares
-- PostgreSQL a pglz pass that gains nothing (#15: 6 % of its CPU while issuing). Rows written before keep their
-- storage until rewritten; new and re-rendered files are stored this way.
ALTER TABLE document_files ALTER COLUMN bytes SET STORAGE EXTERNAL;
