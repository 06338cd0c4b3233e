// leaguedesk-watch's contract, run as a real process against the real server: one JSON object
// per line for connection states, HTTP requests and model changes.
#include "support/RestCall.h"
#include "support/ServerProcess.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QTest>

namespace {
constexpr int timeoutMs = 15000;
}

class TestWatch : public QObject
{
    Q_OBJECT

private:
    ServerProcess m_server;
    QList<QJsonObject> m_lines;

    // Reads the watcher's output until `predicate` holds for a line.
    bool waitForLine(QProcess &watch, const std::function<bool(const QJsonObject &)> &predicate)
    {
        return QTest::qWaitFor([&] {
            while (watch.canReadLine()) {
                const QByteArray line = watch.readLine().trimmed();
                QJsonParseError error;
                const QJsonDocument doc = QJsonDocument::fromJson(line, &error);
                if (error.error != QJsonParseError::NoError || !doc.isObject()) {
                    qWarning("not a JSON object line: %s", line.constData());
                    m_lines.append(QJsonObject{{QStringLiteral("kind"), QStringLiteral("garbage")}});
                    continue;
                }
                m_lines.append(doc.object());
                if (predicate(doc.object()))
                    return true;
            }
            return false;
        }, timeoutMs);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(m_server.start(), qPrintable(m_server.errorString()));
    }

    void followsTheManagersTeam()
    {
        QProcess watch;
        watch.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        watch.start(QStringLiteral(LEAGUEDESK_WATCH_PATH),
                    {QStringLiteral("--server"), m_server.baseUrl().toString(),
                     QStringLiteral("--token"), m_server.managerToken(QStringLiteral("SSPSLT0001"))});
        QVERIFY(watch.waitForStarted(timeoutMs));

        QVERIFY(waitForLine(watch, [](const QJsonObject &o) {
            return o[QLatin1String("kind")] == QLatin1String("connection") && o[QLatin1String("state")] == QLatin1String("live");
        }));
        QVERIFY(waitForLine(watch, [](const QJsonObject &o) {
            return o[QLatin1String("kind")] == QLatin1String("model") && o[QLatin1String("name")] == QLatin1String("squad");
        }));
        const QJsonObject first = m_lines.last();
        QCOMPARE(first[QLatin1String("team_id")].toString(), QStringLiteral("SSPSLT0001"));
        QCOMPARE(first[QLatin1String("revision")].toInteger(), first[QLatin1String("data")][QLatin1String("revision")].toInteger());
        QVERIFY(std::any_of(m_lines.begin(), m_lines.end(), [](const QJsonObject &o) {
            return o[QLatin1String("kind")] == QLatin1String("request") && o[QLatin1String("path")] == QLatin1String("/api/v1/me")
                && o[QLatin1String("status")].toInt() == 200;
        }));

        // A change on the server shows as a new squad line with the new revision.
        const auto rounds = restCall(m_server.baseUrl(), m_server.adminToken(), "GET", QStringLiteral("/rounds"));
        QVERIFY(rounds);
        QString open;
        // The first open one (R0004): the demo's other open round has no bids from this team.
        for (const QJsonValue &r : jsonOf(*rounds)[QLatin1String("rounds")].toArray())
            if (open.isEmpty() && r[QLatin1String("status")] == QLatin1String("open"))
                open = r[QLatin1String("round_id")].toString();
        QVERIFY(!open.isEmpty());
        QVERIFY(restCall(m_server.baseUrl(), m_server.adminToken(), "POST", QStringLiteral("/admin/rounds/%1/finalize").arg(open)));
        const qint64 before = first[QLatin1String("revision")].toInteger();
        QVERIFY(waitForLine(watch, [before](const QJsonObject &o) {
            return o[QLatin1String("name")] == QLatin1String("squad") && o[QLatin1String("revision")].toInteger() > before;
        }));
        QVERIFY(std::none_of(m_lines.begin(), m_lines.end(), [](const QJsonObject &o) { return o[QLatin1String("kind")] == QLatin1String("garbage"); }));
        watch.terminate();
        QVERIFY(watch.waitForFinished(timeoutMs));
    }

    void badTokenPrintsUnauthorizedAndExits()
    {
        QProcess watch;
        watch.start(QStringLiteral(LEAGUEDESK_WATCH_PATH),
                    {QStringLiteral("--server"), m_server.baseUrl().toString(), QStringLiteral("--token"), QStringLiteral("nope")});
        QVERIFY(watch.waitForFinished(timeoutMs));
        QCOMPARE(watch.exitCode(), 3);
        QVERIFY(watch.readAllStandardOutput().contains(R"({"kind":"connection","state":"unauthorized"})"));
    }
};

QTEST_GUILESS_MAIN(TestWatch)
#include "tst_watch.moc"
