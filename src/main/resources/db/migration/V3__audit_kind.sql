-- What each audit row disclosed: online, mass, subscription or notification (rows made before
-- this version have none).
ALTER TABLE audit_log ADD COLUMN kind VARCHAR(16);
