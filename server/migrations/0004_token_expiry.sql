-- Token expiry (leaguedesk-server token create --expires): NULL means the token never expires.
-- Numbered 0004 because 0003 is the auction migration on another branch; the list in Database.cpp
-- gives the order.
ALTER TABLE tokens ADD COLUMN expires_at TEXT;
