#pragma once

class Database;
class LeagueService;

// Fills an empty database with the demo league (see docs/SERVER.md for exact contents). Rounds
// are finalized through LeagueService, so squads, wallets, transactions, revisions and live
// history are exactly what real use would produce. Deterministic: fixed seed, fixed bids.
class DemoSeeder
{
public:
    DemoSeeder(const Database &db, LeagueService &league) : m_db(db), m_league(league) { }

    // True when the demo is in place (seeded now or before); false on failure.
    bool seed();

private:
    void insertFixedData();
    void playRounds();

    const Database &m_db;
    LeagueService &m_league;
};
