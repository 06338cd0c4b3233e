#include "AbuseServer.h"

#include "RawConnection.h"

#include <QDeadlineTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSqlDatabase>
#include <QSqlQuery>

AbuseServer::~AbuseServer()
{
    stop();
}

QString AbuseServer::executable()
{
    // LEAGUEDESK_ABUSE_SERVER runs the suite against another build (e.g. an older one, to measure).
    const QString other = qEnvironmentVariable("LEAGUEDESK_ABUSE_SERVER");
    return other.isEmpty() ? QString::fromLocal8Bit(LEAGUEDESK_SERVER_PATH) : other;
}

bool AbuseServer::start(const QStringList &extraArgs, int timeoutMs)
{
    if (!m_dir.isValid()) {
        m_error = QStringLiteral("no temporary directory");
        return false;
    }
    const QString tokensPath = m_dir.filePath(QStringLiteral("tokens.json"));
    QStringList args{QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0"), QStringLiteral("--database"),
                     QStringLiteral("sqlite:") + databasePath(), QStringLiteral("--demo"),
                     QStringLiteral("--tokens-out"), tokensPath};
    args += extraArgs;
    m_process = std::make_unique<QProcess>();
    m_process->setStandardErrorFile(m_dir.filePath(QStringLiteral("server.log")));
    m_process->start(executable(), args);
    if (!m_process->waitForStarted(timeoutMs)) {
        m_error = m_process->errorString();
        return false;
    }
    static const QRegularExpression listening(QStringLiteral(R"(listening on http://127\.0\.0\.1:(\d+))"));
    QByteArray output;
    const QDeadlineTimer deadline(timeoutMs);
    while (!deadline.hasExpired() && m_process->state() == QProcess::Running) {
        if (!m_process->canReadLine() && !m_process->waitForReadyRead(int(std::min<qint64>(200, deadline.remainingTime()))))
            continue;
        output += m_process->readAll();
        const auto match = listening.match(QString::fromUtf8(output));
        if (!match.hasMatch())
            continue;
        m_port = quint16(match.captured(1).toUInt());
        QFile tokens(tokensPath);
        if (!tokens.open(QIODevice::ReadOnly)) {
            m_error = QStringLiteral("no tokens file");
            return false;
        }
        const QJsonObject object = QJsonDocument::fromJson(tokens.readAll()).object();
        m_admin = object.value(QLatin1String("admin")).toString().toLatin1();
        const QJsonObject managers = object.value(QLatin1String("managers")).toObject();
        for (auto it = managers.begin(); it != managers.end(); ++it)
            m_managers.insert(it.key(), it.value().toString().toLatin1());
        return true;
    }
    m_error = QStringLiteral("server did not come up: %1 %2").arg(QString::fromUtf8(output), QString::fromUtf8(logTail(0)));
    return false;
}

void AbuseServer::stop()
{
    if (!m_process || m_process->state() == QProcess::NotRunning)
        return;
    m_process->terminate();
    if (!m_process->waitForFinished(10000)) {
        m_process->kill();
        m_process->waitForFinished(5000);
    }
}

bool AbuseServer::running() const
{
    return m_process && m_process->state() == QProcess::Running;
}

qint64 AbuseServer::statusKiB(const char *field) const
{
    if (!running())
        return -1;
    QFile status(QStringLiteral("/proc/%1/status").arg(m_process->processId()));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    const QByteArray prefix = QByteArray(field) + ':';
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith(prefix))
            return line.mid(prefix.size()).trimmed().split(' ').value(0).toLongLong();
    }
    return -1;
}

bool AbuseServer::resetPeak() const
{
    if (!running())
        return false;
    QFile clear(QStringLiteral("/proc/%1/clear_refs").arg(m_process->processId()));
    return clear.open(QIODevice::WriteOnly) && clear.write("5") == 1;
}

qint64 AbuseServer::databaseBytes() const
{
    qint64 total = 0;
    for (const char *suffix : {"", "-wal", "-shm"})
        total += QFileInfo(databasePath() + QLatin1String(suffix)).size();
    return total;
}

qint64 AbuseServer::rowCount(const QString &table) const
{
    qint64 count = -1;
    const QString name = QStringLiteral("abuse-count");
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(databasePath());
        db.setConnectOptions(QStringLiteral("QSQLITE_OPEN_READONLY;QSQLITE_BUSY_TIMEOUT=5000"));
        if (db.open()) {
            QSqlQuery q(db);
            if (q.exec(QStringLiteral("SELECT COUNT(*) FROM ") + table) && q.next())
                count = q.value(0).toLongLong();
        }
    }
    QSqlDatabase::removeDatabase(name);
    return count;
}

qint64 AbuseServer::logBytes() const
{
    return QFileInfo(m_dir.filePath(QStringLiteral("server.log"))).size();
}

QByteArray AbuseServer::logTail(qint64 fromOffset) const
{
    QFile log(m_dir.filePath(QStringLiteral("server.log")));
    if (!log.open(QIODevice::ReadOnly))
        return {};
    log.seek(fromOffset);
    return log.read(64 * 1024);
}

bool AbuseServer::healthy(int timeoutMs) const
{
    if (!running())
        return false;
    RawConnection c(m_port);
    const QDeadlineTimer deadline(timeoutMs);
    return c.send("GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n", deadline) && c.readStatus(deadline) == 200;
}

QJsonObject AbuseServer::connectionStats() const
{
    RawConnection c(m_port);
    const QDeadlineTimer deadline(15000); // generous: the server may still be busy with an attack
    QByteArray all;
    if (!c.send("GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n", deadline) || c.readStatus(deadline, &all) != 200)
        return {};
    const QByteArray body = all.mid(all.indexOf("\r\n\r\n") + 4);
    return QJsonDocument::fromJson(body).object().value(QLatin1String("connections")).toObject();
}

int AbuseServer::tokenCommand(const QStringList &args, QByteArray *out) const
{
    QProcess p;
    p.start(executable(), QStringList{QStringLiteral("token")} + args
                              + QStringList{QStringLiteral("--database"), QStringLiteral("sqlite:") + databasePath()});
    if (!p.waitForFinished(20000))
        return -1;
    if (out)
        *out = p.readAllStandardOutput();
    return p.exitCode();
}
