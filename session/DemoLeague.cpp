#include "DemoLeague.h"

#include "SessionLog.h"
#include "Session.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTimer>

DemoLeague::DemoLeague(QObject *parent) : QObject(parent) { }

DemoLeague::~DemoLeague()
{
    if (m_process && m_process->state() != QProcess::NotRunning) {
        m_process->disconnect(this);
        m_process->terminate();
        if (!m_process->waitForFinished(3000)) // at exit only
            m_process->kill();
    }
}

QString DemoLeague::serverPath()
{
    // LEAGUEDESK_SERVER_PATH names another binary (tests, development).
    if (const QString path = qEnvironmentVariable("LEAGUEDESK_SERVER_PATH"); !path.isEmpty())
        return path;
    const QString name = QStringLiteral("leaguedesk-server");
    const QDir here(QCoreApplication::applicationDirPath());
    for (const QString &candidate : {here.filePath(name), here.filePath(QStringLiteral("../server/") + name)}) {
        if (QFileInfo(candidate).isExecutable())
            return QFileInfo(candidate).canonicalFilePath();
    }
    return QStandardPaths::findExecutable(name);
}

void DemoLeague::start(Session *session, bool asAdmin)
{
    m_session = session;
    m_asAdmin = asAdmin;
    m_error.clear();
    if (isRunning()) {
        signIn();
        return;
    }
    if (m_starting)
        return;
    const QString server = serverPath();
    if (server.isEmpty()) {
        fail(tr("The demo needs leaguedesk-server, which is not installed"));
        return;
    }
    m_dir = std::make_unique<QTemporaryDir>();
    m_process = std::make_unique<QProcess>();
    m_process->setProcessChannelMode(QProcess::SeparateChannels);
    m_process->setStandardErrorFile(QProcess::nullDevice());
    connect(m_process.get(), &QProcess::readyReadStandardOutput, this, &DemoLeague::onOutput);
    connect(m_process.get(), &QProcess::errorOccurred, this, [this](QProcess::ProcessError) {
        fail(tr("The demo server could not start: %1").arg(m_process->errorString()));
    });
    connect(m_process.get(), &QProcess::finished, this, [this] {
        if (m_starting)
            fail(tr("The demo server stopped while starting"));
        m_url.clear();
        Q_EMIT stateChanged();
    });
    m_output.clear();
    m_url.clear();
    m_starting = true;
    Q_EMIT stateChanged();
    qCInfo(lcSession) << "starting the demo league:" << server;
    m_process->start(server, {QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0"),
                              QStringLiteral("--database"), QStringLiteral("sqlite:") + m_dir->filePath(QStringLiteral("demo.db")),
                              QStringLiteral("--demo"), QStringLiteral("--simulate=4"),
                              QStringLiteral("--tokens-out"), m_dir->filePath(QStringLiteral("tokens.json"))});
    // A server that never says it listens is given up on, without blocking anything meanwhile.
    QTimer::singleShot(20000, this, [this] {
        if (m_starting)
            fail(tr("The demo server did not start in time"));
    });
}

void DemoLeague::onOutput()
{
    m_output += m_process->readAllStandardOutput();
    // The server prints one line once ready: "listening on http://HOST:PORT".
    static const QRegularExpression listening(QStringLiteral(R"(listening on (http://\S+))"));
    const auto match = listening.match(QString::fromUtf8(m_output));
    if (!m_starting || !match.hasMatch())
        return;
    m_url = match.captured(1);
    m_starting = false;
    Q_EMIT stateChanged();
    signIn();
}

void DemoLeague::signIn()
{
    QFile file(m_dir->filePath(QStringLiteral("tokens.json")));
    if (!file.open(QIODevice::ReadOnly)) {
        fail(tr("The demo server wrote no access tokens"));
        return;
    }
    const QJsonObject tokens = QJsonDocument::fromJson(file.readAll()).object();
    // The first team's manager: the team the simulator keeps busy.
    const QJsonObject managers = tokens.value(QLatin1String("managers")).toObject();
    const QString token = m_asAdmin ? tokens.value(QLatin1String("admin")).toString()
                                    : (managers.isEmpty() ? QString() : managers.begin().value().toString());
    if (token.isEmpty()) {
        fail(tr("The demo server wrote no access tokens"));
        return;
    }
    if (m_session)
        m_session->signIn(QUrl(m_url), token, false); // a demo on a random port is not remembered
}

void DemoLeague::fail(const QString &message)
{
    qCWarning(lcSession) << "demo league:" << message;
    m_starting = false;
    m_error = message;
    Q_EMIT stateChanged();
}
