<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>BalanceChart</name>
    <message>
        <source>%1 balance over time, now %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>now</source>
        <translation>jetzt</translation>
    </message>
</context>
<context>
    <name>BidForm</name>
    <message>
        <source>Enter an amount</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bid at least %1</source>
        <translation>Mindestens %1 bieten</translation>
    </message>
    <message>
        <source>More than your balance of %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Amount, at least %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bid amount in %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sending…</source>
        <translation>Sende…</translation>
    </message>
    <message>
        <source>Place bid</source>
        <translation>Bieten</translation>
    </message>
    <message>
        <source>Minimum %1 · balance %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Minimum %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Countdown</name>
    <message>
        <source>Ended</source>
        <translation>Beendet</translation>
    </message>
    <message>
        <source>Deadline passed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 left</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Dashboard</name>
    <message>
        <source>Squad</source>
        <translation>Kader</translation>
    </message>
    <message>
        <source>Wallet</source>
        <translation>Konto</translation>
    </message>
    <message>
        <source>Tiebreakers</source>
        <translation>Stechen</translation>
    </message>
    <message>
        <source>Live board</source>
        <translation>Live-Tafel</translation>
    </message>
    <message>
        <source>League admin</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>Verbinde…</translation>
    </message>
    <message>
        <source>Admin · team</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Team to view</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Aktualisieren</translation>
    </message>
    <message>
        <source>Refresh now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fetch everything on screen again (F5)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign out</source>
        <translation>Abmelden</translation>
    </message>
    <message>
        <source>Views</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DemoLeague</name>
    <message>
        <source>The demo needs leaguedesk-server, which is not installed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The demo server could not start: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The demo server stopped while starting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The demo server did not start in time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The demo server wrote no access tokens</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Format</name>
    <message>
        <source>%1 %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LiveBoardView</name>
    <message>
        <source>Live board</source>
        <translation>Live-Tafel</translation>
    </message>
    <message>
        <source>1 active tiebreaker</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 active tiebreakers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No tiebreaker is running</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Active tiebreakers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: highest bid %2 by %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No bids yet</source>
        <translation>Noch keine Gebote</translation>
    </message>
    <message>
        <source>by %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next bid at least %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>History</source>
        <translation>Verlauf</translation>
    </message>
    <message>
        <source>No finished tiebreakers yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Finished tiebreakers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 — no winner</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 — %2, %3</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LiveIndicator</name>
    <message>
        <source>Live</source>
        <translation>Live</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>Verbinde…</translation>
    </message>
    <message>
        <source>Reconnecting in %1 s…</source>
        <translation>Neuer Versuch in %1 s…</translation>
    </message>
    <message>
        <source>Reconnecting…</source>
        <translation>Verbinde erneut…</translation>
    </message>
    <message>
        <source>Signed out</source>
        <translation>Abgemeldet</translation>
    </message>
    <message>
        <source>Offline — data as of %1</source>
        <translation>Offline — Daten von %1</translation>
    </message>
    <message>
        <source>Offline</source>
        <translation>Offline</translation>
    </message>
    <message>
        <source>Retry now</source>
        <translation>Jetzt erneut versuchen</translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation>Anmelden</translation>
    </message>
</context>
<context>
    <name>Main</name>
    <message>
        <source>LeagueDesk — %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>LeagueDesk</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SignInPage</name>
    <message>
        <source>Sign in to your league</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Server URL, e.g. http://127.0.0.1:8080</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Server URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Access token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation>Anmelden</translation>
    </message>
    <message>
        <source>No league yet? Try the demo: a league that plays by itself.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>as a team manager</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Try the demo as a team manager</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>as the league admin</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Try the demo as the league admin</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Starting the demo league…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Try the demo league</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SquadView</name>
    <message>
        <source>Squad</source>
        <translation>Kader</translation>
    </message>
    <message>
        <source>1 player</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 players</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Spent on players:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Total spent on players in %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All</source>
        <translation>Alle</translation>
    </message>
    <message>
        <source>Goalkeepers</source>
        <translation>Torhüter</translation>
    </message>
    <message>
        <source>Defenders</source>
        <translation>Verteidiger</translation>
    </message>
    <message>
        <source>Midfielders</source>
        <translation>Mittelfeld</translation>
    </message>
    <message>
        <source>Forwards</source>
        <translation>Stürmer</translation>
    </message>
    <message>
        <source>Show %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading squad…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No players yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No players in this position</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1, %2, %3, %4 %5, round %6</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Round %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TiebreakerBidsModel</name>
    <message>
        <source>Your bid of %1 is in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Too low: bid at least %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not enough %1 in your wallet for this bid</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This tiebreaker has closed; no more bids are taken</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Too many requests; try again in a moment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No answer from the server; your bid is not confirmed. Send it again to retry safely.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only the teams in this tiebreaker can bid</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server refused the bid (%1)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TiebreakerDetail</name>
    <message>
        <source>Choose a tiebreaker</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading tiebreaker…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ended without a bid; the player stays unsold</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resolved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Highest bid</source>
        <translation>Höchstgebot</translation>
    </message>
    <message>
        <source>%1 by %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>you</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No bids yet</source>
        <translation>Noch keine Gebote</translation>
    </message>
    <message>
        <source>Your last bid</source>
        <translation>Ihr letztes Gebot</translation>
    </message>
    <message>
        <source>none</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bids</source>
        <translation>Gebote</translation>
    </message>
    <message>
        <source>Bid history</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 bid %2 at %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (you)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You won %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Won by %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TiebreakersView</name>
    <message>
        <source>Tiebreakers</source>
        <translation>Stechen</translation>
    </message>
    <message>
        <source>Active (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No active tiebreakers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Active tiebreakers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1, highest bid %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>none</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 by %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No bids yet</source>
        <translation>Noch keine Gebote</translation>
    </message>
    <message>
        <source>Finished (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Finished tiebreakers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 — no winner</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 — won by %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ToastQueue</name>
    <message>
        <source>%1 removed from the squad</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 acquired for %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wallet: %1 %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New bid %1 by %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New bid %1 by %2 on %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tiebreaker opened for %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the tiebreaker</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tiebreaker for %1 ended without a bid</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 won %2 for %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 players acquired</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 players removed from the squad</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wallet: %1 %2 (%3 changes)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 new bids, latest: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 tiebreakers opened</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 tiebreakers ended</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ToastStack</name>
    <message>
        <source>Notifications</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Opens the matching view</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dismiss</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>WalletView</name>
    <message>
        <source>Wallet</source>
        <translation>Konto</translation>
    </message>
    <message>
        <source>Loading wallet…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 balance %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>spent %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Transactions</source>
        <translation>Buchungen</translation>
    </message>
    <message>
        <source>%1, %2 %3 %4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>refund</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>spend</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
