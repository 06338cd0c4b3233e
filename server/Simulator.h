#pragma once

#include <QHash>
#include <QObject>
#include <QRandomGenerator>
#include <QTimer>

class Database;
class LeagueService;

// `--simulate[=SECONDS]`: a demo auction that keeps the league moving, one visible action every
// step, through the same LeagueService as REST so every event is real. It keeps up to two rounds
// open, each for kRoundSteps steps so a manager has time to bid; other teams place sealed bids
// (sometimes deliberate ties) and bid in tiebreakers; a round whose closes_at passed is finalized;
// now and then a finalized round is deleted. It never bids for kFocusTeam, the team `make run`
// signs in as: that team's bids are the user's own.
class Simulator : public QObject
{
    Q_OBJECT
public:
    static constexpr int kDefaultStepSeconds = 4;
    static constexpr int kBidsPerTiebreaker = 3;
    static constexpr int kOpenRounds = 2;
    static constexpr int kRoundSteps = 15;    // a round stays open this many steps
    static constexpr int kBidBatchesPerRound = 2;
    static inline const QString kFocusTeam = QStringLiteral("SSPSLT0001");

    Simulator(const Database &db, LeagueService &league, int stepMs, QObject *parent = nullptr);
    void start() { m_timer.start(); }
    void stop() { m_timer.stop(); }
    bool isRunning() const { return m_timer.isActive(); }
    // One action; public for tests. Returns a short description of what it did.
    QString step();

private:
    QString tiebreakerAction();
    QString roundAction();
    QString createRound();
    QString bidInRound(const QString &roundId);
    QString deleteRound();
    QStringList otherTeams() const;
    qint64 roundMs() const;

    const Database &m_db;
    LeagueService &m_league;
    QTimer m_timer;
    QRandomGenerator m_rng;
    int m_stepMs;
    int m_steps = 0;
    QHash<QString, int> m_bidBatches; // sealed-bid steps per open round
};
