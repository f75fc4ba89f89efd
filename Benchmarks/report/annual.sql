-- The annual report's counting figures for one area and two reporting years, per delivery
-- unit, as one SQL statement: what Waymark's report works out from the same tables.
-- Benchmarks/report/run.sh fills in :slug, :cur_from, :cur_to, :prev_from and :prev_to.
-- Output: figure | year | delivery unit | value. The area's figure is the sum over its units.
WITH
yr(y, f, t) AS (VALUES ('current', ':cur_from', ':cur_to'), ('previous', ':prev_from', ':prev_to')),
area AS (SELECT id FROM areas WHERE slug = ':slug'),
area_people AS (SELECT p.id, p.delivery_unit_id AS unit FROM people p WHERE p.area_id = (SELECT id FROM area)),
area_referrals AS (SELECT r.*, ap.unit FROM referrals r JOIN area_people ap ON ap.id = r.person_id),
area_mentors AS (SELECT m.*, ap.unit FROM mentors m JOIN area_people ap ON ap.id = m.person_id),
held AS (SELECT g.id, g.date, g.delivery_unit_id AS unit FROM group_sessions g
         WHERE g.area_id = (SELECT id FROM area) AND g.state <> 'cancelled' AND g.date BETWEEN ':prev_from' AND ':cur_to')
SELECT 'candidates' AS figure, yr.y, m.unit, COUNT(*) AS value
  FROM area_mentors m JOIN yr ON m.recommended_on BETWEEN yr.f AND yr.t GROUP BY 1, 2, 3
UNION ALL SELECT 'trained', yr.y, m.unit, COUNT(*)
  FROM area_mentors m JOIN yr ON m.trained_on BETWEEN yr.f AND yr.t GROUP BY 1, 2, 3
UNION ALL SELECT 'accredited', yr.y, m.unit, COUNT(*)
  FROM accreditations a JOIN area_mentors m ON m.id = a.mentor_id JOIN yr ON a.awarded_on BETWEEN yr.f AND yr.t GROUP BY 1, 2, 3
UNION ALL SELECT 'volunteerMinutes', yr.y, m.unit, SUM(15 * v.quarter_hours)
  FROM volunteer_hours v JOIN area_mentors m ON m.id = v.mentor_id JOIN yr ON v.worked_on BETWEEN yr.f AND yr.t GROUP BY 1, 2, 3
UNION ALL SELECT 'referrals', yr.y, r.unit, COUNT(*)
  FROM area_referrals r JOIN yr ON r.referred_on BETWEEN yr.f AND yr.t GROUP BY 1, 2, 3
UNION ALL SELECT 'referralsClosed', yr.y, r.unit, COUNT(*)
  FROM area_referrals r JOIN yr ON r.closed_on BETWEEN yr.f AND yr.t WHERE r.state = 'completed' GROUP BY 1, 2, 3
UNION ALL SELECT 'matches', yr.y, r.unit, COUNT(*)
  FROM matches mt JOIN area_referrals r ON r.id = mt.referral_id JOIN yr ON mt.started_on BETWEEN yr.f AND yr.t GROUP BY 1, 2, 3
UNION ALL SELECT 'contacts', yr.y, r.unit, COUNT(*)
  FROM contacts c JOIN matches mt ON mt.id = c.match_id JOIN area_referrals r ON r.id = mt.referral_id
  JOIN yr ON c.contact_on BETWEEN yr.f AND yr.t GROUP BY 1, 2, 3
UNION ALL SELECT 'contactMinutes', yr.y, r.unit, SUM(c.minutes)
  FROM contacts c JOIN matches mt ON mt.id = c.match_id JOIN area_referrals r ON r.id = mt.referral_id
  JOIN yr ON c.contact_on BETWEEN yr.f AND yr.t GROUP BY 1, 2, 3
UNION ALL SELECT 'sessions', yr.y, g.unit, COUNT(*)
  FROM held g JOIN yr ON g.date BETWEEN yr.f AND yr.t GROUP BY 1, 2, 3
UNION ALL SELECT 'attendanceRecorded', yr.y, g.unit, COUNT(*)
  FROM attendances a JOIN held g ON g.id = a.session_id JOIN yr ON g.date BETWEEN yr.f AND yr.t GROUP BY 1, 2, 3
UNION ALL SELECT 'attended', yr.y, g.unit, COUNT(*)
  FROM attendances a JOIN held g ON g.id = a.session_id JOIN yr ON g.date BETWEEN yr.f AND yr.t
  WHERE a.outcome IN ('attendedComplied', 'attendedFailedToComply', 'sentHomeBehaviour', 'sentHomeServiceIssues') GROUP BY 1, 2, 3
UNION ALL SELECT 'acceptableAbsences', yr.y, g.unit, COUNT(*)
  FROM attendances a JOIN held g ON g.id = a.session_id JOIN yr ON g.date BETWEEN yr.f AND yr.t
  WHERE a.outcome = 'acceptableAbsence' GROUP BY 1, 2, 3
UNION ALL SELECT 'unacceptableAbsences', yr.y, g.unit, COUNT(*)
  FROM attendances a JOIN held g ON g.id = a.session_id JOIN yr ON g.date BETWEEN yr.f AND yr.t
  WHERE a.outcome IN ('unacceptableAbsence', 'failedToAttend') GROUP BY 1, 2, 3
UNION ALL SELECT 'feedbackResponses', yr.y, g.unit, COUNT(*)
  FROM session_feedback f JOIN held g ON g.id = f.session_id JOIN yr ON g.date BETWEEN yr.f AND yr.t GROUP BY 1, 2, 3
UNION ALL SELECT 'feedbackUpliftSum', yr.y, g.unit, SUM(f.after_score - f.before_score)
  FROM session_feedback f JOIN held g ON g.id = f.session_id JOIN yr ON g.date BETWEEN yr.f AND yr.t GROUP BY 1, 2, 3;
