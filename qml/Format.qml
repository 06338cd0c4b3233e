pragma Singleton
import QtQuick

// How numbers and times read everywhere in the dashboard.
QtObject {
    // Whole units with the locale's grouping: 12,000.
    function money(amount: real): string {
        return Number(amount).toLocaleString(Qt.locale(), "f", 0)
    }
    // "12,000 football"
    function moneyIn(amount: real, currency: string): string {
        return qsTr("%1 %2").arg(money(amount)).arg(currency)
    }
    // "1:05", "12:00", "1:02:03" until the deadline; "" when it has passed.
    // (`var`, not `date`: qmllint 6.4 crashes on date-typed parameters.)
    function countdown(deadline: var, now: var): string {
        const ms = deadline.getTime() - now.getTime()
        if (isNaN(ms) || ms <= 0)
            return ""
        const total = Math.ceil(ms / 1000)
        const h = Math.floor(total / 3600)
        const m = Math.floor((total % 3600) / 60)
        const s = total % 60
        const ss = s < 10 ? "0" + s : "" + s
        if (h > 0)
            return h + ":" + (m < 10 ? "0" + m : m) + ":" + ss
        return m + ":" + ss
    }
    // An RFC 3339 time as the user's local time of day.
    function time(rfc3339: string): string {
        const d = new Date(rfc3339)
        return isNaN(d.getTime()) ? "" : Qt.formatTime(d, "HH:mm:ss")
    }
    function dateTime(rfc3339: string): string {
        const d = new Date(rfc3339)
        return isNaN(d.getTime()) ? "" : Qt.formatDateTime(d, "d MMM HH:mm")
    }
    // A finished tiebreaker on one line, the same in every list: "Team Red for 2,200 real · 1 Dec 14:05".
    // `price` is what the winner paid (-1: not known); `lost` says the highest bid could not pay.
    function outcome(status: string, winner: string, price: real, currency: string, lost: bool, ended: var): string {
        const when = (ended && !isNaN(ended.getTime())) ? " · " + Qt.formatDateTime(ended, "d MMM HH:mm") : ""
        if (status === "cancelled")
            return qsTr("no winner, unsold") + when
        const paid = price >= 0 ? qsTr("%1 for %2").arg(winner).arg(moneyIn(price, currency)) : winner
        return paid + (lost ? qsTr(" (highest bid not paid)") : "") + when
    }
}
