import QtQuick
import QtTest
import LeagueDesk.Models
import LeagueDesk.Ui

// The toast queue: limit, order, coalescing, dismissal (timer, pause on hover, click), and the
// events that must not make a toast.
TestCase {
    id: testCase
    name: "ToastQueue"
    width: 400
    height: 400
    when: windowShown
    visible: true

    Component {
        id: queueComponent
        ToastQueue {
            timeout: 300
            coalesceWindow: 150
            teamId: "T1"
            ownTeamId: "T1"
        }
    }
    Component {
        id: stackComponent
        ToastStack { }
    }
    SignalSpy {
        id: activatedSpy
        signalName: "activated"
    }

    function make() {
        const queue = createTemporaryObject(queueComponent, testCase)
        verify(queue !== null)
        return queue
    }
    function acquired(queue, revision, name, price) {
        queue.handleEvent("team:T1", "squad_update", { team_id: "T1", revision: revision, player_id: "P" + revision,
                          player_name: name, action: "acquired", price: price, currency_type: "football", round_id: "R1" })
    }
    function bid(queue, team, amount, ts) {
        queue.handleEvent("tiebreaker:TB1", "tiebreaker_bid", { tiebreaker_id: "TB1", team_id: team, team_name: "Team " + team,
                          bid_amount: amount, ts: ts, deadline: "2026-11-26T14:05:00.000Z" })
    }
    function messages(queue) {
        const out = []
        for (let i = 0; i < queue.count; ++i)
            out.push(queue.data(queue.index(i, 0), ToastQueue.TextRole))
        return out
    }

    function test_newestOnTopAndAtMostThree() {
        const queue = make()
        queue.coalesceWindow = 0
        queue.handleEvent("team:T1", "wallet_update", { team_id: "T1", revision: 1, currency_type: "football",
                          new_balance: 88000, amount_spent: 12000, player_id: "P1" })
        compare(messages(queue), ["Wallet: \u221212,000 football"])
        acquired(queue, 2, "Ronaldo", 12000)
        bid(queue, "T2", 15500, "2026-11-26T14:03:00.000Z")
        queue.handleEvent("team:T1", "tiebreaker_created", { tiebreaker_id: "TB9", player_id: "P9", player_name: "Messi",
                          participants: ["T1", "T2"], starting_amount: 100, deadline: "2026-11-26T14:05:00.000Z" })
        compare(queue.count, 3)
        compare(messages(queue), ["Tiebreaker opened for Messi", "New bid 15,500 by Team T2", "Ronaldo acquired for 12,000 football"])
    }

    function test_burstBecomesOneToast() {
        const queue = make()
        queue.coalesceWindow = 5000
        for (let i = 1; i <= 12; ++i)
            acquired(queue, i, "Player " + i, 1000)
        compare(queue.count, 1)
        // Issue 14.11: a merged toast says which players.
        compare(messages(queue), ["12 players acquired: Player 1, Player 2, Player 3 and 9 more"])
        compare(queue.data(queue.index(0, 0), ToastQueue.CountRole), 12)
    }

    function test_ignoredEvents() {
        const queue = make()
        // Own bid: confirmed inline by the bid form, not as a toast.
        bid(queue, "T1", 15500, "2026-11-26T14:03:00.000Z")
        // Another team's squad.
        queue.handleEvent("team:T2", "squad_update", { team_id: "T2", revision: 5, player_id: "P1", player_name: "X",
                          action: "acquired", price: 1, currency_type: "football", round_id: "R1" })
        // Unknown event type.
        queue.handleEvent("team:T1", "something_new", { team_id: "T1" })
        compare(queue.count, 0)
        // The same bid heard on two channels makes one toast.
        bid(queue, "T2", 15600, "2026-11-26T14:04:00.000Z")
        queue.handleEvent("tiebreakers", "tiebreaker_bid", { tiebreaker_id: "TB1", team_id: "T2", team_name: "Team T2",
                          bid_amount: 15600, ts: "2026-11-26T14:04:00.000Z", deadline: "2026-11-26T14:05:00.000Z" })
        compare(queue.count, 1)
        compare(queue.data(queue.index(0, 0), ToastQueue.CountRole), 1)
    }

    function test_dismissAfterTimeoutUnlessPaused() {
        const queue = make()
        queue.coalesceWindow = 0
        acquired(queue, 1, "Ronaldo", 12000)
        compare(queue.count, 1)
        const id = queue.data(queue.index(0, 0), ToastQueue.ToastIdRole)
        verify(queue.isTicking(id))
        queue.paused = true
        verify(!queue.isTicking(id))
        acquired(queue, 2, "Messi", 13000) // arrives while paused: waits too
        verify(!queue.isTicking(queue.data(queue.index(0, 0), ToastQueue.ToastIdRole)))
        queue.paused = false
        verify(queue.isTicking(id))
        tryCompare(queue, "count", 0, 3000)
    }

    function test_hoverPausesAndClickOpens() {
        const queue = make()
        queue.timeout = 60000
        const stack = createTemporaryObject(stackComponent, testCase, { queue: queue })
        verify(stack !== null)
        acquired(queue, 1, "Ronaldo", 12000)
        queue.handleEvent("team:T1", "wallet_update", { team_id: "T1", revision: 2, currency_type: "football",
                          new_balance: 88000, amount_spent: 12000, player_id: "P1" })
        tryCompare(stack, "count", 2)
        waitForRendering(stack)
        const top = stack.itemAtIndex(0)
        verify(top !== null)
        mouseMove(top, top.width / 2, top.height / 2)
        tryCompare(queue, "paused", true)
        activatedSpy.target = queue
        activatedSpy.clear()
        mouseClick(top, 10, top.height / 2)
        compare(activatedSpy.count, 1)
        compare(activatedSpy.signalArguments[0][0], "wallet")
        compare(queue.count, 1)
        compare(messages(queue), ["Ronaldo acquired for 12,000 football"])
    }

    // Issue 14.11: a removal says why (the round was deleted) and what came back.
    function test_removalSaysWhy() {
        const queue = make()
        queue.handleEvent("team:T1", "squad_update", { team_id: "T1", revision: 7, player_id: "P7", player_name: "Jan Nakamura",
                          action: "removed", price: 1200, currency_type: "football", round_id: "R0012" })
        compare(messages(queue), ["Jan Nakamura removed from the squad: round R0012 was deleted, 1,200 football refunded"])
    }

    function test_dismissButton() {
        const queue = make()
        queue.timeout = 60000
        acquired(queue, 1, "Ronaldo", 12000)
        const id = queue.data(queue.index(0, 0), ToastQueue.ToastIdRole)
        queue.dismiss(id)
        compare(queue.count, 0)
    }
}
