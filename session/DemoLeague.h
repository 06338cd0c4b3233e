#pragma once

#include "Session.h"

#include <QObject>
#include <QPointer>
#include <QProcess>
#include <QQmlEngine>
#include <QTemporaryDir>

#include <memory>


// "Try the demo league": starts the bundled leaguedesk-server with a demo league and its
// simulator on a free loopback port, then signs the session in as a demo manager or the admin.
// The server runs until the dashboard quits. Nothing blocks the GUI thread while it starts.
class DemoLeague : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    QML_SINGLETON

    Q_PROPERTY(bool starting READ isStarting NOTIFY stateChanged)
    Q_PROPERTY(bool running READ isRunning NOTIFY stateChanged)
    Q_PROPERTY(QString errorString READ errorString NOTIFY stateChanged)

public:
    explicit DemoLeague(QObject *parent = nullptr);
    ~DemoLeague() override;

    // Starts the server (or reuses the running one) and signs `session` in.
    Q_INVOKABLE void start(Session *session, bool asAdmin);

    bool isStarting() const { return m_starting; }
    bool isRunning() const { return m_process && m_process->state() == QProcess::Running && !m_url.isEmpty(); }
    QString errorString() const { return m_error; }

    // Where the server binary is: $LEAGUEDESK_SERVER_PATH, beside the dashboard (installed), in the
    // build tree, or on PATH.
    static QString serverPath();

Q_SIGNALS:
    void stateChanged();

private:
    void onOutput();
    void signIn();
    void fail(const QString &message);

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<QProcess> m_process;
    QByteArray m_output;
    QString m_url;
    QPointer<Session> m_session;
    bool m_asAdmin = false;
    bool m_starting = false;
    QString m_error;
};
