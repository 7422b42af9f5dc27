-- The console filters the audit log by user, ignoring case. A lower-cased copy of the actor and the subject,
-- written with each event, lets both engines answer from an index (H2 has no index on an expression).
ALTER TABLE audit_event ADD COLUMN actor_key VARCHAR(100);
ALTER TABLE audit_event ADD COLUMN subject_key VARCHAR(100);

UPDATE audit_event SET actor_key = LOWER(actor), subject_key = LOWER(subject);

CREATE INDEX audit_event_actor_key_ix ON audit_event (actor_key);
CREATE INDEX audit_event_subject_key_ix ON audit_event (subject_key);
