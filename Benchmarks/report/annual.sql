-- The annual report's counting figures for one area and two reporting years, per delivery
-- unit, as one SQL statement: what Waymark's report works out from the same tables.
-- Benchmarks/report/run.sh fills in :slug, :cur_from, :cur_to, :prev_from and :prev_to.
-- Output: figure | year | delivery unit | value. The area's figure is the sum over its units.
-- RAR days: each order's distinct days attended and complied with on a RAR activity, the first
-- `rar_days` of them (the court's maximum), counted in the year they fall in.
-- Each branch starts from the area's people or sessions, so SQLite walks the indexes from the
-- area outwards instead of scanning the big tables.
WITH yr(y, f, t) AS (VALUES ('current', ':cur_from', ':cur_to'), ('previous', ':prev_from', ':prev_to'))
SELECT 'candidates' AS figure, yr.y, p.delivery_unit_id AS unit, COUNT(*) AS value
  FROM people p JOIN mentors m ON m.person_id = p.id JOIN yr ON m.recommended_on BETWEEN yr.f AND yr.t
  WHERE p.area_id = (SELECT id FROM areas WHERE slug = ':slug') GROUP BY 1, 2, 3
UNION ALL SELECT 'trained', yr.y, p.delivery_unit_id, COUNT(*)
  FROM people p JOIN mentors m ON m.person_id = p.id JOIN yr ON m.trained_on BETWEEN yr.f AND yr.t
  WHERE p.area_id = (SELECT id FROM areas WHERE slug = ':slug') GROUP BY 1, 2, 3
UNION ALL SELECT 'accredited', yr.y, p.delivery_unit_id, COUNT(*)
  FROM people p JOIN mentors m ON m.person_id = p.id JOIN accreditations a ON a.mentor_id = m.id JOIN yr ON a.awarded_on BETWEEN yr.f AND yr.t
  WHERE p.area_id = (SELECT id FROM areas WHERE slug = ':slug') GROUP BY 1, 2, 3
UNION ALL SELECT 'volunteerMinutes', yr.y, p.delivery_unit_id, SUM(15 * v.quarter_hours)
  FROM people p JOIN mentors m ON m.person_id = p.id JOIN volunteer_hours v ON v.mentor_id = m.id JOIN yr ON v.worked_on BETWEEN yr.f AND yr.t
  WHERE p.area_id = (SELECT id FROM areas WHERE slug = ':slug') GROUP BY 1, 2, 3
UNION ALL SELECT 'referrals', yr.y, p.delivery_unit_id, COUNT(*)
  FROM people p JOIN referrals r ON r.person_id = p.id JOIN yr ON r.referred_on BETWEEN yr.f AND yr.t
  WHERE p.area_id = (SELECT id FROM areas WHERE slug = ':slug') GROUP BY 1, 2, 3
UNION ALL SELECT 'referralsClosed', yr.y, p.delivery_unit_id, COUNT(*)
  FROM people p JOIN referrals r ON r.person_id = p.id JOIN yr ON r.closed_on BETWEEN yr.f AND yr.t
  WHERE p.area_id = (SELECT id FROM areas WHERE slug = ':slug') AND r.state = 'completed' GROUP BY 1, 2, 3
UNION ALL SELECT 'matches', yr.y, p.delivery_unit_id, COUNT(*)
  FROM people p JOIN referrals r ON r.person_id = p.id JOIN matches mt ON mt.referral_id = r.id JOIN yr ON mt.started_on BETWEEN yr.f AND yr.t
  WHERE p.area_id = (SELECT id FROM areas WHERE slug = ':slug') GROUP BY 1, 2, 3
UNION ALL SELECT 'contacts', yr.y, p.delivery_unit_id, COUNT(*)
  FROM people p JOIN referrals r ON r.person_id = p.id JOIN matches mt ON mt.referral_id = r.id
  JOIN contacts c ON c.match_id = mt.id AND c.contact_on BETWEEN ':prev_from' AND ':cur_to' JOIN yr ON c.contact_on BETWEEN yr.f AND yr.t
  WHERE p.area_id = (SELECT id FROM areas WHERE slug = ':slug') GROUP BY 1, 2, 3
UNION ALL SELECT 'contactMinutes', yr.y, p.delivery_unit_id, SUM(c.minutes)
  FROM people p JOIN referrals r ON r.person_id = p.id JOIN matches mt ON mt.referral_id = r.id
  JOIN contacts c ON c.match_id = mt.id AND c.contact_on BETWEEN ':prev_from' AND ':cur_to' JOIN yr ON c.contact_on BETWEEN yr.f AND yr.t
  WHERE p.area_id = (SELECT id FROM areas WHERE slug = ':slug') GROUP BY 1, 2, 3
UNION ALL SELECT 'sessions', yr.y, g.delivery_unit_id, COUNT(*)
  FROM group_sessions g JOIN yr ON g.date BETWEEN yr.f AND yr.t
  WHERE g.area_id = (SELECT id FROM areas WHERE slug = ':slug') AND g.date BETWEEN ':prev_from' AND ':cur_to' AND g.state <> 'cancelled' GROUP BY 1, 2, 3
UNION ALL SELECT 'attendanceRecorded', yr.y, g.delivery_unit_id, COUNT(*)
  FROM group_sessions g JOIN attendances a ON a.session_id = g.id JOIN yr ON g.date BETWEEN yr.f AND yr.t
  WHERE g.area_id = (SELECT id FROM areas WHERE slug = ':slug') AND g.date BETWEEN ':prev_from' AND ':cur_to' AND g.state <> 'cancelled' GROUP BY 1, 2, 3
UNION ALL SELECT 'attended', yr.y, g.delivery_unit_id, COUNT(*)
  FROM group_sessions g JOIN attendances a ON a.session_id = g.id JOIN yr ON g.date BETWEEN yr.f AND yr.t
  WHERE g.area_id = (SELECT id FROM areas WHERE slug = ':slug') AND g.date BETWEEN ':prev_from' AND ':cur_to' AND g.state <> 'cancelled'
  AND a.outcome IN ('attendedComplied', 'attendedFailedToComply', 'sentHomeBehaviour', 'sentHomeServiceIssues') GROUP BY 1, 2, 3
UNION ALL SELECT 'acceptableAbsences', yr.y, g.delivery_unit_id, COUNT(*)
  FROM group_sessions g JOIN attendances a ON a.session_id = g.id JOIN yr ON g.date BETWEEN yr.f AND yr.t
  WHERE g.area_id = (SELECT id FROM areas WHERE slug = ':slug') AND g.date BETWEEN ':prev_from' AND ':cur_to' AND g.state <> 'cancelled'
  AND a.outcome = 'acceptableAbsence' GROUP BY 1, 2, 3
UNION ALL SELECT 'unacceptableAbsences', yr.y, g.delivery_unit_id, COUNT(*)
  FROM group_sessions g JOIN attendances a ON a.session_id = g.id JOIN yr ON g.date BETWEEN yr.f AND yr.t
  WHERE g.area_id = (SELECT id FROM areas WHERE slug = ':slug') AND g.date BETWEEN ':prev_from' AND ':cur_to' AND g.state <> 'cancelled'
  AND a.outcome IN ('unacceptableAbsence', 'failedToAttend') GROUP BY 1, 2, 3
UNION ALL SELECT 'feedbackResponses', yr.y, g.delivery_unit_id, COUNT(*)
  FROM group_sessions g JOIN session_feedback f ON f.session_id = g.id JOIN yr ON g.date BETWEEN yr.f AND yr.t
  WHERE g.area_id = (SELECT id FROM areas WHERE slug = ':slug') AND g.date BETWEEN ':prev_from' AND ':cur_to' AND g.state <> 'cancelled' GROUP BY 1, 2, 3
UNION ALL SELECT 'feedbackUpliftSum', yr.y, g.delivery_unit_id, SUM(f.after_score - f.before_score)
  FROM group_sessions g JOIN session_feedback f ON f.session_id = g.id JOIN yr ON g.date BETWEEN yr.f AND yr.t
  WHERE g.area_id = (SELECT id FROM areas WHERE slug = ':slug') AND g.date BETWEEN ':prev_from' AND ':cur_to' AND g.state <> 'cancelled' GROUP BY 1, 2, 3
UNION ALL SELECT 'rarDaysDelivered', yr.y, d.unit, COUNT(*)
  FROM (SELECT unit, day, days, ROW_NUMBER() OVER (PARTITION BY order_id ORDER BY day) AS n FROM (
          SELECT o.id AS order_id, p.delivery_unit_id AS unit, o.rar_days AS days, g.date AS day
          FROM people p JOIN orders o ON o.person_id = p.id JOIN attendances a ON a.order_id = o.id
          JOIN group_sessions g ON g.id = a.session_id JOIN interventions i ON i.id = g.intervention_id
          WHERE p.area_id = (SELECT id FROM areas WHERE slug = ':slug') AND o.rar_days IS NOT NULL AND i.is_rar = 1
            AND a.outcome = 'attendedComplied' AND g.date <= ':cur_to'
          UNION
          SELECT o.id, p.delivery_unit_id, o.rar_days, ra.date
          FROM people p JOIN orders o ON o.person_id = p.id JOIN rar_activities ra ON ra.order_id = o.id
          WHERE p.area_id = (SELECT id FROM areas WHERE slug = ':slug') AND o.rar_days IS NOT NULL AND ra.kind <> 'assessment'
            AND ra.outcome = 'attendedComplied' AND ra.date <= ':cur_to')) d
  JOIN yr ON d.day BETWEEN yr.f AND yr.t WHERE d.n <= d.days GROUP BY 1, 2, 3;
