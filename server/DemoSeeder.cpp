#include "DemoSeeder.h"

#include "Database.h"
#include "LeagueService.h"
#include "Logging.h"

#include <QRandomGenerator>

namespace {

constexpr quint32 kSeed = 20261126;
constexpr int kPlayers = 200;
constexpr qint64 kFootballBudget = 100000;
constexpr qint64 kRealBudget = 1000;

const char *const kTeamNames[] = {"Team Blue", "Team Red", "Team Green", "Team Yellow",
                                  "Team White", "Team Black", "Team Orange", "Team Purple"};
const char *const kManagers[] = {"Alex Morgan", "Sam Okafor", "Priya Nair", "Jonas Berg",
                                 "Lucia Romero", "Kenji Sato", "Amara Diallo", "Tom Fischer"};
const char *const kFirstNames[] = {"Luca", "Mateo", "Noah", "Elias", "Hugo", "Leo", "Adam", "Omar", "Yusuf", "Kai",
                                   "Theo", "Ivan", "Marco", "Diego", "Rafael", "Jan", "Emil", "Oscar", "Felix",
                                   "Nico", "Sami", "Tariq", "Bruno", "Pavel", "Ruben", "Arne", "Milo", "Dario"};
const char *const kLastNames[] = {"Silva", "Costa", "Müller", "Novak", "Rossi", "Haddad", "Jensen", "Kovač",
                                  "Moreau", "Okoye", "Santos", "Berg", "Lindqvist", "Mendes", "Ferreira", "Kowalski",
                                  "Dubois", "Mensah", "Petrov", "Almeida", "Schmidt", "Nakamura", "Ibrahim", "Varga"};
const char *const kClubs[] = {"Northbridge FC", "Harbor City", "Redwood United", "Lakeside Athletic",
                              "Ironvale", "Crown Rovers", "Westmarch", "Eastfield Town",
                              "Silverton", "Oakham Wanderers", "Port Alder", "Summit SC"};

template <typename T, size_t N>
QString pick(QRandomGenerator &rng, T (&list)[N])
{
    return QString::fromUtf8(list[rng.bounded(quint32(N))]);
}

QString teamId(int n) { return QStringLiteral("SSPSLT%1").arg(n, 4, 10, QLatin1Char('0')); }
QString playerId(int n) { return QStringLiteral("P%1").arg(n, 4, 10, QLatin1Char('0')); }

// Demo players come in position blocks: P0001-P0020 GK, P0021-P0080 DEF, P0081-P0140 MID, P0141-P0200 FWD.
QString positionOf(int n)
{
    if (n <= 20) return QStringLiteral("GK");
    if (n <= 80) return QStringLiteral("DEF");
    if (n <= 140) return QStringLiteral("MID");
    return QStringLiteral("FWD");
}

struct DemoBid { int team; int player; qint64 amount; };

} // namespace

bool DemoSeeder::seed()
{
    try {
        if (m_db.meta(QStringLiteral("demo_seeded")) == QLatin1String("1")) {
            qCInfo(lcServer) << "demo league already seeded";
            return true;
        }
        if (m_db.exec(QStringLiteral("SELECT 1 FROM teams LIMIT 1")).next()) {
            qCWarning(lcServer) << "--demo ignored: the database already holds a league";
            return true;
        }
        insertFixedData();
        playRounds();
        m_db.setMeta(QStringLiteral("demo_seeded"), QStringLiteral("1"));
        qCInfo(lcServer) << "seeded demo league";
        return true;
    } catch (const std::exception &e) {
        qCCritical(lcServer) << "demo seeding failed:" << e.what();
        return false;
    }
}

void DemoSeeder::insertFixedData()
{
    Transaction tx(m_db);
    for (int t = 1; t <= 8; ++t) {
        m_db.exec(QStringLiteral("INSERT INTO teams(team_id, name, manager) VALUES(?, ?, ?)"),
                  {teamId(t), QString::fromUtf8(kTeamNames[t - 1]), QString::fromUtf8(kManagers[t - 1])});
        m_db.exec(QStringLiteral("INSERT INTO wallets(team_id, currency_type, initial_budget, balance) VALUES(?, ?, ?, ?)"),
                  {teamId(t), QStringLiteral("football"), kFootballBudget, kFootballBudget});
        m_db.exec(QStringLiteral("INSERT INTO wallets(team_id, currency_type, initial_budget, balance) VALUES(?, ?, ?, ?)"),
                  {teamId(t), QStringLiteral("real"), kRealBudget, kRealBudget});
    }
    QRandomGenerator rng(kSeed);
    for (int p = 1; p <= kPlayers; ++p) {
        const QString name = pick(rng, kFirstNames) + QLatin1Char(' ') + pick(rng, kLastNames);
        m_db.exec(QStringLiteral("INSERT INTO players(player_id, name, position, club) VALUES(?, ?, ?, ?)"),
                  {playerId(p), name, positionOf(p), pick(rng, kClubs)});
    }
    tx.commit();
}

void DemoSeeder::playRounds()
{
    const QDateTime now = QDateTime::currentDateTimeUtc();
    auto play = [&](const QString &position, const QString &currency, const QList<int> &players,
                    const QList<DemoBid> &bids, bool finalize, qint64 closesInSecs) {
        QStringList ids;
        for (int p : players)
            ids.append(playerId(p));
        const auto round = m_league.createRound(position, currency, ids, now.addSecs(closesInSecs));
        if (!round.isOk())
            throw DbError(QStringLiteral("demo round: %1").arg(round.error().message));
        const QString roundId = round.value().body.value(QLatin1String("round")).toObject().value(QLatin1String("round_id")).toString();
        for (const DemoBid &b : bids) {
            const auto placed = m_league.placeBid(teamId(b.team), roundId, playerId(b.player), b.amount);
            if (!placed.isOk())
                throw DbError(QStringLiteral("demo bid: %1").arg(placed.error().message));
        }
        if (finalize) {
            const auto done = m_league.finalizeRound(roundId);
            if (!done.isOk())
                throw DbError(QStringLiteral("demo finalize: %1").arg(done.error().message));
        }
    };

    // R0001, goalkeepers for football money: team k wins P000k for 5000 + 500k over a 4000 bid.
    QList<DemoBid> r1;
    for (int k = 1; k <= 8; ++k) {
        r1.append({k, k, 5000 + 500 * k});
        r1.append({k % 8 + 1, k, 4000});
    }
    play(QStringLiteral("GK"), QStringLiteral("football"), {1, 2, 3, 4, 5, 6, 7, 8}, r1, true, 3600);

    // R0002, defenders for real money: team k wins P00(20+k) for 50 + 10k, except P0021 where
    // SSPSLT0001 and SSPSLT0002 tie at 60 -> the demo's active tiebreaker TB0001.
    QList<DemoBid> r2;
    for (int k = 1; k <= 8; ++k)
        r2.append({k, 20 + k, 50 + 10 * k});
    r2.append({2, 21, 60});
    play(QStringLiteral("DEF"), QStringLiteral("real"), {21, 22, 23, 24, 25, 26, 27, 28}, r2, true, 3600);

    // R0003, midfielders for football money: team k wins P00(80+k) for 8000 - 300k.
    QList<DemoBid> r3;
    for (int k = 1; k <= 8; ++k) {
        r3.append({k, 80 + k, 8000 - 300 * k});
        r3.append({(k + 2) % 8 + 1, 80 + k, 2500});
    }
    play(QStringLiteral("MID"), QStringLiteral("football"), {81, 82, 83, 84, 85, 86, 87, 88}, r3, true, 3600);

    // R0004 stays OPEN, forwards for football money. Finalizing it gives:
    //   P0141 -> SSPSLT0001 at 12000 (over SSPSLT0002's 9000)
    //   P0147 -> SSPSLT0001 at 2000 (only bid)
    //   P0142 -> SSPSLT0003 at 7500 (over SSPSLT0001's 7000)
    //   P0143 -> SSPSLT0002 at 6000
    //   P0144 -> SSPSLT0004 at 4000 (over SSPSLT0001's 3500)
    //   P0145 -> tie SSPSLT0005 / SSPSLT0006 at 5000 -> a new tiebreaker
    //   P0146 -> no bids, stays unsold
    const QList<DemoBid> r4{{1, 141, 12000}, {2, 141, 9000}, {1, 142, 7000}, {3, 142, 7500}, {2, 143, 6000},
                            {4, 144, 4000},  {1, 144, 3500}, {5, 145, 5000}, {6, 145, 5000}, {1, 147, 2000}};
    play(QStringLiteral("FWD"), QStringLiteral("football"), {141, 142, 143, 144, 145, 146, 147}, r4, false,
         7 * 24 * 3600);

    // R0005 stays OPEN too, midfielders for real money, with sealed bids from other teams only:
    // SSPSLT0001 (the team `make run` signs in as) has none, so every bid it shows is the user's.
    const QList<DemoBid> r5{{2, 89, 120}, {3, 89, 150}, {4, 90, 80}, {5, 91, 200}, {6, 91, 200}, {7, 92, 60}};
    play(QStringLiteral("MID"), QStringLiteral("real"), {89, 90, 91, 92, 93, 94}, r5, false, 2 * 24 * 3600);
}
