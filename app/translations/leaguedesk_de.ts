<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>BalanceChart</name>
    <message>
        <source>%1 balance over time, now %2</source>
        <translation>Guthaben %1 im Zeitverlauf, jetzt %2</translation>
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
        <translation>Betrag eingeben</translation>
    </message>
    <message>
        <source>Bid at least %1</source>
        <translation>Mindestens %1 bieten</translation>
    </message>
    <message>
        <source>More than your balance of %1</source>
        <translation>Mehr als Ihr Guthaben von %1</translation>
    </message>
    <message>
        <source>Amount, at least %1</source>
        <translation>Betrag, mindestens %1</translation>
    </message>
    <message>
        <source>Bid amount in %1</source>
        <translation>Gebotsbetrag in %1</translation>
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
        <translation>Mindestens %1 · Guthaben %2</translation>
    </message>
    <message>
        <source>Minimum %1</source>
        <translation>Mindestens %1</translation>
    </message>
    <message>
        <source>You are the highest bidder with %1. You can bid again when another team outbids you.</source>
        <translation>Sie haben mit %1 das Höchstgebot. Sie können erneut bieten, sobald ein anderes Team Sie überbietet.</translation>
    </message>
</context>
<context>
    <name>CatalogueModel</name>
    <message>
        <source>A selected player is no longer available; the list is updated</source>
        <translation>Ein ausgewählter Spieler ist nicht mehr verfügbar; die Liste wurde aktualisiert</translation>
    </message>
    <message>
        <source>No answer from the server; try again</source>
        <translation>Keine Antwort vom Server; bitte erneut versuchen</translation>
    </message>
    <message>
        <source>The server refused the round (%1)</source>
        <translation>Der Server hat die Runde abgelehnt (%1)</translation>
    </message>
</context>
<context>
    <name>CommittedFunds</name>
    <message>
        <source>Committed %1</source>
        <translation>Gebunden: %1</translation>
    </message>
    <message>
        <source>Available %1</source>
        <translation>Verfügbar: %1</translation>
    </message>
    <message>
        <source>Your sealed bids exceed the balance: some may be skipped at finalize</source>
        <translation>Ihre verdeckten Gebote übersteigen das Guthaben: Beim Abschließen werden eventuell einige übersprungen</translation>
    </message>
</context>
<context>
    <name>ConnectionBanner</name>
    <message>
        <source>Connection lost — showing data from %1</source>
        <translation>Verbindung unterbrochen — Daten von %1</translation>
    </message>
    <message>
        <source>Connection lost</source>
        <translation>Verbindung unterbrochen</translation>
    </message>
    <message>
        <source>%1, retrying in %2 s</source>
        <translation>%1, neuer Versuch in %2 s</translation>
    </message>
    <message>
        <source>%1, retrying…</source>
        <translation>%1, neuer Versuch…</translation>
    </message>
    <message>
        <source>Back online — %1</source>
        <translation>Wieder online — %1</translation>
    </message>
    <message>
        <source>Back online</source>
        <translation>Wieder online</translation>
    </message>
    <message>
        <source>Retry now</source>
        <translation>Jetzt erneut versuchen</translation>
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
        <translation>Frist abgelaufen</translation>
    </message>
    <message>
        <source>%1 left</source>
        <translation>Noch %1</translation>
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
        <translation>Liga-Admin</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>Verbinde…</translation>
    </message>
    <message>
        <source>Admin · team</source>
        <translation>Admin · Team</translation>
    </message>
    <message>
        <source>Team to view</source>
        <translation>Angezeigtes Team</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Aktualisieren</translation>
    </message>
    <message>
        <source>Refresh now</source>
        <translation>Jetzt aktualisieren</translation>
    </message>
    <message>
        <source>Fetch everything on screen again (F5)</source>
        <translation>Alles Angezeigte neu laden (F5)</translation>
    </message>
    <message>
        <source>Sign out</source>
        <translation>Abmelden</translation>
    </message>
    <message>
        <source>Views</source>
        <translation>Ansichten</translation>
    </message>
    <message>
        <source>Rounds</source>
        <translation>Runden</translation>
    </message>
    <message>
        <source>League overview</source>
        <translation>Ligaübersicht</translation>
    </message>
    <message>
        <source>1 change while you were away</source>
        <translation>1 Änderung während Ihrer Abwesenheit</translation>
    </message>
    <message>
        <source>%1 changes while you were away</source>
        <translation>%1 Änderungen während Ihrer Abwesenheit</translation>
    </message>
    <message>
        <source>LeagueDesk</source>
        <translation>LeagueDesk</translation>
    </message>
    <message>
        <source>%1 on %2</source>
        <translation>%2: %1</translation>
    </message>
    <message>
        <source>You already hold the highest bid on %1</source>
        <translation>Sie halten bereits das Höchstgebot für %1</translation>
    </message>
    <message>
        <source>That bid was not sent; open the tiebreaker to bid</source>
        <translation>Das Gebot wurde nicht gesendet; öffnen Sie das Stechen, um zu bieten</translation>
    </message>
</context>
<context>
    <name>DemoLeague</name>
    <message>
        <source>The demo needs leaguedesk-server, which is not installed</source>
        <translation>Die Demo benötigt leaguedesk-server, das nicht installiert ist</translation>
    </message>
    <message>
        <source>The demo server could not start: %1</source>
        <translation>Der Demo-Server konnte nicht starten: %1</translation>
    </message>
    <message>
        <source>The demo server stopped while starting</source>
        <translation>Der Demo-Server wurde während des Starts beendet</translation>
    </message>
    <message>
        <source>The demo server did not start in time</source>
        <translation>Der Demo-Server ist nicht rechtzeitig gestartet</translation>
    </message>
    <message>
        <source>The demo server wrote no access tokens</source>
        <translation>Der Demo-Server hat keine Zugangstokens geschrieben</translation>
    </message>
</context>
<context>
    <name>Format</name>
    <message>
        <source>%1 %2</source>
        <translation>%1 %2</translation>
    </message>
    <message>
        <source>no winner, unsold</source>
        <translation>kein Gewinner, unverkauft</translation>
    </message>
    <message>
        <source>%1 for %2</source>
        <translation>%1 für %2</translation>
    </message>
    <message>
        <source> (highest bid not paid)</source>
        <translation> (Höchstgebot nicht bezahlt)</translation>
    </message>
</context>
<context>
    <name>LeagueOverviewView</name>
    <message>
        <source>League overview</source>
        <translation>Ligaübersicht</translation>
    </message>
    <message numerus="yes">
        <source>%n team(s)</source>
        <translation>
            <numerusform>%n Team</numerusform>
            <numerusform>%n Teams</numerusform>
        </translation>
    </message>
    <message>
        <source>Loading the league…</source>
        <translation>Liga wird geladen…</translation>
    </message>
    <message>
        <source>Team</source>
        <translation>Team</translation>
    </message>
    <message>
        <source>Squad</source>
        <translation>Kader</translation>
    </message>
    <message>
        <source>balance</source>
        <translation>Guthaben</translation>
    </message>
    <message>
        <source>spent</source>
        <translation>ausgegeben</translation>
    </message>
    <message>
        <source>Teams of the league</source>
        <translation>Teams der Liga</translation>
    </message>
    <message numerus="yes">
        <source>%1: %n player(s)</source>
        <translation>
            <numerusform>%1: %n Spieler</numerusform>
            <numerusform>%1: %n Spieler</numerusform>
        </translation>
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
        <translation>1 laufendes Stechen</translation>
    </message>
    <message>
        <source>%1 active tiebreakers</source>
        <translation>%1 laufende Stechen</translation>
    </message>
    <message>
        <source>No tiebreaker is running</source>
        <translation>Derzeit läuft kein Stechen</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Wird geladen…</translation>
    </message>
    <message>
        <source>Active tiebreakers</source>
        <translation>Laufende Stechen</translation>
    </message>
    <message>
        <source>%1: highest bid %2 by %3</source>
        <translation>%1: Höchstgebot %2 von %3</translation>
    </message>
    <message>
        <source>No bids yet</source>
        <translation>Noch keine Gebote</translation>
    </message>
    <message>
        <source>by %1</source>
        <translation>von %1</translation>
    </message>
    <message>
        <source>Next bid at least %1</source>
        <translation>Nächstes Gebot mindestens %1</translation>
    </message>
    <message>
        <source>History</source>
        <translation>Verlauf</translation>
    </message>
    <message>
        <source>No finished tiebreakers yet</source>
        <translation>Noch keine beendeten Stechen</translation>
    </message>
    <message>
        <source>Finished tiebreakers</source>
        <translation>Beendete Stechen</translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <translation>%1 — %2</translation>
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
</context>
<context>
    <name>Main</name>
    <message>
        <source>LeagueDesk — %1</source>
        <translation>LeagueDesk — %1</translation>
    </message>
    <message>
        <source>LeagueDesk</source>
        <translation>LeagueDesk</translation>
    </message>
</context>
<context>
    <name>NewRoundPane</name>
    <message>
        <source>New round</source>
        <translation>Neue Runde</translation>
    </message>
    <message>
        <source>Position</source>
        <translation>Position</translation>
    </message>
    <message>
        <source>Currency</source>
        <translation>Währung</translation>
    </message>
    <message>
        <source>Open for (minutes)</source>
        <translation>Laufzeit (Minuten)</translation>
    </message>
    <message>
        <source>Open for, in minutes</source>
        <translation>Laufzeit in Minuten</translation>
    </message>
    <message>
        <source>Search available players by name or club</source>
        <translation>Verfügbare Spieler nach Name oder Verein suchen</translation>
    </message>
    <message numerus="yes">
        <source>%n selected</source>
        <translation>
            <numerusform>%n ausgewählt</numerusform>
            <numerusform>%n ausgewählt</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Open round</source>
        <translation>Runde eröffnen</translation>
    </message>
</context>
<context>
    <name>RoundPlayersModel</name>
    <message>
        <source>This round has closed</source>
        <translation>Diese Runde ist geschlossen</translation>
    </message>
    <message>
        <source>Not enough %1 for a bid of %2</source>
        <translation>Nicht genug %1 für ein Gebot von %2</translation>
    </message>
    <message>
        <source>There is no bid to withdraw</source>
        <translation>Es gibt kein Gebot zum Zurückziehen</translation>
    </message>
    <message>
        <source>This player is no longer in the round</source>
        <translation>Dieser Spieler ist nicht mehr in der Runde</translation>
    </message>
    <message>
        <source>No answer from the server; try again</source>
        <translation>Keine Antwort vom Server; bitte erneut versuchen</translation>
    </message>
    <message>
        <source>Too many requests; try again in a moment</source>
        <translation>Zu viele Anfragen; bitte gleich erneut versuchen</translation>
    </message>
    <message>
        <source>The server refused this (%1)</source>
        <translation>Der Server hat dies abgelehnt (%1)</translation>
    </message>
</context>
<context>
    <name>RoundsModel</name>
    <message numerus="yes">
        <source>Round %1 finalized: %n player(s) acquired</source>
        <translation>
            <numerusform>Runde %1 abgeschlossen: %n Spieler erworben</numerusform>
            <numerusform>Runde %1 abgeschlossen: %n Spieler erworben</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>, %n tiebreaker(s) opened</source>
        <translation>
            <numerusform>, %n Stechen eröffnet</numerusform>
            <numerusform>, %n Stechen eröffnet</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 %2 to %3</source>
        <translation>%1 %2 an %3</translation>
    </message>
    <message>
        <source>Round %1 deleted; nothing to refund</source>
        <translation>Runde %1 gelöscht; nichts zu erstatten</translation>
    </message>
    <message>
        <source>Round %1 deleted; refunded %2</source>
        <translation>Runde %1 gelöscht; erstattet: %2</translation>
    </message>
    <message>
        <source>Round %1 is already finalized</source>
        <translation>Runde %1 ist bereits abgeschlossen</translation>
    </message>
    <message>
        <source>Round %1 no longer exists</source>
        <translation>Runde %1 existiert nicht mehr</translation>
    </message>
    <message>
        <source>No answer from the server; try again</source>
        <translation>Keine Antwort vom Server; bitte erneut versuchen</translation>
    </message>
    <message>
        <source>Refused (%1)</source>
        <translation>Abgelehnt (%1)</translation>
    </message>
</context>
<context>
    <name>RoundsView</name>
    <message>
        <source>nothing</source>
        <translation>nichts</translation>
    </message>
    <message>
        <source>Finalize round %1?</source>
        <translation>Runde %1 abschließen?</translation>
    </message>
    <message>
        <source>The highest affordable sealed bid wins each player and is debited; tied top bids open tiebreakers. Managers can no longer bid in this round.</source>
        <translation>Für jeden Spieler gewinnt das höchste bezahlbare verdeckte Gebot und wird abgebucht; bei gleich hohen Höchstgeboten wird ein Stechen eröffnet. Manager können in dieser Runde nicht mehr bieten.</translation>
    </message>
    <message>
        <source>Delete round %1?</source>
        <translation>Runde %1 löschen?</translation>
    </message>
    <message>
        <source>Every player won in this round, also through its tiebreakers, leaves its squad and the price is refunded to the team; its active tiebreakers are cancelled.</source>
        <translation>Alle in dieser Runde gewonnenen Spieler, auch die aus ihren Stechen, verlassen den Kader ihres Teams, und der Preis wird dem Team erstattet; laufende Stechen der Runde werden abgebrochen.</translation>
    </message>
    <message>
        <source>The round is still open: its sealed bids are dropped; nobody has paid anything yet.</source>
        <translation>Die Runde ist noch offen: Die verdeckten Gebote werden verworfen; bezahlt hat noch niemand etwas.</translation>
    </message>
    <message>
        <source>Rounds</source>
        <translation>Runden</translation>
    </message>
    <message>
        <source>Committed in open sealed bids: %1</source>
        <translation>In offenen verdeckten Geboten gebunden: %1</translation>
    </message>
    <message>
        <source>This server speaks protocol 1.0: sealed-bid rounds need 1.1.</source>
        <translation>Dieser Server spricht Protokoll 1.0: Runden mit verdeckten Geboten benötigen 1.1.</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Wird geladen…</translation>
    </message>
    <message>
        <source>%1 · %2 · %3</source>
        <translation>%1 · %2 · %3</translation>
    </message>
    <message>
        <source>Finalized</source>
        <translation>Abgeschlossen</translation>
    </message>
    <message>
        <source>Closed, awaiting finalize</source>
        <translation>Geschlossen, wartet auf Abschluss</translation>
    </message>
    <message numerus="yes">
        <source>%n player(s)</source>
        <translation>
            <numerusform>%n Spieler</numerusform>
            <numerusform>%n Spieler</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>, %n own bid(s)</source>
        <translation>
            <numerusform>, %n eigenes Gebot</numerusform>
            <numerusform>, %n eigene Gebote</numerusform>
        </translation>
    </message>
    <message>
        <source>New round…</source>
        <translation>Neue Runde…</translation>
    </message>
    <message>
        <source>Finalize…</source>
        <translation>Abschließen…</translation>
    </message>
    <message>
        <source>Delete…</source>
        <translation>Löschen…</translation>
    </message>
    <message>
        <source>Round %1 is finalized</source>
        <translation>Runde %1 ist abgeschlossen</translation>
    </message>
    <message>
        <source>Round %1: %2 players, %3 money</source>
        <translation>Runde %1: %2, Währung %3</translation>
    </message>
    <message>
        <source>Closes in</source>
        <translation>Schließt in</translation>
    </message>
    <message>
        <source>closed: no more bids, awaiting finalize</source>
        <translation>geschlossen: keine Gebote mehr, wartet auf Abschluss</translation>
    </message>
    <message>
        <source>Your bids in this round: %1</source>
        <translation>Ihre Gebote in dieser Runde: %1</translation>
    </message>
    <message>
        <source>Your bid: %1</source>
        <translation>Ihr Gebot: %1</translation>
    </message>
    <message>
        <source>No bid</source>
        <translation>Kein Gebot</translation>
    </message>
    <message numerus="yes">
        <source>%n sealed bid(s)</source>
        <translation>
            <numerusform>%n verdecktes Gebot</numerusform>
            <numerusform>%n verdeckte Gebote</numerusform>
        </translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>Betrag</translation>
    </message>
    <message>
        <source>Sealed bid for %1</source>
        <translation>Verdecktes Gebot für %1</translation>
    </message>
    <message>
        <source>Replace</source>
        <translation>Ersetzen</translation>
    </message>
    <message>
        <source>Bid</source>
        <translation>Bieten</translation>
    </message>
    <message>
        <source>Withdraw</source>
        <translation>Zurückziehen</translation>
    </message>
</context>
<context>
    <name>SearchSortBar</name>
    <message>
        <source>Search</source>
        <translation>Suchen</translation>
    </message>
    <message>
        <source>Search %1</source>
        <translation>%1 durchsuchen</translation>
    </message>
    <message>
        <source>Sort by</source>
        <translation>Sortieren nach</translation>
    </message>
</context>
<context>
    <name>ServerUnreachable</name>
    <message>
        <source>Cannot reach the league server</source>
        <translation>Der Ligaserver ist nicht erreichbar</translation>
    </message>
    <message>
        <source>%1 has not answered. Check the address, or whether the server is running.</source>
        <translation>%1 antwortet nicht. Prüfen Sie die Adresse oder ob der Server läuft.</translation>
    </message>
    <message>
        <source>%1 has not answered %2 attempts. Check the address, or whether the server is running.</source>
        <translation>%1 hat auf %2 Versuche nicht geantwortet. Prüfen Sie die Adresse oder ob der Server läuft.</translation>
    </message>
    <message>
        <source>Trying again in %1 s.</source>
        <translation>Neuer Versuch in %1 s.</translation>
    </message>
    <message>
        <source>Trying again…</source>
        <translation>Neuer Versuch…</translation>
    </message>
    <message>
        <source>Retry now</source>
        <translation>Jetzt erneut versuchen</translation>
    </message>
    <message>
        <source>Use another server</source>
        <translation>Anderen Server verwenden</translation>
    </message>
</context>
<context>
    <name>Session</name>
    <message>
        <source>%1 did not accept this token: it is wrong, expired or was revoked. Ask your league admin for a new one.</source>
        <translation>%1 hat dieses Token nicht akzeptiert: Es ist falsch, abgelaufen oder wurde widerrufen. Bitten Sie Ihren Liga-Admin um ein neues.</translation>
    </message>
    <message>
        <source>No keychain answered: your token is kept in a file only you can read.</source>
        <translation>Kein Schlüsselbund hat geantwortet: Ihr Token wird in einer Datei gespeichert, die nur Sie lesen können.</translation>
    </message>
    <message>
        <source>No keychain answered: your token is kept only until LeagueDesk quits.</source>
        <translation>Kein Schlüsselbund hat geantwortet: Ihr Token wird nur aufbewahrt, bis LeagueDesk beendet wird.</translation>
    </message>
</context>
<context>
    <name>SignInPage</name>
    <message>
        <source>Sign in to your league</source>
        <translation>Bei Ihrer Liga anmelden</translation>
    </message>
    <message>
        <source>Access token</source>
        <translation>Zugangstoken</translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation>Anmelden</translation>
    </message>
    <message>
        <source>No league yet? Try the demo: a league that plays by itself.</source>
        <translation>Noch keine Liga? Probieren Sie die Demo aus: eine Liga, die von selbst spielt.</translation>
    </message>
    <message>
        <source>as a team manager</source>
        <translation>als Teammanager</translation>
    </message>
    <message>
        <source>Try the demo as a team manager</source>
        <translation>Demo als Teammanager ausprobieren</translation>
    </message>
    <message>
        <source>as the league admin</source>
        <translation>als Liga-Admin</translation>
    </message>
    <message>
        <source>Try the demo as the league admin</source>
        <translation>Demo als Liga-Admin ausprobieren</translation>
    </message>
    <message>
        <source>Starting the demo league…</source>
        <translation>Demo-Liga wird gestartet…</translation>
    </message>
    <message>
        <source>Try the demo league</source>
        <translation>Demo-Liga ausprobieren</translation>
    </message>
    <message>
        <source>League server address</source>
        <translation>Adresse des Ligaservers</translation>
    </message>
    <message>
        <source>e.g. https://league.example.org</source>
        <translation>z. B. https://league.example.org</translation>
    </message>
    <message>
        <source>ld_…</source>
        <translation>ld_…</translation>
    </message>
    <message>
        <source>Your league admin gives each team manager a token (leaguedesk-server token create). It is kept in your system keychain.</source>
        <translation>Ihr Liga-Admin gibt jedem Teammanager ein Token (leaguedesk-server token create). Es wird im Schlüsselbund Ihres Systems gespeichert.</translation>
    </message>
    <message>
        <source>Signing in…</source>
        <translation>Anmeldung läuft…</translation>
    </message>
    <message>
        <source>Remember the token in a file only I can read</source>
        <translation>Token in einer Datei speichern, die nur ich lesen kann</translation>
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
        <translation>1 Spieler</translation>
    </message>
    <message>
        <source>%1 players</source>
        <translation>%1 Spieler</translation>
    </message>
    <message>
        <source>Spent on players:</source>
        <translation>Für Spieler ausgegeben:</translation>
    </message>
    <message>
        <source>Total spent on players in %1: %2</source>
        <translation>Insgesamt für Spieler ausgegeben (%1): %2</translation>
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
        <translation>%1 anzeigen</translation>
    </message>
    <message>
        <source>Loading squad…</source>
        <translation>Kader wird geladen…</translation>
    </message>
    <message>
        <source>No players yet</source>
        <translation>Noch keine Spieler</translation>
    </message>
    <message>
        <source>No players in this position</source>
        <translation>Keine Spieler auf dieser Position</translation>
    </message>
    <message>
        <source>%1, %2, %3, %4 %5, round %6</source>
        <translation>%1, %2, %3, %4 %5, Runde %6</translation>
    </message>
    <message>
        <source>Round %1</source>
        <translation>Runde %1</translation>
    </message>
    <message>
        <source>Search players or clubs</source>
        <translation>Spieler oder Vereine suchen</translation>
    </message>
    <message>
        <source>squad</source>
        <translation>Kader</translation>
    </message>
    <message>
        <source>By position</source>
        <translation>Nach Position</translation>
    </message>
    <message>
        <source>By name</source>
        <translation>Nach Name</translation>
    </message>
    <message>
        <source>By price</source>
        <translation>Nach Preis</translation>
    </message>
    <message>
        <source>No player matches “%1”</source>
        <translation>Kein Spieler passt zu „%1“</translation>
    </message>
</context>
<context>
    <name>TiebreakerBidsModel</name>
    <message>
        <source>Your bid of %1 is in</source>
        <translation>Ihr Gebot von %1 ist eingegangen</translation>
    </message>
    <message>
        <source>Too low: bid at least %1</source>
        <translation>Zu niedrig: Bieten Sie mindestens %1</translation>
    </message>
    <message>
        <source>Not enough %1 in your wallet for this bid</source>
        <translation>Nicht genug %1 auf Ihrem Konto für dieses Gebot</translation>
    </message>
    <message>
        <source>This tiebreaker has closed; no more bids are taken</source>
        <translation>Dieses Stechen ist geschlossen; es werden keine Gebote mehr angenommen</translation>
    </message>
    <message>
        <source>Too many requests; try again in a moment</source>
        <translation>Zu viele Anfragen; bitte gleich erneut versuchen</translation>
    </message>
    <message>
        <source>No answer from the server; your bid is not confirmed. Send it again to retry safely.</source>
        <translation>Keine Antwort vom Server; Ihr Gebot ist nicht bestätigt. Sie können es gefahrlos erneut senden.</translation>
    </message>
    <message>
        <source>Only the teams in this tiebreaker can bid</source>
        <translation>Nur die Teams in diesem Stechen können bieten</translation>
    </message>
    <message>
        <source>The server refused the bid (%1)</source>
        <translation>Der Server hat das Gebot abgelehnt (%1)</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <translation>%1 %2</translation>
    </message>
    <message>
        <source>Ended without a bid; the player stays unsold</source>
        <translation>Ohne Gebot beendet; der Spieler bleibt unverkauft</translation>
    </message>
    <message>
        <source>You won %1 for %2</source>
        <translation>Sie haben %1 für %2 gewonnen</translation>
    </message>
    <message>
        <source>You won %1</source>
        <translation>Sie haben %1 gewonnen</translation>
    </message>
    <message>
        <source>Won by %1 for %2</source>
        <translation>Gewonnen von %1 für %2</translation>
    </message>
    <message>
        <source>Won by %1</source>
        <translation>Gewonnen von %1</translation>
    </message>
    <message>
        <source>Your highest bid of %1 lost: your wallet could no longer pay it when the tiebreaker closed.</source>
        <translation>Ihr Höchstgebot von %1 ist verfallen: Ihr Konto konnte es beim Ende des Stechens nicht mehr decken.</translation>
    </message>
    <message>
        <source>The highest bid, %1 by %2, lost: %2 could no longer pay it when the tiebreaker closed.</source>
        <translation>Das Höchstgebot, %1 von %2, ist verfallen: %2 konnte es beim Ende des Stechens nicht mehr bezahlen.</translation>
    </message>
    <message>
        <source>This tiebreaker has already ended</source>
        <translation>Dieses Stechen ist bereits beendet</translation>
    </message>
    <message>
        <source>This tiebreaker no longer exists</source>
        <translation>Dieses Stechen existiert nicht mehr</translation>
    </message>
    <message>
        <source>Only an admin can resolve a tiebreaker</source>
        <translation>Nur ein Admin kann ein Stechen entscheiden</translation>
    </message>
    <message>
        <source>No answer from the server; try again</source>
        <translation>Keine Antwort vom Server; bitte erneut versuchen</translation>
    </message>
    <message>
        <source>The server refused this (%1)</source>
        <translation>Der Server hat dies abgelehnt (%1)</translation>
    </message>
    <message>
        <source>Nobody has bid yet: the tiebreaker ends cancelled and %1 is unsold again.</source>
        <translation>Noch hat niemand geboten: Das Stechen wird abgebrochen und %1 ist wieder unverkauft.</translation>
    </message>
    <message>
        <source>%1 leads with %2 %3: it wins %4 at that price if its wallet can still pay it; otherwise the highest bid that can be paid wins.</source>
        <translation>%1 führt mit %2 %3: Das Team erhält %4 zu diesem Preis, sofern sein Konto ihn noch decken kann; andernfalls gewinnt das höchste bezahlbare Gebot.</translation>
    </message>
</context>
<context>
    <name>TiebreakerDetail</name>
    <message>
        <source>Choose a tiebreaker</source>
        <translation>Wählen Sie ein Stechen</translation>
    </message>
    <message>
        <source>Loading tiebreaker…</source>
        <translation>Stechen wird geladen…</translation>
    </message>
    <message>
        <source>Resolved</source>
        <translation>Entschieden</translation>
    </message>
    <message>
        <source>Highest bid</source>
        <translation>Höchstgebot</translation>
    </message>
    <message>
        <source>%1 by %2</source>
        <translation>%1 von %2</translation>
    </message>
    <message>
        <source>you</source>
        <translation>Ihnen</translation>
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
        <translation>keines</translation>
    </message>
    <message>
        <source>Bids</source>
        <translation>Gebote</translation>
    </message>
    <message>
        <source>Bid history</source>
        <translation>Gebotsverlauf</translation>
    </message>
    <message>
        <source>%1 bid %2 at %3</source>
        <translation>%1 bot %2 um %3</translation>
    </message>
    <message>
        <source>%1 (you)</source>
        <translation>%1 (Sie)</translation>
    </message>
    <message>
        <source>Bidding closed at %1; waiting for the result</source>
        <translation>Gebotsphase um %1 beendet; Ergebnis steht noch aus</translation>
    </message>
    <message>
        <source>Teams in the tie</source>
        <translation>Teams im Stechen</translation>
    </message>
    <message>
        <source>Tied at</source>
        <translation>Gleichstand bei</translation>
    </message>
    <message>
        <source>Resolve now…</source>
        <translation>Jetzt entscheiden…</translation>
    </message>
    <message>
        <source>Resolve the tiebreaker for %1 now?</source>
        <translation>Stechen um %1 jetzt entscheiden?</translation>
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
        <translation>Laufend (%1)</translation>
    </message>
    <message>
        <source>No active tiebreakers</source>
        <translation>Keine laufenden Stechen</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Wird geladen…</translation>
    </message>
    <message>
        <source>Active tiebreakers</source>
        <translation>Laufende Stechen</translation>
    </message>
    <message>
        <source>%1, highest bid %2</source>
        <translation>%1, Höchstgebot %2</translation>
    </message>
    <message>
        <source>none</source>
        <translation>keines</translation>
    </message>
    <message>
        <source>%1 by %2</source>
        <translation>%1 von %2</translation>
    </message>
    <message>
        <source>No bids yet</source>
        <translation>Noch keine Gebote</translation>
    </message>
    <message>
        <source>Finished (%1)</source>
        <translation>Beendet (%1)</translation>
    </message>
    <message>
        <source>Finished tiebreakers</source>
        <translation>Beendete Stechen</translation>
    </message>
    <message>
        <source>Awaiting result</source>
        <translation>Ergebnis ausstehend</translation>
    </message>
    <message>
        <source>Search players or teams</source>
        <translation>Spieler oder Teams suchen</translation>
    </message>
    <message>
        <source>finished tiebreakers</source>
        <translation>beendete Stechen</translation>
    </message>
    <message>
        <source>Newest first</source>
        <translation>Neueste zuerst</translation>
    </message>
    <message>
        <source>By player</source>
        <translation>Nach Spieler</translation>
    </message>
    <message>
        <source>By winner</source>
        <translation>Nach Gewinner</translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <translation>%1 — %2</translation>
    </message>
</context>
<context>
    <name>ToastQueue</name>
    <message>
        <source>%1 acquired for %2</source>
        <translation>%1 für %2 erworben</translation>
    </message>
    <message>
        <source>Wallet: %1 %2</source>
        <translation>Konto: %1 %2</translation>
    </message>
    <message>
        <source>New bid %1 by %2</source>
        <translation>Neues Gebot %1 von %2</translation>
    </message>
    <message>
        <source>New bid %1 by %2 on %3</source>
        <translation>Neues Gebot %1 von %2 für %3</translation>
    </message>
    <message>
        <source>Tiebreaker opened for %1</source>
        <translation>Stechen um %1 eröffnet</translation>
    </message>
    <message>
        <source>the tiebreaker</source>
        <translation>den Spieler</translation>
    </message>
    <message>
        <source>Tiebreaker for %1 ended without a bid</source>
        <translation>Stechen um %1 ohne Gebot beendet</translation>
    </message>
    <message>
        <source>%1 won %2 for %3</source>
        <translation>%1 gewinnt %2 für %3</translation>
    </message>
    <message>
        <source>%1 players acquired</source>
        <translation>%1 Spieler erworben</translation>
    </message>
    <message>
        <source>%1 players removed from the squad</source>
        <translation>%1 Spieler aus dem Kader entfernt</translation>
    </message>
    <message>
        <source>Wallet: %1 %2 (%3 changes)</source>
        <translation>Konto: %1 %2 (%3 Änderungen)</translation>
    </message>
    <message>
        <source>%1 new bids, latest: %2</source>
        <translation>%1 neue Gebote, zuletzt: %2</translation>
    </message>
    <message>
        <source>%1 tiebreakers opened</source>
        <translation>%1 Stechen eröffnet</translation>
    </message>
    <message>
        <source>%1 tiebreakers ended</source>
        <translation>%1 Stechen beendet</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <translation>%1 %2</translation>
    </message>
    <message>
        <source>%1 removed from the squad; %2 refunded</source>
        <translation>%1 aus dem Kader entfernt; %2 erstattet</translation>
    </message>
    <message>
        <source>%1 removed from the squad: round %2 was deleted, %3 refunded</source>
        <translation>%1 aus dem Kader entfernt: Runde %2 wurde gelöscht, %3 erstattet</translation>
    </message>
    <message>
        <source>%1 outbid you: %2</source>
        <translation>%1 hat Sie überboten: %2</translation>
    </message>
    <message>
        <source>%1 outbid you on %2: %3</source>
        <translation>%1 hat Sie bei %2 überboten: %3</translation>
    </message>
    <message>
        <source>%1 and %2 more</source>
        <translation>%1 und %2 weitere</translation>
    </message>
    <message>
        <source>%1 players acquired: %2</source>
        <translation>%1 Spieler erworben: %2</translation>
    </message>
    <message>
        <source>%1 players removed from the squad (round deleted, refunded): %2</source>
        <translation>%1 Spieler aus dem Kader entfernt (Runde gelöscht, erstattet): %2</translation>
    </message>
    <message>
        <source>a tiebreaker</source>
        <translation>ein Stechen</translation>
    </message>
    <message>
        <source>Last %1 s on %2: no bid yet</source>
        <translation>Letzte %1 s für %2: noch kein Gebot</translation>
    </message>
    <message>
        <source>Last %1 s on %2: you lead with %3 %4</source>
        <translation>Letzte %1 s für %2: Sie führen mit %3 %4</translation>
    </message>
    <message>
        <source>Last %1 s on %2: %3 leads with %4 %5</source>
        <translation>Letzte %1 s für %2: %3 führt mit %4 %5</translation>
    </message>
</context>
<context>
    <name>ToastStack</name>
    <message>
        <source>Notifications</source>
        <translation>Benachrichtigungen</translation>
    </message>
    <message>
        <source>Opens the matching view</source>
        <translation>Öffnet die passende Ansicht</translation>
    </message>
    <message>
        <source>Dismiss</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <source>Bid %1</source>
        <translation>%1 bieten</translation>
    </message>
    <message>
        <source>Bid %1 now</source>
        <translation>Jetzt %1 bieten</translation>
    </message>
</context>
<context>
    <name>TrayNotifier</name>
    <message>
        <source>LeagueDesk</source>
        <translation>LeagueDesk</translation>
    </message>
    <message numerus="yes">
        <source>LeagueDesk — %n unread change(s)</source>
        <translation>
            <numerusform>LeagueDesk — %n ungelesene Änderung</numerusform>
            <numerusform>LeagueDesk — %n ungelesene Änderungen</numerusform>
        </translation>
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
        <translation>Konto wird geladen…</translation>
    </message>
    <message>
        <source>%1 balance %2</source>
        <translation>Guthaben %1: %2</translation>
    </message>
    <message>
        <source>spent %1</source>
        <translation>ausgegeben: %1</translation>
    </message>
    <message>
        <source>Transactions</source>
        <translation>Buchungen</translation>
    </message>
    <message>
        <source>%1, %2 %3 %4</source>
        <translation>%1, %2 %3 %4</translation>
    </message>
    <message>
        <source>refund</source>
        <translation>Erstattung</translation>
    </message>
    <message>
        <source>spend</source>
        <translation>Ausgabe</translation>
    </message>
    <message>
        <source>Search notes, players or currencies</source>
        <translation>Notizen, Spieler oder Währungen suchen</translation>
    </message>
    <message>
        <source>transactions</source>
        <translation>Buchungen</translation>
    </message>
    <message>
        <source>Newest first</source>
        <translation>Neueste zuerst</translation>
    </message>
    <message>
        <source>By amount</source>
        <translation>Nach Betrag</translation>
    </message>
    <message>
        <source>By currency</source>
        <translation>Nach Währung</translation>
    </message>
</context>
</TS>
