-- How many cases the learned mass pace rests on (MassPace: the first cases after the probe move
-- it more). A pace learned before this version rests on many.
ALTER TABLE mass_pace ADD COLUMN cases_learned INTEGER DEFAULT 100 NOT NULL;
