-- Codes and tokens granted to applications are now stored as keyed hashes, and looked up by the hash of the
-- value presented. Those stored before, in clear, could no longer be found: they go, so that no dump holds
-- them. Applications sign their users in again (a person still signed in to Latchkey is not asked again).
DELETE FROM oauth2_authorization;
