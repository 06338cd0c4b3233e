#pragma once

#include <QByteArray>
#include <QHash>
#include <QJsonObject>
#include <QProcess>
#include <QStringList>
#include <QTemporaryDir>

#include <memory>

// The real leaguedesk-server for one attack, with what the abuse suite measures: its stderr goes
// to a file (log growth), its SQLite database is a file (database growth), and its memory is read
// from /proc/PID/status (peak RSS via VmHWM, reset before each attack through clear_refs).
class AbuseServer
{
public:
    AbuseServer() = default;
    ~AbuseServer();

    // --demo on a fresh database, port 0, tokens written; `extraArgs` after. False with
    // errorString() when it did not come up within `timeoutMs`.
    bool start(const QStringList &extraArgs = {}, int timeoutMs = 20000);
    void stop();
    bool running() const;

    quint16 port() const { return m_port; }
    QByteArray adminToken() const { return m_admin; }
    QByteArray managerToken(const QString &team) const { return m_managers.value(team); }
    QString databasePath() const { return m_dir.filePath(QStringLiteral("league.db")); }
    QString errorString() const { return m_error; }

    // Kilobytes from /proc/PID/status (VmRSS, VmHWM); -1 when unreadable.
    qint64 statusKiB(const char *field) const;
    // Resets VmHWM to the current RSS (Linux clear_refs "5"); false when not possible.
    bool resetPeak() const;
    qint64 databaseBytes() const; // file + WAL + shared memory
    // Rows in a table of the server's database (read beside the running server; -1 on error).
    qint64 rowCount(const QString &table) const;
    qint64 logBytes() const;
    QByteArray logTail(qint64 fromOffset) const;

    // Answers GET /healthz with 200 within the bound (a fresh connection).
    bool healthy(int timeoutMs = 15000) const;
    // The "connections" object of GET /healthz (counters of the limits); empty on failure.
    QJsonObject connectionStats() const;
    // Runs `leaguedesk-server token ...` against this server's database; exit code, stdout.
    int tokenCommand(const QStringList &args, QByteArray *out = nullptr) const;

    static QString executable();

private:
    QTemporaryDir m_dir;
    std::unique_ptr<QProcess> m_process;
    quint16 m_port = 0;
    QByteArray m_admin;
    QHash<QString, QByteArray> m_managers;
    QString m_error;
};
