-- CHC Monitor schema, version 3 (issue 18): the public keys that signed
-- the exchange packages merged here, pinned at the first merge of a sender
-- (trust on first use) or from its registration file.  A later package
-- from the same installation or for the same centre must be signed with
-- the same key (chc-package-keys.c).  This database's own key pair is in
-- meta (package_key_seed, bound to installation_id by
-- package_key_installation).

CREATE TABLE sender_key (
  installation TEXT NOT NULL,           -- the sender's installation id
  centre       TEXT NOT NULL,           -- code of the centre its packages are for; '' a whole database
  centre_name  TEXT NOT NULL,           -- that centre's name, as the sender gave it
  public_key   TEXT NOT NULL CHECK (length (public_key) = 64),   -- Ed25519, hex
  pinned_at    TEXT NOT NULL,           -- local time YYYY-MM-DD HH:MM:SS
  pinned_by    TEXT NOT NULL,           -- OS user
  origin       TEXT NOT NULL,           -- merge FILE | registration FILE
  PRIMARY KEY (installation, centre)
) WITHOUT ROWID;
CREATE INDEX sender_key_centre ON sender_key (centre);
