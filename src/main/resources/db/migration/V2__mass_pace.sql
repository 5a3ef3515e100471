-- How many calls each chunk cost (its submissions and polls), and the pace FK works mass cases
-- at, learned per API version and kept across restarts (MassPace).
ALTER TABLE mass_chunk ADD COLUMN submissions INTEGER DEFAULT 0 NOT NULL;
ALTER TABLE mass_chunk ADD COLUMN polls INTEGER DEFAULT 0 NOT NULL;

CREATE TABLE IF NOT EXISTS mass_pace (
    api_version   VARCHAR(8) NOT NULL PRIMARY KEY,
    ready_millis  BIGINT NOT NULL,
    updated_at    TIMESTAMP WITH TIME ZONE NOT NULL
);
