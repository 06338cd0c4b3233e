#pragma once

#include <QHash>
#include <QProcess>
#include <QString>
#include <QStringList>
#include <QTemporaryDir>
#include <QUrl>

#include <memory>

// Runs the real leaguedesk-server for one test: a fresh temporary database seeded with the demo
// league, port 0, and the tokens it wrote. Stops it (SIGTERM, then kill) when destroyed.
class ServerProcess
{
public:
    ServerProcess();
    ~ServerProcess();

    // Starts the server with --demo on a fresh database plus `extraArgs`; false (and
    // errorString()) when it did not print its listening line within `timeoutMs`.
    bool start(const QStringList &extraArgs = {}, int timeoutMs = 20000);
    // start() in two halves, so that several servers can be started at once: launch() starts the
    // process, waitReady() waits for its listening line and reads its tokens.
    bool launch(const QStringList &extraArgs = {}, int timeoutMs = 20000);
    bool waitReady(int timeoutMs = 20000);
    // Stops with SIGTERM and waits for the exit; returns the exit code (-1 if it had to be killed).
    int stop(int timeoutMs = 10000);

    QUrl baseUrl() const { return m_baseUrl; }          // http://127.0.0.1:PORT
    QString adminToken() const { return m_adminToken; }
    QString managerToken(const QString &teamId) const { return m_managerTokens.value(teamId); }
    QStringList teamIds() const { return m_managerTokens.keys(); }
    QString databasePath() const;
    QString errorString() const { return m_error; }
    QByteArray output() const { return m_output; }
    QProcess *process() { return m_process.get(); }

    static QString executablePath();

private:
    QTemporaryDir m_dir;
    std::unique_ptr<QProcess> m_process;
    QUrl m_baseUrl;
    QString m_adminToken;
    QHash<QString, QString> m_managerTokens;
    QString m_error;
    QByteArray m_output;
};
