#pragma once

#include <QObject>
#include <QRandomGenerator>
#include <QTimer>

class Database;
class LeagueService;

// `--simulate[=SECONDS]`: a demo auction that keeps the league moving, one visible action every
// step, through the same LeagueService as REST so every event is real. Cycle: open a round, place
// sealed bids for several teams (SSPSLT0001 in most of them, sometimes deliberate ties), finalize;
// bid in active tiebreakers from their participants (a few bids each, then their deadline timer
// resolves them); now and then delete a finalized round (refunds, players available again).
class Simulator : public QObject
{
    Q_OBJECT
public:
    static constexpr int kDefaultStepSeconds = 4;
    static constexpr int kBidsPerTiebreaker = 3;
    static inline const QString kFocusTeam = QStringLiteral("SSPSLT0001");

    Simulator(const Database &db, LeagueService &league, int stepMs, QObject *parent = nullptr);
    void start() { m_timer.start(); }
    // One action; public for tests. Returns a short description of what it did.
    QString step();

private:
    QString tiebreakerAction();
    QString roundAction();
    QString createRound();
    QString bidInRound(const QString &roundId);
    QString deleteRound();
    QStringList teams() const;

    const Database &m_db;
    LeagueService &m_league;
    QTimer m_timer;
    QRandomGenerator m_rng;
    int m_steps = 0;
    int m_bidBatches = 0; // sealed-bid steps in the current open round
};
