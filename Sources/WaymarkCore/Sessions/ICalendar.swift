import Foundation

/// One event in a calendar feed.
public struct CalendarEvent: Sendable, Equatable {
    public let uid: String
    public let date: CalendarDate
    public let start: ClockTime
    public let end: ClockTime
    public let summary: String
    public let location: String
    public let cancelled: Bool

    public init(uid: String, date: CalendarDate, start: ClockTime, end: ClockTime, summary: String, location: String, cancelled: Bool) {
        self.uid = uid
        self.date = date
        self.start = start
        self.end = end
        self.summary = summary
        self.location = location
        self.cancelled = cancelled
    }
}

/// An iCalendar (RFC 5545) feed. Times are local to the sites (Europe/London) and written as
/// floating times, so a calendar shows them as the site's clock says.
public enum ICalendar {
    public static func feed(name: String, events: [CalendarEvent], stamp: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyyMMdd'T'HHmmss'Z'"
        let dtstamp = formatter.string(from: stamp)
        var lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Waymark//Peer mentoring sessions//EN", "CALSCALE:GREGORIAN",
                     "METHOD:PUBLISH", "X-WR-CALNAME:" + escape(name)]
        for event in events {
            let status: String = event.cancelled ? "CANCELLED" : "CONFIRMED"
            let start: String = localTime(event.date, event.start)
            let end: String = localTime(event.date, event.end)
            let summary: String = escape(event.summary)
            let location: String = escape(event.location)
            lines.append("BEGIN:VEVENT")
            lines.append("UID:\(event.uid)")
            lines.append("DTSTAMP:\(dtstamp)")
            lines.append("DTSTART:\(start)")
            lines.append("DTEND:\(end)")
            lines.append("SUMMARY:\(summary)")
            lines.append("LOCATION:\(location)")
            lines.append("STATUS:\(status)")
            lines.append("END:VEVENT")
        }
        lines.append("END:VCALENDAR")
        return lines.map(fold).joined(separator: "\r\n") + "\r\n"
    }

    static func localTime(_ date: CalendarDate, _ time: ClockTime) -> String {
        String(format: "%04d%02d%02dT%02d%02d00", date.year, date.month, date.day, time.minutes / 60, time.minutes % 60)
    }

    /// TEXT values escape backslash, semicolon, comma and newlines.
    public static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: ";", with: "\\;")
            .replacingOccurrences(of: ",", with: "\\,").replacingOccurrences(of: "\r\n", with: "\\n").replacingOccurrences(of: "\n", with: "\\n")
    }

    /// Lines longer than 75 octets are folded with CRLF and a space, never inside a character.
    public static func fold(_ line: String) -> String {
        var out = "", count = 0
        for ch in line {
            let size = String(ch).utf8.count
            if count + size > 75 {
                out += "\r\n "
                count = 1
            }
            out.append(ch)
            count += size
        }
        return out
    }
}
