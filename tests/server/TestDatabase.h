#pragma once

// Which database the server tests run on. Unset LEAGUEDESK_TEST_DATABASE: the default (a fresh
// SQLite file per ServerProcess). Set to a PostgreSQL base URL such as
// postgres://leaguedesk@127.0.0.1:54329/ (tests/server/pg-tests.sh does that): every call creates a
// fresh, empty database on that server with `createdb` and returns its URL, so each ServerProcess
// starts from nothing, as with SQLite.

#include <QProcess>
#include <QRandomGenerator>
#include <QString>
#include <QStringList>
#include <QUrl>

namespace TestDatabase {

inline QString baseUrl()
{
    return qEnvironmentVariable("LEAGUEDESK_TEST_DATABASE");
}

// Extra server arguments for a fresh database; empty for the default SQLite. On failure returns
// {"--database", "invalid:"} so the server refuses to start and the test fails visibly.
inline QStringList freshDatabaseArgs(QString *url = nullptr)
{
    const QString base = baseUrl();
    if (base.isEmpty())
        return {};
    QUrl parsed(base);
    const QString name = QStringLiteral("ldtest_%1").arg(QRandomGenerator::global()->generate64(), 0, 36);
    QProcess createdb;
    createdb.start(QStringLiteral("createdb"),
                   {QStringLiteral("-h"), parsed.host(), QStringLiteral("-p"), QString::number(parsed.port(5432)),
                    QStringLiteral("-U"), parsed.userName(), name});
    if (!createdb.waitForFinished(30000) || createdb.exitCode() != 0) {
        qWarning("createdb failed: %s", createdb.readAllStandardError().constData());
        return {QStringLiteral("--database"), QStringLiteral("invalid:")};
    }
    parsed.setPath(QLatin1Char('/') + name);
    if (url)
        *url = parsed.toString();
    return {QStringLiteral("--database"), parsed.toString()};
}

} // namespace TestDatabase
