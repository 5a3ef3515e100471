-- A chunk waits for its batch's turn in the database (MassFeed): its submission, as the mass lane
-- takes it, kept until FK answered it (the lane check puts back a lost chunk from here). A table of
-- its own, so that counting chunks never reads their submissions.
CREATE TABLE IF NOT EXISTS mass_chunk_request (
    batch_id  VARCHAR(36) NOT NULL,
    chunk_no  INTEGER NOT NULL,
    request   TEXT NOT NULL,
    PRIMARY KEY (batch_id, chunk_no)
);
