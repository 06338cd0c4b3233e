#include "ServerProcess.h"

#include <QDeadlineTimer>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

ServerProcess::ServerProcess() = default;

ServerProcess::~ServerProcess()
{
    stop();
}

QString ServerProcess::executablePath()
{
    return QString::fromLocal8Bit(LEAGUEDESK_SERVER_PATH);
}

QString ServerProcess::databasePath() const
{
    return m_dir.filePath(QStringLiteral("league.db"));
}

bool ServerProcess::start(const QStringList &extraArgs, int timeoutMs)
{
    return launch(extraArgs, timeoutMs) && waitReady(timeoutMs);
}

bool ServerProcess::launch(const QStringList &extraArgs, int timeoutMs)
{
    if (!m_dir.isValid()) {
        m_error = QStringLiteral("no temporary directory");
        return false;
    }
    const QString tokensPath = m_dir.filePath(QStringLiteral("tokens.json"));
    QStringList args{QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0"),
                     QStringLiteral("--database"), QStringLiteral("sqlite:") + databasePath(),
                     QStringLiteral("--demo"),
                     QStringLiteral("--tokens-out"), tokensPath};
    args += extraArgs;

    m_process = std::make_unique<QProcess>();
    m_process->setProcessChannelMode(QProcess::ForwardedErrorChannel);
    m_process->start(executablePath(), args);
    if (!m_process->waitForStarted(timeoutMs)) {
        m_error = QStringLiteral("could not start %1: %2").arg(executablePath(), m_process->errorString());
        return false;
    }
    return true;
}

bool ServerProcess::waitReady(int timeoutMs)
{
    if (!m_process) {
        m_error = QStringLiteral("not launched");
        return false;
    }
    const QString tokensPath = m_dir.filePath(QStringLiteral("tokens.json"));

    // The server prints one line once ready: "listening on http://HOST:PORT".
    static const QRegularExpression listening(QStringLiteral(R"(listening on (http://\S+))"));
    const QDeadlineTimer deadline(timeoutMs);
    while (!deadline.hasExpired()) {
        if (!m_process->canReadLine() && !m_process->waitForReadyRead(int(deadline.remainingTime()))) {
            if (m_process->state() != QProcess::Running)
                break;
            continue;
        }
        while (m_process->canReadLine()) {
            const QByteArray line = m_process->readLine();
            m_output += line;
            const auto match = listening.match(QString::fromUtf8(line));
            if (match.hasMatch()) {
                m_baseUrl = QUrl(match.captured(1));
                QFile tokens(tokensPath);
                if (!tokens.open(QIODevice::ReadOnly)) {
                    m_error = QStringLiteral("server wrote no tokens file");
                    return false;
                }
                const QJsonObject object = QJsonDocument::fromJson(tokens.readAll()).object();
                m_adminToken = object.value(QLatin1String("admin")).toString();
                const QJsonObject managers = object.value(QLatin1String("managers")).toObject();
                for (auto it = managers.begin(); it != managers.end(); ++it)
                    m_managerTokens.insert(it.key(), it.value().toString());
                return !m_adminToken.isEmpty() && !m_managerTokens.isEmpty();
            }
        }
    }
    m_error = QStringLiteral("server did not report listening; output: %1").arg(QString::fromUtf8(m_output));
    return false;
}

int ServerProcess::stop(int timeoutMs)
{
    if (!m_process || m_process->state() == QProcess::NotRunning)
        return m_process ? m_process->exitCode() : 0;
    m_process->terminate();
    if (m_process->waitForFinished(timeoutMs))
        return m_process->exitStatus() == QProcess::NormalExit ? m_process->exitCode() : -1;
    m_process->kill();
    m_process->waitForFinished(timeoutMs);
    return -1;
}
