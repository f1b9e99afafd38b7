-- Statistics for the digest's window test, greatest(last_received_at, display_from) (issue 13, bench/digest).
--
-- The planner takes no statistics from a partial index's expression (artefact_notifiable_at is WHERE archived_at IS
-- NULL), so it guessed that 0.5 % of the publications fall in any run's window (5 of 1,000 in bench/digest) and
-- planned the match as one index probe of the subscriptions per search term of each publication. With statistics on
-- the expression itself, ANALYZE (and autovacuum) gives it the real count, and it joins the subscriptions by hash.
CREATE STATISTICS artefact_notifiable_at_stats ON (greatest(last_received_at, display_from)) FROM artefact;
